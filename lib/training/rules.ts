// Pure rules of training: cohort status moves, which months of living allowance a person is due,
// attendance rates, the skill levels a completed course grants, and what a programme led to.
// No database here (docs/decisions/011-training.md).
import { addDays, daysBetween, isoDate, LASTING_DAYS } from "@/lib/placements/rules";
import { TRAINING_PROGRAMMES } from "@/lib/persons/rules";

// The training wishes a profile records, then the kinds only an office runs.
export const TRAINING_KINDS = [...TRAINING_PROGRAMMES, "PRE_JOB", "VOCATIONAL_CLASS", "OTHER"] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** 走出去: trainers go to the origin region; 请进来: trainees come to the destination. */
export const TRAINING_DELIVERIES = ["IN_ORIGIN", "IN_DESTINATION"] as const;
export const COHORT_STATUSES = ["PLANNED", "RUNNING", "COMPLETED", "CANCELLED"] as const;
export type CohortStatus = (typeof COHORT_STATUSES)[number];
export const ENROLMENT_STATUSES = ["ENROLLED", "COMPLETED", "WITHDRAWN", "FAILED"] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const ATTENDANCE_STATUSES = ["PRESENT", "ABSENT", "EXCUSED"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const SKILL_LEVELS = ["BASIC", "SKILLED", "CERTIFIED"] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

// ---------------------------------------------------------------------------------------------
// Cohort status

const MOVES: Record<CohortStatus, readonly CohortStatus[]> = {
  PLANNED: ["RUNNING", "CANCELLED"],
  RUNNING: ["COMPLETED", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
};

/** PLANNED -> RUNNING -> COMPLETED, or CANCELLED before it is over. Staying put is no move. */
export function canMoveCohort(from: CohortStatus, to: CohortStatus): boolean {
  return from === to || MOVES[from].includes(to);
}

/** The moves a cohort's page offers from where it is. */
export function nextCohortStatuses(from: CohortStatus): readonly CohortStatus[] {
  return MOVES[from];
}

/** People are enrolled before a cohort is over; a cancelled or completed class takes no one. */
export function cohortTakesEnrolments(status: CohortStatus): boolean {
  return status === "PLANNED" || status === "RUNNING";
}

/** A place is held by everyone but those who withdrew (a failed trainee sat the course). */
export function holdsPlace(status: EnrolmentStatus): boolean {
  return status !== "WITHDRAWN";
}

// ---------------------------------------------------------------------------------------------
// Months of living allowance

/** The first day of the month a date falls in (a DATE value, midnight UTC). */
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** The last day of the month that starts on `month`. */
export function monthEnd(month: Date): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0));
}

/** "2026-12" for the month starting on that day. */
export function monthKey(month: Date): string {
  return isoDate(month).slice(0, 7);
}

/** "2026-12" (or "2026-12-01") as the month's first day; null when it is not a month. */
export function parseMonth(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(value.trim());
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return new Date(Date.UTC(Number(match[1]), month - 1, 1));
}

export type EnrolmentPeriod = { enrolledOn: Date; endedOn: Date | null; status: EnrolmentStatus };

/**
 * The days a person was on the course: from the later of enrolment and the cohort's start to
 * the day it ended for them (or the cohort's end while they are still enrolled).
 */
export function enrolmentSpan(enrolment: EnrolmentPeriod, cohort: { startDate: Date; endDate: Date }): { from: Date; to: Date } {
  const from = enrolment.enrolledOn > cohort.startDate ? enrolment.enrolledOn : cohort.startDate;
  const end = enrolment.endedOn ?? cohort.endDate;
  return { from, to: end < cohort.endDate ? end : cohort.endDate };
}

/**
 * A month is due to a person when any day of it falls inside their span on the course. A month
 * that has not begun yet is never due (nobody is paid ahead).
 */
export function isMonthDue(month: Date, enrolment: EnrolmentPeriod, cohort: { startDate: Date; endDate: Date }, today: Date): boolean {
  if (month > today) return false;
  const span = enrolmentSpan(enrolment, cohort);
  if (span.to < span.from) return false;
  return month <= span.to && monthEnd(month) >= span.from;
}

/** Every month due to a person up to today, oldest first. */
export function monthsDue(enrolment: EnrolmentPeriod, cohort: { startDate: Date; endDate: Date }, today: Date): Date[] {
  const span = enrolmentSpan(enrolment, cohort);
  const months: Date[] = [];
  for (let m = monthStart(span.from); m <= span.to && m <= today; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) months.push(m);
  return months;
}

/** The months a cohort spans, for the ledger's month picker (oldest first, up to today). */
export function cohortMonths(cohort: { startDate: Date; endDate: Date }, today: Date): Date[] {
  return monthsDue({ enrolledOn: cohort.startDate, endedOn: null, status: "ENROLLED" }, cohort, today);
}

// ---------------------------------------------------------------------------------------------
// Attendance

export type AttendanceCounts = { present: number; absent: number; excused: number };

export function countAttendance(statuses: readonly AttendanceStatus[]): AttendanceCounts {
  const counts = { present: 0, absent: 0, excused: 0 };
  for (const s of statuses) {
    if (s === "PRESENT") counts.present++;
    else if (s === "ABSENT") counts.absent++;
    else counts.excused++;
  }
  return counts;
}

/**
 * Present days over the days the person was expected: an excused absence (illness, a family
 * emergency, leave granted) is not held against them. Null before any day counts.
 */
export function attendanceRate(counts: AttendanceCounts): number | null {
  const expected = counts.present + counts.absent;
  return expected === 0 ? null : counts.present / expected;
}

/** A register is kept for days of the course up to today. */
export function registerDayAllowed(day: Date, cohort: { startDate: Date; endDate: Date }, today: Date): boolean {
  return day >= cohort.startDate && day <= cohort.endDate && day <= today;
}

// ---------------------------------------------------------------------------------------------
// Skills a completed course adds

const LEVEL_RANK: Record<SkillLevel, number> = { BASIC: 0, SKILLED: 1, CERTIFIED: 2 };

/** A course that certifies grants CERTIFIED only with a certificate; without one, SKILLED. */
export function levelGranted(programmeLevel: SkillLevel, hasCertificate: boolean): SkillLevel {
  return programmeLevel === "CERTIFIED" && !hasCertificate ? "SKILLED" : programmeLevel;
}

/** The higher of two levels: completing a course never lowers what a person already had. */
export function higherLevel(a: SkillLevel, b: SkillLevel): SkillLevel {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

/**
 * What a person's skill becomes after the course: its level raised (never lowered), and the
 * certificate filled in when the level granted is CERTIFIED and none was recorded.
 */
export function mergeSkill(
  existing: { level: SkillLevel; certificate: string | null } | null,
  granted: { level: SkillLevel; certificate: string | null },
): { level: SkillLevel; certificate: string | null; changed: boolean } {
  if (!existing) return { level: granted.level, certificate: granted.level === "CERTIFIED" ? granted.certificate : null, changed: true };
  const level = higherLevel(existing.level, granted.level);
  const certificate = existing.certificate ?? (granted.level === "CERTIFIED" ? granted.certificate : null);
  return { level, certificate, changed: level !== existing.level || certificate !== existing.certificate };
}

// ---------------------------------------------------------------------------------------------
// What a programme led to

export type PlacementSpan = { startDate: Date; endDate: Date | null; status: string };

/** The first placement that started on or after the person enrolled: the job the course led to. */
export function placementAfter(enrolledOn: Date, placements: readonly PlacementSpan[]): PlacementSpan | null {
  let first: PlacementSpan | null = null;
  for (const p of placements) if (p.startDate >= enrolledOn && (!first || p.startDate < first.startDate)) first = p;
  return first;
}

/**
 * Whether the person was still employed LASTING_DAYS after `start`: on that day they held a
 * placement (this one or a later one after a reassignment) that was running (ACTIVE) or had not
 * yet ended. The same "a job that lasted" as the reassignment report. Null while that day has
 * not come yet.
 */
export function employedAt90(start: Date, placements: readonly PlacementSpan[], today: Date): boolean | null {
  const day = addDays(start, LASTING_DAYS);
  if (day > today) return null;
  // A placement with no end date is the running one (ACTIVE): the database ties the two together.
  return placements.some((p) => p.startDate <= day && (p.endDate === null || p.endDate >= day));
}

export type OutcomeInput = {
  enrolledOn: Date;
  status: EnrolmentStatus;
  certificate: string | null;
  placements: readonly PlacementSpan[];
};

export type ProgrammeOutcomes = {
  enrolled: number;
  completed: number;
  certified: number;
  placed: number;
  /** Placed long enough ago to tell (90 days since the job started). */
  placedLongEnough: number;
  employedAt90: number;
};

/** What a programme's people did: completed, certified, placed after it, still employed at 90 days. */
export function programmeOutcomes(people: readonly OutcomeInput[], today: Date): ProgrammeOutcomes {
  const out: ProgrammeOutcomes = { enrolled: 0, completed: 0, certified: 0, placed: 0, placedLongEnough: 0, employedAt90: 0 };
  for (const p of people) {
    out.enrolled++;
    if (p.status === "COMPLETED") {
      out.completed++;
      if (p.certificate) out.certified++;
    }
    const job = placementAfter(p.enrolledOn, p.placements);
    if (!job) continue;
    out.placed++;
    const lasting = employedAt90(job.startDate, p.placements, today);
    if (lasting === null) continue;
    out.placedLongEnough++;
    if (lasting) out.employedAt90++;
  }
  return out;
}

/** Whole days of the course, for display. */
export function courseDays(from: Date, to: Date): number {
  return daysBetween(from, to) + 1;
}
