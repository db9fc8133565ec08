import "server-only";
import { db, type Tx } from "@/lib/db";
import { isKnownCountyCode } from "@/lib/reference/regions";

export type DivisionOption = { code: string; name: string; level: number };

export async function listDivisionChildren(parentCode: string | null): Promise<DivisionOption[]> {
  return db().division.findMany({
    where: { parentCode },
    orderBy: { code: "asc" },
    select: { code: true, name: true, level: true },
  });
}

/** Names for the codes on a path (province .. village), for labels of stored codes. */
export async function divisionNames(codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db().division.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } });
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Whether an administrative division code (county, town or village) exists. */
export async function divisionExists(tx: Tx, code: string): Promise<boolean> {
  if (code.length === 6) return isKnownCountyCode(code);
  return (await tx.division.count({ where: { code } })) > 0;
}
