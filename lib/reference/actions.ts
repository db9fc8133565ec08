"use server";
import { requireActor } from "@/lib/auth/session";
import { listDivisionChildren } from "@/lib/reference/data";

export async function loadDivisionChildrenAction(parentCode: string, maxLevel = 5) {
  await requireActor();
  if (!/^\d{2,9}$/.test(parentCode)) return [];
  const rows = await listDivisionChildren(parentCode);
  return rows.map((d) => ({ value: d.code, label: d.name, isLeaf: d.level >= maxLevel }));
}
