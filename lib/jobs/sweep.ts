import "server-only";
import { chinaToday } from "@/lib/placements/rules";
import { ensureMonitoringFollowUps, escalateFailedFollowUps, notifyOverdue, type SweepFilter } from "@/lib/jobs/mutations";
import { SWEEP_PARTS, type SweepPart } from "@/lib/jobs/rules";

// The follow-up sweep: what the scheduled jobs do (lib/jobs/queue.ts: escalations and overdue
// every five minutes, monitoring hourly), and what tests call directly with a `now` of their
// choosing. Three parts, each idempotent and each committed on its own, so a failure in one does
// not undo the others:
//   1. escalations: three failed attempts → the office's supervisors and the caseworker are told;
//   2. overdue: one reminder per caseworker per China day with their overdue count;
//   3. monitoring: everyone lifted out of poverty or at risk with nothing planned gets a follow-up.
// See docs/decisions/008-follow-ups-and-jobs.md.

export type SweepOptions = SweepFilter & { now?: Date; parts?: readonly SweepPart[] };

export type SweepResult = {
  /** Follow-ups marked escalated by this run. */
  escalated: number;
  /** ESCALATION notifications to supervisors, ESCALATION_RAISED to caseworkers. */
  supervisorsNotified: number;
  caseworkersNotified: number;
  /** OVERDUE notifications written (at most one per user per China day). */
  overdueNotified: number;
  monitoringCreated: number;
  ms: number;
};

export async function runFollowUpSweep(options: SweepOptions = {}): Promise<SweepResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const today = chinaToday(now);
  const filter: SweepFilter = { officeIds: options.officeIds };
  const parts = new Set(options.parts ?? SWEEP_PARTS);
  // Escalations first: a sweep requested after a third failed attempt is for them. Monitoring,
  // the part that reads the most rows, last (what it creates falls due after today anyway).
  const escalations = parts.has("escalations") ? await escalateFailedFollowUps(now, filter) : { escalated: 0, notified: 0, raised: 0 };
  const overdue = parts.has("overdue") ? await notifyOverdue(now, today, filter) : { notified: 0 };
  const monitoring = parts.has("monitoring") ? await ensureMonitoringFollowUps(now, today, filter) : { created: 0 };
  return {
    escalated: escalations.escalated,
    supervisorsNotified: escalations.notified,
    caseworkersNotified: escalations.raised,
    overdueNotified: overdue.notified,
    monitoringCreated: monitoring.created,
    ms: Math.round(performance.now() - started),
  };
}
