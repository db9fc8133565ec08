// `npm test`: every test, in the order that fails fastest. Lint and types, unit tests, then one
// fresh PostgreSQL for the integration tests and the Playwright suite against the built app.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareTestDatabase, startTestDatabase } from "./with-test-db";
import { TEST_SECRETS } from "./lib/test-env";

const ROOT = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "jobbridge-test-"));
let passed = 0;
let failed = 0;

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
  console.log(`=== ${label}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return result.status === 0;
}

function countVitest(file: string) {
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrors ?? 0);
}

function countPlaywright(file: string) {
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += report.stats?.expected ?? 0;
  failed += (report.stats?.unexpected ?? 0) + (report.stats?.flaky ?? 0) * 0;
}

const staticOk =
  run("lint", bin("eslint"), ["--max-warnings=0", "."]) && run("typecheck", bin("tsc"), ["--noEmit"]);
if (!staticOk) failed++;

const unitReport = path.join(reports, "unit.json");
if (!run("unit tests", bin("vitest"), ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile=${unitReport}`])) failed += fs.existsSync(unitReport) ? 0 : 1;
countVitest(unitReport);

const db = await startTestDatabase();
try {
  Object.assign(process.env, TEST_SECRETS, { DATABASE_URL: db.url });
  await prepareTestDatabase(db.url);
  const env = { ...process.env, ...TEST_SECRETS, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: "1" };

  const intReport = path.join(reports, "integration.json");
  if (!run("integration tests (PostgreSQL)", bin("vitest"), ["run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile=${intReport}`], env)) failed += fs.existsSync(intReport) ? 0 : 1;
  countVitest(intReport);

  if (run("build", bin("next"), ["build"], env)) {
    const e2eReport = path.join(reports, "e2e.json");
    if (!run("end-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport })) failed += fs.existsSync(e2eReport) ? 0 : 1;
    countPlaywright(e2eReport);
  } else {
    failed++;
  }
} finally {
  await db.stop();
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
