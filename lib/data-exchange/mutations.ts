import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/auth/policy";
import { personVisibleTo, type Scope } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/mutations";
import { hashIdLast4, hashPii } from "@/lib/pii";
import { decryptFile, encryptFile, encryptIdNumbers } from "@/lib/data-exchange/crypto";
import { maskNationalId, type ParsedNationalId } from "@/lib/persons/national-id";
import { deriveTrack, nameGrams, nameInitials } from "@/lib/persons/rules";
import { chinaToday, followUpPlan, isoDate } from "@/lib/placements/rules";
import { yieldToOthers } from "@/lib/data-exchange/background";
import { detectFormat, FileReadError, parseTable } from "@/lib/data-exchange/files";
import { COLUMN_BY_KEY, COLUMN_KEYS, mapHeaders } from "@/lib/data-exchange/template";
import {
  STALE_MS,
  COMMITTED_ROWS_KEPT_DAYS,
  UNFINISHED_IMPORT_KEPT_DAYS,
  diffPerson,
  duplicateIds,
  HOUSEHOLD_FIELDS,
  householdMismatch,
  inRegion,
  isConflict,
  MAX_FILE_BYTES,
  parseRow,
  PLACEMENT_FIELDS,
  planPlacement,
  type DiffEntry,
  type ParsedRow,
  type RawCells,
  type RowError,
} from "@/lib/data-exchange/rules";
import {
  countUndecidedConflicts,
  employersByUscc,
  existingDivisionCodes,
  exchangeOfficeWhere,
  findCommittedDuplicate,
  findPersonsByIdHash,
  getOfficeCadences,
  getPartnerOffice,
  lastCommittedImportAt,
  type ExistingPerson,
} from "@/lib/data-exchange/data";
import type { DecisionInput, ExpectationInput } from "@/lib/data-exchange/schema";

// The writes of the data exchange (docs/decisions/010-data-exchange.md).
//
// An import is three steps. createImportBatch stores the upload (encrypted: it holds ID numbers)
// and returns; validateImportBatch, run off the request, reads the file, checks every row and
// stages the result in import_rows (COPY: Prisma has no COPY) — what each row would do, its errors
// and its field-by-field differences — while writing its progress into the batch row the page
// polls. commitImportBatch writes the staged rows in ONE transaction, set-based (INSERT … SELECT
// and UPDATE … FROM over import_rows), with an audit row per person changed: a file commits whole
// or not at all, and re-committing a file whose rows are all unchanged writes no person.

const invalid = (fieldErrors: Record<string, string>) => new AppError("VALIDATION", "validation", { fieldErrors });

// ---------------------------------------------------------------------------------------------
// The stored upload

/** The partner a batch exchanges with: a partner office imports for itself, others name one. */
async function partnerFor(scope: Scope, partnerOfficeId: number) {
  const partner = await getPartnerOffice(scope, scope.role === "PARTNER" ? scope.officeId : partnerOfficeId);
  if (!partner) throw invalid({ partnerOfficeId: "validation.partnerOffice" });
  return partner;
}

export async function createImportBatch(scope: Scope, input: { partnerOfficeId: number; fileName: string; bytes: Uint8Array }) {
  assertCan(scope, "exchange.import");
  const partner = await partnerFor(scope, input.partnerOfficeId);
  if (input.bytes.length === 0) throw invalid({ file: "exchange.fileErrors.EMPTY" });
  if (input.bytes.length > MAX_FILE_BYTES) throw invalid({ file: "exchange.fileErrors.TOO_LARGE" });
  let format: "CSV" | "XLSX";
  try {
    format = detectFormat(input.bytes);
  } catch (error) {
    if (error instanceof FileReadError) throw invalid({ file: `exchange.fileErrors.${error.code}` });
    throw error;
  }
  const fileHash = createHash("sha256").update(input.bytes).digest("hex");
  // The file goes to PostgreSQL as a binary parameter through pg: through Prisma an 18 MB file
  // was hex-encoded in this process, holding the event loop (and everyone's requests) for 0.5 s.
  const { rows } = await copyPool().query<{ id: number }>(
    `INSERT INTO import_batches (office_id, partner_office_id, created_by_id, file_name, format, file_size, file_hash, file_data, status, phase, updated_at)
     VALUES ($1, $2, $3, $4, $5::exchange_format, $6, $7, $8, 'VALIDATING', 'queued', now()) RETURNING id`,
    [scope.officeId, partner.id, scope.userId, input.fileName.slice(0, 200) || "upload", format, input.bytes.length, fileHash, encryptFile(input.bytes)],
  );
  return { id: rows[0]!.id };
}

/**
 * A batch's stored (encrypted) file, read through pg as base64 (decoded natively): Prisma's
 * conversion of 18 MB of bytea took 1.1 s of this process's time, 0.8 s of it in one piece.
 */
async function readStoredFile(batchId: number): Promise<Buffer | null> {
  const { rows } = await copyPool().query<{ data: string | null }>("SELECT encode(file_data, 'base64') AS data FROM import_batches WHERE id = $1", [batchId]);
  const data = rows[0]?.data;
  return data ? Buffer.from(data, "base64") : null;
}

// ---------------------------------------------------------------------------------------------
// Checking a file (off the request)


async function progress(batchId: number, data: { phase?: string; processedRows?: number; totalRows?: number }) {
  await db().importBatch.update({ where: { id: batchId }, data: { ...data, heartbeatAt: new Date() }, select: { id: true } });
}

async function failBatch(batchId: number, errorKey: string, errorParams: Record<string, unknown> = {}) {
  await db().importBatch.update({
    where: { id: batchId },
    data: { status: "FAILED", errorKey, errorParams: errorParams as object, phase: null, fileData: null, heartbeatAt: null },
    select: { id: true },
  });
}

/** What a row makes the commit write, by column of import_rows (only what changes, for an update). */
type StagedValues = {
  idCipher?: string;
  idHash?: string;
  idPrefix6?: string;
  idLast4Hash?: string;
  gender?: string;
  birthDate?: string;
  name?: string;
  nameGrams?: string[];
  nameInitials?: string;
  phone?: string;
  ethnicity?: string;
  education?: string;
  health?: string;
  originDivisionCode?: string;
  originAddressDetail?: string;
  currentDivisionCode?: string;
  currentAddressDetail?: string;
  employmentStatus?: string;
  migration?: string;
  expectedWage?: number;
  consentGiven?: boolean;
  notes?: string;
  derivedTrack?: string;
  trackReason?: string;
  isLabourer?: boolean;
  householdKind?: "new" | "row" | "existing" | "update";
  householdRow?: number;
  householdId?: number;
  relation?: string;
  povertyStatus?: string;
  povertyStatusSince?: string;
  perCapitaIncome?: number;
  placement?: Record<string, unknown>;
};

type StagedRow = {
  /** In memory only, for a new person: the number to encrypt when the row is staged. */
  plainId?: string;
  rowNumber: number;
  status: "NEW" | "UPDATE" | "UNCHANGED" | "ERROR";
  personId: number | null;
  personVersion: number | null;
  name: string | null;
  idMasked: string | null;
  values: StagedValues;
  errors: RowError[];
  diff: DiffEntry[];
  conflict: boolean;
};

type Working = {
  rowNumber: number;
  parsed: ParsedRow;
  errors: RowError[];
  idHash: string | null;
  existing: ExistingPerson | null;
  staged: StagedRow | null;
};

/** Wall time of each step, for the benchmark's breakdown (scripts/bench-exchange.ts). */
export type StepTimings = Record<string, number>;

function stepTimer(timings: StepTimings | undefined) {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  return (step: string) => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    if (timings) {
      timings[step] = (timings[step] ?? 0) + (now - last);
      // This process's CPU time: what the step costs here, whatever else the machine is doing.
      timings[`${step} (cpu)`] = (timings[`${step} (cpu)`] ?? 0) + (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    }
    last = now;
    lastCpu = cpu;
  };
}

const EMPTY_ROW = { rowNumber: 0, cells: [] as string[] };

const canWork = (status: string | undefined) => status !== "STUDENT" && status !== "NOT_IN_LABOUR_FORCE";

/**
 * Reads, checks and stages a batch's file. Safe to call twice: only one worker claims a batch
 * (a conditional UPDATE on its heartbeat), and a rerun starts from the file again.
 */
export async function validateImportBatch(scope: Scope, batchId: number, options: { now?: Date; chunkRows?: number; timings?: StepTimings } = {}): Promise<void> {
  assertCan(scope, "exchange.import");
  const mark = stepTimer(options.timings);
  const claimed = await db().importBatch.updateMany({
    where: {
      id: batchId,
      status: "VALIDATING",
      ...exchangeOfficeWhere(scope),
      OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(Date.now() - STALE_MS) } }],
    },
    data: { heartbeatAt: new Date(), phase: "reading", processedRows: 0 },
  });
  if (claimed.count !== 1) return;
  const batch = await db().importBatch.findUniqueOrThrow({
    where: { id: batchId },
    select: { id: true, officeId: true, partnerOfficeId: true, fileHash: true, partnerOffice: { select: { regionCode: true } } },
  });
  const chunk = options.chunkRows ?? 2000;
  const now = options.now ?? new Date();
  const today = chinaToday(now);
  // A second check (after a commit found people changed meanwhile) starts from the file again,
  // but keeps what the user decided on each conflict whose differences are still the same. The
  // decisions are kept on the batch in the transaction that deletes the rows (a check that dies
  // before it copies them back finds them there when it is resumed).
  await db().$transaction([
    db().$executeRaw`
      UPDATE import_batches b SET kept_decisions = COALESCE(b.kept_decisions, (
        SELECT jsonb_agg(jsonb_build_object('row', r.row_number, 'decision', r.decision, 'diff', r.diff))
          FROM import_rows r WHERE r.batch_id = b.id AND r.decision IS NOT NULL))
       WHERE b.id = ${batchId}`,
    db().importRow.deleteMany({ where: { batchId } }),
  ]);

  // 1. The file.
  const stored = await readStoredFile(batchId);
  if (!stored) return failBatch(batchId, "exchange.fileErrors.GONE");
  let table;
  try {
    table = await parseTable(await decryptFile(stored), (rows) => void progress(batchId, { processedRows: rows }).catch(() => {}));
  } catch (error) {
    if (error instanceof FileReadError) return failBatch(batchId, `exchange.fileErrors.${error.code}`, error.params);
    throw error;
  }
  mark("read file");
  const encoding = table.encoding;
  const headers = mapHeaders(table.headers);
  if (headers.missing.length) {
    return failBatch(batchId, "exchange.fileErrors.MISSING_COLUMNS", { columns: headers.missing.map((k) => COLUMN_BY_KEY.get(k)!.zh).join("、") });
  }
  if (headers.duplicated.length) return failBatch(batchId, "exchange.fileErrors.DUPLICATE_COLUMNS", { columns: headers.duplicated.join("、") });
  if (!table.rows.length) return failBatch(batchId, "exchange.fileErrors.NO_ROWS");
  const notices: { key: string; params?: Record<string, string | number> }[] = [];
  if (headers.unknown.length) notices.push({ key: "exchange.notices.unknownColumns", params: { columns: headers.unknown.join("、") } });
  // Partners read placements and never record them (decision 009): a partner's file may carry
  // the placement columns we sent it, and they are read past, not refused.
  const ignorePlacements = scope.role === "PARTNER" && PLACEMENT_FIELDS.some((k) => headers.columns[k] !== undefined);
  if (ignorePlacements) notices.push({ key: "exchange.notices.placementsIgnored" });
  await progress(batchId, { phase: "checking", processedRows: 0, totalRows: table.rows.length });

  // 2. Every row on its own.
  const keys = COLUMN_KEYS.filter((k) => headers.columns[k] !== undefined && !(ignorePlacements && (PLACEMENT_FIELDS as readonly string[]).includes(k)));
  const work: Working[] = [];
  const tableRows = table.rows;
  for (let i = 0; i < tableRows.length; i++) {
    const { rowNumber, cells } = tableRows[i]!;
    // Each row's cells are let go once read: at 100,000 rows they are most of the heap.
    tableRows[i] = EMPTY_ROW;
    const raw: RawCells = {};
    for (const key of keys) raw[key] = cells[headers.columns[key]!] ?? "";
    const { row, errors } = parseRow(raw, today);
    work.push({ rowNumber, parsed: row, errors, idHash: null, existing: null, staged: null });
    if ((i + 1) % chunk === 0) {
      await yieldToOthers();
      if ((i + 1) % (chunk * 5) === 0) await progress(batchId, { processedRows: i + 1 });
    }
  }
  // The parsed cells are no longer needed; 100,000 rows of them are worth letting go.
  table = null;

  mark("check rows");
  // 3. Across rows: the same person twice; people outside the partner's region.
  const duplicates = duplicateIds(work.map((w) => ({ rowNumber: w.rowNumber, nationalId: w.parsed.nationalId?.normalized ?? null })));
  for (const w of work) {
    const others = duplicates.get(w.rowNumber);
    if (others) w.errors.push({ column: "nationalId", key: "exchange.rowErrors.duplicateInFile", params: { rows: others.join(", ") } });
    const origin = w.parsed.originDivisionCode;
    if (origin && !inRegion(origin, batch.partnerOffice.regionCode)) w.errors.push({ column: "originDivisionCode", key: "exchange.rowErrors.outsidePartnerRegion" });
  }
  await progress(batchId, { phase: "comparing" });

  // 4. What we hold: people by keyed hash, divisions, employers.
  const hashOf = new Map<string, string>();
  const hash = (id: string) => {
    let h = hashOf.get(id);
    if (!h) hashOf.set(id, (h = hashPii(id)));
    return h;
  };
  for (let i = 0; i < work.length; i++) {
    const w = work[i]!;
    if (w.parsed.nationalId) w.idHash = hash(w.parsed.nationalId.normalized);
    if ((i + 1) % chunk === 0) await yieldToOthers();
  }
  const headIds = new Set(work.map((w) => w.parsed.householdHeadId).filter((v): v is string => Boolean(v)));
  mark("hash IDs");
  const existing = await findPersonsByIdHash([...new Set([...work.map((w) => w.idHash), ...[...headIds].map(hash)].filter((v): v is string => Boolean(v)))]);
  mark("look up people");
  await yieldToOthers();
  const codes = new Set<string>();
  for (const w of work) {
    for (const code of [w.parsed.originDivisionCode, w.parsed.currentDivisionCode, w.parsed.placement?.workplaceCode]) if (code) codes.add(code);
  }
  const known = await existingDivisionCodes([...codes]);
  const employers = await employersByUscc([...new Set(work.map((w) => w.parsed.placement?.employerUscc).filter((v): v is string => Boolean(v)))]);
  const baseAt = await lastCommittedImportAt(batch.officeId, batch.partnerOfficeId);
  const visible = personVisibleTo(scope);
  const cadences = await getOfficeCadences([...new Set([batch.officeId, ...[...existing.values()].map((p) => p.officeId)])]);

  mark("look up divisions, employers");
  // 5. Each row against what we hold.
  const initials = new Map<string, string>();
  const initialsOf = (name: string) => {
    let v = initials.get(name);
    if (v === undefined) initials.set(name, (v = nameInitials(name)));
    return v;
  };
  const byId = new Map<string, Working>();
  for (const w of work) if (w.parsed.nationalId && !duplicates.has(w.rowNumber)) byId.set(w.parsed.nationalId.normalized, w);

  for (let i = 0; i < work.length; i++) {
    const w = work[i]!;
    const p = w.parsed;
    for (const [column, code] of [["originDivisionCode", p.originDivisionCode], ["currentDivisionCode", p.currentDivisionCode], ["workplaceCode", p.placement?.workplaceCode]] as const) {
      if (code && !known.has(code)) w.errors.push({ column, key: "validation.divisionUnknown" });
    }
    const found = w.idHash ? (existing.get(w.idHash) ?? null) : null;
    // Someone another office registered, or outside a partner's region: not ours to change, and
    // not to be registered twice. Who it is stays unsaid (decision 003).
    if (found && !visible({ officeId: found.officeId, originCode: found.originDivisionCode })) {
      w.errors.push({ column: "nationalId", key: "exchange.rowErrors.notYours" });
    } else {
      w.existing = found;
    }
    if ((i + 1) % chunk === 0) await yieldToOthers();
  }

  // Households: a row names its head by ID number; the head is a row of this file or someone
  // registered. Household cells of a household's rows must agree.
  const householdApplyByHousehold = new Map<number, { row: number; values: Record<string, unknown> }>();
  const staged: StagedRow[] = [];
  for (let i = 0; i < work.length; i++) {
    const w = work[i]!;
    const p = w.parsed;
    const id = p.nationalId;
    const base: Pick<StagedRow, "rowNumber" | "name" | "idMasked"> = {
      rowNumber: w.rowNumber,
      name: p.name ?? null,
      idMasked: id ? maskNationalId(id.normalized.slice(0, 6), id.normalized.slice(-4)) : null,
    };
    if (w.errors.length || !id || !w.idHash) {
      w.staged = { ...base, status: "ERROR", personId: w.existing?.id ?? null, personVersion: null, values: {}, errors: w.errors, diff: [], conflict: false };
    } else if (w.existing) {
      w.staged = stageUpdate(w, w.existing, { base, baseAt, householdApplyByHousehold, cadence: cadences.get(w.existing.officeId) ?? [], today, initialsOf, employers });
    } else {
      w.staged = stageNew(w, id, w.idHash, { base, cadence: cadences.get(batch.officeId) ?? [], today, initialsOf, employers });
    }
    if ((i + 1) % chunk === 0) await yieldToOthers();
  }
  // Households of new people, once every row knows what it is.
  for (let i = 0; i < work.length; i++) {
    const w = work[i]!;
    if ((i + 1) % chunk === 0) await yieldToOthers();
    const s = w.staged!;
    if (s.status !== "NEW") continue;
    const head = w.parsed.householdHeadId;
    const own = !head || head === w.parsed.nationalId!.normalized;
    if (own) s.values.householdKind = "new";
    else {
      const headRow = byId.get(head);
      if (headRow) {
        const hs = headRow.staged!;
        const headsOwn = !headRow.parsed.householdHeadId || headRow.parsed.householdHeadId === head;
        if (hs.status === "ERROR") s.errors.push({ column: "householdHeadId", key: "exchange.rowErrors.headRowInvalid", params: { row: headRow.rowNumber } });
        else if (!headsOwn && hs.status === "NEW") s.errors.push({ column: "householdHeadId", key: "exchange.rowErrors.headNotHead", params: { row: headRow.rowNumber } });
        for (const field of householdMismatch(w.parsed, headRow.parsed)) s.errors.push({ column: field, key: "exchange.rowErrors.householdMismatch", params: { row: headRow.rowNumber } });
        if (hs.status === "NEW") Object.assign(s.values, { householdKind: "row", householdRow: headRow.rowNumber });
        else if (headRow.existing?.householdId) Object.assign(s.values, { householdKind: "existing", householdId: headRow.existing.householdId });
        else if (hs.status !== "ERROR") s.errors.push({ column: "householdHeadId", key: "exchange.rowErrors.headNotFound" });
      } else {
        const registered = existing.get(hash(head));
        if (!registered || !visible({ officeId: registered.officeId, originCode: registered.originDivisionCode }) || !registered.householdId) {
          s.errors.push({ column: "householdHeadId", key: "exchange.rowErrors.headNotFound" });
        } else {
          Object.assign(s.values, { householdKind: "existing", householdId: registered.householdId });
          const ours = registered.ours.household;
          if (ours) for (const field of HOUSEHOLD_FIELDS) {
            const theirs = (w.parsed as Record<string, unknown>)[field];
            if (theirs !== undefined && theirs !== ours[field]) s.errors.push({ column: field, key: "exchange.rowErrors.householdDiffers" });
          }
        }
      }
    }
    s.values.relation = w.parsed.relation ?? (own && head ? "HEAD" : "SELF");
    if (s.errors.length) Object.assign(s, { status: "ERROR", values: {}, diff: [], conflict: false });
  }
  for (const w of work) staged.push(w.staged!);

  mark("compare and prepare");
  // 6. Stage the rows (COPY), then open the preview.
  await progress(batchId, { phase: "saving", processedRows: 0 });
  await copyStagedRows(batchId, staged, (rows) => prepareForStaging(rows, initialsOf), (done) => progress(batchId, { processedRows: done }));
  await db().$executeRaw`
    UPDATE import_rows r SET decision = (d->>'decision')::conflict_decision
      FROM import_batches b CROSS JOIN LATERAL jsonb_array_elements(b.kept_decisions) d
     WHERE b.id = ${batchId} AND b.kept_decisions IS NOT NULL AND r.batch_id = b.id
       AND r.row_number = (d->>'row')::int AND r.conflict AND r.diff = d->'diff'`;
  mark("stage rows (COPY)");
  const counts = { NEW: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0 };
  let conflicts = 0;
  for (const s of staged) {
    counts[s.status]++;
    if (s.conflict) conflicts++;
  }
  const duplicateOf = await findCommittedDuplicate(batch.officeId, batch.fileHash, batchId);
  await db().importBatch.update({
    where: { id: batchId },
    data: {
      status: "PREVIEW",
      phase: null,
      encoding,
      totalRows: staged.length,
      processedRows: staged.length,
      newRows: counts.NEW,
      updatedRows: counts.UPDATE,
      unchangedRows: counts.UNCHANGED,
      errorRows: counts.ERROR,
      conflictRows: conflicts,
      baseAt,
      duplicateOfId: duplicateOf?.id ?? null,
      keptDecisions: Prisma.DbNull,
      notices: notices as object,
      errorKey: null,
      errorParams: Prisma.DbNull,
      heartbeatAt: null,
      version: { increment: 1 },
    },
    select: { id: true },
  });
}

type StageContext = {
  base: Pick<StagedRow, "rowNumber" | "name" | "idMasked">;
  cadence: number[];
  today: Date;
  initialsOf: (name: string) => string;
  employers: Map<string, { id: number; name: string }>;
};

const PERSON_VALUE_KEYS = [
  "phone", "ethnicity", "education", "health", "originDivisionCode", "originAddressDetail", "currentDivisionCode", "currentAddressDetail",
  "employmentStatus", "migration", "expectedWage", "consentGiven", "notes", "povertyStatus", "povertyStatusSince", "perCapitaIncome",
] as const;

/** The placement part of a row: what the commit creates or changes, with its follow-ups. */
function placementValues(row: ParsedRow, plan: ReturnType<typeof planPlacement>, ctx: StageContext) {
  if (plan.kind === "create") {
    const cells = row.placement!;
    const followUps = plan.active ? followUpPlan(new Date(`${cells.startDate}T00:00:00Z`), ctx.cadence, ctx.today).map((f) => ({ cadenceDay: f.cadenceDay, dueDate: isoDate(f.dueDate) })) : [];
    return { plan: "create", ...cells, followUps, newEmployer: !ctx.employers.has(cells.employerUscc!) };
  }
  if (plan.kind === "update") {
    return { plan: "update", placementId: plan.placementId, set: Object.fromEntries(plan.diff.map((d) => [d.column, d.file])), ends: plan.ends };
  }
  return null;
}

function stageNew(w: Working, id: ParsedNationalId, idHash: string, ctx: StageContext): StagedRow {
  const p = w.parsed;
  const plan = planPlacement(p.placement, []);
  if (plan.kind === "error") return { ...ctx.base, status: "ERROR", personId: null, personVersion: null, values: {}, errors: [plan.error], diff: [], conflict: false };
  // The ciphertext and the name's search keys are the costly part: they are made chunk by chunk
  // as the rows are staged (prepareForStaging), while PostgreSQL takes the previous chunk.
  const values: StagedValues = {
    idHash,
    idPrefix6: id.normalized.slice(0, 6),
    idLast4Hash: hashIdLast4(id.normalized.slice(-4)),
    gender: id.gender,
    // The birth date as written in the number (the same day parseNationalId checked).
    birthDate: `${id.normalized.slice(6, 10)}-${id.normalized.slice(10, 12)}-${id.normalized.slice(12, 14)}`,
  };
  for (const key of PERSON_VALUE_KEYS) if (p[key] !== undefined) (values as Record<string, unknown>)[key] = p[key];
  // Someone placed in a job the file records as current is at work, whatever the status cell lacks.
  if (plan.kind === "create" && plan.active && !p.employmentStatus) values.employmentStatus = "EMPLOYED";
  const track = deriveTrack({ migration: (p.migration ?? "UNDECIDED") as "UNDECIDED", health: (p.health ?? "HEALTHY") as "HEALTHY", skillCount: 0, trainingWishes: [], needs: [] });
  values.derivedTrack = track.track;
  values.trackReason = track.reason;
  values.isLabourer = canWork(values.employmentStatus ?? "UNEMPLOYED");
  const placement = placementValues(p, plan, ctx);
  if (placement) values.placement = placement;
  return { ...ctx.base, plainId: id.normalized, status: "NEW", personId: null, personVersion: null, values, errors: [], diff: [], conflict: false };
}

function stageUpdate(
  w: Working,
  ours: ExistingPerson,
  ctx: StageContext & { baseAt: Date | null; householdApplyByHousehold: Map<number, { row: number; values: Record<string, unknown> }> },
): StagedRow {
  const p = w.parsed;
  const diff = diffPerson(p, ours.ours);
  const plan = planPlacement(p.placement, ours.placements);
  if (plan.kind === "error") {
    return { ...ctx.base, status: "ERROR", personId: ours.id, personVersion: null, values: {}, errors: [plan.error], diff: [], conflict: false };
  }
  const personDiff = diff.filter((d) => !(HOUSEHOLD_FIELDS as readonly string[]).includes(d.column));
  const householdDiff = diff.filter((d) => (HOUSEHOLD_FIELDS as readonly string[]).includes(d.column));
  // Only the fields that change are staged: the commit keeps ours wherever a column is null.
  const values: StagedValues = Object.fromEntries(personDiff.map((d) => [d.column, d.file]));
  // A new current job means at work; the end of the only one, without a status cell, means not.
  const statusGiven = p.employmentStatus !== undefined;
  const current = ours.ours.person.employmentStatus as string;
  if (!statusGiven && plan.kind === "create" && plan.active && current !== "EMPLOYED" && current !== "SELF_EMPLOYED") {
    values.employmentStatus = "EMPLOYED";
    personDiff.push({ column: "employmentStatus", ours: current, file: "EMPLOYED" });
  }
  if (!statusGiven && plan.kind === "update" && plan.ends && current === "EMPLOYED") {
    values.employmentStatus = "UNEMPLOYED";
    personDiff.push({ column: "employmentStatus", ours: current, file: "UNEMPLOYED" });
  }
  if (values.employmentStatus) values.isLabourer = canWork(values.employmentStatus);
  // The name changes with its search keys (the commit takes a staged name only with its grams).
  if (values.name) {
    values.nameGrams = nameGrams(values.name);
    values.nameInitials = ctx.initialsOf(values.name);
  }
  delete values.name;
  if (values.migration || values.health) {
    const track = deriveTrack({
      migration: (values.migration ?? ours.ours.person.migration) as "UNDECIDED",
      health: (values.health ?? ours.ours.person.health) as "HEALTHY",
      skillCount: ours.trackInputs.skillCount,
      trainingWishes: ours.trackInputs.trainingWishes,
      needs: ours.trackInputs.needs,
    });
    values.derivedTrack = track.track;
    values.trackReason = track.reason;
  }
  const errors: RowError[] = [];
  if (householdDiff.length && ours.householdId) {
    const householdApply = Object.fromEntries(householdDiff.map((d) => [d.column, d.file]));
    const earlier = ctx.householdApplyByHousehold.get(ours.householdId);
    if (earlier && JSON.stringify(earlier.values) !== JSON.stringify(householdApply)) {
      for (const d of householdDiff) errors.push({ column: d.column, key: "exchange.rowErrors.householdMismatch", params: { row: earlier.row } });
    } else if (!earlier) ctx.householdApplyByHousehold.set(ours.householdId, { row: w.rowNumber, values: householdApply });
    Object.assign(values, householdApply, { householdKind: "update", householdId: ours.householdId });
  }
  if (errors.length) return { ...ctx.base, status: "ERROR", personId: ours.id, personVersion: null, values: {}, errors, diff: [], conflict: false };
  const placement = placementValues(p, plan, ctx);
  if (placement) values.placement = placement;
  const allDiff = [...personDiff, ...householdDiff, ...(plan.kind === "create" || plan.kind === "update" ? plan.diff : [])];
  if (!allDiff.length) return { ...ctx.base, status: "UNCHANGED", personId: ours.id, personVersion: ours.version, values: {}, errors: [], diff: [], conflict: false };
  const conflict = isConflict(ours.lastChangedAt, p.asOf ?? ctx.baseAt);
  return { ...ctx.base, status: "UPDATE", personId: ours.id, personVersion: ours.version, values, errors: [], diff: allDiff, conflict };
}

// COPY text format: tab-separated, \N for null, backslash escapes.
type Cell = string | number | boolean | null | undefined;

function copyText(value: Cell): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : value;
}

/** A PostgreSQL array literal, every element quoted. */
function pgArray(values: readonly string[] | undefined): string | null {
  if (!values) return null;
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

// Prisma has no COPY and converts large bytea slowly: a small pg pool of this module's own stages
// the rows and carries uploaded files (the upload request and the check share its two connections).
const globalPool = globalThis as unknown as { jobbridgeExchangePool?: pg.Pool };
function copyPool(): pg.Pool {
  if (!globalPool.jobbridgeExchangePool) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2, application_name: "jobbridge-exchange" });
    // An idle connection the server closed (a restart) must not take the process down.
    pool.on("error", (error) => console.error("[exchange] idle database connection lost", error.message));
    globalPool.jobbridgeExchangePool = pool;
  }
  return globalPool.jobbridgeExchangePool;
}

/** The columns of import_rows the check writes, each with how it is read from a staged row. */
const STAGE_COLUMNS: [string, (r: StagedRow, batchId: number) => Cell][] = [
  ["batch_id", (_r, b) => b],
  ["row_number", (r) => r.rowNumber],
  ["status", (r) => r.status],
  ["person_id", (r) => r.personId],
  ["person_version", (r) => r.personVersion],
  ["name", (r) => r.name],
  ["id_masked", (r) => r.idMasked],
  ["errors", (r) => (r.errors.length ? JSON.stringify(r.errors) : "[]")],
  ["diff", (r) => (r.diff.length ? JSON.stringify(r.diff) : "[]")],
  ["conflict", (r) => r.conflict],
  ["id_cipher", (r) => r.values.idCipher],
  ["id_hash", (r) => r.values.idHash],
  ["id_prefix6", (r) => r.values.idPrefix6],
  ["id_last4_hash", (r) => r.values.idLast4Hash],
  ["gender", (r) => r.values.gender],
  ["birth_date", (r) => r.values.birthDate],
  ["name_grams", (r) => pgArray(r.values.nameGrams)],
  ["name_initials", (r) => r.values.nameInitials],
  ["phone", (r) => r.values.phone],
  ["ethnicity", (r) => r.values.ethnicity],
  ["education", (r) => r.values.education],
  ["health", (r) => r.values.health],
  ["origin_division_code", (r) => r.values.originDivisionCode],
  ["origin_address_detail", (r) => r.values.originAddressDetail],
  ["current_division_code", (r) => r.values.currentDivisionCode],
  ["current_address_detail", (r) => r.values.currentAddressDetail],
  ["employment_status", (r) => r.values.employmentStatus],
  ["migration", (r) => r.values.migration],
  ["expected_wage", (r) => r.values.expectedWage],
  ["consent_given", (r) => r.values.consentGiven],
  ["notes", (r) => r.values.notes],
  ["derived_track", (r) => r.values.derivedTrack],
  ["track_reason", (r) => r.values.trackReason],
  ["is_labourer", (r) => r.values.isLabourer],
  ["household_kind", (r) => r.values.householdKind],
  ["household_row", (r) => r.values.householdRow],
  ["household_id", (r) => r.values.householdId],
  ["relation", (r) => r.values.relation],
  ["poverty_status", (r) => r.values.povertyStatus],
  ["poverty_status_since", (r) => r.values.povertyStatusSince],
  ["per_capita_income", (r) => r.values.perCapitaIncome],
  ["placement", (r) => (r.values.placement ? JSON.stringify(r.values.placement) : null)],
];

/** The costly values of new people's rows: ciphertexts in one go, the name's search keys. */
function prepareForStaging(rows: StagedRow[], initialsOf: (name: string) => string) {
  const fresh = rows.filter((r) => r.status === "NEW" && r.plainId);
  const ciphers = encryptIdNumbers(fresh.map((r) => r.plainId!));
  fresh.forEach((r, i) => {
    r.values.idCipher = ciphers[i];
    r.values.nameGrams = nameGrams(r.name!);
    r.values.nameInitials = initialsOf(r.name!);
    r.plainId = undefined;
  });
}

/**
 * COPY in chunks, overlapped: while PostgreSQL takes one chunk, this process prepares and
 * serialises the next (two cores, two processes), and yields between chunks.
 */
async function copyStagedRows(batchId: number, rows: StagedRow[], prepare: (rows: StagedRow[]) => void, onProgress: (done: number) => Promise<void>) {
  const client = await copyPool().connect();
  const columns = STAGE_COLUMNS.map((c) => c[0]).join(", ");
  const readers = STAGE_COLUMNS.map((c) => c[1]);
  let pending: Promise<void> | null = null;
  try {
    // Small enough that preparing one chunk keeps the event loop for well under a second.
    const per = 2500;
    for (let start = 0; start < rows.length; start += per) {
      const chunk = rows.slice(start, start + per);
      prepare(chunk);
      const lines: string[] = new Array(chunk.length);
      for (let i = 0; i < chunk.length; i++) {
        const r = chunk[i]!;
        let line = copyText(readers[0]!(r, batchId));
        for (let c = 1; c < readers.length; c++) line += "\t" + copyText(readers[c]!(r, batchId));
        lines[i] = line;
      }
      const buffer = Buffer.from(lines.join("\n") + "\n", "utf8");
      if (pending) await pending;
      await onProgress(start);
      pending = pipeline(Readable.from([buffer]), client.query(copyFrom(`COPY import_rows (${columns}) FROM STDIN`)));
      await yieldToOthers();
    }
    if (pending) await pending;
    await onProgress(rows.length);
    client.release();
  } catch (error) {
    await pending?.catch(() => {});
    // A COPY that failed half-way leaves the connection unusable: drop it rather than reuse it.
    client.release(true);
    throw error;
  }
}

/** Checks the file again (after a commit found people changed meanwhile). */
export async function recheckImportBatch(scope: Scope, batchId: number) {
  assertCan(scope, "exchange.import");
  const updated = await db().importBatch.updateMany({
    where: { id: batchId, status: "PREVIEW", ...exchangeOfficeWhere(scope) },
    data: { status: "VALIDATING", phase: "queued", heartbeatAt: null, errorKey: null, errorParams: Prisma.DbNull, version: { increment: 1 } },
  });
  if (updated.count !== 1) throw new AppError("CONFLICT", "conflict");
}

// ---------------------------------------------------------------------------------------------
// Decisions on conflicts

export async function decideConflicts(scope: Scope, batchId: number, input: DecisionInput) {
  assertCan(scope, "exchange.import");
  return db().$transaction(async (tx) => {
    const batch = await tx.importBatch.findFirst({ where: { id: batchId, ...exchangeOfficeWhere(scope) }, select: { status: true } });
    if (!batch) throw new AppError("NOT_FOUND");
    if (batch.status !== "PREVIEW") throw new AppError("CONFLICT", "conflict");
    const updated = await tx.importRow.updateMany({
      where: { batchId, conflict: true, ...(input.rows ? { rowNumber: { in: input.rows } } : { decision: null }) },
      data: { decision: input.decision },
    });
    // Someone is working on this preview: the retention rule counts its 30 days from now.
    await tx.$executeRaw`UPDATE import_batches SET updated_at = now() WHERE id = ${batchId}`;
    return { updated: updated.count };
  });
}

export async function discardImportBatch(scope: Scope, batchId: number) {
  assertCan(scope, "exchange.import");
  return db().$transaction(async (tx) => {
    const updated = await tx.importBatch.updateMany({
      where: { id: batchId, status: { in: ["PREVIEW", "FAILED"] }, ...exchangeOfficeWhere(scope) },
      data: { status: "DISCARDED", fileData: null, phase: null, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("NOT_FOUND");
    // The staged rows hold names and encrypted ID numbers nobody will commit: gone with the file.
    await tx.importRow.deleteMany({ where: { batchId } });
    await recordAudit(tx, scope, { action: "exchange.import_discarded", entityType: "import_batch", entityId: batchId });
  });
}

// ---------------------------------------------------------------------------------------------
// Retention

/**
 * Deletes what the retention rule no longer keeps (COMMITTED_ROWS_KEPT_DAYS,
 * UNFINISHED_IMPORT_KEPT_DAYS): the staged rows of files committed long ago, and imports nobody
 * finished (in preview, failed, or a check or commit whose worker died), untouched for a month,
 * with their encrypted file. Each batch keeps its counts and gets `rows_purged_at`; each purge is
 * an audit row (the system's, no actor). Run by the hourly job (lib/jobs/queue.ts), at most
 * `limit` batches a run; idempotent.
 */
export async function purgeExpiredImports(options: { now?: Date; officeIds?: readonly number[]; limit?: number } = {}): Promise<{ expired: number; purged: number }> {
  const now = options.now ?? new Date();
  const day = 86_400_000;
  // Unfinished: never committed nor discarded, and untouched (no decision, no heartbeat of a
  // worker) for the whole period; a check or commit that died long ago is as unfinished.
  const unfinished = Prisma.sql`status IN ('PREVIEW', 'FAILED', 'VALIDATING', 'COMMITTING') AND updated_at < ${new Date(now.getTime() - UNFINISHED_IMPORT_KEPT_DAYS * day)}`;
  const committedLongAgo = Prisma.sql`status = 'COMMITTED' AND rows_purged_at IS NULL AND committed_at < ${new Date(now.getTime() - COMMITTED_ROWS_KEPT_DAYS * day)}`;
  const offices = options.officeIds ? Prisma.sql`AND office_id = ANY(${[...options.officeIds]}::int[])` : Prisma.empty;
  const due = await db().$queryRaw<{ id: number; office_id: number; expire: boolean }[]>`
    SELECT id, office_id, status <> 'COMMITTED' AS expire FROM import_batches
     WHERE ((${unfinished}) OR (${committedLongAgo})) ${offices}
     ORDER BY id LIMIT ${options.limit ?? 50}`;
  let expired = 0;
  let purged = 0;
  // One batch per transaction: a backlog of 100,000-row files is deleted a file at a time, and
  // what is done stays done if a later one fails. Each batch is claimed again under the same
  // condition, so a user who touched it meanwhile keeps it.
  for (const batch of due) {
    const done = await db().$transaction(
      async (tx) => {
        const claimed = batch.expire
          ? await tx.$executeRaw`
              UPDATE import_batches SET status = 'DISCARDED', file_data = NULL, phase = NULL, heartbeat_at = NULL, kept_decisions = NULL,
                     rows_purged_at = ${now}, version = version + 1, updated_at = ${now}
               WHERE id = ${batch.id} AND ${unfinished}`
          : await tx.$executeRaw`
              UPDATE import_batches SET rows_purged_at = ${now}, version = version + 1, updated_at = ${now}
               WHERE id = ${batch.id} AND ${committedLongAgo}`;
        if (!claimed) return false;
        await tx.importRow.deleteMany({ where: { batchId: batch.id } });
        await recordAudit(tx, { userId: null, officeId: batch.office_id }, {
          action: batch.expire ? "exchange.import_expired" : "exchange.import_rows_purged",
          entityType: "import_batch",
          entityId: batch.id,
          changes: { keptDays: batch.expire ? UNFINISHED_IMPORT_KEPT_DAYS : COMMITTED_ROWS_KEPT_DAYS },
        });
        return true;
      },
      { timeout: 120_000 },
    );
    if (done && batch.expire) expired++;
    else if (done) purged++;
  }
  return { expired, purged };
}

// ---------------------------------------------------------------------------------------------
// Commit: one transaction, set-based over the staged rows

class StaleRowsError extends Error {
  constructor(readonly rows: number[]) {
    super("people changed since the check");
  }
}

/**
 * Claims a checked batch for commit (in the request: the user learns at once if something is
 * missing). Refused while any row has an error or a conflict is undecided: a file commits whole.
 */
export async function requestCommit(scope: Scope, batchId: number) {
  assertCan(scope, "exchange.import");
  const batch = await db().importBatch.findFirst({ where: { id: batchId, ...exchangeOfficeWhere(scope) }, select: { status: true, errorRows: true } });
  if (!batch) throw new AppError("NOT_FOUND");
  if (batch.status !== "PREVIEW") throw new AppError("CONFLICT", "conflict");
  if (batch.errorRows > 0) throw invalid({ _form: "exchange.commitErrors.rowsWithErrors" });
  if ((await countUndecidedConflicts(batchId)) > 0) throw invalid({ _form: "exchange.commitErrors.undecided" });
  const claimed = await db().importBatch.updateMany({
    where: { id: batchId, status: "PREVIEW" },
    data: { status: "COMMITTING", phase: "writing", heartbeatAt: new Date(), errorKey: null, errorParams: Prisma.DbNull, version: { increment: 1 } },
  });
  if (claimed.count !== 1) throw new AppError("CONFLICT", "conflict");
}

/** Constraint names a concurrent write can trip between the check and the commit. */
function constraintOf(error: unknown): string | null {
  const text = `${(error as Error)?.message ?? ""} ${JSON.stringify((error as { meta?: unknown })?.meta ?? {})}`;
  for (const name of ["persons_id_hash_key", "placements_one_active_per_person", "employers_uscc_key"]) if (text.includes(name)) return name;
  return null;
}

/** Writes a claimed batch (requestCommit) in one transaction; on failure, back to the preview with why. */
export async function commitImportBatch(scope: Scope, batchId: number, options: { timings?: StepTimings } = {}): Promise<{ committed: boolean }> {
  assertCan(scope, "exchange.import");
  const batch = await db().importBatch.findFirst({
    where: { id: batchId, status: "COMMITTING", ...exchangeOfficeWhere(scope) },
    select: { id: true, officeId: true, partnerOfficeId: true, fileName: true, format: true, totalRows: true, unchangedRows: true },
  });
  if (!batch) throw new AppError("NOT_FOUND");
  try {
    await db().$transaction((tx) => writeBatch(tx, scope, batch, stepTimer(options.timings)), { timeout: 600_000, maxWait: 60_000 });
    return { committed: true };
  } catch (error) {
    let errorKey = "exchange.commitErrors.failed";
    let errorParams: Record<string, unknown> = {};
    if (error instanceof StaleRowsError) {
      errorKey = "exchange.commitErrors.changedMeanwhile";
      errorParams = { rows: error.rows.slice(0, 20).join(", ") };
    } else {
      const constraint = constraintOf(error);
      if (constraint === "persons_id_hash_key") errorKey = "exchange.commitErrors.registeredMeanwhile";
      else if (constraint === "placements_one_active_per_person") errorKey = "exchange.commitErrors.placedMeanwhile";
      else console.error("[exchange] commit failed", error);
    }
    await db().importBatch.update({
      where: { id: batchId },
      data: { status: "PREVIEW", phase: null, heartbeatAt: null, errorKey, errorParams: errorParams as object, version: { increment: 1 } },
      select: { id: true },
    });
    return { committed: false };
  }
}

/** A batch whose commit died with its process: nothing was written (one transaction); back to preview. */
export async function releaseStalledCommit(scope: Scope, batchId: number) {
  await db().importBatch.updateMany({
    where: { id: batchId, status: "COMMITTING", ...exchangeOfficeWhere(scope), heartbeatAt: { lt: new Date(Date.now() - 10 * STALE_MS) } },
    data: { status: "PREVIEW", phase: null, heartbeatAt: null, errorKey: "exchange.commitErrors.interrupted" },
  });
}

async function writeBatch(
  tx: Tx,
  scope: Scope,
  batch: { id: number; officeId: number; partnerOfficeId: number; fileName: string; format: "CSV" | "XLSX"; totalRows: number; unchangedRows: number },
  mark: (step: string) => void,
) {
  const b = batch.id;
  const userId = scope.userId;
  const officeId = batch.officeId;
  // Who does new placements' follow-ups when the person has no caseworker: the importer, if one.
  const fallbackCaseworker = scope.role === "CASEWORKER" || scope.role === "SUPERVISOR" ? scope.userId : null;
  const caseworkerId = scope.role === "CASEWORKER" ? scope.userId : null;
  const applied = Prisma.sql`r.batch_id = ${b} AND r.status = 'UPDATE' AND (NOT r.conflict OR r.decision = 'TAKE_FILE')`;
  const writes = Prisma.sql`r.batch_id = ${b} AND (r.status = 'NEW' OR (r.status = 'UPDATE' AND (NOT r.conflict OR r.decision = 'TAKE_FILE')))`;

  // 1. The people we update must be as we saw them: lock them, then compare versions.
  await tx.$queryRaw`SELECT count(*)::int AS n FROM (SELECT p.id FROM persons p JOIN import_rows r ON r.person_id = p.id WHERE ${applied} ORDER BY p.id FOR UPDATE OF p) locked`;
  const stale = await tx.$queryRaw<{ row_number: number }[]>`
    SELECT r.row_number FROM import_rows r JOIN persons p ON p.id = r.person_id
    WHERE ${applied} AND p.version <> r.person_version ORDER BY r.row_number LIMIT 50`;
  if (stale.length) throw new StaleRowsError(stale.map((s) => s.row_number));
  mark("lock and compare versions");

  // 2. Employers the file names and we do not know yet.
  const newEmployers = await tx.$queryRaw<{ id: number; uscc: string; name: string }[]>`
    INSERT INTO employers (office_id, name, uscc, division_code, updated_at)
    SELECT DISTINCT ON (r.placement->>'employerUscc') ${officeId}, r.placement->>'employerName', r.placement->>'employerUscc', r.placement->>'workplaceCode', now()
      FROM import_rows r
     WHERE ${writes} AND r.placement->>'plan' = 'create'
     ORDER BY r.placement->>'employerUscc', r.row_number
    ON CONFLICT (uscc) DO NOTHING
    RETURNING id, uscc, name`;
  if (newEmployers.length) {
    await tx.auditEvent.createMany({
      data: newEmployers.map((e) => ({ actorId: userId, officeId, action: "employer.created", entityType: "employer", entityId: String(e.id), changes: { name: e.name, uscc: e.uscc, importBatchId: b } })),
    });
  }
  mark("employers");

  // 3. New people. Their ids (and their new households') are drawn into a temporary table,
  //    so that the staged rows are read, never rewritten; every write after that is one
  //    INSERT … SELECT over the staged rows. The sequences are named as the columns' defaults
  //    name them: a literal is resolved once per statement, while pg_get_serial_sequence() was
  //    looked up on every row (0.8 s per 100,000 rows, decision 010).
  await tx.$executeRaw`
    CREATE TEMPORARY TABLE import_new_ids ON COMMIT DROP AS
    SELECT r.row_number, nextval('persons_id_seq')::int AS person_id,
           CASE r.household_kind WHEN 'new' THEN nextval('households_id_seq')::int WHEN 'existing' THEN r.household_id END AS household_id,
           r.household_kind, r.household_row
      FROM import_rows r
     WHERE r.batch_id = ${b} AND r.status = 'NEW'
     ORDER BY r.row_number`;
  // A temporary table has no statistics until analysed: without them the joins below are planned
  // as nested loops over the whole table (minutes at 100,000 rows instead of milliseconds).
  await tx.$executeRaw`ALTER TABLE import_new_ids ADD PRIMARY KEY (row_number)`;
  await tx.$executeRaw`ANALYZE import_new_ids`;
  await tx.$executeRaw`
    UPDATE import_new_ids m SET household_id = h.household_id
      FROM import_new_ids h WHERE m.household_kind = 'row' AND h.row_number = m.household_row`;
  mark("assign ids");
  const fresh = Prisma.sql`import_rows r JOIN import_new_ids m ON m.row_number = r.row_number AND r.batch_id = ${b} AND r.status = 'NEW'`;
  const newHouseholds = await tx.$executeRaw`
    INSERT INTO households (id, office_id, division_code, address_detail, poverty_status, poverty_status_since, per_capita_income, updated_at)
    SELECT m.household_id, ${officeId}, r.origin_division_code, r.origin_address_detail, COALESCE(r.poverty_status, 'NONE'), r.poverty_status_since, r.per_capita_income, now()
      FROM ${fresh} WHERE m.household_kind = 'new'`;
  if (newHouseholds) {
    await tx.$executeRaw`
      INSERT INTO poverty_status_changes (household_id, status, effective_date, changed_by_id)
      SELECT m.household_id, COALESCE(r.poverty_status, 'NONE'), COALESCE(r.poverty_status_since, (now() AT TIME ZONE 'Asia/Shanghai')::date), ${userId}
        FROM ${fresh} WHERE m.household_kind = 'new'`;
    await tx.$executeRaw`
      INSERT INTO audit_events (actor_id, office_id, action, entity_type, entity_id, changes)
      SELECT ${userId}, ${officeId}, 'household.created', 'household', m.household_id::text,
             jsonb_build_object('povertyStatus', COALESCE(r.poverty_status, 'NONE'), 'perCapitaIncome', r.per_capita_income, 'importBatchId', ${b}::int, 'row', r.row_number)
        FROM ${fresh} WHERE m.household_kind = 'new'`;
  }
  mark("households");
  const newPersons = await tx.$executeRaw`
    INSERT INTO persons (id, office_id, caseworker_id, household_id, name, name_grams, name_initials, id_cipher, id_hash, id_last4_hash, id_prefix6, gender,
                         birth_date, phone, ethnicity, education, health, origin_division_code, origin_address_detail, current_division_code,
                         current_address_detail, employment_status, migration, expected_wage, consent_given, consent_at, derived_track, track_reason,
                         track, poverty_status, notes, updated_at)
    SELECT m.person_id, ${officeId}, ${caseworkerId}::int, m.household_id, r.name, r.name_grams, r.name_initials, r.id_cipher, r.id_hash, r.id_last4_hash,
           r.id_prefix6, r.gender, r.birth_date, r.phone, r.ethnicity, r.education, COALESCE(r.health, 'HEALTHY'), r.origin_division_code,
           r.origin_address_detail, r.current_division_code, r.current_address_detail, COALESCE(r.employment_status, 'UNEMPLOYED'),
           COALESCE(r.migration, 'UNDECIDED'), r.expected_wage, COALESCE(r.consent_given, false), CASE WHEN r.consent_given THEN now() END,
           r.derived_track, r.track_reason, r.derived_track, h.poverty_status, r.notes, now()
      FROM ${fresh} JOIN households h ON h.id = m.household_id`;
  mark("insert persons");
  if (newPersons) {
    await tx.$executeRaw`
      INSERT INTO household_members (household_id, person_id, name, relation, birth_year, is_labourer)
      SELECT m.household_id, m.person_id, r.name, r.relation, extract(year FROM r.birth_date)::int, r.is_labourer
        FROM ${fresh}`;
    // Households that gained a member: the matching index catches up on them (decision 006).
    await tx.$executeRaw`
      UPDATE households h SET updated_at = now()
        FROM (SELECT DISTINCT household_id FROM import_new_ids WHERE household_kind = 'existing') j
       WHERE h.id = j.household_id`;
    // The person's history says where they came from; the row itself stays in import_rows.
    await tx.$executeRaw`
      INSERT INTO audit_events (actor_id, office_id, action, entity_type, entity_id, changes)
      SELECT ${userId}, ${officeId}, 'person.created', 'person', m.person_id::text,
             -- What the file filled in, as a registration through the form logs it (the history leaves
             -- out what is empty; the number by its region only, as auditedNationalId).
             jsonb_strip_nulls(jsonb_build_object(
               'name', r.name, 'idNumber', r.id_prefix6 || '************', 'phone', r.phone, 'ethnicity', r.ethnicity, 'education', r.education, 'health', r.health,
               'originDivisionCode', r.origin_division_code, 'originAddressDetail', r.origin_address_detail,
               'currentDivisionCode', r.current_division_code, 'currentAddressDetail', r.current_address_detail,
               'employmentStatus', COALESCE(r.employment_status, 'UNEMPLOYED'), 'migration', r.migration, 'expectedWage', r.expected_wage,
               'consentGiven', r.consent_given, 'notes', r.notes, 'track', r.derived_track, 'householdId', m.household_id,
               'importBatchId', ${b}::int, 'row', r.row_number))
        FROM ${fresh}`;
  }
  mark("members and audit of new people");

  // 4. Updates, field by field, as the rows (and the decisions on conflicts) say. A staged
  //    column is null wherever ours stays; the name changes only together with its search keys.
  const updated = await tx.$executeRaw`
    UPDATE persons p SET
      name = CASE WHEN r.name_grams IS NOT NULL THEN r.name ELSE p.name END,
      name_grams = COALESCE(r.name_grams, p.name_grams),
      name_initials = COALESCE(r.name_initials, p.name_initials),
      phone = COALESCE(r.phone, p.phone),
      ethnicity = COALESCE(r.ethnicity, p.ethnicity),
      education = COALESCE(r.education, p.education),
      health = COALESCE(r.health, p.health),
      origin_division_code = COALESCE(r.origin_division_code, p.origin_division_code),
      origin_address_detail = COALESCE(r.origin_address_detail, p.origin_address_detail),
      current_division_code = COALESCE(r.current_division_code, p.current_division_code),
      current_address_detail = COALESCE(r.current_address_detail, p.current_address_detail),
      employment_status = COALESCE(r.employment_status, p.employment_status),
      migration = COALESCE(r.migration, p.migration),
      expected_wage = COALESCE(r.expected_wage, p.expected_wage),
      consent_given = COALESCE(r.consent_given, p.consent_given),
      consent_at = CASE WHEN r.consent_given AND NOT p.consent_given THEN now() WHEN r.consent_given IS FALSE THEN NULL ELSE p.consent_at END,
      notes = COALESCE(r.notes, p.notes),
      derived_track = COALESCE(r.derived_track, p.derived_track),
      track_reason = COALESCE(r.track_reason, p.track_reason),
      track = CASE WHEN p.track_override IS NULL THEN COALESCE(r.derived_track, p.track) ELSE p.track END,
      version = p.version + 1,
      updated_at = now()
    FROM import_rows r
    WHERE ${applied} AND p.id = r.person_id`;
  if (updated) {
    await tx.$executeRaw`
      UPDATE household_members m SET
        name = CASE WHEN r.name_grams IS NOT NULL THEN r.name ELSE m.name END,
        is_labourer = COALESCE(r.is_labourer, m.is_labourer)
      FROM import_rows r
     WHERE ${applied} AND m.person_id = r.person_id AND (r.name_grams IS NOT NULL OR r.is_labourer IS NOT NULL)`;
    const households = await tx.$queryRaw<{ id: number; status_changed: boolean }[]>`
      WITH src AS (
        SELECT DISTINCT ON (r.household_id) r.household_id, r.poverty_status, r.poverty_status_since, r.per_capita_income
          FROM import_rows r WHERE ${applied} AND r.household_kind = 'update'
         ORDER BY r.household_id, r.row_number
      ), old AS (
        SELECT h.id, h.poverty_status AS old_status FROM households h JOIN src ON src.household_id = h.id FOR UPDATE OF h
      )
      UPDATE households h SET
        poverty_status = COALESCE(src.poverty_status, h.poverty_status),
        poverty_status_since = COALESCE(src.poverty_status_since, h.poverty_status_since),
        per_capita_income = COALESCE(src.per_capita_income, h.per_capita_income),
        version = h.version + 1,
        updated_at = now()
      FROM src JOIN old ON old.id = src.household_id
      WHERE h.id = src.household_id
      RETURNING h.id, (old.old_status <> h.poverty_status) AS status_changed`;
    const changedStatus = households.filter((h) => h.status_changed).map((h) => h.id);
    if (changedStatus.length) {
      await tx.$executeRaw`
        INSERT INTO poverty_status_changes (household_id, status, effective_date, changed_by_id, note)
        SELECT h.id, h.poverty_status, COALESCE(h.poverty_status_since, (now() AT TIME ZONE 'Asia/Shanghai')::date), ${userId}, ${`import #${b}`}
          FROM households h WHERE h.id = ANY(${changedStatus}::int[])`;
      // Each member carries the household's status (decision 007): the list filters on it.
      await tx.$executeRaw`
        UPDATE persons p SET poverty_status = h.poverty_status, updated_at = now()
          FROM households h WHERE h.id = ANY(${changedStatus}::int[]) AND p.household_id = h.id AND p.poverty_status <> h.poverty_status`;
    }
    if (households.length) {
      await tx.$executeRaw`
        INSERT INTO audit_events (actor_id, office_id, action, entity_type, entity_id, changes)
        SELECT DISTINCT ON (r.household_id) ${userId}, ${officeId},
               CASE WHEN r.poverty_status IS NOT NULL THEN 'household.poverty_status_changed' ELSE 'household.updated' END,
               'household', r.household_id::text,
               (SELECT jsonb_object_agg(d->>'column', jsonb_build_array(d->'ours', d->'file')) FROM jsonb_array_elements(r.diff) d
                 WHERE d->>'column' IN ('povertyStatus', 'povertyStatusSince', 'perCapitaIncome'))
               || jsonb_build_object('importBatchId', ${b}::int, 'row', r.row_number)
          FROM import_rows r WHERE ${applied} AND r.household_kind = 'update'
         ORDER BY r.household_id, r.row_number`;
    }
    await tx.$executeRaw`
      INSERT INTO audit_events (actor_id, office_id, action, entity_type, entity_id, changes)
      SELECT ${userId}, ${officeId}, 'person.updated', 'person', r.person_id::text, d.changes
             || jsonb_build_object('importBatchId', ${b}::int, 'row', r.row_number, 'decision', r.decision)
        FROM import_rows r
        CROSS JOIN LATERAL (
          SELECT jsonb_object_agg(e->>'column', jsonb_build_array(e->'ours', e->'file')) AS changes FROM jsonb_array_elements(r.diff) e
           WHERE e->>'column' <> ALL(${[...HOUSEHOLD_FIELDS, ...PLACEMENT_FIELDS]}::text[])
        ) d
       WHERE ${applied} AND d.changes IS NOT NULL`;
  }
  mark("updates");

  // 5. Placements: ends of the ones we hold (openings back, open follow-ups cancelled), changes,
  //    then new ones with their follow-up plan.
  const ending = Prisma.sql`${applied} AND r.placement->>'plan' = 'update' AND r.placement->'set'->>'endDate' IS NOT NULL`;
  await tx.$executeRaw`
    UPDATE vacancies v SET filled = v.filled - k.n,
           status = CASE WHEN v.status = 'FILLED' THEN 'OPEN'::vacancy_status ELSE v.status END, updated_at = now()
      FROM (SELECT pl.vacancy_id, count(*)::int AS n FROM placements pl JOIN import_rows r ON pl.id = (r.placement->>'placementId')::int
             WHERE ${ending} AND pl.holds_opening AND pl.vacancy_id IS NOT NULL AND pl.status = 'ACTIVE' GROUP BY pl.vacancy_id) k
     WHERE v.id = k.vacancy_id`;
  await tx.$executeRaw`
    UPDATE follow_ups f SET status = 'CANCELLED', version = f.version + 1, updated_at = now()
      FROM import_rows r WHERE ${ending} AND f.placement_id = (r.placement->>'placementId')::int AND f.status = 'OPEN'`;
  await tx.$executeRaw`
    UPDATE placements pl SET
      title = COALESCE(s->>'jobTitle', pl.title),
      county_code = COALESCE(left(s->>'workplaceCode', 6), pl.county_code),
      monthly_wage = COALESCE((s->>'monthlyWage')::int, pl.monthly_wage),
      contract_type = COALESCE((s->>'contractType')::contract_type, pl.contract_type),
      end_date = COALESCE((s->>'endDate')::date, pl.end_date),
      end_reason = COALESCE((s->>'endReason')::end_reason, pl.end_reason),
      status = CASE WHEN s->>'endDate' IS NOT NULL THEN 'ENDED'::placement_status ELSE pl.status END,
      holds_opening = CASE WHEN s->>'endDate' IS NOT NULL THEN false ELSE pl.holds_opening END,
      ended_by_id = CASE WHEN s->>'endDate' IS NOT NULL THEN ${userId} ELSE pl.ended_by_id END,
      version = pl.version + 1,
      updated_at = now()
    FROM import_rows r CROSS JOIN LATERAL (SELECT r.placement->'set' AS s) x
    WHERE ${applied} AND r.placement->>'plan' = 'update' AND pl.id = (r.placement->>'placementId')::int`;
  // The rows with a placement, with the person each is about (a new person's id is in import_new_ids).
  const withPlacement = Prisma.sql`
    SELECT r.row_number, COALESCE(m.person_id, r.person_id) AS person_id, r.placement AS pl, r.diff
      FROM import_rows r LEFT JOIN import_new_ids m ON r.status = 'NEW' AND m.row_number = r.row_number
     WHERE ${writes} AND r.placement IS NOT NULL`;
  const created = await tx.$queryRaw<{ id: number; person_id: number; active: boolean }[]>`
    INSERT INTO placements (person_id, employer_id, office_id, title, county_code, monthly_wage, contract_type, start_date, end_date, end_reason,
                            status, holds_opening, created_by_id, ended_by_id, updated_at)
    SELECT w.person_id, e.id, p.office_id, pl->>'jobTitle', left(pl->>'workplaceCode', 6), (pl->>'monthlyWage')::int,
           COALESCE(pl->>'contractType', 'FIXED_TERM')::contract_type, (pl->>'startDate')::date, (pl->>'endDate')::date, (pl->>'endReason')::end_reason,
           CASE WHEN pl->>'endDate' IS NULL THEN 'ACTIVE' ELSE 'ENDED' END::placement_status, false, ${userId},
           CASE WHEN pl->>'endDate' IS NULL THEN NULL ELSE ${userId}::int END, now()
      FROM (${withPlacement}) w
      JOIN persons p ON p.id = w.person_id
      JOIN employers e ON e.uscc = pl->>'employerUscc'
     WHERE pl->>'plan' = 'create'
    RETURNING id, person_id, (status = 'ACTIVE') AS active`;
  const activeIds = created.filter((c) => c.active).map((c) => c.id);
  if (activeIds.length) {
    await tx.$executeRaw`
      INSERT INTO follow_ups (person_id, placement_id, office_id, caseworker_id, reason, cadence_day, due_date, updated_at)
      SELECT pl.person_id, pl.id, pl.office_id, COALESCE(p.caseworker_id, ${fallbackCaseworker}::int), 'PLACEMENT', (f->>'cadenceDay')::int, (f->>'dueDate')::date, now()
        FROM placements pl
        JOIN persons p ON p.id = pl.person_id
        JOIN (${withPlacement}) w ON w.person_id = pl.person_id
        CROSS JOIN LATERAL jsonb_array_elements(w.pl->'followUps') f
       WHERE pl.id = ANY(${activeIds}::int[])`;
    // A placement supersedes a monitoring follow-up: the plan covers the person now.
    await tx.$executeRaw`
      UPDATE follow_ups SET status = 'CANCELLED', version = version + 1, updated_at = now()
       WHERE person_id IN (SELECT person_id FROM placements WHERE id = ANY(${activeIds}::int[])) AND reason = 'MONITORING' AND status = 'OPEN'`;
  }
  await tx.$executeRaw`
    INSERT INTO audit_events (actor_id, office_id, action, entity_type, entity_id, changes)
    SELECT ${userId}, ${officeId},
           CASE WHEN pl->>'plan' = 'create' THEN 'placement.created' WHEN pl->'set'->>'endDate' IS NOT NULL THEN 'placement.ended' ELSE 'placement.updated' END,
           'person', w.person_id::text,
           CASE WHEN pl->>'plan' = 'create' THEN pl - 'plan' - 'followUps' - 'newEmployer'
                ELSE COALESCE((SELECT jsonb_object_agg(d->>'column', jsonb_build_array(d->'ours', d->'file')) FROM jsonb_array_elements(w.diff) d
                                WHERE d->>'column' = ANY(${[...PLACEMENT_FIELDS]}::text[])), '{}'::jsonb) || jsonb_build_object('placementId', pl->'placementId') END
           || jsonb_build_object('importBatchId', ${b}::int, 'row', w.row_number)
      FROM (${withPlacement}) w`;
  mark("placements");

  // 6. The exchange log, the batch, and the import's own audit row.
  const [counts] = await tx.$queryRaw<{ applied: number; kept: number }[]>`
    SELECT count(*) FILTER (WHERE NOT r.conflict OR r.decision = 'TAKE_FILE')::int AS applied,
           count(*) FILTER (WHERE r.conflict AND r.decision = 'KEEP_OURS')::int AS kept
      FROM import_rows r WHERE r.batch_id = ${b} AND r.status = 'UPDATE'`;
  const log = await tx.exchangeLog.create({
    data: {
      partnerOfficeId: batch.partnerOfficeId,
      officeId,
      userId,
      direction: "RECEIVED",
      format: batch.format,
      fileName: batch.fileName,
      rows: batch.totalRows,
      newRows: newPersons,
      updatedRows: counts?.applied ?? 0,
      unchangedRows: batch.unchangedRows + (counts?.kept ?? 0),
      batchId: b,
    },
    select: { id: true, at: true },
  });
  // The batch's counts become what the import did, as the exchange log says: a conflict decided
  // "keep ours" wrote nothing and counts as unchanged (the rows keep their status and decision).
  await tx.$executeRaw`
    UPDATE import_batches SET status = 'COMMITTED', committed_at = ${log.at}, phase = NULL, file_data = NULL, heartbeat_at = NULL,
           updated_rows = ${counts?.applied ?? 0}, unchanged_rows = ${batch.unchangedRows + (counts?.kept ?? 0)},
           error_key = NULL, error_params = NULL, version = version + 1, updated_at = now()
     WHERE id = ${b}`;
  await recordAudit(tx, scope, {
    action: "exchange.imported",
    entityType: "import_batch",
    entityId: b,
    changes: { partnerOfficeId: batch.partnerOfficeId, fileName: batch.fileName, rows: batch.totalRows, created: newPersons, updated: counts?.applied ?? 0, keptOurs: counts?.kept ?? 0, placements: created.length, employers: newEmployers.length },
  });
  mark("log and batch");
}

// ---------------------------------------------------------------------------------------------
// Exports and expected exchanges

/** Every export leaves a log row and an audit row, written before the file goes out. */
export async function recordExport(
  scope: Scope,
  input: { partnerOfficeId: number; format: "CSV" | "XLSX"; fileName: string; rows: number; filters: { region: string; from: string | null; to: string | null } },
) {
  assertCan(scope, "exchange.export");
  return db().$transaction(async (tx) => {
    const log = await tx.exchangeLog.create({
      data: { partnerOfficeId: input.partnerOfficeId, officeId: scope.officeId, userId: scope.userId, direction: "SENT", format: input.format, fileName: input.fileName, rows: input.rows, filters: input.filters },
      select: { id: true },
    });
    await recordAudit(tx, scope, {
      action: "exchange.exported",
      entityType: "exchange_log",
      entityId: log.id,
      changes: { partnerOfficeId: input.partnerOfficeId, format: input.format, rows: input.rows, ...input.filters },
    });
    return log;
  });
}

export async function saveExpectation(scope: Scope, input: ExpectationInput) {
  assertCan(scope, "exchange.configure");
  if (scope.officeIds !== "ALL" && !scope.officeIds.includes(input.officeId)) throw new AppError("NOT_FOUND");
  const partner = await getPartnerOffice(scope, input.partnerOfficeId);
  if (!partner) throw invalid({ partnerOfficeId: "validation.partnerOffice" });
  return db().$transaction(async (tx) => {
    const before = await tx.exchangeExpectation.findUnique({ where: { officeId_partnerOfficeId: { officeId: input.officeId, partnerOfficeId: input.partnerOfficeId } } });
    const data = { cadence: input.cadence, graceDays: input.graceDays, active: input.active, updatedById: scope.userId };
    const saved = before
      ? await tx.exchangeExpectation.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } }, select: { id: true } })
      : await tx.exchangeExpectation.create({ data: { ...data, officeId: input.officeId, partnerOfficeId: input.partnerOfficeId }, select: { id: true } });
    await recordAudit(tx, scope, {
      action: "exchange.expectation_updated",
      entityType: "office",
      entityId: input.officeId,
      changes: { partnerOfficeId: input.partnerOfficeId, cadence: [before?.cadence ?? null, input.cadence], graceDays: [before?.graceDays ?? null, input.graceDays], active: [before?.active ?? null, input.active] },
    });
    return saved;
  });
}
