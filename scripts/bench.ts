// `npm run bench:persons` (part of `npm run bench`): the person list and search at a realistic volume. Starts a throwaway embedded
// PostgreSQL (cluster "bench-pg", durability off) unless DATABASE_URL is set, seeds it up to
// --persons people (scripts/seed.ts), then measures the server-side work of the list page
// (listPersons + countPersons, run together as the page runs them) for a caseworker (one office),
// a supervisor (a region), an admin and a partner: first page, a deep keyset page, each filter
// and each search form. Every case is also run as plain SQL through pg in the same run (the exact
// statements the data layer sent, captured from the driver) for the ratio, and a few naive forms
// (OFFSET, exact count, LIKE without the gram index) are timed for context.
//
//   --persons N       people in the database (default 1,000,000; seeds the difference)
//   --iterations N    timed runs per case (default 60), after --warmup runs (default 5); a case
//                     stops early once it has run --budget seconds (default 4), after 15 runs
//                     at least
//   --json FILE       also write [{ name, p50_ms, p95_ms, baseline_p95_ms, ratio }]
//   --only TEXT       run only the cases whose name contains TEXT
//   --explain         print EXPLAIN (ANALYZE, BUFFERS) of each case's statements
//
// Targets (the issue): p95 of a list or search page at most 50 ms; no search form above 100 ms.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedDatabase } from "./lib/embedded-db";
import { applyMigrations } from "./lib/migrate";
import { loadReferenceData } from "./lib/reference-data";
import { seedPopulation } from "./seed";
import type { Scope } from "../lib/auth/scope";
import type { PersonListQuery } from "../lib/persons/schema";

const { values: args } = parseArgs({
  options: {
    persons: { type: "string", default: "1000000" },
    iterations: { type: "string", default: "60" },
    warmup: { type: "string", default: "5" },
    budget: { type: "string", default: "4" },
    json: { type: "string" },
    only: { type: "string" },
    explain: { type: "boolean", default: false },
  },
});
const TARGET_PERSONS = Number(args.persons);
const ITERATIONS = Number(args.iterations);
const WARMUP = Number(args.warmup);
const BUDGET_MS = Number(args.budget) * 1000;
const MIN_ITERATIONS = Math.min(15, Number(args.iterations));
if (![TARGET_PERSONS, ITERATIONS, WARMUP].every((n) => Number.isInteger(n) && n >= 0) || ITERATIONS < 1) {
  console.error("usage: npm run bench -- [--persons N] [--iterations N] [--warmup N] [--json FILE] [--only TEXT] [--explain]");
  process.exit(2);
}

const PAGE_TARGET_MS = 50;
const SEARCH_TARGET_MS = 100;

// Fixed, obviously fake keys for the bench database; a DATABASE_URL run uses the environment's
// keys when set, so that full-ID searches find the people that database holds.
const BENCH_SECRETS = {
  NEXTAUTH_SECRET: "bench-secret-not-for-production-0123456789",
  PII_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
  PII_HASH_KEY: Buffer.alloc(32, 5).toString("base64"),
};

const log = (m: string) => console.log(`[bench] ${m}`);

// ---------------------------------------------------------------------------------------------
// Statistics

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

type Stats = { min: number; p50: number; p95: number; max: number };

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: sorted[0] ?? NaN, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? NaN };
}

// ---------------------------------------------------------------------------------------------
// Capturing what the data layer sends: the Prisma pg adapter calls pg.Client#query with a config
// object ({ text, values, rowMode, types }); while `capturing` is set, those are recorded.

// Which connection sent each statement is kept too: a count that runs in a transaction of its own
// (BEGIN, SET LOCAL, SELECT, COMMIT) is replayed in order on one connection, beside the list.
type Captured = { connection: pg.Client; text: string; values: unknown[] };
let capturing: Captured[] | null = null;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...params: unknown[]) {
  const config = params[0];
  if (capturing && config && typeof config === "object" && "text" in config) {
    const c = config as { text: string; values?: unknown[] };
    capturing.push({ connection: this, text: c.text, values: c.values ?? [] });
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, params);
} as typeof pg.Client.prototype.query;

// ---------------------------------------------------------------------------------------------

type Row = {
  name: string;
  kind: "page" | "naive";
  /** Search forms have the 100 ms ceiling as well. */
  search: boolean;
  /** The fastest run: what the work costs when nothing else wants the CPU. */
  min_ms: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  baseline_p50_ms: number;
  baseline_p95_ms: number;
  ratio: number;
  rows: number | null;
  count: string | null;
  runs: number;
};

async function main(): Promise<number> {
  // 1. The database.
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const started = performance.now();
    const server = await startEmbeddedDatabase({ name: "bench-pg", database: "jobbridge_bench", durable: false, log });
    url = server.url;
    stop = server.stop;
    log(`embedded PostgreSQL in ${server.dataDir} (${Math.round(performance.now() - started)} ms)`);
  } else {
    log("using DATABASE_URL");
  }
  for (const [key, value] of Object.entries(BENCH_SECRETS)) process.env[key] ??= value;
  process.env.DATABASE_URL = url;

  const admin = new pg.Client({ connectionString: url });
  const a = new pg.Client({ connectionString: url });
  const b = new pg.Client({ connectionString: url });
  try {
    const benchStarted = performance.now();
    await applyMigrations(url, () => {});
    await loadReferenceData(url, log);
    const { seedDemo, scopeFor } = await import("../tests/factories");
    await seedDemo(url, { log });

    await admin.connect();
    const present = Number((await admin.query<{ n: string }>("SELECT count(*) AS n FROM persons")).rows[0]!.n);
    let seeded = "";
    if (present < TARGET_PERSONS) {
      log(`seeding ${(TARGET_PERSONS - present).toLocaleString("en-US")} people (${present.toLocaleString("en-US")} present)`);
      const result = await seedPopulation(url, {
        persons: TARGET_PERSONS - present,
        keys: { encryption: process.env.PII_ENCRYPTION_KEY!, hash: process.env.PII_HASH_KEY! },
        log: (m) => log(`seed: ${m}`),
      });
      seeded = `${result.persons.toLocaleString("en-US")} people in ${result.seconds.toFixed(0)} s (${Math.round(result.persons / result.seconds).toLocaleString("en-US")}/s)`;
    } else {
      log(`${present.toLocaleString("en-US")} people present: no seeding`);
    }
    const total = Number((await admin.query<{ n: string }>("SELECT count(*) AS n FROM persons")).rows[0]!.n);

    const { listPersons, countPersons } = await import("../lib/persons/data");
    const { decryptPii } = await import("../lib/pii");
    const { db } = await import("../lib/db");
    await a.connect();
    await b.connect();

    // 2. Who is looking, and at what.
    const userId = async (username: string) => {
      const { rows } = await admin.query<{ id: number }>("SELECT id FROM users WHERE username = $1", [username]);
      if (!rows[0]) throw new Error(`demo user ${username} is missing`);
      return rows[0].id;
    };
    const scopes: { label: string; scope: Scope }[] = [
      { label: "caseworker", scope: await scopeFor(await userId("wuxi_caseworker")) },
      { label: "supervisor", scope: await scopeFor(await userId("wuxi_supervisor")) },
      { label: "admin", scope: await scopeFor(await userId("admin")) },
    ];
    const partner = await scopeFor(await userId("haidong_partner"));
    const officeId = scopes[0]!.scope.officeId;

    // A caseworker of that office with a typical caseload, and a person of that office to find.
    const caseworker = (
      await admin.query<{ id: number; n: number }>(
        `SELECT caseworker_id AS id, count(*)::int AS n FROM persons
         WHERE office_id = $1 AND caseworker_id IS NOT NULL GROUP BY 1 ORDER BY 2, 1`,
        [officeId],
      )
    ).rows;
    const caseworkerId = caseworker[Math.floor(caseworker.length / 2)]?.id;
    const sample = (
      await admin.query<{ id: number; name: string; id_cipher: string; phone: string }>(
        `SELECT id, name, id_cipher, phone FROM persons
         WHERE office_id = $1 AND phone IS NOT NULL AND char_length(name) = 3
         ORDER BY id OFFSET (SELECT count(*) / 3 FROM persons WHERE office_id = $1) LIMIT 1`,
        [officeId],
      )
    ).rows[0];
    if (!sample || !caseworkerId) throw new Error("the bench database has no seeded people in the caseworker's office");
    const nationalId = decryptPii(sample.id_cipher);
    log(`sample person #${sample.id} ${sample.name}; caseworker #${caseworkerId}; ${total.toLocaleString("en-US")} people`);

    // The keyset page at 60% of each scope's list (what "page 12,000" costs).
    const deepAfter = async (scope: Scope): Promise<number> => {
      const where =
        scope.officeIds === "ALL" ? "TRUE" : `office_id = ANY('{${scope.officeIds.join(",")}}'::int[])`;
      const { rows } = await admin.query<{ id: number; n: number }>(
        `SELECT id, (SELECT count(*)::int FROM persons WHERE ${where}) AS n FROM persons WHERE ${where}
         ORDER BY id DESC OFFSET (SELECT (count(*) * 0.6)::int FROM persons WHERE ${where}) LIMIT 1`,
      );
      return rows[0]?.id ?? 1;
    };

    type Case = { name: string; scope: Scope; query: PersonListQuery; search: boolean };
    const cases: Case[] = [];
    for (const { label, scope } of scopes) {
      const after = await deepAfter(scope);
      const add = (name: string, query: PersonListQuery, search = false) => cases.push({ name: `${label}: ${name}`, scope, query, search });
      add("list, first page", {});
      add(`list, deep page (keyset after=${after})`, { after });
      add("filter employment UNEMPLOYED", { employmentStatus: "UNEMPLOYED" });
      add("filter employment IN_TRAINING", { employmentStatus: "IN_TRAINING" });
      add("filter poverty LIFTED_UNSTABLE", { povertyStatus: "LIFTED_UNSTABLE" });
      add("filter poverty EPIDEMIC_RETURNED", { povertyStatus: "EPIDEMIC_RETURNED" });
      add("filter track LOCAL", { track: "LOCAL" });
      add("filter origin 6302 (city)", { origin: "6302" });
      add("filter origin 520625 (county)", { origin: "520625" });
      add(`filter caseworker #${caseworkerId}`, { caseworkerId });
      add("filter poverty + track + origin", { povertyStatus: "REGISTERED_POOR", track: "TRANSFER", origin: "6302" });
      add("search 1 char 王 (surname)", { q: "王" }, true);
      add("search 1 char 华 (given name)", { q: "华" }, true);
      add("search 2 chars 秀英", { q: "秀英" }, true);
      add("search 3 chars 王秀英", { q: "王秀英" }, true);
      add(`search full name ${sample.name}`, { q: sample.name }, true);
      add("search initials wxy", { q: "wxy" }, true);
      add("search initials w", { q: "w" }, true);
      add(`search ID last 4 ${nationalId.slice(-4)}`, { q: nationalId.slice(-4) }, true);
      add("search full ID (hash)", { q: nationalId }, true);
      add("search full phone", { q: sample.phone }, true);
      add(`search phone digits ${sample.phone.slice(0, 7)}`, { q: sample.phone.slice(0, 7) }, true);
      add("search phone digits 138", { q: "138" }, true);
      add("search 1 char 王 + filter employment UNEMPLOYED", { q: "王", employmentStatus: "UNEMPLOYED" }, true);
      // A rarer name with a broad filter, and a common name with a rare filter: where walking the
      // filter's index cannot settle the count and the search's own index has to (decision 007).
      add("search 1 char 华 + filter employment UNEMPLOYED", { q: "华", employmentStatus: "UNEMPLOYED" }, true);
      add("search 1 char 王 + filter poverty EPIDEMIC_RETURNED", { q: "王", povertyStatus: "EPIDEMIC_RETURNED" }, true);
    }
    cases.push({ name: "partner: list, first page", scope: partner, query: {}, search: false });
    cases.push({ name: "partner: search 1 char 马", scope: partner, query: { q: "马" }, search: true });
    cases.push({ name: "partner: filter poverty EPIDEMIC_RETURNED", scope: partner, query: { povertyStatus: "EPIDEMIC_RETURNED" }, search: false });
    cases.push({ name: "partner: search 1 char 王 + filter employment UNEMPLOYED", scope: partner, query: { q: "王", employmentStatus: "UNEMPLOYED" }, search: true });
    cases.push({ name: "partner: search 1 char 王 + filter track TRANSFER", scope: partner, query: { q: "王", track: "TRANSFER" }, search: true });
    cases.push({ name: "partner: search 1 char 王 + filter poverty REGISTERED_POOR", scope: partner, query: { q: "王", povertyStatus: "REGISTERED_POOR" }, search: true });
    // A county's partner office: a region of a few thousand people instead of Haidong's 229,000.
    const countyPartner = await scopeFor(await userId("liuba_partner"));
    cases.push({ name: "partner (county): search 1 char 王", scope: countyPartner, query: { q: "王" }, search: true });
    const selected = args.only ? cases.filter((c) => c.name.includes(args.only!)) : cases;

    // 3. Measure: the page's data calls, and the same statements through pg, interleaved.
    const loadBefore = os.loadavg();
    const measureStarted = performance.now();
    const results: Row[] = [];
    const page = (c: Case) => Promise.all([listPersons(c.scope, c.query), countPersons(c.scope, c.query)]);
    log(`${selected.length} cases × (${WARMUP} warm-up + ${ITERATIONS} timed) runs, data layer and plain SQL alternating`);
    for (const c of selected) {
      capturing = [];
      const [listed, counted] = await page(c);
      const captured = capturing;
      capturing = null;
      const byConnection = [...new Set(captured.map((s) => s.connection))].map((connection) => captured.filter((s) => s.connection === connection));
      if (byConnection.length !== 2) throw new Error(`${c.name}: expected the list and the count on 2 connections, saw ${byConnection.length}`);
      // Each connection's statements in order, the two connections side by side, as the page sends them.
      const plain = () => Promise.all(byConnection.map(async (group, i) => {
        for (const s of group) await (i === 0 ? a : b).query(s.text, s.values);
      }));
      if (args.explain) {
        // Each query explained under the settings of its own transaction (BEGIN, SET LOCAL, COMMIT run as sent).
        for (const s of byConnection.flat()) {
          if (!/^\s*(WITH|SELECT)\b/i.test(s.text)) {
            await admin.query(s.text, s.values);
            continue;
          }
          const { rows } = await admin.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values);
          console.log(`\n--- ${c.name}\n${s.text.replace(/\s+/g, " ")}\n${JSON.stringify(s.values)}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
        }
      }
      for (let i = 0; i < WARMUP; i++) {
        await page(c);
        await plain();
      }
      const appTimes: number[] = [];
      const sqlTimes: number[] = [];
      const caseStarted = performance.now();
      for (let i = 0; i < ITERATIONS && (i < MIN_ITERATIONS || performance.now() - caseStarted < BUDGET_MS); i++) {
        let t = performance.now();
        await page(c);
        appTimes.push(performance.now() - t);
        t = performance.now();
        await plain();
        sqlTimes.push(performance.now() - t);
      }
      const app = stats(appTimes);
      const sql = stats(sqlTimes);
      const row: Row = {
        name: c.name,
        kind: "page",
        search: c.search,
        min_ms: app.min,
        p50_ms: app.p50,
        p95_ms: app.p95,
        max_ms: app.max,
        baseline_p50_ms: sql.p50,
        baseline_p95_ms: sql.p95,
        ratio: app.p95 / sql.p95,
        rows: listed.rows.length,
        count: `${counted.count.toLocaleString("en-US")}${counted.capped ? "+" : ""}`,
        runs: appTimes.length,
      };
      results.push(row);
      printRow(row);
    }

    // 4. Naive forms, for context: what the page would cost without keyset, capped counts and
    // the gram index. Plain SQL only; the baseline is the app's form of the same page.
    if (!args.only || "naive".includes(args.only)) {
      const appForm = (name: string) => results.find((r) => r.name === name);
      const adminDeep = cases.find((c) => c.name.startsWith("admin: list, deep page"));
      const offset = Math.round(total * 0.6);
      const listSelect = `SELECT p.id, p.name, p.gender::text AS gender, p.birth_date, p.id_cipher, p.phone,
        p.origin_division_code, p.track::text, p.employment_status::text, h.poverty_status::text, u.display_name, p.updated_at
        FROM persons p LEFT JOIN households h ON h.id = p.household_id LEFT JOIN users u ON u.id = p.caseworker_id`;
      const naive: { name: string; sql: string[]; compare: string | undefined }[] = [
        { name: `admin: list, OFFSET ${offset.toLocaleString("en-US")}`, sql: [`${listSelect} ORDER BY p.id DESC OFFSET ${offset} LIMIT 51`], compare: adminDeep?.name },
        { name: "admin: exact count(*) of everyone", sql: ["SELECT count(*) FROM persons"], compare: "admin: list, first page" },
        { name: "caseworker: exact count(*) of the office", sql: [`SELECT count(*) FROM persons WHERE office_id = ${officeId}`], compare: "caseworker: list, first page" },
        {
          name: "admin: search 秀英 as name LIKE '%秀英%' (no gram index)",
          sql: [
            `${listSelect} WHERE p.name LIKE '%秀英%' ORDER BY p.id DESC LIMIT 51`,
            `SELECT count(*) FROM (SELECT 1 FROM persons p WHERE p.name LIKE '%秀英%' LIMIT 10001) t`,
          ],
          compare: "admin: search 2 chars 秀英",
        },
        {
          name: `admin: search ${sample.name} as name LIKE (no gram index)`,
          sql: [
            `${listSelect} WHERE p.name LIKE '%${sample.name}%' ORDER BY p.id DESC LIMIT 51`,
            `SELECT count(*) FROM (SELECT 1 FROM persons p WHERE p.name LIKE '%${sample.name}%' LIMIT 10001) t`,
          ],
          compare: `admin: search full name ${sample.name}`,
        },
      ];
      for (const n of naive) {
        const run = () => Promise.all(n.sql.map((s, i) => (i === 0 ? a : b).query(s)));
        await run();
        const times: number[] = [];
        const started = performance.now();
        for (let i = 0; i < 20 && (i < 3 || performance.now() - started < BUDGET_MS); i++) {
          const t = performance.now();
          await run();
          times.push(performance.now() - t);
        }
        const s = stats(times);
        const base = n.compare ? appForm(n.compare) : undefined;
        const row: Row = {
          name: `naive: ${n.name}`,
          kind: "naive",
          search: false,
          min_ms: s.min,
          p50_ms: s.p50,
          p95_ms: s.p95,
          max_ms: s.max,
          baseline_p50_ms: base?.baseline_p50_ms ?? NaN,
          baseline_p95_ms: base?.baseline_p95_ms ?? NaN,
          ratio: base ? s.p95 / base.baseline_p95_ms : NaN,
          rows: null,
          count: null,
          runs: times.length,
        };
        results.push(row);
        printRow(row);
      }
    }

    // 5. Summary and JSON.
    console.log("");
    printTable(results);
    const misses = results.filter(
      (r) => r.kind === "page" && (r.p95_ms > PAGE_TARGET_MS || (r.search && r.p95_ms > SEARCH_TARGET_MS)),
    );
    const worstSearch = Math.max(...results.filter((r) => r.search).map((r) => r.p95_ms));
    console.log(
      `\ntargets: p95 ≤ ${PAGE_TARGET_MS} ms per list or search page: ${misses.length ? `MISSED by ${misses.length} case(s)` : "met"}; ` +
        `every search form ≤ ${SEARCH_TARGET_MS} ms: ${worstSearch <= SEARCH_TARGET_MS ? "met" : "MISSED"} (worst search p95 ${worstSearch.toFixed(1)} ms)`,
    );
    for (const m of misses) console.log(`  over: ${m.name} p95 ${m.p95_ms.toFixed(1)} ms`);
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" ");
    console.log(
      `whole run ${((performance.now() - benchStarted) / 1000).toFixed(0)} s (measuring ${((performance.now() - measureStarted) / 1000).toFixed(0)} s); ` +
        `${total.toLocaleString("en-US")} people; ${os.cpus().length} CPUs; load average ${load(loadBefore)} before, ${load(os.loadavg())} after` +
        (seeded ? `; seeded ${seeded}` : ""),
    );
    if (args.json) {
      const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);
      const out = results.map((r) => ({
        name: r.name,
        kind: r.kind,
        min_ms: round(r.min_ms),
        p50_ms: round(r.p50_ms),
        p95_ms: round(r.p95_ms),
        baseline_p95_ms: round(r.baseline_p95_ms),
        ratio: round(r.ratio),
      }));
      fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
      fs.writeFileSync(args.json, JSON.stringify(out, null, 2) + "\n");
      log(`wrote ${args.json}`);
    }
    await db().$disconnect();
    return misses.length ? 1 : 0;
  } finally {
    await Promise.all([admin, a, b].map((c) => c.end().catch(() => {})));
    await stop();
  }
}

function printRow(r: Row) {
  const flag = r.kind === "page" && (r.p95_ms > PAGE_TARGET_MS || (r.search && r.p95_ms > SEARCH_TARGET_MS)) ? "  OVER" : "";
  log(
    `${r.name.padEnd(64)} p50 ${r.p50_ms.toFixed(1).padStart(7)}  p95 ${r.p95_ms.toFixed(1).padStart(7)}  ` +
      `sql p95 ${r.baseline_p95_ms.toFixed(1).padStart(7)}  ×${r.ratio.toFixed(2)}${flag}`,
  );
}

function printTable(results: Row[]) {
  const header = ["case", "min ms", "p50 ms", "p95 ms", "SQL p95 ms", "ratio", "runs", "rows", "count"];
  const body = results.map((r) => [
    r.name,
    r.min_ms.toFixed(1),
    r.p50_ms.toFixed(1),
    r.p95_ms.toFixed(1),
    Number.isFinite(r.baseline_p95_ms) ? r.baseline_p95_ms.toFixed(1) : "-",
    Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : "-",
    String(r.runs),
    r.rows === null ? "" : String(r.rows),
    r.count ?? "",
  ]);
  // Width in terminal columns: CJK characters take two.
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((row) => width(row[i]!))));
  const fmtRow = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c + " ".repeat(widths[i]! - width(c)) : " ".repeat(widths[i]! - width(c)) + c)).join("  ");
  console.log(fmtRow(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) console.log(fmtRow(row));
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
