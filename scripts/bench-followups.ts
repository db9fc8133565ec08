// `npm run bench:followups`: "My day" and the supervisor's view at a realistic volume.
// Uses the throwaway cluster of `npm run bench` ("bench-pg", durability off; DATABASE_URL if
// set), expects its people (run `npm run bench` first, or pass --persons to seed), and tops it
// up to --followups follow-ups: a placement for people taken in id order (active for those at
// work, ended after two months for the others) and its five follow-ups on the 7/30/90/180/365
// cadence, done when past (a few left open: overdue), cancelled after an end, open ahead.
// Then it measures the server-side work of the pages (lib/placements/data.ts):
//
//   - myDay for caseworkers with the largest caseloads (overdue, today, this week, counts);
//   - supervisorOverview for a city supervisor, a province supervisor and an admin;
//   - listEscalations for the province supervisor;
// each against its baseline in the same run: the same answer from plain SQL that finds a
// caseworker's follow-ups through persons.caseworker_id (no copy on follow_ups, no partial index).
// Target (issue #4): p95 of the server-side work at most 50 ms.
//
//   --persons N     people required (default 1,000,000; seeds the difference)
//   --followups N   follow-ups required (default 2,000,000; generates the difference)
//   --iterations N  timed runs per case (default 40)
//   --json FILE     also write [{ name, p50_ms, p95_ms, baseline_p95_ms, ratio, target_ms, pass }]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedDatabase } from "./lib/embedded-db";
import { applyMigrations } from "./lib/migrate";
import { loadReferenceData } from "./lib/reference-data";
import { stats, type Stats } from "./lib/bench-stats";
import { seedPopulation } from "./seed";
import { generateFollowUps } from "./lib/generate-follow-ups";
import type { Scope } from "../lib/auth/scope";

const { values: args } = parseArgs({
  options: {
    persons: { type: "string", default: "1000000" },
    followups: { type: "string", default: "2000000" },
    iterations: { type: "string", default: "40" },
    json: { type: "string" },
  },
});
const TARGET_MS = 50;
const ITERATIONS = Number(args.iterations);
const log = (m: string) => console.log(`[bench-followups] ${m}`);
const fmt = (n: number) => n.toLocaleString("en-US");

const BENCH_SECRETS = {
  NEXTAUTH_SECRET: "bench-secret-not-for-production-0123456789",
  PII_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
  PII_HASH_KEY: Buffer.alloc(32, 5).toString("base64"),
};

type Row = { name: string; p50_ms: number; p95_ms: number; min_ms: number; baseline_p50_ms: number; baseline_p95_ms: number; ratio: number; target_ms: number; pass: boolean; notes: string };

async function main(): Promise<number> {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const server = await startEmbeddedDatabase({ name: "bench-pg", database: "jobbridge_bench", durable: false, log });
    url = server.url;
    stop = server.stop;
  }
  for (const [key, value] of Object.entries(BENCH_SECRETS)) process.env[key] ??= value;
  process.env.DATABASE_URL = url;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await applyMigrations(url, () => {});
    await loadReferenceData(url, () => {});
    const { seedDemo, scopeFor } = await import("../tests/factories");
    await seedDemo(url, { log });
    const persons = Number((await client.query("SELECT count(*) FROM persons")).rows[0].count);
    if (persons < Number(args.persons)) {
      log(`${fmt(persons)} people: seeding up to ${fmt(Number(args.persons))} (a few minutes)`);
      await seedPopulation(url, { persons: Number(args.persons) - persons, keys: { encryption: process.env.PII_ENCRYPTION_KEY!, hash: process.env.PII_HASH_KEY! }, log });
    }
    const { chinaToday, isoDate } = await import("../lib/placements/rules");
    const today = chinaToday();
    const have = Number((await client.query("SELECT count(*) FROM follow_ups")).rows[0].count);
    if (have < Number(args.followups)) {
      const made = await generateFollowUps(client, { followUps: Number(args.followups) - have, today: isoDate(today) });
      log(`generated ${fmt(made.placements)} placements and ${fmt(made.followUps)} follow-ups in ${made.seconds.toFixed(1)} s`);
    }
    else await client.query("VACUUM ANALYZE follow_ups");
    const counts = (await client.query("SELECT (SELECT count(*) FROM persons) AS persons, (SELECT count(*) FROM placements) AS placements, (SELECT count(*) FROM follow_ups) AS follow_ups, (SELECT count(*) FROM follow_ups WHERE status = 'OPEN') AS open")).rows[0];
    log(`${fmt(Number(counts.persons))} people, ${fmt(Number(counts.placements))} placements, ${fmt(Number(counts.follow_ups))} follow-ups (${fmt(Number(counts.open))} open)`);

    const { myDay, supervisorOverview, listEscalations } = await import("../lib/placements/data");
    const { db } = await import("../lib/db");
    const { addDays } = await import("../lib/placements/rules");
    const weekEnd = isoDate(addDays(today, 7));
    const results: Row[] = [];
    const measure = async (name: string, work: (i: number) => Promise<unknown>, baseline: (i: number) => Promise<unknown>, notes: string) => {
      for (let i = 0; i < 3; i++) {
        await work(i);
        await baseline(i);
      }
      const ours: number[] = [];
      const plain: number[] = [];
      // Interleaved, so that both see the same machine.
      for (let i = 0; i < ITERATIONS; i++) {
        let t = performance.now();
        await work(i);
        ours.push(performance.now() - t);
        t = performance.now();
        await baseline(i);
        plain.push(performance.now() - t);
      }
      const s: Stats = stats(ours);
      const b: Stats = stats(plain);
      const row: Row = { name, p50_ms: s.p50, p95_ms: s.p95, min_ms: s.min, baseline_p50_ms: b.p50, baseline_p95_ms: b.p95, ratio: s.p95 / b.p95, target_ms: TARGET_MS, pass: s.p95 <= TARGET_MS, notes };
      results.push(row);
      log(`${name}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, baseline p95 ${b.p95.toFixed(1)} ms (x${row.ratio.toFixed(3)}), target p95 <= ${TARGET_MS} ms: ${row.pass ? "PASS" : "MISS"} — ${notes}`);
    };

    // Caseworkers with the most open follow-ups in the window.
    const busiest = (
      await client.query(
        `SELECT caseworker_id AS id, count(*)::int AS n FROM follow_ups WHERE status = 'OPEN' AND due_date <= $1::date AND caseworker_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 20`,
        [weekEnd],
      )
    ).rows as { id: number; n: number }[];
    const caseworkers: { id: number; scope: Scope }[] = [];
    for (const r of busiest) caseworkers.push({ id: r.id, scope: await scopeFor(r.id) });
    const caseload = Number((await client.query("SELECT count(*) FROM persons WHERE caseworker_id = $1", [busiest[0]!.id])).rows[0].count);
    const plainDay = async (caseworkerId: number) => {
      // The same answer without the copy of caseworker_id on follow_ups: through persons.
      await client.query(
        `SELECT count(*) FILTER (WHERE f.due_date < $2::date), count(*) FILTER (WHERE f.due_date = $2::date), count(*) FILTER (WHERE f.due_date > $2::date)
           FROM follow_ups f JOIN persons p ON p.id = f.person_id
          WHERE p.caseworker_id = $1 AND f.status = 'OPEN' AND f.due_date <= $3::date`,
        [caseworkerId, isoDate(today), weekEnd],
      );
      await client.query(
        `SELECT f.id, f.due_date, p.name, p.phone, pl.title, e.name
           FROM follow_ups f JOIN persons p ON p.id = f.person_id
           LEFT JOIN placements pl ON pl.id = f.placement_id LEFT JOIN employers e ON e.id = pl.employer_id
          WHERE p.caseworker_id = $1 AND f.status = 'OPEN' AND f.due_date <= $2::date
          ORDER BY f.due_date, f.id LIMIT 400`,
        [caseworkerId, weekEnd],
      );
    };
    await measure(
      "My day (caseworker, busiest 20)",
      (i) => myDay(caseworkers[i % caseworkers.length]!.scope, caseworkers[i % caseworkers.length]!.id, today),
      (i) => plainDay(caseworkers[i % caseworkers.length]!.id),
      `${busiest[0]!.n}-${busiest[busiest.length - 1]!.n} open follow-ups due by ${weekEnd} each; caseload ~${fmt(caseload)} people`,
    );

    const supervisors = (await client.query(`SELECT u.id, u.username, o.region_code FROM users u JOIN offices o ON o.id = u.office_id WHERE u.username IN ('wuxi_supervisor', 'js_supervisor', 'admin')`)).rows as { id: number; username: string; region_code: string }[];
    for (const s of supervisors) {
      const scope = await scopeFor(s.id);
      const offices = scope.officeIds === "ALL" ? null : [...scope.officeIds];
      const plainOverview = () =>
        client.query(
          `SELECT p.caseworker_id, p.office_id,
                  count(*) FILTER (WHERE f.due_date < $1::date), count(*) FILTER (WHERE f.due_date = $1::date),
                  count(*) FILTER (WHERE f.due_date > $1::date), count(*) FILTER (WHERE f.failed_attempts >= 3)
             FROM follow_ups f JOIN persons p ON p.id = f.person_id
            WHERE f.status = 'OPEN' AND f.due_date <= $2::date AND ($3::int[] IS NULL OR p.office_id = ANY($3::int[]))
            GROUP BY 1, 2`,
          [isoDate(today), weekEnd, offices],
        );
      const open = Number((await client.query(`SELECT count(*) FROM follow_ups WHERE status = 'OPEN' AND due_date <= $1::date AND ($2::int[] IS NULL OR office_id = ANY($2::int[]))`, [weekEnd, offices])).rows[0].count);
      await measure(`Supervisor view (${s.username})`, () => supervisorOverview(scope, today), plainOverview, `${offices ? offices.length : "all"} offices, ${fmt(open)} open follow-ups due by ${weekEnd}`);
      if (s.username === "js_supervisor") {
        await measure(
          "Escalations (js_supervisor)",
          () => listEscalations(scope),
          () =>
            client.query(
              `SELECT f.id, p.name FROM follow_ups f JOIN persons p ON p.id = f.person_id WHERE f.status = 'OPEN' AND f.failed_attempts >= 3 AND p.office_id = ANY($1::int[]) ORDER BY f.escalated_at NULLS FIRST, f.due_date LIMIT 200`,
              [offices],
            ),
          "open follow-ups with three failed attempts",
        );
      }
    }
    await db().$disconnect();

    console.log();
    const header = ["case", "p50 ms", "p95 ms", "baseline p95", "ratio", "target", ""];
    const body = results.map((r) => [r.name, r.p50_ms.toFixed(1), r.p95_ms.toFixed(1), r.baseline_p95_ms.toFixed(1), r.ratio.toFixed(3), `p95 <= ${r.target_ms} ms`, r.pass ? "PASS" : "MISS"]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
    for (const row of [header, widths.map((w) => "-".repeat(w)), ...body]) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
    if (args.json) {
      fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
      fs.writeFileSync(args.json, JSON.stringify(results, null, 2));
      log(`wrote ${args.json}`);
    }
    return results.every((r) => r.pass) ? 0 : 1;
  } finally {
    await client.end().catch(() => {});
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
