import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { personScopeWhere, type Scope } from "@/lib/auth/scope";
import { TRAINING_RETENTION_DAYS, type TrainingStage } from "@/lib/reports/rules";

// Reads of the dashboard (docs/decisions/013). Two kinds:
//  - the facts the in-memory store loads and catches up on (lib/reports/facts.ts): a few narrow
//    columns of every person and placement, read by id range or by change time. These are not a
//    user's read: the store applies the user's scope to them, and every detail a user then sees
//    is read again below with the scope in the where;
//  - the user's reads: follow-ups overdue and training conversion straight from SQL (small,
//    indexed), and the people and placements behind a number, each with the person scope.

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
  const rows = await db().$queryRaw<{ officeId: number; caseworkerId: number | null; count: number }[]>`
    SELECT f.office_id AS "officeId", f.caseworker_id AS "caseworkerId", count(*)::int AS count
      FROM follow_ups f
     WHERE f.status = 'OPEN' AND f.due_date < ${today}::date AND ${where}
     GROUP BY 1, 2`;
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

/**
 * Enrolments completed in the period (people of the offices in view), the first placement each
 * person started on or after the day the course ended, and whether they held a placement
 * TRAINING_RETENTION_DAYS after that start (the retention rule of lib/reports/rules.ts).
 */
function trainingSql(scope: Scope, offices: OfficeFilter, period: { from: Date; to: Date }, today: Date) {
  const where = officeSql(scope, offices, Prisma.sql`p.office_id`);
  return Prisma.sql`
    WITH done AS (
      SELECT e.id, e.person_id, e.ended_on, p.name
        FROM enrolments e JOIN persons p ON p.id = e.person_id
       WHERE e.status = 'COMPLETED' AND e.ended_on BETWEEN ${period.from}::date AND ${period.to}::date AND ${where}
    ), placed AS (
      SELECT d.*, (SELECT min(q.start_date) FROM placements q WHERE q.person_id = d.person_id AND q.start_date >= d.ended_on) AS first_start
        FROM done d
    ), judged AS (
      SELECT pl.*, pl.first_start + ${TRAINING_RETENTION_DAYS}::int <= ${today}::date AS due,
             EXISTS (SELECT 1 FROM placements r WHERE r.person_id = pl.person_id AND r.start_date <= pl.first_start + ${TRAINING_RETENTION_DAYS}::int
                        AND (r.end_date IS NULL OR r.end_date > pl.first_start + ${TRAINING_RETENTION_DAYS}::int)) AS held
        FROM placed pl
    )`;
}

export async function trainingConversion(scope: Scope, offices: OfficeFilter, period: { from: Date; to: Date }, today: Date) {
  const [row] = await db().$queryRaw<{ completed: number; placed: number; due: number; retained: number }[]>`
    ${trainingSql(scope, offices, period, today)}
    SELECT count(*)::int AS completed, count(first_start)::int AS placed,
           count(*) FILTER (WHERE first_start IS NOT NULL AND due)::int AS due,
           count(*) FILTER (WHERE first_start IS NOT NULL AND due AND held)::int AS retained
      FROM judged`;
  return row ?? { completed: 0, placed: 0, due: 0, retained: 0 };
}

export type TrainingRow = { id: number; personId: number; personName: string; endedOn: Date; firstStart: Date | null };

export async function listTrainingPeople(scope: Scope, offices: OfficeFilter, period: { from: Date; to: Date }, today: Date, stage: TrainingStage, after: number, limit: number) {
  const stageSql =
    stage === "completed" ? Prisma.sql`TRUE` : stage === "placed" ? Prisma.sql`first_start IS NOT NULL` : Prisma.sql`first_start IS NOT NULL AND due AND held`;
  const base = trainingSql(scope, offices, period, today);
  const [rows, [total]] = await Promise.all([
    db().$queryRaw<TrainingRow[]>`${base}
      SELECT id, person_id AS "personId", name AS "personName", ended_on AS "endedOn", first_start AS "firstStart"
        FROM judged WHERE ${stageSql} AND id > ${after} ORDER BY id LIMIT ${limit}`,
    db().$queryRaw<{ count: number }[]>`${base} SELECT count(*)::int AS count FROM judged WHERE ${stageSql}`,
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
