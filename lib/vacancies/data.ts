import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VacancyListQuery } from "@/lib/vacancies/schema";

export const VACANCY_PAGE = 50;

/** Vacancies are not personal data: every signed-in role may read them (keyset, newest first). */
export async function listVacancies(query: VacancyListQuery) {
  const q = query.q?.trim();
  const where: Prisma.VacancyWhereInput = {
    ...(q ? { OR: [{ title: { contains: q } }, { employer: { name: { contains: q } } }] } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.region ? { countyCode: { startsWith: query.region } } : {}),
    ...(query.employerId ? { employerId: query.employerId } : {}),
    ...(query.after ? { id: { lt: query.after } } : {}),
  };
  const rows = await db().vacancy.findMany({
    where,
    orderBy: { id: "desc" },
    take: VACANCY_PAGE + 1,
    select: {
      id: true, title: true, kind: true, status: true, openings: true, filled: true, wageMin: true, wageMax: true, countyCode: true,
      roomAndBoard: true, trainingProvided: true, genderRequirement: true, occupationCode: true, officeId: true,
      employer: { select: { id: true, name: true } },
    },
  });
  const hasMore = rows.length > VACANCY_PAGE;
  const page = hasMore ? rows.slice(0, VACANCY_PAGE) : rows;
  return { rows: page, nextAfter: hasMore ? page[page.length - 1]!.id : null };
}

export async function getVacancy(id: number) {
  return db().vacancy.findUnique({
    where: { id },
    include: {
      employer: { select: { id: true, name: true, uscc: true } },
      office: { select: { id: true, name: true, nameEn: true } },
      skills: { include: { skill: { select: { id: true, code: true, nameZh: true, nameEn: true } } } },
    },
  });
}

export type VacancyDetail = NonNullable<Awaited<ReturnType<typeof getVacancy>>>;

export async function listOccupationOptions() {
  return db().occupation.findMany({ orderBy: { code: "asc" }, select: { code: true, title: true, titleEn: true, level: true, parentCode: true } });
}

export async function occupationTitles(codes: string[]) {
  if (!codes.length) return new Map<string, { title: string; titleEn: string | null }>();
  const rows = await db().occupation.findMany({ where: { code: { in: codes } }, select: { code: true, title: true, titleEn: true } });
  return new Map(rows.map((r) => [r.code, { title: r.title, titleEn: r.titleEn }]));
}

/** What a suggestion card shows about each vacancy. */
export async function listVacancySummaries(ids: number[]) {
  if (!ids.length) return new Map<number, VacancySummary>();
  const rows = await db().vacancy.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, kind: true, status: true, openings: true, filled: true, wageMin: true, wageMax: true, countyCode: true, roomAndBoard: true, trainingProvided: true, trainingDescription: true, trainingDays: true, occupationCode: true, employer: { select: { id: true, name: true } } },
  });
  return new Map(rows.map((r) => [r.id, r]));
}
export type VacancySummary = {
  id: number;
  title: string;
  kind: string;
  status: string;
  openings: number;
  filled: number;
  wageMin: number | null;
  wageMax: number | null;
  countyCode: string;
  roomAndBoard: boolean;
  trainingProvided: boolean;
  trainingDescription: string | null;
  trainingDays: number | null;
  occupationCode: string | null;
  employer: { id: number; name: string };
};

/** Open vacancies for pickers (drives, "why not this job?", placements), newest first. */
export async function listOpenVacancyOptions(limit = 2000) {
  return db().vacancy.findMany({
    where: { status: "OPEN" },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, title: true, openings: true, filled: true, countyCode: true, wageMin: true, wageMax: true, roomAndBoard: true, employer: { select: { name: true } } },
  });
}
