// Runs a command against a fresh, migrated test database with demo data, then tears it down.
// Tests never touch the demo database: the embedded test cluster lives in its own folder, and
// with DATABASE_URL set they use TEST_DATABASE_URL or "<database>_test" on the same server.
import { spawn } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { startEmbeddedDatabase } from "./lib/embedded-db";
import { applyMigrations } from "./lib/migrate";
import { loadReferenceData } from "./lib/reference-data";
import { TEST_SECRETS } from "./lib/test-env";

export async function startTestDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL) {
    const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL!);
    if (!process.env.TEST_DATABASE_URL) base.pathname = `${base.pathname.replace(/^\//, "")}_test`;
    const name = base.pathname.replace(/^\//, "");
    const admin = new URL(base);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
    await client.end();
    return { url: base.toString(), stop: async () => {} };
  }
  // A cluster of its own per run, so two test runs on one machine never share (or stop) one.
  const db = await startEmbeddedDatabase({ name: `test-pg-${process.pid}`, database: "jobbridge_test", fresh: true });
  return {
    url: db.url,
    stop: async () => {
      await db.stop();
      fs.rmSync(db.dataDir, { recursive: true, force: true });
    },
  };
}

export async function prepareTestDatabase(url: string) {
  await applyMigrations(url, () => {});
  await loadReferenceData(url, () => {});
  const { seedDemo } = await import("../tests/factories");
  await seedDemo(url, { log: () => {} });
}

const isMain = process.argv[1] && import.meta.filename === process.argv[1];
if (isMain) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) throw new Error("usage: tsx scripts/with-test-db.ts <command> [args]");
  const db = await startTestDatabase();
  let code = 1;
  try {
    Object.assign(process.env, TEST_SECRETS, { DATABASE_URL: db.url });
    await prepareTestDatabase(db.url);
    code = await new Promise<number>((resolve) => {
      const child = spawn(command, args, {
        stdio: "inherit",
        env: { ...process.env, ...TEST_SECRETS, DATABASE_URL: db.url, NODE_ENV: "test" },
        shell: false,
      });
      child.on("exit", (c) => resolve(c ?? 1));
    });
  } finally {
    await db.stop();
  }
  process.exit(code);
}
