// Pure rules of the scheduled follow-up sweep (lib/jobs/sweep.ts) and its queue: names, the
// keys that make every notification idempotent, and when a monitoring follow-up falls due. No
// database and no server-only import here: the e2e suite reads the queue's names from this file.
import { addDays, isoDate } from "@/lib/placements/rules";

/** PostgreSQL schema that pg-boss owns (created and migrated by pg-boss, never by our migrations). */
export const JOB_SCHEMA = "pgboss";

/** Escalations and overdue reminders: cheap (index ranges), so often. */
export const SWEEP_QUEUE = "followup-sweep";

/** Every five minutes (pg-boss cron, minute precision), plus once when an instance starts. */
export const SWEEP_CRON = "*/5 * * * *";

/**
 * Monitoring follow-ups: a scan of everyone under monitoring (about 3 s at a million people, 70 %
 * of them monitored), for deadlines counted in weeks; the writes that end a plan create the next
 * follow-up themselves (ensureMonitoringIn), so this is the safety net and runs hourly.
 */
export const MONITORING_QUEUE = "followup-monitoring";

/** Hourly at minute 17 (away from the five-minute marks), plus once when an instance starts. */
export const MONITORING_CRON = "17 * * * *";

/** The three parts of a sweep (lib/jobs/sweep.ts). */
export const SWEEP_PARTS = ["escalations", "overdue", "monitoring"] as const;
export type SweepPart = (typeof SWEEP_PARTS)[number];

/**
 * A job that takes longer than this is failed by pg-boss's maintenance and retried. Until then a
 * job left active by a process that exited mid-sweep holds its queue (one active job per queue),
 * so the five-minute sweep (milliseconds of work) gets little; monitoring more (the first scan
 * of a million-person caseload that never had monitoring creates ~600,000 follow-ups in ~40 s).
 */
export const SWEEP_EXPIRE_SECONDS = 120;
export const MONITORING_EXPIRE_SECONDS = 900;

/**
 * Dedupe keys, unique per user (notifications_user_id_dedupe_key_key): whatever runs the sweep,
 * however often and on however many instances, a user gets each notification once.
 */
export function escalationKey(followUpId: number): string {
  return `esc:${followUpId}`;
}

/** The caseworker's copy ("your case went to the supervisor"); a user may receive both kinds. */
export function escalationRaisedKey(followUpId: number): string {
  return `esc-raised:${followUpId}`;
}

/** One overdue reminder per user per China day (`today` is chinaToday(), a DATE value). */
export function overdueKey(today: Date): string {
  return `overdue:${isoDate(today)}`;
}

/**
 * When the sweep's monitoring follow-up for someone falls due. After a contact that reached
 * them: the office's interval after it (today at the earliest). Never reached under follow-up (a
 * caseload the sweep meets for the first time): spread over the first interval by person id, so
 * that a whole office's lifted households do not all fall due on the same day.
 * lib/jobs/mutations.ts computes the same in SQL; the integration test checks they agree.
 */
export function monitoringDueDate(input: { today: Date; intervalDays: number; personId: number; lastReachedOn: Date | null }): Date {
  const { today, intervalDays, personId, lastReachedOn } = input;
  if (!lastReachedOn) return addDays(today, 1 + (personId % intervalDays));
  const next = addDays(lastReachedOn, intervalDays);
  return next < today ? today : next;
}
