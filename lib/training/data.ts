import "server-only";
import { db } from "@/lib/db";
import { maskedIdOf } from "@/lib/pii";
import type { Prisma } from "@/lib/generated/prisma/client";
import { personScopeWhere, type Scope } from "@/lib/auth/scope";
import type { ProgrammeListQuery } from "@/lib/training/schema";

// Reads of training. Programmes and cohorts are not personal data (like vacancies: every role
// reads them). Enrolments, attendance and allowance payments are: every read of them carries the
// person scope in its where, so another office's caseworker finds none, and a partner only its
// own people's (docs/decisions/011-training.md).

export const PROGRAMME_PAGE = 20;

/** One page of programmes, newest first by keyset (id < after). */
export async function listProgrammes(query: ProgrammeListQuery) {
  const q = query.q?.trim();
  const where: Prisma.TrainingProgrammeWhereInput = {
    ...(q ? { OR: [{ title: { contains: q } }, { providerName: { contains: q } }] } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.delivery ? { delivery: query.delivery } : {}),
    ...(query.officeId ? { officeId: query.officeId } : {}),
    ...(query.after ? { id: { lt: query.after } } : {}),
  };
  const rows = await db().trainingProgramme.findMany({
    where,
    orderBy: { id: "desc" },
    take: PROGRAMME_PAGE + 1,
    select: {
      id: true, title: true, kind: true, delivery: true, divisionCode: true, startDate: true, endDate: true, capacity: true, subsidyPerPerson: true,
      providerName: true, officeId: true, active: true,
      office: { select: { name: true, nameEn: true } },
      _count: { select: { cohorts: true } },
    },
  });
  const hasMore = rows.length > PROGRAMME_PAGE;
  const page = hasMore ? rows.slice(0, PROGRAMME_PAGE) : rows;
  return { rows: page, nextAfter: hasMore ? page[page.length - 1]!.id : null };
}

/** Offices that run programmes, for the list's filter. */
export async function listProgrammeOffices() {
  return db().office.findMany({
    where: { id: { in: (await db().trainingProgramme.findMany({ distinct: ["officeId"], select: { officeId: true } })).map((r) => r.officeId) } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, nameEn: true },
  });
}

/** Training institutions of ours, the provider picker's choices. */
export async function listProviderOffices() {
  return db().office.findMany({ where: { kind: "TRAINING_INSTITUTION", active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, nameEn: true } });
}

export async function getProgramme(id: number) {
  return db().trainingProgramme.findUnique({
    where: { id },
    include: {
      office: { select: { id: true, name: true, nameEn: true } },
      providerOffice: { select: { id: true, name: true, nameEn: true } },
      skills: { include: { skill: { select: { id: true, code: true, nameZh: true, nameEn: true } } }, orderBy: { skillId: "asc" } },
      cohorts: { orderBy: [{ startDate: "desc" }, { id: "desc" }] },
    },
  });
}
export type ProgrammeDetail = NonNullable<Awaited<ReturnType<typeof getProgramme>>>;

/** Places taken in each cohort (a count, not who): everyone but those who withdrew. */
export async function placesTaken(cohortIds: number[]): Promise<Map<number, number>> {
  if (!cohortIds.length) return new Map();
  const rows = await db().enrolment.groupBy({ by: ["cohortId"], where: { cohortId: { in: cohortIds }, status: { not: "WITHDRAWN" } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.cohortId, r._count._all]));
}

export async function getCohort(id: number) {
  return db().trainingCohort.findUnique({
    where: { id },
    include: {
      office: { select: { id: true, name: true, nameEn: true } },
      programme: {
        select: {
          id: true, title: true, kind: true, delivery: true, officeId: true, startDate: true, endDate: true, divisionCode: true, providerName: true,
          skills: { include: { skill: { select: { id: true, nameZh: true, nameEn: true } } } },
        },
      },
    },
  });
}
export type CohortDetail = NonNullable<Awaited<ReturnType<typeof getCohort>>>;

/** The cohort's people the scope may see, by name, with their attendance counts and months paid. */
export async function listRoster(scope: Scope, cohortId: number) {
  const enrolments = await db().enrolment.findMany({
    where: { cohortId, person: personScopeWhere(scope) },
    orderBy: [{ person: { name: "asc" } }, { id: "asc" }],
    select: {
      id: true, personId: true, status: true, enrolledOn: true, endedOn: true, certificate: true, certificateNumber: true, note: true, version: true,
      person: { select: { id: true, name: true, idCipher: true, originDivisionCode: true, employmentStatus: true } },
    },
  });
  const ids = enrolments.map((e) => e.id);
  const [attendance, paid] = ids.length
    ? await Promise.all([
        db().attendanceRecord.groupBy({ by: ["enrolmentId", "status"], where: { enrolmentId: { in: ids } }, _count: { _all: true } }),
        db().allowancePayment.groupBy({ by: ["enrolmentId"], where: { enrolmentId: { in: ids } }, _count: { _all: true }, _sum: { amount: true } }),
      ])
    : [[], []];
  const counts = new Map<number, { present: number; absent: number; excused: number }>();
  for (const a of attendance) {
    const c = counts.get(a.enrolmentId) ?? { present: 0, absent: 0, excused: 0 };
    if (a.status === "PRESENT") c.present += a._count._all;
    else if (a.status === "ABSENT") c.absent += a._count._all;
    else c.excused += a._count._all;
    counts.set(a.enrolmentId, c);
  }
  const paidBy = new Map(paid.map((p) => [p.enrolmentId, { months: p._count._all, amount: p._sum.amount ?? 0 }]));
  // The roster tells people apart by the last four of their ID number, read from the ciphertext.
  return enrolments.map(({ person: { idCipher, ...person }, ...e }) => ({
    ...e,
    person: { ...person, idLast4: maskedIdOf(idCipher).slice(-4) },
    attendance: counts.get(e.id) ?? { present: 0, absent: 0, excused: 0 },
    paid: paidBy.get(e.id) ?? { months: 0, amount: 0 },
  }));
}
export type RosterRow = Awaited<ReturnType<typeof listRoster>>[number];

/** The register of one day, for the people in scope. */
export async function attendanceOn(scope: Scope, cohortId: number, day: Date) {
  return db().attendanceRecord.findMany({ where: { cohortId, day, enrolment: { person: personScopeWhere(scope) } }, select: { enrolmentId: true, status: true } });
}

/** Days a register was kept, newest first (the people in scope). */
export async function registerDays(scope: Scope, cohortId: number) {
  const rows = await db().attendanceRecord.groupBy({ by: ["day"], where: { cohortId, enrolment: { person: personScopeWhere(scope) } }, _count: { _all: true }, orderBy: { day: "desc" }, take: 60 });
  return rows.map((r) => ({ day: r.day, marks: r._count._all }));
}

/** What was paid to whom, when, by whom, newest month first (the people in scope). */
export async function listLedger(scope: Scope, cohortId: number) {
  const rows = await db().allowancePayment.findMany({
    where: { cohortId, person: personScopeWhere(scope) },
    orderBy: [{ month: "desc" }, { person: { name: "asc" } }, { id: "asc" }],
    select: { id: true, enrolmentId: true, month: true, amount: true, paidOn: true, reference: true, paidById: true, createdAt: true, person: { select: { id: true, name: true } } },
  });
  const userIds = [...new Set(rows.map((r) => r.paidById).filter((v): v is number => v !== null))];
  const users = new Map((await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({ ...r, paidBy: r.paidById ? (users.get(r.paidById) ?? null) : null }));
}
export type LedgerRow = Awaited<ReturnType<typeof listLedger>>[number];

/**
 * The programme's enrolments among the people in scope, with each person's placements: what
 * the outcome rules count (lib/training/rules.ts programmeOutcomes).
 */
export async function listOutcomeRows(scope: Scope, programmeId: number) {
  const enrolments = await db().enrolment.findMany({
    where: { cohort: { programmeId }, person: personScopeWhere(scope) },
    select: { personId: true, enrolledOn: true, status: true, certificate: true },
  });
  const personIds = [...new Set(enrolments.map((e) => e.personId))];
  const placements = personIds.length
    ? await db().placement.findMany({ where: { personId: { in: personIds } }, select: { personId: true, startDate: true, endDate: true, status: true } })
    : [];
  const byPerson = new Map<number, typeof placements>();
  for (const p of placements) byPerson.set(p.personId, [...(byPerson.get(p.personId) ?? []), p]);
  return enrolments.map((e) => ({ ...e, placements: byPerson.get(e.personId) ?? [] }));
}

/** A person's training, newest first, with attendance and allowance figures. */
export async function listTrainingForPerson(scope: Scope, personId: number) {
  const rows = await db().enrolment.findMany({
    where: { personId, person: personScopeWhere(scope) },
    orderBy: [{ enrolledOn: "desc" }, { id: "desc" }],
    select: {
      id: true, status: true, enrolledOn: true, endedOn: true, certificate: true, certificateNumber: true, note: true,
      cohort: { select: { id: true, name: true, startDate: true, endDate: true, status: true, monthlyAllowance: true, tuitionFree: true, programme: { select: { id: true, title: true, kind: true, delivery: true, providerName: true } } } },
    },
  });
  const ids = rows.map((r) => r.id);
  const [attendance, paid] = ids.length
    ? await Promise.all([
        db().attendanceRecord.groupBy({ by: ["enrolmentId", "status"], where: { enrolmentId: { in: ids } }, _count: { _all: true } }),
        db().allowancePayment.groupBy({ by: ["enrolmentId"], where: { enrolmentId: { in: ids } }, _count: { _all: true }, _sum: { amount: true } }),
      ])
    : [[], []];
  return rows.map((r) => {
    const marks = attendance.filter((a) => a.enrolmentId === r.id);
    const count = (s: string) => marks.filter((m) => m.status === s).reduce((n, m) => n + m._count._all, 0);
    const p = paid.find((x) => x.enrolmentId === r.id);
    return { ...r, attendance: { present: count("PRESENT"), absent: count("ABSENT"), excused: count("EXCUSED") }, paid: { months: p?._count._all ?? 0, amount: p?._sum.amount ?? 0 } };
  });
}

/** Whether the person is in the scope (the enrol picker's check before showing a name). */
export async function personVisible(scope: Scope, personId: number) {
  return db().person.findFirst({ where: { id: personId, ...personScopeWhere(scope) }, select: { id: true, name: true } });
}

/** Which of these people are already in the cohort (the search shows them as enrolled). */
export async function enrolledPersonIds(cohortId: number, personIds: number[]): Promise<Set<number>> {
  if (!personIds.length) return new Set();
  const rows = await db().enrolment.findMany({ where: { cohortId, personId: { in: personIds } }, select: { personId: true } });
  return new Set(rows.map((r) => r.personId));
}
