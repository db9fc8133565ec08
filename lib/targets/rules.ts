// Pure rules of targets (考核任务): what each metric counts, how far a period has run on China's
// calendar (时序进度), where a target stands against it, the period presets, the nesting of
// province, city and county targets, and the article's figures. No database here; the metrics
// are implemented as SQL in lib/targets/data.ts, to the definitions written below
// (docs/decisions/012-targets.md).
import { addDays, daysBetween } from "@/lib/placements/rules";

/**
 * What a target counts. In every definition "the region" is the target's region code (province
 * 2 digits, city 4, county 6) and "in the region" means a code that starts with it; "the period"
 * is [periodStart, periodEnd], both days included, China's calendar days.
 *
 * - NEW_TRANSFERS (新增转移就业): people whose origin (persons.origin_division_code) is outside the
 *   region's province and whose FIRST placement ever (earliest start date, then lowest id, over all
 *   their placements anywhere) starts in the period, in a job located in the region
 *   (placements.county_code). One per person.
 * - ABSORBED (吸纳就业): distinct people from outside the region's province with at least one
 *   placement in the region whose [start, end] (end open while it runs) overlaps the period.
 * - PUBLIC_WELFARE (公益性岗位安置): placements starting in the period, in the region, into a
 *   public-welfare post: the vacancy's kind is PUBLIC_WELFARE or the contract type is
 *   PUBLIC_WELFARE. One per placement (a person placed twice counts twice). Origin is not asked.
 * - TRAINED (培训): enrolments with status COMPLETED whose ended_on falls in the period, in cohorts
 *   run by an office whose region is in the target's region. One per enrolment.
 *
 * The actual figure of a target is the recorded count (the above, over JobBridge's rows) plus the
 * reported figures (reported_figures of the same metric, region in the target's region, as_of in
 * the period): counts from statistical returns and the years before the system. The two are
 * always shown apart. A reported figure may name the origin of the people it counts; a figure
 * counted by origin (the article's "2,930 from Tongren") takes only reported figures whose origin
 * starts with its origin prefix, one counted by destination alone (every stored target) takes
 * them all, with or without origin.
 */
export const TARGET_METRICS = ["NEW_TRANSFERS", "ABSORBED", "PUBLIC_WELFARE", "TRAINED"] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export const TARGET_STATUSES = ["COMPLETED", "AHEAD", "ON_SCHEDULE", "BEHIND"] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/**
 * How far below the elapsed share a target may be and still read "on schedule": 5 percentage
 * points. Returns come in monthly; a month is 8% of a year, so a target counted at the start of
 * a month is not called behind for the returns it has not received yet.
 */
export const ON_SCHEDULE_TOLERANCE = 0.05;

export type Period = { start: Date; end: Date };

/** Days in a period, both ends included. */
export function periodDays(period: Period): number {
  return daysBetween(period.start, period.end) + 1;
}

/**
 * The share of the period elapsed on `today` (a China calendar day, chinaToday()), counting
 * today as elapsed: 0 before the period starts, 1 from its last day on. A period of 10 days on
 * its 5th day is half elapsed.
 */
export function elapsedShare(period: Period, today: Date): number {
  if (today < period.start) return 0;
  if (today >= period.end) return 1;
  return (daysBetween(period.start, today) + 1) / periodDays(period);
}

/** Actual over target (may exceed 1). */
export function completionShare(actual: number, value: number): number {
  return value > 0 ? actual / value : 0;
}

/**
 * Where a target stands. COMPLETED at 100% or more; AHEAD (超时序) when completion is above the
 * elapsed share; ON_SCHEDULE when not more than ON_SCHEDULE_TOLERANCE below it; BEHIND otherwise,
 * and always BEHIND once the period is over without the target met.
 */
export function targetStatus(completion: number, elapsed: number): TargetStatus {
  if (completion >= 1) return "COMPLETED";
  if (elapsed >= 1) return "BEHIND";
  if (completion > elapsed) return "AHEAD";
  if (completion >= elapsed - ON_SCHEDULE_TOLERANCE) return "ON_SCHEDULE";
  return "BEHIND";
}

/** People still needed to be exactly on schedule today (0 when at or ahead of it). */
export function scheduleGap(value: number, actual: number, elapsed: number): number {
  return Math.max(0, Math.ceil(value * elapsed - 1e-9) - actual);
}

export type Progress = { elapsed: number; completion: number; status: TargetStatus; gap: number };

export function progressOf(target: { value: number; periodStart: Date; periodEnd: Date }, actual: number, today: Date): Progress {
  const elapsed = elapsedShare({ start: target.periodStart, end: target.periodEnd }, today);
  const completion = completionShare(actual, target.value);
  return { elapsed, completion, status: targetStatus(completion, elapsed), gap: scheduleGap(target.value, actual, elapsed) };
}

// --- Periods ---------------------------------------------------------------------------------

export const PERIOD_KINDS = ["YEAR", "HALF", "QUARTER", "MONTH"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day));

/** The period of a preset: the year, its 1st or 2nd half, its quarter 1-4 or its month 1-12. */
export function presetPeriod(kind: PeriodKind, year: number, index = 1): Period {
  const months = { YEAR: 12, HALF: 6, QUARTER: 3, MONTH: 1 }[kind];
  const first = kind === "YEAR" ? 0 : (index - 1) * months;
  return { start: utc(year, first, 1), end: addDays(utc(year, first + months, 1), -1) };
}

/** Which preset a period is, if any (for its label); null for a period of its own dates. */
export function periodPreset(period: Period): { kind: PeriodKind; year: number; index: number } | null {
  const year = period.start.getUTCFullYear();
  for (const kind of PERIOD_KINDS) {
    const count = { YEAR: 1, HALF: 2, QUARTER: 4, MONTH: 12 }[kind];
    for (let index = 1; index <= count; index++) {
      const p = presetPeriod(kind, year, index);
      if (p.start.getTime() === period.start.getTime() && p.end.getTime() === period.end.getTime()) return { kind, year, index };
    }
  }
  return null;
}

/** Whether a period overlaps a calendar year (the list's year filter). */
export function overlapsYear(period: Period, year: number): boolean {
  const y = presetPeriod("YEAR", year);
  return period.start <= y.end && period.end >= y.start;
}

// --- Regions ---------------------------------------------------------------------------------

export type RegionLevel = "PROVINCE" | "CITY" | "COUNTY";

export function regionLevel(code: string): RegionLevel | null {
  return ({ 2: "PROVINCE", 4: "CITY", 6: "COUNTY" } as const)[code.length as 2 | 4 | 6] ?? null;
}

/** Whether `code` lies in `region` (the same code or below it). */
export function inRegion(code: string, region: string): boolean {
  return code.startsWith(region);
}

// --- Nesting and who is behind ---------------------------------------------------------------

type Nestable = { id: number; regionCode: string; metric: string; periodStart: Date; periodEnd: Date };

/**
 * Targets as a forest: each target sits under the nearest target of the same metric and the same
 * period whose region contains its own (a county under its city, or under its province when the
 * city has none). Order within a level is kept.
 */
export function nestTargets<T extends Nestable>(targets: readonly T[]): (T & { children: (T & { children: unknown[] })[] })[] {
  type Node = T & { children: Node[] };
  const nodes: Node[] = targets.map((t) => ({ ...t, children: [] }));
  const key = (t: Nestable) => `${t.metric}|${t.periodStart.getTime()}|${t.periodEnd.getTime()}`;
  const roots: Node[] = [];
  for (const node of nodes) {
    let parent: Node | null = null;
    for (const other of nodes) {
      if (other === node || key(other) !== key(node)) continue;
      if (other.regionCode.length < node.regionCode.length && inRegion(node.regionCode, other.regionCode) && (!parent || other.regionCode.length > parent.regionCode.length)) parent = other;
    }
    (parent ? parent.children : roots).push(node);
  }
  return roots as never;
}

/** The targets behind schedule, the largest gap in people first. */
export function whoIsBehind<T extends { progress: Progress }>(targets: readonly T[]): T[] {
  return targets.filter((t) => t.progress.status === "BEHIND").sort((a, b) => b.progress.gap - a.progress.gap);
}

// --- The article's figures -------------------------------------------------------------------

/** The article (DOMAIN.md, /work/shared/seed) was written in 2020: "今年" is 2020, "去年9月" the Tongren class of 2019. */
export const ARTICLE_YEAR = 2020;

export type ArticleFigure = {
  key: string;
  metric: TargetMetric;
  regionCode: string;
  period: Period;
  /** The article's number ("1万余人" is 10,000: the figure it states, the "more than" kept as `orMore`). */
  value: number;
  orMore: boolean;
  /**
   * People from this origin only: recorded people whose origin starts with it, and reported
   * figures whose origin does (a reported figure without origin does not count here).
   */
  originPrefix: string | null;
};

const articleYear = presetPeriod("YEAR", ARTICLE_YEAR);
const since2018: Period = { start: utc(2018, 0, 1), end: articleYear.end };

export const ARTICLE_FIGURES: readonly ArticleFigure[] = [
  { key: "absorbed", metric: "ABSORBED", regionCode: "32", period: articleYear, value: 847_500, orMore: false, originPrefix: null },
  { key: "newTransfers", metric: "NEW_TRANSFERS", regionCode: "32", period: articleYear, value: 6_125, orMore: false, originPrefix: null },
  { key: "suzhouTrained", metric: "TRAINED", regionCode: "3205", period: since2018, value: 10_000, orMore: true, originPrefix: null },
  { key: "huishanTrained", metric: "TRAINED", regionCode: "320206", period: since2018, value: 1_000, orMore: true, originPrefix: null },
  { key: "tongrenInJiangsu", metric: "NEW_TRANSFERS", regionCode: "32", period: since2018, value: 2_930, orMore: true, originPrefix: "5206" },
  { key: "tongrenInSuzhou", metric: "NEW_TRANSFERS", regionCode: "3205", period: since2018, value: 2_051, orMore: false, originPrefix: "5206" },
  { key: "liubaInQidong", metric: "ABSORBED", regionCode: "320681", period: since2018, value: 350, orMore: true, originPrefix: "610729" },
];

/** The deepest level a reported figure's origin is picked to in the form: the town ("350+ from Xixiang town"). */
export const ORIGIN_LEVEL = 4;

/**
 * Whether a reported figure's origin fits its metric: NEW_TRANSFERS and ABSORBED count people
 * from outside the region's province, so an origin inside that province would count people the
 * metric never counts. PUBLIC_WELFARE and TRAINED do not ask origin; any origin fits.
 */
export function originFitsMetric(metric: TargetMetric, regionCode: string, originCode: string | null): boolean {
  if (!originCode || metric === "PUBLIC_WELFARE" || metric === "TRAINED") return true;
  return originCode.slice(0, 2) !== regionCode.slice(0, 2);
}
