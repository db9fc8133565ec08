import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { personScopeWhere, type Scope } from "@/lib/auth/scope";
import { addDays, ESCALATE_AFTER_FAILED_ATTEMPTS, LASTING_DAYS } from "@/lib/placements/rules";

// Reads of placements and follow-ups. Every read carries the person scope: a placement or a
// follow-up is personal data of the person it is about.

/** The offices a scope covers as SQL on a column holding an office id (follow-ups, placements). */
function officeSql(scope: Scope, column: Prisma.Sql): Prisma.Sql {
  if (scope.role === "PARTNER") throw new AppError("FORBIDDEN");
  if (scope.officeIds === "ALL") return Prisma.sql`TRUE`;
  return Prisma.sql`${column} = ANY(${[...scope.officeIds]}::int[])`;
}

/** The person's placements, oldest first (the chain reads as a story), with support measures. */
export async function listPlacementsForPerson(scope: Scope, personId: number) {
  const rows = await db().placement.findMany({
    where: { personId, person: personScopeWhere(scope) },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    select: {
      id: true, personId: true, vacancyId: true, referralId: true, previousPlacementId: true, title: true, occupationCode: true, countyCode: true,
      roomAndBoard: true, monthlyWage: true, contractType: true, startDate: true, endDate: true, endReason: true, endNote: true, status: true,
      version: true, createdAt: true, createdById: true, endedById: true,
      employer: { select: { id: true, name: true } },
      supports: { orderBy: { id: "asc" }, select: { id: true, kind: true, monthlyAmount: true, startDate: true, endDate: true, note: true } },
    },
  });
  const userIds = [...new Set(rows.flatMap((r) => [r.createdById, r.endedById]).filter((v): v is number => v !== null))];
  const users = new Map((await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({ ...r, createdBy: r.createdById ? (users.get(r.createdById) ?? null) : null, endedBy: r.endedById ? (users.get(r.endedById) ?? null) : null }));
}
export type PlacementTimelineRow = Awaited<ReturnType<typeof listPlacementsForPerson>>[number];

export async function getPlacement(scope: Scope, placementId: number) {
  return db().placement.findFirst({
    where: { id: placementId, person: personScopeWhere(scope) },
    select: {
      id: true, personId: true, vacancyId: true, title: true, countyCode: true, roomAndBoard: true, monthlyWage: true, contractType: true,
      startDate: true, endDate: true, endReason: true, endNote: true, status: true, version: true,
      employer: { select: { id: true, name: true } },
      person: { select: { id: true, name: true } },
      supports: { orderBy: { id: "asc" }, select: { kind: true, monthlyAmount: true, startDate: true, endDate: true, note: true } },
    },
  });
}

/** Display names of the users who recorded these contacts (one query, not one per contact). */
async function withRecorders<C extends { recordedById: number | null }>(contacts: C[]): Promise<(C & { recordedBy: string | null })[]> {
  const ids = [...new Set(contacts.map((c) => c.recordedById).filter((v): v is number => v !== null))];
  const names = ids.length ? new Map((await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName])) : new Map<number, string>();
  return contacts.map((c) => ({ ...c, recordedBy: c.recordedById ? (names.get(c.recordedById) ?? null) : null }));
}

/** The person's follow-ups, newest due first, with every attempt to reach them and who made it. */
export async function listFollowUpsForPerson(scope: Scope, personId: number) {
  const rows = await db().followUp.findMany({
    where: { personId, person: personScopeWhere(scope) },
    orderBy: [{ dueDate: "desc" }, { id: "desc" }],
    take: 100,
    select: {
      id: true, placementId: true, reason: true, cadenceDay: true, dueDate: true, status: true, failedAttempts: true, escalatedAt: true, completedAt: true, outcome: true, note: true,
      caseworker: { select: { id: true, displayName: true } },
      placement: { select: { id: true, title: true, employer: { select: { name: true } } } },
      contacts: { orderBy: { at: "asc" }, select: { id: true, at: true, channel: true, reached: true, outcome: true, income: true, notes: true, recordedById: true } },
    },
  });
  const contacts = await withRecorders(rows.flatMap((r) => r.contacts));
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return rows.map((r) => ({ ...r, contacts: r.contacts.map((c) => byId.get(c.id)!) }));
}
export type PersonFollowUp = Awaited<ReturnType<typeof listFollowUpsForPerson>>[number];

/** One follow-up for the record form: the person, the job, what was tried and by whom. */
export async function getFollowUp(scope: Scope, followUpId: number) {
  const row = await db().followUp.findFirst({
    where: { id: followUpId, person: personScopeWhere(scope) },
    select: {
      id: true, personId: true, placementId: true, reason: true, cadenceDay: true, dueDate: true, status: true, failedAttempts: true, escalatedAt: true, outcome: true, note: true, version: true,
      person: { select: { id: true, name: true, phone: true } },
      placement: { select: { id: true, title: true, status: true, version: true, monthlyWage: true, startDate: true, employer: { select: { name: true } } } },
      caseworker: { select: { id: true, displayName: true } },
      contacts: { orderBy: { at: "asc" }, select: { id: true, at: true, channel: true, reached: true, outcome: true, income: true, notes: true, recordedById: true } },
    },
  });
  return row && { ...row, contacts: await withRecorders(row.contacts) };
}

export type DayItem = {
  id: number;
  dueDate: Date;
  reason: "PLACEMENT" | "MONITORING" | "MANUAL";
  cadenceDay: number | null;
  failedAttempts: number;
  escalatedAt: Date | null;
  note: string | null;
  personId: number;
  personName: string;
  phone: string | null;
  jobTitle: string | null;
  employerName: string | null;
};

/** How many items of each part "My day" lists at most (the counts are exact). */
export const DAY_LIST_LIMIT = 200;

/**
 * "My day" for one caseworker: open follow-ups overdue, due today and due in the next 7 days,
 * with exact counts. A supervisor may read any caseworker of their offices; a caseworker only
 * their own. Two statements on the partial index follow_ups_open_caseworker_due_idx.
 */
export async function myDay(scope: Scope, caseworkerId: number, today: Date) {
  if (scope.role === "CASEWORKER" && caseworkerId !== scope.userId) throw new AppError("NOT_FOUND");
  const offices = officeSql(scope, Prisma.sql`f.office_id`);
  const weekEnd = addDays(today, 7);
  const [counts, items] = await Promise.all([
    db().$queryRaw<{ overdue: number; today: number; week: number; escalated: number }[]>`
      SELECT count(*) FILTER (WHERE f.due_date < ${today}::date)::int AS overdue,
             count(*) FILTER (WHERE f.due_date = ${today}::date)::int AS today,
             count(*) FILTER (WHERE f.due_date > ${today}::date)::int AS week,
             count(*) FILTER (WHERE f.failed_attempts >= ${ESCALATE_AFTER_FAILED_ATTEMPTS})::int AS escalated
        FROM follow_ups f
       WHERE f.status = 'OPEN' AND f.caseworker_id = ${caseworkerId} AND f.due_date <= ${weekEnd}::date AND ${offices}`,
    db().$queryRaw<DayItem[]>`
      (SELECT f.id, f.due_date AS "dueDate", f.reason::text AS reason, f.cadence_day AS "cadenceDay", f.failed_attempts AS "failedAttempts", f.escalated_at AS "escalatedAt",
              f.note, p.id AS "personId", p.name AS "personName", p.phone, pl.title AS "jobTitle", e.name AS "employerName"
         FROM follow_ups f
         JOIN persons p ON p.id = f.person_id
         LEFT JOIN placements pl ON pl.id = f.placement_id
         LEFT JOIN employers e ON e.id = pl.employer_id
        WHERE f.status = 'OPEN' AND f.caseworker_id = ${caseworkerId} AND f.due_date < ${today}::date AND ${offices}
        ORDER BY f.due_date, f.id LIMIT ${DAY_LIST_LIMIT})
      UNION ALL
      (SELECT f.id, f.due_date, f.reason::text, f.cadence_day, f.failed_attempts, f.escalated_at, f.note, p.id, p.name, p.phone, pl.title, e.name
         FROM follow_ups f
         JOIN persons p ON p.id = f.person_id
         LEFT JOIN placements pl ON pl.id = f.placement_id
         LEFT JOIN employers e ON e.id = pl.employer_id
        WHERE f.status = 'OPEN' AND f.caseworker_id = ${caseworkerId} AND f.due_date >= ${today}::date AND f.due_date <= ${weekEnd}::date AND ${offices}
        ORDER BY f.due_date, f.id LIMIT ${DAY_LIST_LIMIT})`,
  ]);
  return { counts: counts[0] ?? { overdue: 0, today: 0, week: 0, escalated: 0 }, items };
}

/**
 * A user whose day a supervisor may open: one of the offices the scope covers. Also someone
 * deactivated, whose open follow-ups still show in the supervisor's table until they are handed
 * over. Anyone else is "not found", like a record outside the scope.
 */
export async function getCaseworkerInScope(scope: Scope, userId: number) {
  return db().user.findFirst({
    where: { id: userId, ...(scope.officeIds === "ALL" ? {} : { officeId: { in: [...scope.officeIds] } }) },
    select: { id: true, displayName: true, office: { select: { id: true, name: true, nameEn: true } } },
  });
}

export type CaseworkerLoad = { caseworkerId: number | null; displayName: string | null; officeId: number; officeName: string; officeNameEn: string; overdue: number; today: number; week: number; escalated: number };

/**
 * The supervisor's view: for every caseworker of the offices in scope (and the unassigned), the
 * open follow-ups overdue, due today and this week, and the escalated ones; most overdue first.
 */
export async function supervisorOverview(scope: Scope, today: Date): Promise<CaseworkerLoad[]> {
  const weekEnd = addDays(today, 7);
  const followUpOffices = officeSql(scope, Prisma.sql`f.office_id`);
  const userOffices = officeSql(scope, Prisma.sql`u.office_id`);
  return db().$queryRaw<CaseworkerLoad[]>`
    WITH loads AS (
      SELECT f.caseworker_id, f.office_id,
             count(*) FILTER (WHERE f.due_date < ${today}::date)::int AS overdue,
             count(*) FILTER (WHERE f.due_date = ${today}::date)::int AS today,
             count(*) FILTER (WHERE f.due_date > ${today}::date)::int AS week,
             count(*) FILTER (WHERE f.failed_attempts >= ${ESCALATE_AFTER_FAILED_ATTEMPTS})::int AS escalated
        FROM follow_ups f
       WHERE f.status = 'OPEN' AND f.due_date <= ${weekEnd}::date AND ${followUpOffices}
       GROUP BY f.caseworker_id, f.office_id
    ), staff AS (
      SELECT u.id, u.display_name, u.office_id FROM users u
       WHERE u.active AND u.role IN ('CASEWORKER', 'SUPERVISOR') AND ${userOffices}
    )
    SELECT coalesce(s.id, l.caseworker_id) AS "caseworkerId", coalesce(s.display_name, u2.display_name) AS "displayName",
           coalesce(s.office_id, l.office_id) AS "officeId", o.name AS "officeName", o.name_en AS "officeNameEn",
           coalesce(sum(l.overdue), 0)::int AS overdue, coalesce(sum(l.today), 0)::int AS today,
           coalesce(sum(l.week), 0)::int AS week, coalesce(sum(l.escalated), 0)::int AS escalated
      FROM staff s
      FULL JOIN loads l ON l.caseworker_id = s.id
      LEFT JOIN users u2 ON u2.id = l.caseworker_id
      JOIN offices o ON o.id = coalesce(s.office_id, l.office_id)
     GROUP BY 1, 2, 3, 4, 5
     ORDER BY overdue DESC, escalated DESC, "displayName" NULLS FIRST`;
}

/** Open follow-ups that went to the supervisor (three failed attempts), in the offices in scope. */
export async function listEscalations(scope: Scope) {
  const offices = officeSql(scope, Prisma.sql`f.office_id`);
  return db().$queryRaw<(DayItem & { caseworkerName: string | null })[]>`
    SELECT f.id, f.due_date AS "dueDate", f.reason::text AS reason, f.cadence_day AS "cadenceDay", f.failed_attempts AS "failedAttempts", f.escalated_at AS "escalatedAt",
           f.note, p.id AS "personId", p.name AS "personName", p.phone, pl.title AS "jobTitle", e.name AS "employerName", u.display_name AS "caseworkerName"
      FROM follow_ups f
      JOIN persons p ON p.id = f.person_id
      LEFT JOIN placements pl ON pl.id = f.placement_id
      LEFT JOIN employers e ON e.id = pl.employer_id
      LEFT JOIN users u ON u.id = f.caseworker_id
     WHERE f.status = 'OPEN' AND f.failed_attempts >= ${ESCALATE_AFTER_FAILED_ATTEMPTS} AND ${offices}
     ORDER BY f.escalated_at NULLS FIRST, f.due_date
     LIMIT 200`;
}

export type ReassignmentReport = {
  people: number;
  peopleReassigned: number;
  moves: number;
  reasons: { reason: string; count: number }[];
  chainLengths: { placements: number; people: number }[];
  daysToLasting: { median: number | null; mean: number | null; count: number };
};

/**
 * Reassignments among the people in scope whose first placement started in [from, to]: how many
 * needed one, how many moves, why the replaced placements ended, and for the reassigned, the days
 * from their first start to the start of a placement that lasted LASTING_DAYS (or still runs
 * and has). One statement; the figures come from the placements table alone.
 */
export async function reassignmentReport(scope: Scope, period: { from: Date; to: Date }, today: Date): Promise<ReassignmentReport> {
  const offices = officeSql(scope, Prisma.sql`pl.office_id`);
  const scoped = Prisma.sql`
    SELECT pl.id, pl.person_id, pl.start_date, pl.end_date, pl.end_reason, pl.previous_placement_id
      FROM placements pl
     WHERE ${offices}
       AND pl.person_id IN (SELECT person_id FROM placements f WHERE ${officeSql(scope, Prisma.sql`f.office_id`)} GROUP BY person_id
                             HAVING min(f.start_date) BETWEEN ${period.from}::date AND ${period.to}::date)`;
  const [summary] = await db().$queryRaw<{ people: number; reassigned: number; moves: number; median: number | null; mean: number | null; lasting: number }[]>`
    WITH pl AS (${scoped}),
    per_person AS (
      SELECT person_id, count(*)::int AS placements, count(previous_placement_id)::int AS moves, min(start_date) AS first_start,
             min(start_date) FILTER (WHERE coalesce(end_date, ${today}::date) - start_date >= ${LASTING_DAYS}) AS lasting_start
        FROM pl GROUP BY person_id
    )
    SELECT count(*)::int AS people,
           count(*) FILTER (WHERE moves > 0)::int AS reassigned,
           coalesce(sum(moves), 0)::int AS moves,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY lasting_start - first_start) FILTER (WHERE moves > 0 AND lasting_start IS NOT NULL) AS median,
           round(avg(lasting_start - first_start) FILTER (WHERE moves > 0 AND lasting_start IS NOT NULL))::int AS mean,
           count(*) FILTER (WHERE moves > 0 AND lasting_start IS NOT NULL)::int AS lasting
      FROM per_person`;
  const reasons = await db().$queryRaw<{ reason: string; count: number }[]>`
    WITH pl AS (${scoped})
    SELECT old.end_reason::text AS reason, count(*)::int AS count
      FROM pl nxt JOIN pl old ON old.id = nxt.previous_placement_id
     WHERE old.end_reason IS NOT NULL
     GROUP BY 1 ORDER BY 2 DESC, 1`;
  const chainLengths = await db().$queryRaw<{ placements: number; people: number }[]>`
    WITH pl AS (${scoped})
    SELECT least(n, 6)::int AS placements, count(*)::int AS people
      FROM (SELECT person_id, count(*) AS n FROM pl GROUP BY person_id) c
     GROUP BY 1 ORDER BY 1`;
  return {
    people: summary?.people ?? 0,
    peopleReassigned: summary?.reassigned ?? 0,
    moves: summary?.moves ?? 0,
    reasons,
    chainLengths,
    daysToLasting: { median: summary?.median ?? null, mean: summary?.mean ?? null, count: summary?.lasting ?? 0 },
  };
}

/** The follow-up settings of the offices a scope covers (an admin: every office), by name. */
export async function listOfficeFollowUpSettings(scope: Scope) {
  return db().office.findMany({
    where: { active: true, ...(scope.officeIds === "ALL" ? {} : { id: { in: [...scope.officeIds] } }) },
    orderBy: [{ regionCode: "asc" }, { id: "asc" }],
    select: { id: true, code: true, name: true, nameEn: true, kind: true, followUpCadence: true, monitoringIntervalDays: true, updatedAt: true },
  });
}

/** Whether the person is flagged unstable / at risk, and their household's status (what keeps them monitored). */
export async function getMonitoringState(scope: Scope, personId: number) {
  return db().person.findFirst({ where: { id: personId, ...personScopeWhere(scope) }, select: { id: true, atRisk: true, atRiskNote: true, povertyStatus: true } });
}
