// Applies prisma/migrations/*/migration.sql to Prisma's `_prisma_migrations` contract, so that
// `prisma migrate deploy` can take over wherever Prisma's native engine is installed.
// See docs/decisions/002-migrations-without-native-engine.md.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations");
// Prisma's own advisory lock key, so our runner and `prisma migrate deploy` exclude each other.
const PRISMA_MIGRATE_LOCK = 72707369;

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function checksumVariants(sql: string): Set<string> {
  const sha = (s: string) => createHash("sha256").update(s).digest("hex");
  return new Set([sha(sql), sha(sql.replace(/\r\n/g, "\n")), sha(sql.replace(/\r?\n/g, "\r\n"))]);
}

export async function applyMigrations(
  databaseUrl: string,
  log: (message: string) => void = console.log,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);

    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new Error(
        `migration ${failed.migration_name} failed earlier and was not rolled back; ` +
          `fix the database, then mark it rolled back before migrating again`,
      );
    }
    const done = new Map(rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r]));

    for (const migration of readMigrations()) {
      const previous = done.get(migration.name);
      if (previous) {
        if (!checksumVariants(migration.sql).has(previous.checksum)) {
          log(`warning: migration ${migration.name} was changed after it was applied`);
        }
        continue;
      }
      const id = randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 0)`,
        [id, migration.checksum, migration.name],
      );
      try {
        // One simple-protocol query: PostgreSQL runs a multi-statement string in one implicit
        // transaction, so a failing file leaves nothing half-applied.
        await client.query(migration.sql);
      } catch (error) {
        await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [
          id,
          String(error instanceof Error ? error.message : error),
        ]);
        // The statements rolled back; record the attempt as rolled back so a fixed file can run.
        await client.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = $1`, [id]);
        throw new Error(`migration ${migration.name} failed: ${String(error)}`);
      }
      await client.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      applied.push(migration.name);
      log(`applied migration ${migration.name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => {});
    await client.end();
  }
  return applied;
}
