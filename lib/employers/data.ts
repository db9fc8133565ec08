import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export const EMPLOYER_PAGE = 50;

/** Employers are not personal data: every signed-in role may read them. */
export async function listEmployers(query: { q?: string; after?: number }) {
  const q = query.q?.trim();
  const rows = await db().employer.findMany({
    where: {
      ...(q ? { OR: [{ name: { contains: q } }, { uscc: q.toUpperCase() }] } : {}),
      ...(query.after ? { id: { lt: query.after } } : {}),
    },
    orderBy: { id: "desc" },
    take: EMPLOYER_PAGE + 1,
    select: { id: true, name: true, uscc: true, industry: true, divisionCode: true, contactName: true, contactPhone: true, officeId: true, office: { select: { name: true, nameEn: true } }, _count: { select: { vacancies: true } } },
  });
  const hasMore = rows.length > EMPLOYER_PAGE;
  const page = hasMore ? rows.slice(0, EMPLOYER_PAGE) : rows;
  return { rows: page, nextAfter: hasMore ? page[page.length - 1]!.id : null };
}

export async function getEmployer(id: number) {
  return db().employer.findUnique({
    where: { id },
    include: { office: { select: { id: true, name: true, nameEn: true } }, vacancies: { orderBy: { id: "desc" }, take: 100, select: { id: true, title: true, status: true, openings: true, filled: true, kind: true } } },
  });
}

export async function listEmployerOptions(officeIds: readonly number[] | "ALL") {
  return db().employer.findMany({
    where: officeIds === "ALL" ? {} : { officeId: { in: [...officeIds] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
    take: 2000,
  });
}

export function employerWhereForSearch(q: string): Prisma.EmployerWhereInput {
  return { name: { contains: q } };
}
