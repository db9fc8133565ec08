// Pure rules of placements and follow-ups: the follow-up plan, what is due when, when a case
// escalates, who stays under monitoring, and the reassignment figures. No database here.

export const END_REASONS = ["DID_NOT_ADAPT", "WAGE", "HOUSING", "FAMILY", "HEALTH", "EMPLOYER_CLOSED", "RETURNED_HOME", "FOUND_ANOTHER_JOB", "COMMUTE", "OTHER"] as const;
export type EndReason = (typeof END_REASONS)[number];

export const CONTRACT_TYPES = ["FIXED_TERM", "OPEN_ENDED", "PROBATION", "DISPATCH", "PART_TIME", "PUBLIC_WELFARE", "NONE"] as const;
export const SUPPORT_KINDS = ["RENT_WAIVER", "UTILITY_WAIVER", "TRANSPORT_ALLOWANCE", "LIVING_ALLOWANCE", "JOB_STABILITY_SUBSIDY", "OTHER"] as const;
export const CONTACT_CHANNELS = ["PHONE", "WECHAT", "VISIT", "EMPLOYER", "FAMILY", "OTHER"] as const;
export const FOLLOW_UP_OUTCOMES = ["SETTLED", "STRUGGLING", "WANTS_CHANGE", "LEFT_JOB", "RETURNED_HOME"] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/** The cadence an office starts with (days after the placement starts). */
export const DEFAULT_CADENCE = [7, 30, 90, 180, 365] as const;

/** Failed attempts to reach someone, in a row, after which the case goes to the supervisor. */
export const ESCALATE_AFTER_FAILED_ATTEMPTS = 3;

/** A placement that lasted this long counts as one that worked (the reassignment report). */
export const LASTING_DAYS = 90;

const DAY_MS = 86_400_000;

/** Caseworkers work on China Standard Time (UTC+8, no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today's date in China as a DATE value (midnight UTC of that calendar day). */
export function chinaToday(now: Date = new Date()): Date {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** Whole days from `from` to `to` (DATE values). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A cadence as typed by an admin: whole days 1..730, ascending, no repeats, at most 12. */
export function normaliseCadence(days: readonly number[]): number[] {
  const clean = [...new Set(days.filter((d) => Number.isInteger(d) && d >= 1 && d <= 730))].sort((a, b) => a - b);
  return clean.slice(0, 12);
}

/**
 * The follow-ups of a placement: one per cadence day, due that many days after the start.
 * Days already past by more than a week when the placement is recorded (a placement entered
 * late) are left out, except the last one that passed, so there is always something to do now.
 */
export function followUpPlan(startDate: Date, cadence: readonly number[], today: Date): { cadenceDay: number; dueDate: Date }[] {
  const plan = normaliseCadence(cadence).map((cadenceDay) => ({ cadenceDay, dueDate: addDays(startDate, cadenceDay) }));
  const stale = plan.filter((p) => daysBetween(p.dueDate, today) > 7);
  const keepFrom = Math.max(0, stale.length - 1);
  return plan.slice(keepFrom);
}

export type DueBucket = "OVERDUE" | "TODAY" | "THIS_WEEK" | "LATER";

/** Where an open follow-up sits in "My day". This week = the next 7 days after today. */
export function dueBucket(dueDate: Date, today: Date): DueBucket {
  const d = daysBetween(today, dueDate);
  if (d < 0) return "OVERDUE";
  if (d === 0) return "TODAY";
  if (d <= 7) return "THIS_WEEK";
  return "LATER";
}

export function shouldEscalate(failedAttempts: number, alreadyEscalated: boolean): boolean {
  return !alreadyEscalated && failedAttempts >= ESCALATE_AFTER_FAILED_ATTEMPTS;
}

/** Poverty statuses that keep someone under follow-up when no placement plan is running. */
export const MONITORED_POVERTY_STATUSES = ["LIFTED", "LIFTED_UNSTABLE", "MARGINAL_AT_RISK", "EPIDEMIC_RETURNED"] as const;

export function isMonitored(person: { povertyStatus: string; atRisk: boolean }): boolean {
  return person.atRisk || (MONITORED_POVERTY_STATUSES as readonly string[]).includes(person.povertyStatus);
}

/** Outcomes after which the caseworker is offered a reassignment. */
export function suggestsReassignment(outcome: FollowUpOutcome): boolean {
  return outcome === "WANTS_CHANGE" || outcome === "LEFT_JOB";
}

/** An end reason needs a note when it is "other". */
export function endNoteRequired(reason: EndReason): boolean {
  return reason === "OTHER";
}
