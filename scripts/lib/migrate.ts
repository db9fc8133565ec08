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

/**
 * Work a migration needs that SQL cannot do because it needs the app's keys. It runs right after
 * its migration's SQL, in the same transaction, so the migration is applied with it or not at
 * all. `prisma migrate deploy` does not run these: the migration after each one checks its work.
 */
type DataStep = (client: pg.Client) => Promise<{ rewrote: string[] }>;

const DATA_STEPS: Record<string, DataStep> = {
  // The last four characters of each ID number become a keyed hash (decision 004). There are only
  // 11,000 endings, so each is hashed once and the rows are updated by a join to that list.
  "20261206203000_id_last4_keyed_hash": async (client) => {
    const tables = ["persons", "import_rows"];
    const endings = new Set<string>();
    for (const table of tables) {
      const { rows } = await client.query<{ v: string }>(`SELECT DISTINCT id_last4 AS v FROM ${table} WHERE id_last4 IS NOT NULL`);
      for (const r of rows) endings.add(r.v);
    }
    if (!endings.size) return { rewrote: [] };
    const key = process.env.PII_HASH_KEY;
    if (!key) throw new Error("PII_HASH_KEY is not set: it is needed to hash the ID numbers' last four characters");
    const { hashIdLast4 } = await import("../../lib/pii");
    const values = [...endings];
    const hashes = values.map((v) => hashIdLast4(v, key));
    for (const table of tables) {
      await client.query(
        `UPDATE ${table} t SET id_last4_hash = m.h FROM unnest($1::text[], $2::text[]) AS m(v, h) WHERE t.id_last4 = m.v`,
        [values, hashes],
      );
    }
    return { rewrote: tables };
  },
};

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
  /** Stop before this migration (tests of a migration's data step start from the one before). */
  options: { before?: string } = {},
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
      if (options.before && migration.name >= options.before) break;
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
      const step = DATA_STEPS[migration.name];
      let rewrote: string[] = [];
      try {
        // One simple-protocol query: PostgreSQL runs a multi-statement string in one implicit
        // transaction, so a failing file leaves nothing half-applied. A data step joins it in
        // an explicit one.
        if (step) {
          await client.query("BEGIN");
          try {
            await client.query(migration.sql);
            ({ rewrote } = await step(client));
            await client.query("COMMIT");
          } catch (error) {
            await client.query("ROLLBACK");
            throw error;
          }
        } else {
          await client.query(migration.sql);
        }
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
      // A step that rewrote every row leaves the table and each of its indexes twice their size,
      // with a dead version of every row: at a million people the searches that walk an index
      // took half as long again, and a scan twice as long, even after a plain VACUUM. VACUUM FULL
      // writes them afresh (the app is not running while it migrates), but leaves the visibility
      // map empty, so index-only scans read the heap (a partner's search took 400 ms instead of
      // 20); the plain VACUUM after it fills the map in. Neither can run inside a transaction.
      for (const table of rewrote) {
        await client.query(`VACUUM (FULL) ${table}`);
        await client.query(`VACUUM (ANALYZE) ${table}`);
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => {});
    await client.end();
  }
  return applied;
}
