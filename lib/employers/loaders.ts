import "server-only";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { getEmployer, listEmployers } from "@/lib/employers/data";
import { loadDivisionLabels, loadDivisionOptions } from "@/lib/reference/loaders";

export async function loadEmployerList(params: { q?: string; after?: string }) {
  const { user } = await requireActor("employer.view");
  const after = Number(params.after);
  const page = await listEmployers({ q: params.q, after: Number.isSafeInteger(after) && after > 0 ? after : undefined });
  const labels = await loadDivisionLabels(page.rows.map((r) => r.divisionCode));
  return { ...page, q: params.q ?? "", labels: Object.fromEntries(labels), canManage: can(user.role, "employer.manage") };
}

export async function loadEmployerPage(id: number) {
  const { scope, user } = await requireActor("employer.view");
  const employer = await getEmployer(id);
  if (!employer) notFound();
  const labels = await loadDivisionLabels([employer.divisionCode]);
  const manages = scope.officeIds === "ALL" || scope.officeIds.includes(employer.officeId);
  return { employer, place: labels.get(employer.divisionCode) ?? employer.divisionCode, canManage: can(user.role, "employer.manage") && manages };
}

export async function loadEmployerForm(id?: number) {
  await requireActor("employer.manage");
  const employer = id ? await getEmployer(id) : null;
  if (id && !employer) notFound();
  return { employer, divisions: await loadDivisionOptions([employer?.divisionCode], 5) };
}
