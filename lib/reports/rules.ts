// Pure rules of the dashboard (docs/decisions/013): what each figure counts, the period presets,
// the wage bands, the retention definition and the drill-down keys. No database here: the same
// definitions serve the counts and the lists of people behind them (lib/reports/facts.ts).
import { addDays } from "@/lib/placements/rules";

export const EMPLOYMENT_STATUSES = ["UNEMPLOYED", "EMPLOYED", "SELF_EMPLOYED", "IN_TRAINING", "STUDENT", "NOT_IN_LABOUR_FORCE"] as const;
export const TRACKS = ["TRANSFER", "TRAIN_THEN_PLACE", "LOCAL"] as const;
export { END_REASONS } from "@/lib/placements/rules";

/** Days after a placement starts at which retention is measured. */
export const RETENTION_DAYS = [90, 180, 365] as const;
export type RetentionDays = (typeof RETENTION_DAYS)[number];

/** Training conversion: still employed this many days after the first placement after the course. */
export const TRAINING_RETENTION_DAYS = 90;

// ---------------------------------------------------------------------------------------------
// Days as integers (days since 1970-01-01 UTC): the in-memory facts store dates this way.

const DAY_MS = 86_400_000;
export const NO_DAY = 2_147_483_647;

export function dayNumber(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

export function dayDate(day: number): Date {
  return new Date(day * DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Period presets

export const PERIOD_PRESETS = ["thisMonth", "lastMonth", "thisQuarter", "thisYear", "lastYear", "last90", "last365"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export type Period = { from: Date; to: Date };

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** The dates a preset stands for, on China's calendar day `today` (a DATE value). Inclusive. */
export function presetPeriod(preset: PeriodPreset, today: Date): Period {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  switch (preset) {
    case "thisMonth":
      return { from: utc(y, m, 1), to: utc(y, m + 1, 0) };
    case "lastMonth":
      return { from: utc(y, m - 1, 1), to: utc(y, m, 0) };
    case "thisQuarter": {
      const q = Math.floor(m / 3) * 3;
      return { from: utc(y, q, 1), to: utc(y, q + 3, 0) };
    }
    case "thisYear":
      return { from: utc(y, 0, 1), to: utc(y, 11, 31) };
    case "lastYear":
      return { from: utc(y - 1, 0, 1), to: utc(y - 1, 11, 31) };
    case "last90":
      return { from: addDays(today, -89), to: today };
    case "last365":
      return { from: addDays(today, -364), to: today };
  }
}

/** The period a dashboard opens with: this year. */
export const DEFAULT_PRESET: PeriodPreset = "thisYear";

/** The period of a view: a preset (this year when nothing is given), or from/to as typed, in order. */
export function resolvePeriod(input: { from?: Date; to?: Date; preset?: PeriodPreset }, today: Date): Period & { preset: PeriodPreset | null } {
  if (!input.from && !input.to) {
    const preset = input.preset ?? DEFAULT_PRESET;
    return { ...presetPeriod(preset, today), preset };
  }
  const base = presetPeriod(DEFAULT_PRESET, today);
  let from = input.from ?? base.from;
  let to = input.to ?? base.to;
  if (to < from) [from, to] = [to, from];
  return { from, to, preset: null };
}

// ---------------------------------------------------------------------------------------------
// Wages

/** Monthly wage bands, yuan: [min, max] inclusive; the last is open. */
export const WAGE_BANDS = [
  { key: "lt3000", min: 0, max: 2999 },
  { key: "3000", min: 3000, max: 3999 },
  { key: "4000", min: 4000, max: 4999 },
  { key: "5000", min: 5000, max: 5999 },
  { key: "6000", min: 6000, max: 7999 },
  { key: "8000", min: 8000, max: Number.MAX_SAFE_INTEGER },
] as const;
export type WageBandKey = (typeof WAGE_BANDS)[number]["key"] | "none";
export const WAGE_BAND_KEYS: readonly WageBandKey[] = [...WAGE_BANDS.map((b) => b.key), "none"];

/** The band of a monthly wage; "none" when no wage was recorded. */
export function wageBand(wage: number | null): WageBandKey {
  if (wage === null || wage < 0) return "none";
  return WAGE_BANDS.find((b) => wage >= b.min && wage <= b.max)!.key;
}

/** The median of the values (the mean of the two middle ones for an even count); null when empty. */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// ---------------------------------------------------------------------------------------------
// Retention

export type Span = { start: number; end: number };

/**
 * A placement counts towards retention at N days when it begins an episode of work (it replaced no
 * other placement: a reassignment continues the episode), started in the period, and its day N
 * (start + N) has come by the end of the period and by today: otherwise nobody can know yet.
 */
export function retentionEligible(start: number, days: number, period: { from: number; to: number }, today: number): boolean {
  return start >= period.from && start <= period.to && start + days <= Math.min(period.to, today);
}

/**
 * Retained at day D when the person held some placement on D: one that had started by D and had
 * not ended by D (still active, or ended after D). Any placement of the person counts, so someone
 * reassigned to a second job and still in it is retained; someone whose job ended on D or before,
 * with nothing after, is not.
 */
export function heldOn(spans: readonly Span[], day: number): boolean {
  return spans.some((s) => s.start <= day && s.end > day);
}

export function retainedAt(spans: readonly Span[], start: number, days: number): boolean {
  return heldOn(spans, start + days);
}

/** Share as a fraction, or null when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

// ---------------------------------------------------------------------------------------------
// Regions

/** A GB/T 2260 code's first `digits` digits as a number (origins and workplaces are stored so). */
export function codePrefix(code: number, digits: number): number {
  return Math.floor(code / 10 ** (6 - digits));
}

/** A division code (2..12 digits) as the 6-digit county number the store keeps (0 when unreadable). */
export function countyNumber(code: string | null | undefined): number {
  if (!code) return 0;
  const six = code.slice(0, 6).padEnd(6, "0");
  return /^\d{6}$/.test(six) ? Number(six) : 0;
}

/** Whether a 6-digit county number lies in a region given as a 2-, 4- or 6-digit code. */
export function inRegion(county: number, region: string | null): boolean {
  if (!region) return true;
  return codePrefix(county, region.length) === Number(region);
}

// ---------------------------------------------------------------------------------------------
// Panels and drill-down keys

export const PANELS = ["people", "status", "track", "placed", "origin", "destination", "wage", "retention", "overdue", "reasons", "training"] as const;
export type Panel = (typeof PANELS)[number];

export const TRAINING_STAGES = ["completed", "placed", "retained"] as const;
export type TrainingStage = (typeof TRAINING_STAGES)[number];

export type DrillKey =
  | { panel: "people" | "placed"; key: "all" }
  | { panel: "status"; key: (typeof EMPLOYMENT_STATUSES)[number] }
  | { panel: "track"; key: (typeof TRACKS)[number] }
  | { panel: "origin" | "destination"; key: string }
  | { panel: "wage"; key: WageBandKey }
  | { panel: "retention"; days: RetentionDays; retained: boolean }
  | { panel: "overdue"; by: "all" | "office" | "caseworker"; id: number | null }
  | { panel: "reasons"; key: string }
  | { panel: "training"; key: TrainingStage };

const isOneOf = <T extends string>(values: readonly T[], v: string): v is T => (values as readonly string[]).includes(v);

/** Reads ?panel=&key= into a drill-down; null for anything that is not one. */
export function parseDrillKey(panel: string, key: string): DrillKey | null {
  switch (panel) {
    case "people":
    case "placed":
      return key === "all" ? { panel, key } : null;
    case "status":
      return isOneOf(EMPLOYMENT_STATUSES, key) ? { panel, key } : null;
    case "track":
      return isOneOf(TRACKS, key) ? { panel, key } : null;
    case "origin":
    case "destination":
      return /^\d{2}(\d{2})?$/.test(key) ? { panel, key } : null;
    case "wage":
      return isOneOf(WAGE_BAND_KEYS, key) ? { panel, key } : null;
    case "retention": {
      const m = /^(90|180|365):(retained|lost)$/.exec(key);
      return m ? { panel, days: Number(m[1]) as RetentionDays, retained: m[2] === "retained" } : null;
    }
    case "overdue": {
      if (key === "all") return { panel, by: "all", id: null };
      const m = /^(office|caseworker):(\d{1,9}|none)$/.exec(key);
      if (!m) return null;
      if (m[2] === "none") return m[1] === "caseworker" ? { panel, by: "caseworker", id: null } : null;
      return { panel, by: m[1] as "office" | "caseworker", id: Number(m[2]) };
    }
    case "reasons":
      return /^[A-Z_]{2,30}$/.test(key) ? { panel, key } : null;
    case "training":
      return isOneOf(TRAINING_STAGES, key) ? { panel, key } : null;
    default:
      return null;
  }
}

/** The ?key= value of a drill-down (the inverse of parseDrillKey). */
export function drillKeyValue(drill: DrillKey): string {
  switch (drill.panel) {
    case "retention":
      return `${drill.days}:${drill.retained ? "retained" : "lost"}`;
    case "overdue":
      return drill.by === "all" ? "all" : `${drill.by}:${drill.id ?? "none"}`;
    default:
      return drill.key;
  }
}
