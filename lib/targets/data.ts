import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/auth/scope";
import { personScopeSql } from "@/lib/persons/data";
import type { TargetMetric } from "@/lib/targets/rules";

// Reads of targets, their counts and reported figures.
//
// Scope: a target belongs to a region, so who sees it is a matter of regions. An admin sees all;
// a supervisor or caseworker the targets whose region lies in their office's region (a Wuxi
// supervisor: Wuxi and its districts; the province's: all of Jiangsu); a partner none. A target
// outside it is "not found".
//
// Counts: the four metrics (lib/targets/rules.ts) are one SQL definition, `countedRows`, that
// yields one row per counted unit (person, placement or enrolment) for a set of targets. The
// target list counts it grouped by target; the drill-down lists the same rows for one target,
// joined to the people the reader may see. Counts are aggregates of the region (the same for
// every reader); names are personal data and carry the person scope.

/** The reader's region prefix: "" for all, null for none. From the office the session gate put in the scope. */
export async function regionPrefix(scope: Scope): Promise<string | null> {
  if (scope.role === "ADMIN") return "";
  if (scope.role === "PARTNER") return null;
  const office = await db().office.findUnique({ where: { id: scope.officeId }, select: { regionCode: true } });
  return office?.regionCode ?? null;
}

/** The targets (or figures) a scope sees, as SQL on a column holding a region code. */
async function regionSql(scope: Scope, column: Prisma.Sql): Promise<Prisma.Sql> {
  const prefix = await regionPrefix(scope);
  if (prefix === null) return Prisma.sql`FALSE`;
  if (prefix === "") return Prisma.sql`TRUE`;
  return Prisma.sql`left(${column}, ${prefix.length}) = ${prefix}`;
}

/** Whether a region lies in what the scope sees (for figures defined in code, not rows). */
export async function regionVisibleTo(scope: Scope, regionCode: string): Promise<boolean> {
  const prefix = await regionPrefix(scope);
  return prefix !== null && regionCode.startsWith(prefix);
}

/**
 * The rows each target counts. `t` is a relation with columns id, metric (text), region_code,
 * period_start, period_end and origin_prefix (null: any origin; set for the article's figures
 * that the article counts by origin). Yields target_id, person_id, ref_id (the placement or
 * enrolment counted) and counted_on (the day it counts on). Region tests compare a prefix of
 * the row's code with the target's code (a county's placements fall in its city and province).
 */
function countedRows(t: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH t AS (${t})
    -- NEW_TRANSFERS: the person's first placement ever starts in the period, in the region.
    SELECT t.id AS target_id, pl.person_id, pl.id AS ref_id, pl.start_date AS counted_on
      FROM t
      JOIN placements pl ON pl.start_date BETWEEN t.period_start AND t.period_end AND left(pl.county_code, length(t.region_code)) = t.region_code
      JOIN persons p ON p.id = pl.person_id
     WHERE t.metric = 'NEW_TRANSFERS'
       AND left(p.origin_division_code, 2) <> left(t.region_code, 2)
       AND (t.origin_prefix IS NULL OR p.origin_division_code LIKE t.origin_prefix || '%')
       AND NOT EXISTS (SELECT 1 FROM placements e WHERE e.person_id = pl.person_id AND (e.start_date, e.id) < (pl.start_date, pl.id))
    UNION ALL
    -- ABSORBED: each person once, by their earliest placement in the region overlapping the period.
    (SELECT DISTINCT ON (t.id, pl.person_id) t.id, pl.person_id, pl.id, greatest(pl.start_date, t.period_start)
       FROM t
       JOIN placements pl ON pl.start_date <= t.period_end AND (pl.end_date IS NULL OR pl.end_date >= t.period_start) AND left(pl.county_code, length(t.region_code)) = t.region_code
       JOIN persons p ON p.id = pl.person_id
      WHERE t.metric = 'ABSORBED'
        AND left(p.origin_division_code, 2) <> left(t.region_code, 2)
        AND (t.origin_prefix IS NULL OR p.origin_division_code LIKE t.origin_prefix || '%')
      ORDER BY t.id, pl.person_id, pl.start_date, pl.id)
    UNION ALL
    -- PUBLIC_WELFARE: placements into public-welfare posts starting in the period, in the region.
    SELECT t.id, pl.person_id, pl.id, pl.start_date
      FROM t
      JOIN placements pl ON pl.start_date BETWEEN t.period_start AND t.period_end AND left(pl.county_code, length(t.region_code)) = t.region_code
      JOIN persons p ON p.id = pl.person_id
      LEFT JOIN vacancies v ON v.id = pl.vacancy_id
     WHERE t.metric = 'PUBLIC_WELFARE'
       AND (pl.contract_type = 'PUBLIC_WELFARE' OR v.kind = 'PUBLIC_WELFARE')
       AND (t.origin_prefix IS NULL OR p.origin_division_code LIKE t.origin_prefix || '%')
    UNION ALL
    -- TRAINED: enrolments completed in the period, in cohorts run by offices in the region.
    SELECT t.id, en.person_id, en.id, en.ended_on
      FROM t
      JOIN enrolments en ON en.status = 'COMPLETED' AND en.ended_on BETWEEN t.period_start AND t.period_end
      JOIN training_cohorts c ON c.id = en.cohort_id
      JOIN offices o ON o.id = c.office_id AND left(o.region_code, length(t.region_code)) = t.region_code
      JOIN persons p ON p.id = en.person_id
     WHERE t.metric = 'TRAINED'
       AND (t.origin_prefix IS NULL OR p.origin_division_code LIKE t.origin_prefix || '%')`;
}

/** Stored targets as the relation countedRows expects. */
function storedTargets(ids: number[]): Prisma.Sql {
  return Prisma.sql`SELECT id, metric::text AS metric, region_code::text AS region_code, period_start, period_end, NULL::text AS origin_prefix FROM targets WHERE id = ANY(${ids}::int[])`;
}

export type FigureDefinition = { key: string; metric: TargetMetric; regionCode: string; start: Date; end: Date; originPrefix: string | null };

/** Definitions written in code (the article's figures) as the relation countedRows expects, keyed by position. */
function definedTargets(figures: readonly FigureDefinition[]): Prisma.Sql {
  const rows = figures.map(
    (f, i) => Prisma.sql`(${i}::int, ${f.metric}::text, ${f.regionCode}::text, ${f.start}::date, ${f.end}::date, ${f.originPrefix}::text)`,
  );
  return Prisma.sql`SELECT * FROM (VALUES ${Prisma.join(rows)}) AS d(id, metric, region_code, period_start, period_end, origin_prefix)`;
}

const targetSelect = {
  id: true, officeId: true, regionCode: true, metric: true, periodStart: true, periodEnd: true, value: true, note: true, version: true, createdAt: true, updatedAt: true,
  office: { select: { name: true, nameEn: true } },
} as const;

/** Targets in scope whose period overlaps the year, optionally of one metric: broadest region first. */
export async function listTargets(scope: Scope, filter: { year: number; period?: { start: Date; end: Date }; metric?: TargetMetric }) {
  const visible = await regionSql(scope, Prisma.sql`region_code`);
  const ids = await db().$queryRaw<{ id: number }[]>`
    SELECT id FROM targets
     WHERE ${visible}
       AND period_start <= ${new Date(Date.UTC(filter.year, 11, 31))}::date AND period_end >= ${new Date(Date.UTC(filter.year, 0, 1))}::date
       ${filter.period ? Prisma.sql`AND period_start = ${filter.period.start}::date AND period_end = ${filter.period.end}::date` : Prisma.empty}
       ${filter.metric ? Prisma.sql`AND metric = ${filter.metric}::target_metric` : Prisma.empty}`;
  if (!ids.length) return [];
  return db().target.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: [{ metric: "asc" }, { periodStart: "asc" }, { regionCode: "asc" }, { id: "asc" }],
    select: targetSelect,
  });
}
export type TargetRow = Awaited<ReturnType<typeof listTargets>>[number];

/** One target in scope, or null ("not found"). */
export async function getTarget(scope: Scope, targetId: number) {
  const visible = await regionSql(scope, Prisma.sql`region_code`);
  const found = await db().$queryRaw<{ id: number }[]>`SELECT id FROM targets WHERE id = ${targetId} AND ${visible}`;
  if (!found.length) return null;
  return db().target.findUnique({ where: { id: targetId }, select: targetSelect });
}

/** Recorded count and reported sum of each target in scope (one statement each, whatever the number of targets). */
export async function targetActuals(scope: Scope, targetIds: number[]): Promise<Map<number, { recorded: number; reported: number }>> {
  const out = new Map<number, { recorded: number; reported: number }>();
  if (!targetIds.length) return out;
  const visible = await regionSql(scope, Prisma.sql`t.region_code`);
  const ids = (await db().$queryRaw<{ id: number }[]>`SELECT t.id FROM targets t WHERE t.id = ANY(${targetIds}::int[]) AND ${visible}`).map((r) => r.id);
  if (!ids.length) return out;
  const [recorded, reported] = await Promise.all([
    db().$queryRaw<{ id: number; n: number }[]>`SELECT target_id AS id, count(*)::int AS n FROM (${countedRows(storedTargets(ids))}) c GROUP BY target_id`,
    db().$queryRaw<{ id: number; n: number }[]>`
      SELECT t.id, coalesce(sum(rf.value), 0)::int AS n
        FROM targets t
        JOIN reported_figures rf ON rf.metric = t.metric AND left(rf.region_code, length(t.region_code)) = t.region_code AND rf.as_of BETWEEN t.period_start AND t.period_end
       WHERE t.id = ANY(${ids}::int[])
       GROUP BY t.id`,
  ]);
  for (const id of ids) out.set(id, { recorded: 0, reported: 0 });
  for (const r of recorded) out.get(r.id)!.recorded = r.n;
  for (const r of reported) out.get(r.id)!.reported = r.n;
  return out;
}

/**
 * Recorded count and reported sum of figures defined in code (the article's), for the regions in
 * the scope. A figure counted by destination region alone takes every reported figure of its
 * metric, region and period (as a stored target does); a figure counted by origin takes only
 * those whose origin starts with its origin prefix (a reported figure without origin never counts
 * there: nobody knows where its people came from).
 */
export async function figureActuals(scope: Scope, figures: readonly FigureDefinition[]): Promise<Map<string, { recorded: number; reported: number }>> {
  const visible: FigureDefinition[] = [];
  for (const f of figures) if (await regionVisibleTo(scope, f.regionCode)) visible.push(f);
  const out = new Map<string, { recorded: number; reported: number }>();
  if (!visible.length) return out;
  const recorded = await db().$queryRaw<{ id: number; n: number }[]>`SELECT target_id AS id, count(*)::int AS n FROM (${countedRows(definedTargets(visible))}) c GROUP BY target_id`;
  const reported = await db().$queryRaw<{ id: number; n: number }[]>`
    WITH d AS (${definedTargets(visible)})
    SELECT d.id, coalesce(sum(rf.value), 0)::int AS n
      FROM d
      JOIN reported_figures rf ON rf.metric::text = d.metric AND left(rf.region_code, length(d.region_code)) = d.region_code AND rf.as_of BETWEEN d.period_start AND d.period_end
     WHERE d.origin_prefix IS NULL OR left(rf.origin_code, length(d.origin_prefix)) = d.origin_prefix
     GROUP BY d.id`;
  visible.forEach((f) => out.set(f.key, { recorded: 0, reported: 0 }));
  for (const r of recorded) out.get(visible[r.id]!.key)!.recorded = r.n;
  for (const r of reported) out.get(visible[r.id]!.key)!.reported = r.n;
  return out;
}

export type CountedPerson = {
  personId: number;
  refId: number;
  name: string;
  originDivisionCode: string;
  countedOn: Date;
  what: string | null;
  where: string | null;
};

/**
 * A page of the people a target counts that the reader may see by name, by (person id, record id)
 * after the cursor; and how many of the counted the reader may see. The same countedRows as the count.
 */
export async function listCountedPeople(scope: Scope, targetId: number, after: [number, number] | null, limit: number) {
  const target = await getTarget(scope, targetId);
  if (!target) return null;
  const rows = countedRows(storedTargets([targetId]));
  const cursor = after ? Prisma.sql`AND (c.person_id, c.ref_id) > (${after[0]}, ${after[1]})` : Prisma.empty;
  const [page, visible] = await Promise.all([
    db().$queryRaw<CountedPerson[]>`
      SELECT c.person_id AS "personId", c.ref_id AS "refId", p.name, p.origin_division_code AS "originDivisionCode", c.counted_on AS "countedOn",
             CASE WHEN ${target.metric}::text = 'TRAINED' THEN (SELECT co.name FROM enrolments en JOIN training_cohorts co ON co.id = en.cohort_id WHERE en.id = c.ref_id)
                  ELSE (SELECT pl.title || ' · ' || em.name FROM placements pl JOIN employers em ON em.id = pl.employer_id WHERE pl.id = c.ref_id) END AS what,
             CASE WHEN ${target.metric}::text = 'TRAINED' THEN NULL ELSE (SELECT pl.county_code::text FROM placements pl WHERE pl.id = c.ref_id) END AS "where"
        FROM (${rows}) c
        JOIN persons p ON p.id = c.person_id
       WHERE ${personScopeSql(scope)} ${cursor}
       ORDER BY c.person_id, c.ref_id
       LIMIT ${limit + 1}`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${rows}) c JOIN persons p ON p.id = c.person_id WHERE ${personScopeSql(scope)}`,
  ]);
  return { target, rows: page.slice(0, limit), hasMore: page.length > limit, visibleCount: visible[0]?.n ?? 0 };
}

/** Reported figures in scope whose day falls in the year (or the period), newest first, with who entered them. */
export async function listReportedFigures(scope: Scope, filter: { year: number; period?: { start: Date; end: Date }; metric?: TargetMetric }) {
  const visible = await regionSql(scope, Prisma.sql`region_code`);
  const from = filter.period?.start ?? new Date(Date.UTC(filter.year, 0, 1));
  const to = filter.period?.end ?? new Date(Date.UTC(filter.year, 11, 31));
  const ids = await db().$queryRaw<{ id: number }[]>`
    SELECT id FROM reported_figures
     WHERE ${visible} AND as_of BETWEEN ${from}::date AND ${to}::date
       ${filter.metric ? Prisma.sql`AND metric = ${filter.metric}::target_metric` : Prisma.empty}
     ORDER BY as_of DESC, id DESC
     LIMIT 200`;
  if (!ids.length) return [];
  const rows = await db().reportedFigure.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: [{ asOf: "desc" }, { id: "desc" }],
    select: { id: true, regionCode: true, originCode: true, metric: true, asOf: true, value: true, source: true, createdAt: true, createdById: true },
  });
  const userIds = [...new Set(rows.map((r) => r.createdById).filter((v): v is number => v !== null))];
  const names = new Map((await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({ ...r, createdBy: r.createdById ? (names.get(r.createdById) ?? null) : null }));
}
