import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { personScopeWhere, type Scope } from "@/lib/auth/scope";

// Reads of the dashboard (docs/decisions/013). Two kinds:
//  - the facts the in-memory store loads and catches up on (lib/reports/facts.ts): a few narrow
//    columns of every person and placement, read by id range or by change time. These are not a
//    user's read: the store applies the user's scope to them, and every detail a user then sees
//    is read again below with the scope in the where;
//  - the user's reads: overdue follow-ups straight from SQL (the open-follow-up indexes), and the
//    people, placements and enrolments behind a number, each with the person scope.

// ---------------------------------------------------------------------------------------------
// Facts for the store

export type PersonFactRow = { id: number; officeId: number; status: string; track: string; origin: string };
export type PlacementFactRow = { id: number; personId: number; startDate: Date; endDate: Date | null; monthlyWage: number | null; countyCode: string; endReason: string | null; previousPlacementId: number | null };

export async function listPersonFacts(afterId: number, limit: number) {
  return db().$queryRaw<PersonFactRow[]>`
    SELECT id, office_id AS "officeId", employment_status::text AS status, track::text AS track, origin_division_code AS origin
      FROM persons WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`;
}

export async function listPersonFactsChangedSince(since: Date) {
  return db().$queryRaw<PersonFactRow[]>`
    SELECT id, office_id AS "officeId", employment_status::text AS status, track::text AS track, origin_division_code AS origin
      FROM persons WHERE updated_at >= ${since} ORDER BY id`;
}

export async function listPlacementFacts(afterId: number, limit: number) {
  return db().$queryRaw<PlacementFactRow[]>`
    SELECT id, person_id AS "personId", start_date AS "startDate", end_date AS "endDate", monthly_wage AS "monthlyWage", county_code AS "countyCode",
           end_reason::text AS "endReason", previous_placement_id AS "previousPlacementId"
      FROM placements WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`;
}

export async function listPlacementFactsChangedSince(since: Date) {
  return db().$queryRaw<PlacementFactRow[]>`
    SELECT id, person_id AS "personId", start_date AS "startDate", end_date AS "endDate", monthly_wage AS "monthlyWage", county_code AS "countyCode",
           end_reason::text AS "endReason", previous_placement_id AS "previousPlacementId"
      FROM placements WHERE updated_at >= ${since} ORDER BY id`;
}

export type EnrolmentFactRow = { id: number; personId: number; status: string; endedOn: Date | null };

export async function listEnrolmentFacts(afterId: number, limit: number) {
  return db().$queryRaw<EnrolmentFactRow[]>`
    SELECT id, person_id AS "personId", status::text AS status, ended_on AS "endedOn" FROM enrolments WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`;
}

/** Enrolments are few (thousands a year): this reads their table without an index on updated_at. */
export async function listEnrolmentFactsChangedSince(since: Date) {
  return db().$queryRaw<EnrolmentFactRow[]>`
    SELECT id, person_id AS "personId", status::text AS status, ended_on AS "endedOn" FROM enrolments WHERE updated_at >= ${since} ORDER BY id`;
}

/** The database's clock: change times are compared with it, never with this server's. */
export async function databaseNow(): Promise<Date> {
  const [row] = await db().$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  return row!.now;
}

/** Every office with its region (a few hundred rows at most). */
export async function listOfficeRegions() {
  return db().office.findMany({ select: { id: true, regionCode: true, name: true, nameEn: true }, orderBy: { id: "asc" } });
}

/** Names of administrative divisions by code (the labels of origin and destination groups). */
export async function divisionNames(codes: string[]) {
  if (!codes.length) return new Map<string, string>();
  const rows = await db().division.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } });
  return new Map(rows.map((r) => [r.code, r.name]));
}

// ---------------------------------------------------------------------------------------------
// The user's reads

/** Offices a view covers: those of the scope within the region (null: every office). */
export type OfficeFilter = readonly number[] | null;

function officeSql(scope: Scope, offices: OfficeFilter, column: Prisma.Sql): Prisma.Sql {
  // Partners have no report.view; a data function called for one anyway refuses.
  if (scope.role === "PARTNER") throw new AppError("FORBIDDEN");
  if (scope.officeIds !== "ALL" && offices === null) throw new AppError("FORBIDDEN");
  if (offices === null) return Prisma.sql`TRUE`;
  const allowed = scope.officeIds === "ALL" ? [...offices] : offices.filter((id) => (scope.officeIds as readonly number[]).includes(id));
  return Prisma.sql`${column} = ANY(${allowed}::int[])`;
}

export type OverdueByOffice = { officeId: number; count: number };
export type OverdueByCaseworker = { caseworkerId: number | null; displayName: string | null; officeId: number; count: number };

/**
 * Open follow-ups past their due date (My day's "overdue"), by office and by caseworker. Read
 * from the open-follow-up indexes (a few tens of thousands of rows at 2,000,000 follow-ups).
 */
export async function overdueFollowUps(scope: Scope, offices: OfficeFilter, today: Date) {
  const where = officeSql(scope, offices, Prisma.sql`f.office_id`);
  // One process, no parallel workers: the index-only scan takes about 10 ms, and starting two
  // workers took ten times that on a busy machine (docs/decisions/013).
  const rows = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`;
    return tx.$queryRaw<{ officeId: number; caseworkerId: number | null; count: number }[]>`
      SELECT f.office_id AS "officeId", f.caseworker_id AS "caseworkerId", count(*)::int AS count
        FROM follow_ups f
       WHERE f.status = 'OPEN' AND f.due_date < ${today}::date AND ${where}
       GROUP BY 1, 2`;
  });
  const ids = [...new Set(rows.map((r) => r.caseworkerId).filter((v): v is number => v !== null))];
  const names = ids.length ? new Map((await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName])) : new Map<number, string>();
  const byOffice = new Map<number, number>();
  for (const r of rows) byOffice.set(r.officeId, (byOffice.get(r.officeId) ?? 0) + r.count);
  const byCaseworker = new Map<string, OverdueByCaseworker>();
  for (const r of rows) {
    const key = String(r.caseworkerId ?? "none");
    const entry = byCaseworker.get(key) ?? { caseworkerId: r.caseworkerId, displayName: r.caseworkerId ? (names.get(r.caseworkerId) ?? null) : null, officeId: r.officeId, count: 0 };
    entry.count += r.count;
    byCaseworker.set(key, entry);
  }
  return {
    total: rows.reduce((n, r) => n + r.count, 0),
    byOffice: [...byOffice].map(([officeId, count]) => ({ officeId, count })).sort((a, b) => b.count - a.count || a.officeId - b.officeId),
    byCaseworker: [...byCaseworker.values()].sort((a, b) => b.count - a.count || (a.caseworkerId ?? 0) - (b.caseworkerId ?? 0)),
  };
}

export type OverdueRow = { id: number; dueDate: Date; personId: number; personName: string; caseworkerName: string | null; officeName: string; officeNameEn: string };

/** The overdue follow-ups behind a number: the same where as the count, keyset by id. */
export async function listOverdueFollowUps(scope: Scope, offices: OfficeFilter, today: Date, by: { by: "all" | "office" | "caseworker"; id: number | null }, after: number, limit: number) {
  const where = officeSql(scope, offices, Prisma.sql`f.office_id`);
  const narrow =
    by.by === "office" ? Prisma.sql`f.office_id = ${by.id}` : by.by === "caseworker" ? (by.id === null ? Prisma.sql`f.caseworker_id IS NULL` : Prisma.sql`f.caseworker_id = ${by.id}`) : Prisma.sql`TRUE`;
  const [rows, [total]] = await Promise.all([
    db().$queryRaw<OverdueRow[]>`
      SELECT f.id, f.due_date AS "dueDate", p.id AS "personId", p.name AS "personName", u.display_name AS "caseworkerName", o.name AS "officeName", o.name_en AS "officeNameEn"
        FROM follow_ups f
        JOIN persons p ON p.id = f.person_id
        JOIN offices o ON o.id = f.office_id
        LEFT JOIN users u ON u.id = f.caseworker_id
       WHERE f.status = 'OPEN' AND f.due_date < ${today}::date AND ${where} AND ${narrow} AND f.id > ${after}
       ORDER BY f.id LIMIT ${limit}`,
    db().$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM follow_ups f WHERE f.status = 'OPEN' AND f.due_date < ${today}::date AND ${where} AND ${narrow}`,
  ]);
  return { rows, total: total?.count ?? 0 };
}

/** People by id, as the drill-down lists them; anyone outside the scope is simply not returned. */
export async function listPeopleByIds(scope: Scope, ids: number[]) {
  if (!ids.length) return [];
  return db().person.findMany({
    where: { id: { in: ids }, ...personScopeWhere(scope) },
    orderBy: { id: "asc" },
    select: { id: true, name: true, employmentStatus: true, track: true, originDivisionCode: true, office: { select: { name: true, nameEn: true } }, caseworker: { select: { displayName: true } } },
  });
}

/** Placements by id with their person, scoped by the person. */
export async function listPlacementsByIds(scope: Scope, ids: number[]) {
  if (!ids.length) return [];
  return db().placement.findMany({
    where: { id: { in: ids }, person: personScopeWhere(scope) },
    orderBy: { id: "asc" },
    select: {
      id: true, title: true, startDate: true, endDate: true, monthlyWage: true, countyCode: true, endReason: true,
      employer: { select: { name: true } },
      person: { select: { id: true, name: true, originDivisionCode: true } },
    },
  });
}

export type EnrolmentRow = { id: number; personId: number; personName: string; endedOn: Date; firstStart: Date | null; cohortName: string };

/** Completed enrolments by id with the first placement after each, scoped by the person. */
export async function listEnrolmentsByIds(scope: Scope, ids: number[]) {
  if (!ids.length) return [];
  const rows = await db().enrolment.findMany({
    where: { id: { in: ids }, person: personScopeWhere(scope) },
    orderBy: { id: "asc" },
    select: { id: true, personId: true, endedOn: true, person: { select: { name: true } }, cohort: { select: { name: true } } },
  });
  const firsts = await db().placement.findMany({
    where: { personId: { in: rows.map((r) => r.personId) }, person: personScopeWhere(scope) },
    select: { personId: true, startDate: true },
  });
  return rows.map((r): EnrolmentRow => {
    const after = firsts.filter((q) => q.personId === r.personId && r.endedOn && q.startDate >= r.endedOn).map((q) => q.startDate.getTime());
    return { id: r.id, personId: r.personId, personName: r.person.name, endedOn: r.endedOn!, firstStart: after.length ? new Date(Math.min(...after)) : null, cohortName: r.cohort.name };
  });
}
