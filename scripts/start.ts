// `npm start`: the whole app on a fresh machine. Starts the embedded PostgreSQL unless
// DATABASE_URL is set, applies migrations, loads reference data and (first run) the demo,
// builds the app if needed, serves it, and on Ctrl-C stops the app and the database cleanly.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { defaultDataRoot } from "./lib/embedded-db";
import { resolveDatabase } from "./lib/database-url";
import { applyMigrations } from "./lib/migrate";
import { loadReferenceData } from "./lib/reference-data";
import { demoSecrets } from "./lib/secrets";

const ROOT = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const log = (m: string) => console.log(`[jobbridge] ${m}`);

function needsBuild(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  // Rebuild when the sources are newer than the build (a `git pull` since the last start).
  const built = fs.statSync(buildId).mtimeMs;
  const newest = (dir: string): number => {
    let max = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "generated" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      max = Math.max(max, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }
    return max;
  };
  return ["app", "components", "lib"].some((d) => newest(path.join(ROOT, d)) > built);
}

const db = await resolveDatabase();
let app: ChildProcess | null = null;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  if (app && app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((r) => app!.once("exit", r));
  }
  await db.stop();
  log("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  const secrets = demoSecrets();
  Object.assign(process.env, secrets, { DATABASE_URL: db.url });
  log(db.embedded ? `embedded PostgreSQL ready (data in ${defaultDataRoot()})` : "using DATABASE_URL");
  await applyMigrations(db.url, log);
  const ref = await loadReferenceData(db.url, log);
  log(`reference data: ${ref.divisions} divisions, ${ref.skills} skills, ${ref.occupations} occupations`);
  const { seedDemo, DEMO_USERS, DEMO_PASSWORD } = await import("../tests/factories");
  const demo = await seedDemo(db.url, { log });
  if (demo.created) {
    // Around the article's cases, a caseload that looks like a real office's (generated, seeded).
    const { seedPopulation } = await import("./seed");
    const people = Number(process.env.JOBBRIDGE_DEMO_PERSONS ?? 2000);
    const lastDemoId = await (async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        return Number((await c.query("SELECT coalesce(max(id), 0) AS id FROM persons")).rows[0].id);
      } finally {
        await c.end();
      }
    })();
    const added = await seedPopulation(db.url, { persons: people, keys: { encryption: secrets.PII_ENCRYPTION_KEY!, hash: secrets.PII_HASH_KEY! }, log: () => {} });
    // Their placements and follow-ups (about two in five placed), so that "My day" is a real day.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { generateFollowUps } = await import("./lib/generate-follow-ups");
      const { chinaToday, isoDate } = await import("@/lib/placements/rules");
      const made = await generateFollowUps(client, { followUps: people * 2, today: isoDate(chinaToday()), contacts: true, fromPersonId: lastDemoId + 1 });
      log(`demo caseload: ${added.persons} generated people in ${added.households} households, ${made.placements} placements, ${made.followUps} follow-ups`);
    } finally {
      await client.end();
    }
  }
  const { db: prisma } = await import("@/lib/db");
  await prisma().$disconnect();

  const env = { ...process.env, ...secrets, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: "1" };
  const next = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  if (!dev && needsBuild()) {
    log("building the app (first start or changed sources; about a minute)…");
    const build = spawnSync(process.execPath, [next, "build"], { cwd: ROOT, env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  app = spawn(process.execPath, [next, dev ? "dev" : "start", "-p", String(port)], { cwd: ROOT, env, stdio: "inherit" });
  app.on("exit", (code) => void shutdown(code ?? 0));
  log(`JobBridge: http://localhost:${port}`);
  log(`demo logins (password ${DEMO_PASSWORD}):`);
  for (const user of DEMO_USERS) log(`  ${user.username.padEnd(18)} ${user.role.padEnd(10)} ${user.displayName}`);
  log("Ctrl-C stops the app and the database.");
} catch (error) {
  console.error(error);
  await shutdown(1);
}
