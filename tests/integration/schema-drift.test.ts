// The migrations folder must produce exactly the Prisma schema, and must apply cleanly.
// DATABASE_URL points at a server where this user may CREATE DATABASE; every test works in
// databases of its own next to it.
import { describe, it, expect } from "vitest";
import path from "node:path";
import pg from "pg";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "../../scripts/lib/migrate";
import {
  diffMigrationsToSchema,
  readRawIndexNames,
  scratchDatabasesOn,
  statementsOnly,
  withoutRawIndexDrops,
} from "../../scripts/lib/schema-diff";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
const RAW_INDEXES = path.join(ROOT, "prisma", "raw-indexes.txt");

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run through npm run test:int)");
  return url;
}

describe("database schema", () => {
  it("migrations match prisma/schema.prisma", { timeout: 120_000 }, async () => {
    const diff = await diffMigrationsToSchema({
      migrationsDir: MIGRATIONS_DIR,
      schemaPath: SCHEMA_PATH,
      shadowUrlFactory: scratchDatabasesOn(serverUrl(), "drift_shadow"),
    });
    const remaining = statementsOnly(withoutRawIndexDrops(diff.sql, readRawIndexNames(RAW_INDEXES)));
    expect(
      remaining,
      "prisma/schema.prisma and prisma/migrations disagree. Migrations are missing this SQL:\n\n" +
        `${remaining}\n\nrun npm run db:migration:create -- <name>`,
    ).toBe("");
  });

  it("migrations apply to an empty database, and a second run applies nothing", { timeout: 120_000 }, async () => {
    const database = await scratchDatabasesOn(serverUrl(), "drift_apply")();
    try {
      const folders = readMigrations().map((m) => m.name);
      expect(folders.length).toBeGreaterThan(0);
      expect(await applyMigrations(database.url, () => {})).toEqual(folders);

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ migration_name: string }>(
          `SELECT migration_name FROM "_prisma_migrations"
           WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
        );
        expect(rows.map((r) => r.migration_name)).toEqual(folders);
        const { rows: total } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
        expect(total[0]?.n).toBe(folders.length);
      } finally {
        await client.end();
      }

      expect(await applyMigrations(database.url, () => {})).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
