import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { listEmployerOptions } from "@/lib/employers/data";
import { listSkillCatalogue } from "@/lib/persons/data";
import { loadDivisionOptions } from "@/lib/reference/loaders";
import { regionPath } from "@/lib/reference/regions";
import { getVacancy, listOccupationOptions, listVacancies, occupationTitles } from "@/lib/vacancies/data";
import { vacancyListQuerySchema } from "@/lib/vacancies/schema";

export async function loadVacancyList(params: Record<string, string | string[] | undefined>) {
  const { user } = await requireActor("vacancy.view");
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v));
  const parsed = vacancyListQuerySchema.safeParse(flat);
  const query = parsed.success ? parsed.data : {};
  const page = await listVacancies(query);
  return {
    query,
    nextAfter: page.nextAfter,
    canManage: can(user.role, "vacancy.manage"),
    rows: page.rows.map((r) => ({ ...r, place: regionPath(r.countyCode).join(" ") })),
  };
}

// Cached per request: generateMetadata and the page both ask for it.
export const loadVacancyPage = cache(async (id: number) => {
  const { scope, user } = await requireActor("vacancy.view");
  const vacancy = await getVacancy(id);
  if (!vacancy) notFound();
  const titles = vacancy.occupationCode ? await occupationTitles([vacancy.occupationCode]) : new Map();
  const manages = scope.officeIds === "ALL" || scope.officeIds.includes(vacancy.officeId);
  return {
    vacancy,
    place: regionPath(vacancy.countyCode).join(" "),
    occupation: vacancy.occupationCode ? (titles.get(vacancy.occupationCode) ?? null) : null,
    canManage: can(user.role, "vacancy.manage") && manages,
  };
});

/** Occupations as a tree for the picker (major > medium > minor > occupation); the placement forms use it too. */
export async function occupationTree() {
  const rows = await listOccupationOptions();
  type Node = { value: string; title: string; children?: Node[] };
  const byCode = new Map<string, Node>();
  const roots: Node[] = [];
  for (const r of rows) {
    const node: Node = { value: r.code, title: `${r.code} ${r.title}` };
    byCode.set(r.code, node);
    const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export async function loadVacancyForm(id?: number) {
  const { scope } = await requireActor("vacancy.manage");
  const vacancy = id ? await getVacancy(id) : null;
  if (id && !vacancy) notFound();
  const [employers, skills, occupations, divisions] = await Promise.all([
    listEmployerOptions(scope.officeIds),
    listSkillCatalogue(),
    occupationTree(),
    loadDivisionOptions([vacancy?.divisionCode], 5),
  ]);
  return { vacancy, employers, skills, occupations, divisions };
}

export type VacancyFormData = Awaited<ReturnType<typeof loadVacancyForm>>;
