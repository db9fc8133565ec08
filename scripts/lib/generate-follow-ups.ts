// Generated placements and follow-ups for the demo caseload and the benchmarks.
import type pg from "pg";

/**
 * Placements and their five follow-ups for people who have none yet, in id order: active for
 * people at work, ended after two months (did not adapt) for the others; follow-ups on the
 * 7/30/90/180/365 cadence, done when past (one in 29 left open: overdue), cancelled after an
 * end, open from two days ago on; one in 97 open ones with three failed attempts. With
 * `contacts`, each done follow-up gets the phone call that closed it (the demo; the benchmark
 * leaves them out). Set-based SQL: 2,000,000 follow-ups in about a minute.
 */
export async function generateFollowUps(client: pg.Client, options: { followUps: number; today: string; contacts?: boolean; fromPersonId?: number }) {
  const placements = Math.ceil(options.followUps / 5);
  const today = options.today;
  const started = performance.now();
  await client.query("BEGIN");
  const inserted = await client.query(
    `WITH emps AS (SELECT array_agg(e.id ORDER BY e.id) AS ids FROM employers e JOIN offices o ON o.id = e.office_id WHERE o.kind = 'DESTINATION_BUREAU'),
          people AS (
            SELECT p.id, p.office_id, p.employment_status
              FROM persons p
             WHERE p.id >= $3 AND NOT EXISTS (SELECT 1 FROM placements x WHERE x.person_id = p.id)
             ORDER BY p.id LIMIT $1)
     INSERT INTO placements (person_id, employer_id, office_id, title, county_code, monthly_wage, contract_type, start_date, end_date, end_reason, status, updated_at)
     SELECT p.id, e.id, p.office_id, '普工', left(e.division_code, 6), 4000 + (p.id % 30) * 100, 'FIXED_TERM',
            s.start_date,
            CASE WHEN p.employment_status = 'EMPLOYED' THEN NULL ELSE s.start_date + 60 END,
            CASE WHEN p.employment_status = 'EMPLOYED' THEN NULL ELSE 'DID_NOT_ADAPT'::end_reason END,
            CASE WHEN p.employment_status = 'EMPLOYED' THEN 'ACTIVE'::placement_status ELSE 'ENDED'::placement_status END,
            now()
       FROM people p
       CROSS JOIN emps
       JOIN employers e ON e.id = emps.ids[1 + p.id % cardinality(emps.ids)]
       CROSS JOIN LATERAL (SELECT $2::date - ((p.id::bigint * 7919) % 500)::int AS start_date) s`,
    [placements, today, options.fromPersonId ?? 0],
  );
  const followUps = await client.query(
    `INSERT INTO follow_ups (person_id, placement_id, office_id, caseworker_id, reason, cadence_day, due_date, status, completed_at, outcome, updated_at)
     SELECT pl.person_id, pl.id, pl.office_id, p.caseworker_id, 'PLACEMENT', d.day, pl.start_date + d.day, st.status,
            CASE WHEN st.status = 'DONE' THEN (pl.start_date + d.day)::timestamptz END,
            CASE WHEN st.status = 'DONE' THEN 'SETTLED'::follow_up_outcome END,
            now()
       FROM placements pl
       JOIN persons p ON p.id = pl.person_id
       CROSS JOIN unnest(ARRAY[7, 30, 90, 180, 365]) AS d(day)
       CROSS JOIN LATERAL (SELECT CASE
            WHEN pl.end_date IS NOT NULL AND pl.start_date + d.day > pl.end_date THEN 'CANCELLED'
            WHEN pl.start_date + d.day >= $1::date - 2 THEN 'OPEN'
            WHEN (pl.id + d.day) % 29 = 0 THEN 'OPEN'
            ELSE 'DONE' END::follow_up_status AS status) st
      WHERE pl.title = '普工' AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.placement_id = pl.id)`,
    [today],
  );
  // A few escalations: three failed attempts on some overdue ones.
  await client.query(`UPDATE follow_ups SET failed_attempts = 3 WHERE status = 'OPEN' AND due_date < $1::date AND id % 97 = 0`, [today]);
  await client.query("UPDATE persons SET employment_status = 'EMPLOYED' WHERE id IN (SELECT person_id FROM placements WHERE status = 'ACTIVE') AND employment_status <> 'EMPLOYED'");
  if (options.contacts) {
    await client.query(
      `INSERT INTO follow_up_contacts (follow_up_id, person_id, at, channel, reached, outcome, income, notes)
       SELECT f.id, f.person_id, f.completed_at, 'PHONE', true, f.outcome, pl.monthly_wage, '电话回访：工作稳定'
         FROM follow_ups f JOIN placements pl ON pl.id = f.placement_id
        WHERE f.status = 'DONE' AND pl.title = '普工' AND NOT EXISTS (SELECT 1 FROM follow_up_contacts c WHERE c.follow_up_id = f.id)`,
    );
  }
  await client.query("COMMIT");
  // What autovacuum does after a bulk load, done now so that index-only scans are possible.
  await client.query("VACUUM ANALYZE placements");
  await client.query("VACUUM ANALYZE follow_ups");
  return { placements: inserted.rowCount ?? 0, followUps: followUps.rowCount ?? 0, seconds: (performance.now() - started) / 1000 };
}
