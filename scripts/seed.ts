// `npm run seed -- --persons N`: adds N generated people (with their households, household members,
// skills and poverty-status history) to DATABASE_URL or the embedded demo database, after the
// migrations, the reference data and the demo. Re-runnable: every run adds more people.
//
//   --persons N     people to add (default 1000)
//   --seed S        PRNG seed (default: derived from the number of people already there, so a
//                   re-run adds different people, and the same database state gives the same ones)
//   --caseload C    people per caseworker: offices get extra caseworker accounts (cw_<office>_NNN,
//                   demo password) until each has about C people; 0 uses only the existing ones
//                   (default 2500)
//   --mode M        bulk | incremental | auto (default auto: bulk when adding at least as many
//                   people as there are)
//
// Rows go in with COPY (pg-copy-streams; Prisma has no COPY) in batches. Derived columns use the
// app's own functions (nameGrams, nameInitials, deriveTrack, encryptPii, hashPii) with the keys the
// app will use. "bulk" runs in one transaction that drops the secondary indexes and foreign keys
// of the five tables it writes, loads, and rebuilds them from their own definitions (one sorted
// build is far cheaper than a million random index inserts); "incremental" commits batch by batch
// with every index and constraint in place.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { encryptPii, hashIdLast4, hashPii } from "../lib/pii";
import { nameGrams, nameInitials } from "../lib/persons/rules";
import { demoSecrets } from "./lib/secrets";
import { resolveDatabase } from "./lib/database-url";
import { applyMigrations } from "./lib/migrate";
import { loadReferenceData } from "./lib/reference-data";
import {
  DESTINATION_OFFICE_CODES,
  DESTINATION_PROFILES,
  ORIGIN_COUNTY_CODES,
  PopulationGenerator,
  Rng,
  type GeneratedHousehold,
  type GeneratedPerson,
} from "./lib/generate-population";

export type SeedPopulationOptions = {
  persons: number;
  keys: { encryption: string; hash: string };
  seed?: number;
  caseload?: number;
  mode?: "bulk" | "incremental" | "auto";
  batchSize?: number;
  referenceDate?: Date;
  /** Generate in this thread instead of a worker thread (slower: no overlap with COPY). */
  inThread?: boolean;
  log?: (message: string) => void;
};

export type SeedPopulationResult = {
  persons: number;
  households: number;
  members: number;
  skills: number;
  povertyChanges: number;
  seconds: number;
  mode: "bulk" | "incremental";
};

const TABLES = ["households", "persons", "household_members", "person_skills", "poverty_status_changes"] as const;
type Table = (typeof TABLES)[number];

const COLUMNS: Record<Table, string[]> = {
  households: ["id", "office_id", "division_code", "address_detail", "poverty_status", "poverty_status_since", "per_capita_income", "registration_note", "version", "created_at", "updated_at"],
  persons: [
    "id", "office_id", "caseworker_id", "household_id", "name", "name_grams", "name_initials", "id_cipher", "id_hash", "id_last4_hash",
    "id_prefix6", "gender", "birth_date", "phone", "ethnicity", "education", "health", "health_note", "origin_division_code",
    "origin_address_detail", "current_division_code", "current_address_detail", "employment_status", "work_history", "migration",
    "migration_note", "preferred_sectors", "preferred_regions", "expected_wage", "needs", "training_wishes", "training_wish_note",
    "consent_given", "consent_at", "derived_track", "track_reason", "track_override", "track_override_note", "track", "poverty_status", "notes",
    "version", "created_at", "updated_at",
  ],
  household_members: ["id", "household_id", "person_id", "name", "relation", "birth_year", "is_labourer", "note", "created_at"],
  person_skills: ["id", "person_id", "skill_id", "custom_name", "level", "certificate", "created_at"],
  poverty_status_changes: ["id", "household_id", "status", "effective_date", "note", "changed_by_id", "created_at"],
};

// ---------------------------------------------------------------------------------------------
// COPY text format

type Cell = string | number | boolean | null;

const SPECIAL = /[\\\t\n\r]/;

function text(value: Cell): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return SPECIAL.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
    : value;
}

/** A PostgreSQL array literal, every element quoted. */
function array(values: readonly string[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out += (i ? ',"' : '"') + (/["\\]/.test(v) ? v.replace(/["\\]/g, (c) => `\\${c}`) : v) + '"';
  }
  return out + "}";
}

/**
 * COPY text rows written straight into 1 MB buffers: no per-row strings to join, and whole
 * buffers move from the generator thread to the loading one without a copy.
 */
class CopyWriter {
  readonly chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafeSlow(1 << 20);
  private pos = 0;

  row(cells: readonly Cell[]): void {
    for (let i = 0; i < cells.length; i++) {
      const value = text(cells[i] ?? null);
      // UTF-8 needs at most 3 bytes per UTF-16 unit; +2 for the tab or newline.
      if (this.pos + value.length * 3 + 2 > this.buf.length) this.flush(value.length * 3 + 2);
      if (i) this.buf[this.pos++] = 0x09;
      this.put(value);
    }
    this.buf[this.pos++] = 0x0a;
  }

  /** Short ASCII values (ids, codes, enums, dates: most cells) byte by byte; others as UTF-8. */
  private put(value: string): void {
    if (value.length <= 32) {
      const start = this.pos;
      let i = 0;
      for (; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        this.buf[this.pos++] = c;
      }
      if (i === value.length) return;
      this.pos = start;
    }
    this.pos += this.buf.write(value, this.pos);
  }

  /** Ends the current buffer (rows never straddle two: a row's cells are checked as they go). */
  private flush(need: number): void {
    // Move the partial row (after the last newline) to the new buffer.
    const rowStart = this.buf.lastIndexOf(0x0a, this.pos - 1) + 1;
    const next = Buffer.allocUnsafeSlow(Math.max(1 << 20, need + (this.pos - rowStart) + 1));
    this.buf.copy(next, 0, rowStart, this.pos);
    if (rowStart > 0) this.chunks.push(this.buf.subarray(0, rowStart));
    this.pos -= rowStart;
    this.buf = next;
  }

  finish(): Uint8Array[] {
    if (this.pos) this.chunks.push(this.buf.subarray(0, this.pos));
    this.pos = 0;
    this.buf = Buffer.allocUnsafeSlow(0);
    return this.chunks;
  }
}

/** "2024-05-01 08:30:00.000+00" */
function timestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}+00`;
}

// ---------------------------------------------------------------------------------------------

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

async function copyRows(client: pg.ClientBase, table: Table, chunks: Uint8Array[]): Promise<void> {
  if (!chunks.length) return;
  const stream = client.query(copyFrom(`COPY ${table} (${COLUMNS[table].join(", ")}) FROM STDIN`));
  // Buffers that crossed from the generator thread arrive as plain Uint8Arrays.
  await pipeline(Readable.from(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength))), stream);
}

/** The next free id of each table: past both the sequence and the rows (call with the tables locked). */
async function nextIds(client: pg.ClientBase): Promise<Record<Table, number>> {
  const out = {} as Record<Table, number>;
  for (const table of TABLES) {
    const { rows } = await client.query<{ seq: string }>(`SELECT pg_get_serial_sequence($1, 'id') AS seq`, [table]);
    const seq = rows[0]!.seq;
    const { rows: r } = await client.query<{ next: string }>(
      `SELECT GREATEST((SELECT COALESCE(max(id), 0) + 1 FROM ${table}),
                       (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM ${seq})) AS next`,
    );
    out[table] = Number(r[0]!.next);
  }
  return out;
}

/** Makes nextval() of each given table return the given id. */
async function setSequences(client: pg.ClientBase, next: Partial<Record<Table, number>>): Promise<void> {
  for (const [table, id] of Object.entries(next)) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), $2, false)`, [table, id]);
  }
}

type Rebuild = { indexes: { table: string; name: string; definition: string }[]; foreignKeys: { table: string; name: string; definition: string }[] };

/** Drops the secondary indexes and foreign keys of the tables, returning what rebuilds them. */
async function dropIndexesAndForeignKeys(client: pg.ClientBase): Promise<Rebuild> {
  const { rows: indexes } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT x.indrelid::regclass::text AS table, x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x
     WHERE x.indrelid = ANY($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY x.indrelid::regclass::text, x.indexrelid::regclass::text`,
    [[...TABLES]],
  );
  const { rows: foreignKeys } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS table, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c
     WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[])
     ORDER BY 1, 2`,
    [[...TABLES]],
  );
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  return { indexes, foreignKeys };
}

async function rebuild(client: pg.ClientBase, what: Rebuild, log: (m: string) => void): Promise<void> {
  for (const index of what.indexes) {
    const started = performance.now();
    await client.query(index.definition);
    log(`  index ${index.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const started = performance.now();
  // Each check is one anti-join of the two tables: give its hash join room to stay in memory.
  await client.query("SET LOCAL work_mem = '256MB'");
  for (const fk of what.foreignKeys) await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.definition}`);
  log(`  ${what.foreignKeys.length} foreign keys checked: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const CASEWORKER_SURNAMES = "王李张刘陈杨黄赵吴周徐孙朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢";
const CASEWORKER_GIVEN = ["敏", "静", "磊", "丽", "军", "洁", "婷", "勇", "霞", "涛", "晓林", "海燕", "建华", "雪梅", "晓东", "文静", "志刚", "红霞", "丽娟", "伟", "峰", "娜", "斌", "燕"];

/**
 * Gives each destination office enough caseworkers for about `caseload` people each, counting
 * the people it will have after this run; returns the active caseworkers per office.
 */
async function ensureCaseworkers(
  client: pg.ClientBase,
  offices: { id: number; code: string }[],
  addedPersons: number,
  caseload: number,
  seed: number,
  log: (m: string) => void,
): Promise<Map<number, number[]>> {
  if (caseload > 0) {
    const { rows: counts } = await client.query<{ office_id: number; n: number }>(
      `SELECT office_id, count(*)::int AS n FROM persons WHERE office_id = ANY($1::int[]) GROUP BY office_id`,
      [offices.map((o) => o.id)],
    );
    const present = new Map(counts.map((r) => [r.office_id, r.n]));
    const rng = new Rng(seed ^ 0x5eed);
    let passwordHash: string | null = null;
    let created = 0;
    for (const office of offices) {
      const expected = (present.get(office.id) ?? 0) + addedPersons * DESTINATION_PROFILES[office.code]!.share;
      const wanted = Math.max(1, Math.ceil(expected / caseload));
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE office_id = $1 AND role = 'CASEWORKER' AND active`,
        [office.id],
      );
      const have = rows[0]!.n;
      if (have >= wanted) continue;
      if (!passwordHash) {
        const [{ hashPassword }, { DEMO_PASSWORD }] = await Promise.all([import("../lib/auth/password"), import("../tests/factories")]);
        passwordHash = await hashPassword(DEMO_PASSWORD);
      }
      const prefix = `cw_${office.code.toLowerCase().replace(/[^a-z0-9]+/g, "_")}_`;
      const { rows: taken } = await client.query<{ username: string }>(`SELECT username FROM users WHERE username LIKE $1`, [`${prefix}%`]);
      const names = new Set(taken.map((r) => r.username));
      let n = 1;
      for (let i = have; i < wanted; i++) {
        while (names.has(`${prefix}${String(n).padStart(3, "0")}`)) n++;
        const username = `${prefix}${String(n).padStart(3, "0")}`;
        names.add(username);
        const displayName = rng.pick(Array.from(CASEWORKER_SURNAMES)) + rng.pick(CASEWORKER_GIVEN);
        await client.query(
          `INSERT INTO users (username, display_name, password_hash, role, office_id, updated_at)
           VALUES ($1, $2, $3, 'CASEWORKER', $4, now()) ON CONFLICT (username) DO NOTHING`,
          [username, displayName, passwordHash, office.id],
        );
        created++;
      }
    }
    if (created) log(`caseworkers: created ${created} accounts (about ${fmt(caseload)} people each; demo password)`);
  }
  const { rows } = await client.query<{ id: number; office_id: number }>(
    `SELECT id, office_id FROM users WHERE office_id = ANY($1::int[]) AND role = 'CASEWORKER' AND active ORDER BY id`,
    [offices.map((o) => o.id)],
  );
  const byOffice = new Map<number, number[]>(offices.map((o) => [o.id, []]));
  for (const r of rows) byOffice.get(r.office_id)!.push(r.id);
  return byOffice;
}

async function loadVillages(client: pg.ClientBase): Promise<Map<string, { code: string; name: string; townName: string }[]>> {
  const { rows } = await client.query<{ code: string; name: string; town: string }>(
    `SELECT v.code, v.name, t.name AS town
     FROM divisions v JOIN divisions t ON t.code = v.parent_code
     WHERE v.level = 5 AND t.level = 4 AND t.parent_code = ANY($1::text[])
     ORDER BY v.code`,
    [ORIGIN_COUNTY_CODES],
  );
  const villages = new Map<string, { code: string; name: string; townName: string }[]>();
  for (const r of rows) {
    const county = r.code.slice(0, 6);
    if (!villages.has(county)) villages.set(county, []);
    villages.get(county)!.push({ code: r.code, name: r.name, townName: r.town });
  }
  return villages;
}

/** A 52-bit prefix of each registered ID hash: enough to tell a new number from a taken one. */
function hashKey(hash: string): number {
  return parseInt(hash.slice(0, 13), 16);
}

type Counts = Record<Table, number>;

function zeroCounts(): Counts {
  return { households: 0, persons: 0, household_members: 0, person_skills: 0, poverty_status_changes: 0 };
}

// ---------------------------------------------------------------------------------------------
// Generation and encoding: runs in a worker thread, so that making the next batch (names,
// encryption, COPY text) overlaps with PostgreSQL loading the previous one.

type GeneratorJob = {
  kind: "jobbridge-seed-generator";
  seed: number;
  referenceDateMs: number;
  offices: { id: number; code: string; caseworkerIds: number[] }[];
  villages: Map<string, { code: string; name: string; townName: string }[]>;
  skills: { id: number; code: string; category: string }[];
  keys: { encryption: string; hash: string };
  /** hashKey() of every ID number already registered. */
  taken: Float64Array;
  total: number;
  batchSize: number;
  firstIds: Counts;
  firstRegistrationMs: number;
  stepMs: number;
  nowMs: number;
};

type Batch = { tables: Record<Table, Uint8Array[]>; counts: Counts; generateMs: number };

function* generateBatches(job: GeneratorJob): Generator<Batch> {
  const taken = new Set<number>(job.taken);
  const hashes = new Map<string, string>();
  const generator = new PopulationGenerator({
    seed: job.seed,
    referenceDate: new Date(job.referenceDateMs),
    offices: job.offices,
    villages: job.villages,
    skills: job.skills,
    acceptNationalId: (id) => {
      const hash = hashPii(id, job.keys.hash);
      const key = hashKey(hash);
      if (taken.has(key)) return false;
      taken.add(key);
      hashes.set(id, hash);
      return true;
    },
  });
  const initials = new Map<string, string>();
  const initialsOf = (name: string) => {
    let v = initials.get(name);
    if (v === undefined) {
      v = nameInitials(name);
      if (initials.size < 500_000) initials.set(name, v);
    }
    return v;
  };
  const rng = new Rng(job.seed ^ 0x77);
  const ids = { ...job.firstIds };
  let persons = 0;

  while (persons < job.total) {
    const started = performance.now();
    const want = Math.min(job.batchSize, job.total - persons);
    const counts = zeroCounts();
    const out = Object.fromEntries(TABLES.map((t) => [t, new CopyWriter()])) as Record<Table, CopyWriter>;
    while (counts.persons < want) {
      const h = generator.nextHousehold();
      // The last household of the run keeps only as many registered people as still fit.
      let registered = 0;
      for (const m of h.members) {
        if (!m.person) continue;
        if (counts.persons + registered >= want && m.relation !== "SELF") m.person = null;
        else registered++;
      }
      if (counts.persons + registered > want) continue; // its SELF does not fit either
      encodeHousehold(h, ids, counts, out, persons + counts.persons, job, rng, hashes, initialsOf);
    }
    hashes.clear();
    persons += counts.persons;
    yield { tables: Object.fromEntries(TABLES.map((t) => [t, out[t].finish()])) as Record<Table, Uint8Array[]>, counts, generateMs: performance.now() - started };
  }
}

function encodeHousehold(
  h: GeneratedHousehold,
  ids: Counts,
  counts: Counts,
  out: Record<Table, CopyWriter>,
  personsBefore: number,
  job: GeneratorJob,
  rng: Rng,
  hashes: Map<string, string>,
  initialsOf: (name: string) => string,
): void {
  const householdId = ids.households++;
  counts.households++;
  // Registration dates: spread over the last three years, increasing with the id.
  const createdMs = job.firstRegistrationMs + (personsBefore + 1) * job.stepMs;
  const created = timestamp(createdMs);
  out.households.row([householdId, h.officeId, h.divisionCode, h.addressDetail, h.povertyStatus, h.povertyStatusSince, h.perCapitaIncome, null, 1, created, created]);
  for (const [i, change] of h.history.entries()) {
    const last = i === h.history.length - 1;
    const note = last && h.povertyStatus === "LIFTED_UNSTABLE" ? "收入依赖务工，纳入防返贫监测" : last && h.povertyStatus === "LIFTED" ? "脱贫验收通过" : null;
    out.poverty_status_changes.row([ids.poverty_status_changes++, householdId, change.status, change.effectiveDate, note, h.caseworkerId, created]);
    counts.poverty_status_changes++;
  }
  for (const m of h.members) {
    let personId: number | null = null;
    if (m.person) {
      personId = ids.persons++;
      const personCreatedMs = job.firstRegistrationMs + (personsBefore + counts.persons + 1) * job.stepMs;
      const updatedMs = Math.min(job.nowMs, personCreatedMs + rng.int(0, 200) * 86_400_000);
      const idHash = hashes.get(m.person.nationalId) ?? hashPii(m.person.nationalId, job.keys.hash);
      out.persons.row(personCells(personId, householdId, h, m.person, personCreatedMs, updatedMs, idHash, job.keys, initialsOf));
      const at = timestamp(personCreatedMs);
      for (const s of m.person.skills) {
        out.person_skills.row([ids.person_skills++, personId, s.skillId, s.customName, s.level, s.certificate, at]);
        counts.person_skills++;
      }
      counts.persons++;
    }
    out.household_members.row([ids.household_members++, householdId, personId, m.name, m.relation, m.birthYear, m.isLabourer, m.note, created]);
    counts.household_members++;
  }
}

function personCells(
  id: number,
  householdId: number,
  h: GeneratedHousehold,
  p: GeneratedPerson,
  createdMs: number,
  updatedMs: number,
  idHash: string,
  keys: { encryption: string; hash: string },
  initialsOf: (name: string) => string,
): Cell[] {
  const created = timestamp(createdMs);
  return [
    id,
    h.officeId,
    h.caseworkerId,
    householdId,
    p.name,
    array(nameGrams(p.name)),
    initialsOf(p.name),
    encryptPii(p.nationalId, keys.encryption),
    idHash,
    hashIdLast4(p.nationalId.slice(-4), keys.hash),
    p.nationalId.slice(0, 6),
    p.gender,
    p.birthDate,
    p.phone,
    p.ethnicity,
    p.education,
    p.health,
    p.healthNote,
    p.originDivisionCode,
    p.originAddressDetail,
    p.currentDivisionCode,
    p.currentAddressDetail,
    p.employmentStatus,
    p.workHistory,
    p.migration,
    p.migrationNote,
    array(p.preferredSectors),
    array(p.preferredRegions),
    p.expectedWage,
    array(p.needs),
    array(p.trainingWishes),
    p.trainingWishNote,
    true,
    created,
    p.derivedTrack,
    p.trackReason,
    null,
    null,
    p.derivedTrack,
    // The household's status on each member, as createPerson and changePovertyStatus keep it.
    h.povertyStatus,
    null,
    1,
    created,
    timestamp(updatedMs),
  ];
}

const WORKER_KIND = "jobbridge-seed-generator";

/** The worker side: makes batches ahead, at most `credits` of them unconsumed. */
function runGeneratorWorker(job: GeneratorJob): void {
  const port = parentPort!;
  let credits = 2;
  let wake: (() => void) | null = null;
  port.on("message", (m) => {
    if (m === "more") {
      credits++;
      wake?.();
    }
  });
  void (async () => {
    for (const batch of generateBatches(job)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      // Each chunk owns its ArrayBuffer: hand them over instead of copying.
      port.postMessage(batch, TABLES.flatMap((t) => batch.tables[t].map((c) => c.buffer as ArrayBuffer)));
    }
    port.postMessage("done");
  })();
}

if (!isMainThread && (workerData as { kind?: string } | null)?.kind === WORKER_KIND) runGeneratorWorker(workerData as GeneratorJob);

/**
 * Batches from a worker thread (tsx's loader is registered there by hand: Node 20 does not pass
 * --import hooks on to workers), or from this thread when `inThread` is set.
 */
async function* batchesOf(job: GeneratorJob, inThread: boolean): AsyncGenerator<Batch> {
  if (inThread) {
    yield* generateBatches(job);
    return;
  }
  const bootstrap =
    `const { workerData } = require("node:worker_threads");` +
    `import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });`;
  const worker = new Worker(bootstrap, {
    eval: true,
    // The generator makes many short-lived objects: a larger young generation halves the GC time.
    resourceLimits: { maxYoungGenerationSizeMb: 192 },
    workerData: { ...job, tsxApi: import.meta.resolve("tsx/esm/api"), entry: import.meta.url },
  });
  const queue: (Batch | "done" | Error)[] = [];
  let wake: (() => void) | null = null;
  const push = (item: Batch | "done" | Error) => {
    queue.push(item);
    wake?.();
  };
  worker.on("message", (m: Batch | "done") => push(m));
  worker.on("error", (e) => push(e instanceof Error ? e : new Error(String(e))));
  worker.on("exit", (code) => push(code === 0 ? "done" : new Error(`the generator thread exited with code ${code}`)));
  try {
    for (;;) {
      while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
      const item = queue.shift()!;
      if (item === "done") return;
      if (item instanceof Error) throw item;
      yield item;
      worker.postMessage("more");
    }
  } finally {
    await worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------
// Loading

/** Upper bounds of the rows a run of `persons` people writes, per table (ids reserved up front). */
function rowBounds(persons: number): Counts {
  return { households: persons, persons, household_members: 8 * persons, person_skills: 3 * persons, poverty_status_changes: 2 * persons };
}

export async function seedPopulation(url: string, options: SeedPopulationOptions): Promise<SeedPopulationResult> {
  const log = options.log ?? console.log;
  const total = options.persons;
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off");
    const { rows: offices } = await client.query<{ id: number; code: string }>(
      `SELECT id, code FROM offices WHERE code = ANY($1::text[]) ORDER BY code`,
      [DESTINATION_OFFICE_CODES],
    );
    if (offices.length !== DESTINATION_OFFICE_CODES.length) {
      throw new Error(`the demo's destination offices (${DESTINATION_OFFICE_CODES.join(", ")}) are missing: run the demo seed first`);
    }
    const { rows: countRows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons`);
    const existing = countRows[0]!.n;
    const seed = options.seed ?? 20_240_601 + existing;
    const mode = options.mode && options.mode !== "auto" ? options.mode : total >= existing ? "bulk" : "incremental";
    log(`seeding ${fmt(total)} people (seed ${seed}, ${mode} mode; ${fmt(existing)} already registered)`);

    const caseworkers = await ensureCaseworkers(client, offices, total, options.caseload ?? 2500, seed, log);
    const { rows: skills } = await client.query<{ id: number; code: string; category: string }>(`SELECT id, code, category FROM skills ORDER BY id`);
    const villages = await loadVillages(client);
    // ID numbers already registered, by a 52-bit prefix of their keyed hash: a new number that
    // collides with one of them (or with one drawn earlier in this run) is redrawn.
    const { rows: hashRows } = await client.query<string[]>({ text: `SELECT substr(id_hash, 1, 13) FROM persons`, rowMode: "array" });
    const taken = new Float64Array(hashRows.length);
    hashRows.forEach(([h], i) => (taken[i] = parseInt(h!, 16)));

    const counts = zeroCounts();
    const timing = { generate: 0, copy: 0, wait: 0 };
    let rebuildPlan: Rebuild | null = null;
    let firstIds: Counts;
    const bounds = rowBounds(total);

    if (mode === "bulk") {
      // One transaction: the tables are locked, their secondary indexes and foreign keys dropped,
      // and everything (rebuild included) commits or rolls back together.
      await client.query("BEGIN");
      await client.query(`LOCK TABLE ${TABLES.join(", ")} IN ACCESS EXCLUSIVE MODE`);
      firstIds = await nextIds(client);
      await client.query("SET LOCAL maintenance_work_mem = '1GB'");
      rebuildPlan = await dropIndexesAndForeignKeys(client);
      log(`dropped ${rebuildPlan.indexes.length} secondary indexes and ${rebuildPlan.foreignKeys.length} foreign keys for the load`);
    } else {
      // Batch by batch with everything in place: reserve an id range per table first (writers
      // are held back for that moment only), so the app can keep registering people meanwhile.
      await client.query("BEGIN");
      await client.query(`LOCK TABLE ${TABLES.join(", ")} IN SHARE ROW EXCLUSIVE MODE`);
      firstIds = await nextIds(client);
      await setSequences(client, Object.fromEntries(TABLES.map((t) => [t, firstIds[t] + bounds[t]])) as Counts);
      await client.query("COMMIT");
    }

    const now = Date.now();
    const firstRegistrationMs = now - 3 * 365 * 86_400_000;
    const job: GeneratorJob = {
      kind: WORKER_KIND,
      seed,
      referenceDateMs: (options.referenceDate ?? new Date()).getTime(),
      offices: offices.map((o) => ({ id: o.id, code: o.code, caseworkerIds: caseworkers.get(o.id) ?? [] })),
      villages,
      skills,
      keys: options.keys,
      taken,
      total,
      batchSize: options.batchSize ?? 20_000,
      firstIds,
      firstRegistrationMs,
      stepMs: (now - firstRegistrationMs) / Math.max(1, total),
      nowMs: now,
    };

    try {
      let reported = performance.now();
      let waitStarted = performance.now();
      for await (const batch of batchesOf(job, options.inThread ?? false)) {
        const copyStarted = performance.now();
        timing.wait += copyStarted - waitStarted;
        timing.generate += batch.generateMs;
        if (mode === "incremental") await client.query("BEGIN");
        // Parents first: with the foreign keys in place (incremental) the order matters.
        for (const table of TABLES) await copyRows(client, table, batch.tables[table]);
        if (mode === "incremental") await client.query("COMMIT");
        for (const table of TABLES) counts[table] += batch.counts[table];
        waitStarted = performance.now();
        timing.copy += waitStarted - copyStarted;

        if (performance.now() - reported > 3000 || counts.persons >= total) {
          reported = performance.now();
          const elapsed = (performance.now() - started) / 1000;
          const rows = TABLES.reduce((n, t) => n + counts[t], 0);
          log(
            `  ${fmt(counts.persons)}/${fmt(total)} people (${Math.floor((counts.persons / total) * 100)}%), ` +
              `${fmt(counts.persons / elapsed)} people/s, ${fmt(rows / elapsed)} rows/s`,
          );
        }
      }
      log(
        `generating took ${(timing.generate / 1000).toFixed(1)} s (in parallel), COPY ${(timing.copy / 1000).toFixed(1)} s, ` +
          `waiting for the generator ${(timing.wait / 1000).toFixed(1)} s`,
      );
      const end = Object.fromEntries(TABLES.map((t) => [t, firstIds[t] + counts[t]])) as Counts;
      if (mode === "bulk") {
        const rebuilding = performance.now();
        log(`rebuilding indexes and foreign keys…`);
        await rebuild(client, rebuildPlan!, log);
        await setSequences(client, end);
        await client.query("COMMIT");
        log(`rebuilt in ${((performance.now() - rebuilding) / 1000).toFixed(1)} s`);
      } else {
        // Give back the unused part of the reserved ranges when nobody drew ids meanwhile.
        await client.query("BEGIN");
        await client.query(`LOCK TABLE ${TABLES.join(", ")} IN SHARE ROW EXCLUSIVE MODE`);
        const nowNext = await nextIds(client);
        const giveBack = TABLES.filter((t) => nowNext[t] === firstIds[t] + bounds[t]);
        await setSequences(client, Object.fromEntries(giveBack.map((t) => [t, end[t]])) as Partial<Counts>);
        await client.query("COMMIT");
      }
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }

    const analysing = performance.now();
    // After a bulk load, VACUUM also sets the visibility map (index-only scans) and hint bits.
    await client.query(`${mode === "bulk" ? "VACUUM (ANALYZE)" : "ANALYZE"} ${TABLES.join(", ")}, users`);
    log(`${mode === "bulk" ? "vacuumed and analysed" : "analysed"} in ${((performance.now() - analysing) / 1000).toFixed(1)} s`);

    const seconds = (performance.now() - started) / 1000;
    const rows = TABLES.reduce((n, t) => n + counts[t], 0);
    log(
      `added ${fmt(counts.persons)} people, ${fmt(counts.households)} households, ${fmt(counts.household_members)} household members, ` +
        `${fmt(counts.person_skills)} skills, ${fmt(counts.poverty_status_changes)} poverty-status entries in ${seconds.toFixed(1)} s ` +
        `(${fmt(counts.persons / seconds)} people/s, ${fmt(rows / seconds)} rows/s)`,
    );
    return {
      persons: counts.persons,
      households: counts.households,
      members: counts.household_members,
      skills: counts.person_skills,
      povertyChanges: counts.poverty_status_changes,
      seconds,
      mode,
    };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Command line

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      persons: { type: "string", default: "1000" },
      seed: { type: "string" },
      caseload: { type: "string", default: "2500" },
      mode: { type: "string", default: "auto" },
    },
  });
  const persons = Number(values.persons);
  if (!Number.isInteger(persons) || persons < 0) {
    console.error("usage: npm run seed -- --persons N [--seed S] [--caseload C] [--mode bulk|incremental|auto]");
    return 2;
  }
  const mode = values.mode as SeedPopulationOptions["mode"];
  if (!["bulk", "incremental", "auto"].includes(mode ?? "")) {
    console.error("--mode must be bulk, incremental or auto");
    return 2;
  }
  const db = await resolveDatabase();
  try {
    const secrets = demoSecrets();
    Object.assign(process.env, secrets, { DATABASE_URL: db.url });
    await applyMigrations(db.url);
    const ref = await loadReferenceData(db.url, console.log);
    console.log(`reference data: ${fmt(ref.divisions)} divisions, ${ref.skills} skills`);
    const { seedDemo } = await import("../tests/factories");
    await seedDemo(db.url);
    if (persons > 0) {
      await seedPopulation(db.url, {
        persons,
        keys: { encryption: secrets.PII_ENCRYPTION_KEY!, hash: secrets.PII_HASH_KEY! },
        seed: values.seed === undefined ? undefined : Number(values.seed),
        caseload: Number(values.caseload),
        mode,
      });
    }
    const { db: prisma } = await import("../lib/db");
    await prisma().$disconnect();
    return 0;
  } finally {
    await db.stop();
  }
}

// The generator thread loads this file too (with the same argv): only the main thread runs main().
const isMain = isMainThread && process.argv[1] && import.meta.filename === process.argv[1];
if (isMain) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
