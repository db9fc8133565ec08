// The migrations folder must produce exactly the Prisma schema, and must apply cleanly.
// DATABASE_URL points at a server where this user may CREATE DATABASE; every test works in
// databases of its own next to it.
import { describe, it, expect } from "vitest";
import path from "node:path";
import pg from "pg";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "../../scripts/lib/migrate";
import { hashIdLast4 } from "@/lib/pii";
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

  it("a database from before the keyed hash of ID endings gets the hashes, loses the clear endings, and its history keeps the region only", { timeout: 120_000 }, async () => {
    const database = await scratchDatabasesOn(serverUrl(), "drift_last4")();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await applyMigrations(database.url, () => {}, { before: "20261206203000_id_last4_keyed_hash" });
      const { rows: office } = await client.query<{ id: number }>(
        `INSERT INTO offices (code, name, name_en, kind, region_code, updated_at) VALUES ('X', 'x', 'x', 'DESTINATION_BUREAU', '3202', now()) RETURNING id`,
      );
      const { rows: people } = await client.query<{ id: number; last4: string }>(
        `INSERT INTO persons (office_id, name, name_grams, name_initials, id_cipher, id_hash, id_last4, id_prefix6, gender, birth_date,
                              origin_division_code, derived_track, track_reason, track, updated_at)
         SELECT $1, 'x', ARRAY['x'], 'x', 'v1:x', md5(e || n) || md5(n || e), e, '520625', 'MALE', DATE '1978-03-15', '520625', 'TRANSFER', 'CAN_AND_WILL_MIGRATE', 'TRANSFER', now()
           FROM unnest(ARRAY['001X', '0013', '001X']) WITH ORDINALITY AS t(e, n)
         RETURNING id, id_last4 AS last4`,
        [office[0]!.id],
      );
      await client.query(
        `INSERT INTO audit_events (action, entity_type, entity_id, changes) VALUES
           ('person.created', 'person', $1, '{"idNumber": "520625********001X", "name": "x"}'),
           ('household.created', 'household', '1', '{"divisionCode": "520625"}')`,
        [String(people[0]!.id)],
      );

      await applyMigrations(database.url, () => {});

      const { rows: after } = await client.query<{ id: number; id_last4_hash: string }>(`SELECT id, id_last4_hash FROM persons ORDER BY id`);
      const key = process.env.PII_HASH_KEY!;
      expect(after.map((r) => r.id_last4_hash)).toEqual(people.map((p) => hashIdLast4(p.last4, key)));
      const { rows: columns } = await client.query(`SELECT 1 FROM information_schema.columns WHERE column_name = 'id_last4'`);
      expect(columns).toEqual([]);
      const { rows: audit } = await client.query<{ changes: Record<string, string> }>(`SELECT changes FROM audit_events ORDER BY id`);
      expect(audit.map((a) => a.changes)).toEqual([{ idNumber: "520625************", name: "x" }, { divisionCode: "520625" }]);
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
