// `npm run bench`: every benchmark, one after the other, on the same throwaway cluster
// ("bench-pg"; or DATABASE_URL), each measured against its baseline in the same run:
//
//   persons    scripts/bench.ts            person list and search at 1,000,000 people (#2)
//   matching   scripts/bench-matching.ts   suggestions, candidates, drives, freshness (#3)
//   followups  scripts/bench-followups.ts  My day and the supervisor's view, 2,000,000 follow-ups (#4)
//   exchange   scripts/bench-exchange.ts   100,000-row import against a raw COPY (#6), when present
//   dashboard  scripts/bench-dashboard.ts  every dashboard view at 1,000,000 people, 2,000,000 follow-ups (#5)
//
//   --only LIST   comma-separated suites (default: all)
//   --json FILE   one file with every figure: [{ suite, name, p50_ms, p95_ms, baseline_p95_ms, ratio, ... }]
// Anything after `--` goes to every suite (e.g. `--persons 200000` for a quick run).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: args, positionals } = parseArgs({ options: { only: { type: "string" }, json: { type: "string" } }, allowPositionals: true, strict: false });
const SUITES = [
  { name: "persons", script: "scripts/bench.ts" },
  { name: "matching", script: "scripts/bench-matching.ts" },
  { name: "followups", script: "scripts/bench-followups.ts" },
  { name: "exchange", script: "scripts/bench-exchange.ts" },
  { name: "dashboard", script: "scripts/bench-dashboard.ts" },
].filter((s) => fs.existsSync(path.join(ROOT, s.script)));
const wanted = typeof args.only === "string" ? new Set(args.only.split(",")) : null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jobbridge-bench-"));
const all: Record<string, unknown>[] = [];
const summary: { suite: string; status: number | null; seconds: number }[] = [];

console.log(`[bench] ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
for (const suite of SUITES) {
  if (wanted && !wanted.has(suite.name)) continue;
  const out = path.join(tmp, `${suite.name}.json`);
  const started = performance.now();
  console.log(`\n[bench] ===== ${suite.name} (${suite.script}) =====`);
  const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", suite.script, "--json", out, ...positionals], {
    cwd: ROOT,
    stdio: "inherit",
    env: process.env,
  });
  summary.push({ suite: suite.name, status: run.status, seconds: (performance.now() - started) / 1000 });
  if (fs.existsSync(out)) for (const row of JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, unknown>[]) all.push({ suite: suite.name, ...row });
}

console.log("\n[bench] suites:");
for (const s of summary) console.log(`[bench]   ${s.suite.padEnd(10)} ${s.status === 0 ? "all targets met" : s.status === 1 ? "some targets missed (see its table)" : `exit ${s.status}`}  ${s.seconds.toFixed(0)} s`);
if (typeof args.json === "string") {
  fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
  fs.writeFileSync(args.json, JSON.stringify(all, null, 2));
  console.log(`[bench] wrote ${all.length} figures to ${args.json}`);
}
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(summary.every((s) => s.status === 0) ? 0 : 1);
