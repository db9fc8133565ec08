import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ESCALATE_AFTER_FAILED_ATTEMPTS, MONITORED_POVERTY_STATUSES, isoDate } from "@/lib/placements/rules";
import { overdueKey } from "@/lib/jobs/rules";

// The writes of the scheduled follow-up sweep: system writes with no signed-in user (audit rows
// have no actor). Each part is one set-based statement in a transaction of its own, idempotent,
// and safe when two app instances run it at the same moment: a transaction-scoped advisory lock
// serialises the same part across instances (the second runs after the first, on what the first
// committed), partial unique indexes make every insert happen once (notifications by user and
// dedupe key, one open monitoring follow-up per person), and escalation claims its rows with
// FOR UPDATE SKIP LOCKED and re-checks escalated_at.

/** Restricts a sweep to some offices (tests that share the database with other test files). */
export type SweepFilter = { officeIds?: readonly number[] };

/** pg_advisory_xact_lock(int, int) keys: 7270 ("JB") and the part. */
const LOCK_CLASS = 7270;
const LOCK = { escalations: 1, overdue: 2, monitoring: 3 } as const;

const ESCALATE_AT = Prisma.raw(String(ESCALATE_AFTER_FAILED_ATTEMPTS));
const MONITORED = Prisma.raw(MONITORED_POVERTY_STATUSES.map((s) => `'${s}'`).join(", "));

function officeFilter(column: Prisma.Sql, filter: SweepFilter): Prisma.Sql {
  return filter.officeIds ? Prisma.sql`${column} = ANY(${[...filter.officeIds]}::int[])` : Prisma.sql`TRUE`;
}

/**
 * Open follow-ups with three failed attempts that have not gone to a supervisor yet: marks them
 * escalated, notifies the supervisors of the follow-up's office (or, when it has none, the
 * supervisors of the nearest office whose region covers it: the ones whose scope includes it),
 * tells the caseworker (unless they are one of those supervisors), and writes a "followup.escalated" audit row. One statement.
 */
export async function escalateFailedFollowUps(now: Date, filter: SweepFilter = {}) {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${LOCK.escalations}::int)`;
    const [row] = await tx.$queryRaw<{ escalated: number; notified: number; raised: number }[]>`
      WITH due AS (
        SELECT f.id FROM follow_ups f
         WHERE f.status = 'OPEN' AND f.failed_attempts >= ${ESCALATE_AT} AND f.escalated_at IS NULL
           AND ${officeFilter(Prisma.sql`f.office_id`, filter)}
         ORDER BY f.id
         FOR UPDATE SKIP LOCKED
      ), escalated AS (
        UPDATE follow_ups f SET escalated_at = ${now}, updated_at = ${now}
          FROM due
         WHERE f.id = due.id AND f.escalated_at IS NULL
        RETURNING f.id, f.person_id, f.office_id, f.caseworker_id, f.failed_attempts, f.due_date
      ), targets AS (
        SELECT e.id AS follow_up_id, s.user_id
          FROM escalated e
          JOIN offices fo ON fo.id = e.office_id
         CROSS JOIN LATERAL (
           SELECT u.id AS user_id,
                  dense_rank() OVER (ORDER BY (so.id = fo.id) DESC, length(so.region_code) DESC) AS nearness
             FROM users u
             JOIN offices so ON so.id = u.office_id
            WHERE u.role = 'SUPERVISOR' AND u.active
              AND (so.id = fo.id OR starts_with(fo.region_code, so.region_code))
         ) s
         WHERE s.nearness = 1
      ), sent AS (
        INSERT INTO notifications (user_id, kind, dedupe_key, person_id, follow_up_id, params, created_at)
        SELECT t.user_id, 'ESCALATION', 'esc:' || e.id, e.person_id, e.id,
               jsonb_build_object('failedAttempts', e.failed_attempts, 'caseworkerId', e.caseworker_id), ${now}
          FROM targets t JOIN escalated e ON e.id = t.follow_up_id
        ON CONFLICT (user_id, dedupe_key) DO NOTHING
        RETURNING 1
      ), raised AS (
        INSERT INTO notifications (user_id, kind, dedupe_key, person_id, follow_up_id, params, created_at)
        SELECT e.caseworker_id, 'ESCALATION_RAISED', 'esc-raised:' || e.id, e.person_id, e.id,
               jsonb_build_object('failedAttempts', e.failed_attempts), ${now}
          FROM escalated e
          JOIN users u ON u.id = e.caseworker_id AND u.active
         WHERE NOT EXISTS (SELECT 1 FROM targets t WHERE t.follow_up_id = e.id AND t.user_id = e.caseworker_id)
        ON CONFLICT (user_id, dedupe_key) DO NOTHING
        RETURNING 1
      ), audited AS (
        INSERT INTO audit_events (at, actor_id, office_id, action, entity_type, entity_id, changes)
        SELECT ${now}, NULL, e.office_id, 'followup.escalated', 'person', e.person_id::text,
               jsonb_build_object(
                 'followUpId', e.id, 'dueDate', e.due_date, 'failedAttempts', e.failed_attempts, 'caseworkerId', e.caseworker_id,
                 'notified', (SELECT coalesce(jsonb_agg(t.user_id ORDER BY t.user_id), '[]'::jsonb) FROM targets t WHERE t.follow_up_id = e.id))
          FROM escalated e
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM escalated)::int AS escalated,
             (SELECT count(*) FROM sent)::int AS notified,
             (SELECT count(*) FROM raised)::int AS raised`;
    return row ?? { escalated: 0, notified: 0, raised: 0 };
  });
}

/**
 * One OVERDUE notification per user and China day, with the number of their open follow-ups
 * due before today; none for someone with nothing overdue. Users who already have today's are
 * skipped before counting; each count is a range of follow_ups_open_caseworker_due_idx.
 */
export async function notifyOverdue(now: Date, today: Date, filter: SweepFilter = {}) {
  const key = overdueKey(today);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${LOCK.overdue}::int)`;
    const notified = await tx.$executeRaw`
      INSERT INTO notifications (user_id, kind, dedupe_key, params, created_at)
      SELECT u.id, 'OVERDUE', ${key}, jsonb_build_object('count', o.n, 'day', ${isoDate(today)}::text), ${now}
        FROM users u
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS n FROM follow_ups f
          WHERE f.status = 'OPEN' AND f.caseworker_id = u.id AND f.due_date < ${today}::date
            AND ${officeFilter(Prisma.sql`f.office_id`, filter)}
       ) o
       WHERE u.active AND o.n > 0
         AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.dedupe_key = ${key})
      ON CONFLICT (user_id, dedupe_key) DO NOTHING`;
    return { notified };
  });
}

/**
 * Everyone under monitoring (household lifted out of poverty or at risk of falling back, or
 * flagged at risk by a caseworker) with nothing planned (no open follow-up of any kind) gets a
 * monitoring follow-up, due as monitoringDueDate() in lib/jobs/rules.ts says. One INSERT … SELECT
 * with anti-joins; the partial unique index follow_ups_one_open_monitoring makes it idempotent.
 */
export async function ensureMonitoringFollowUps(now: Date, today: Date, filter: SweepFilter = {}) {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${LOCK.monitoring}::int)`;
      const created = await tx.$executeRaw`
        INSERT INTO follow_ups (person_id, office_id, caseworker_id, reason, due_date, created_at, updated_at)
        SELECT p.id, p.office_id, p.caseworker_id, 'MONITORING',
               CASE WHEN last.at IS NULL THEN ${today}::date + 1 + (p.id % o.monitoring_interval_days)
                    ELSE greatest(${today}::date, (last.at AT TIME ZONE 'Asia/Shanghai')::date + o.monitoring_interval_days) END,
               ${now}, ${now}
          FROM persons p
          JOIN offices o ON o.id = p.office_id
          LEFT JOIN LATERAL (
            SELECT max(c.at) AS at FROM follow_up_contacts c WHERE c.person_id = p.id AND c.reached
          ) last ON TRUE
         WHERE (p.at_risk OR p.poverty_status IN (${MONITORED}))
           AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.person_id = p.id AND f.status = 'OPEN')
           AND ${officeFilter(Prisma.sql`p.office_id`, filter)}
         ORDER BY p.id
        ON CONFLICT (person_id) WHERE reason = 'MONITORING' AND status = 'OPEN' DO NOTHING`;
      return { created };
    },
    { timeout: 300_000 },
  );
}
