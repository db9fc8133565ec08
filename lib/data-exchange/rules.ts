// Pure rules of the data exchange: reading one row of the template into typed values with its
// errors in plain words (i18n keys), the checks across rows (the same ID twice, households), the
// field-by-field comparison with what we hold, when a difference is a conflict, formula
// neutralisation for exports, and when an expected exchange is overdue. No database here.
import { parseNationalId, type ParsedNationalId } from "@/lib/persons/national-id";
import { PHONE_PATTERN } from "@/lib/persons/rules";
import { validateUscc } from "@/lib/employers/uscc";
import { addDays, chinaToday, isoDate } from "@/lib/placements/rules";
import { COLUMN_BY_KEY, enumValue, type ColumnKey } from "@/lib/data-exchange/template";

/** Rows one file may hold (a county's whole register is well below this). */
export const MAX_ROWS = 200_000;
/** Bytes one upload may be: 100,000 full rows of CSV are about 25 MB. */
export const MAX_FILE_BYTES = 60 * 1024 * 1024;

export type RowError = { column: ColumnKey | null; key: string; params?: Record<string, string | number> };

/** One template row, read: only what the file says (a blank cell is absent, never "clear it"). */
export type ParsedRow = {
  nationalId?: ParsedNationalId;
  name?: string;
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
  householdHeadId?: string;
  relation?: string;
  povertyStatus?: string;
  povertyStatusSince?: string;
  perCapitaIncome?: number;
  placement?: PlacementCells;
  asOf?: Date;
};

export type PlacementCells = {
  employerName?: string;
  employerUscc?: string;
  jobTitle?: string;
  workplaceCode?: string;
  startDate?: string;
  monthlyWage?: number;
  contractType?: string;
  endDate?: string;
  endReason?: string;
};

export const PERSON_FIELDS = [
  "name", "phone", "ethnicity", "education", "health", "originDivisionCode", "originAddressDetail", "currentDivisionCode",
  "currentAddressDetail", "employmentStatus", "migration", "expectedWage", "consentGiven", "notes",
] as const satisfies readonly ColumnKey[];
export type PersonField = (typeof PERSON_FIELDS)[number];

export const HOUSEHOLD_FIELDS = ["povertyStatus", "povertyStatusSince", "perCapitaIncome"] as const satisfies readonly ColumnKey[];
export type HouseholdField = (typeof HOUSEHOLD_FIELDS)[number];

export const PLACEMENT_FIELDS = ["employerName", "employerUscc", "jobTitle", "workplaceCode", "startDate", "monthlyWage", "contractType", "endDate", "endReason"] as const satisfies readonly ColumnKey[];
/** What an existing placement (same employer, same start) may have changed. */
export const PLACEMENT_UPDATABLE = ["jobTitle", "workplaceCode", "monthlyWage", "contractType", "endDate", "endReason"] as const satisfies readonly ColumnKey[];

// ---------------------------------------------------------------------------------------------
// Cells

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Cells a spreadsheet would read as a formula (= + - @, and tab or carriage return, which some
 * programs strip before looking) get an apostrophe in front, so "=HYPERLINK(...)" typed into a
 * name by someone upstream shows as text in the partner's Excel instead of running there.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Reading back a file we wrote: the apostrophe we added is not part of the value. */
export function unneutraliseCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function parseInteger(raw: string): number | null {
  const s = raw.replace(/[,，\s]/g, "").replace(/元$/, "").replace(/\.0+$/, "");
  return /^\d+$/.test(s) ? Number(s) : null;
}

/** 2024-03-01, 2024/3/1, 2024.3.1, 20240301, 2024年3月1日 → "2024-03-01"; null if not a real date. */
export function parseDateCell(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]0?0:00(?::00(?:\.0+)?)?)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) {
    // A date cell Excel wrote into a CSV as its serial number (days since 1899-12-30).
    m = /^(\d{5})$/.exec(s);
    if (!m) return null;
    const serial = Number(m[1]);
    if (serial < 20_000 || serial > 80_000) return null;
    return isoDate(new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000));
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) return null;
  return isoDate(date);
}

/** "2026-11-26T21:08:15.123+08:00" as we export it, or a local China time without a zone. */
export function parseTimestampCell(raw: string): Date | null {
  const s = raw.trim().replace(" ", "T");
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  const zone = m[8] ? (m[8] === "Z" ? "Z" : m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8]) : "+08:00";
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}.${(m[7] ?? "0").padEnd(3, "0")}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** How we write a time into a file: China time with its offset and milliseconds (read back exactly). */
export function formatTimestamp(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 23)}+08:00`;
}

const TRUE_WORDS = new Set(["是", "同意", "已同意", "y", "yes", "true", "1", "√", "有"]);
const FALSE_WORDS = new Set(["否", "不同意", "未同意", "n", "no", "false", "0", "×", "无"]);

// ---------------------------------------------------------------------------------------------
// One row

export type RawCells = Partial<Record<ColumnKey, string>>;

/** Excel shows an 18-digit number typed into a general cell as 5.20625E+17: the digits are gone. */
const SCIENTIFIC = /^\d(\.\d+)?e\+\d+$/i;

function readNationalId(column: ColumnKey, raw: string, errors: RowError[], today: Date): ParsedNationalId | undefined {
  if (SCIENTIFIC.test(raw.trim())) {
    errors.push({ column, key: "exchange.rowErrors.idAsNumber" });
    return undefined;
  }
  const parsed = parseNationalId(raw, today);
  if (!parsed.ok) {
    errors.push({ column, key: `validation.nationalId.${parsed.error}` });
    return undefined;
  }
  return parsed.value;
}

/**
 * Reads one row: every cell by its column's kind. Errors name the column and say what is wrong
 * in words a caseworker can act on; the values that did read are returned either way.
 */
export function parseRow(cells: RawCells, today: Date = chinaToday()): { row: ParsedRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const row: ParsedRow = {};
  const out = row as Record<string, unknown>;
  const placement: PlacementCells = {};

  for (const k in cells) {
    const key = k as ColumnKey;
    const raw = unneutraliseCell((cells[key] ?? "").trim());
    if (!raw) continue;
    const column = COLUMN_BY_KEY.get(key)!;
    const target = column.group === "placement" ? (placement as Record<string, unknown>) : out;
    const kind = column.kind;
    switch (kind.type) {
      case "text":
        if (raw.length > kind.max) errors.push({ column: key, key: "exchange.rowErrors.tooLong", params: { max: kind.max } });
        else target[key] = raw;
        break;
      case "nationalId": {
        const parsed = readNationalId(key, raw, errors, today);
        if (parsed) {
          if (key === "nationalId") row.nationalId = parsed;
          else row.householdHeadId = parsed.normalized;
        }
        break;
      }
      case "phone": {
        const phone = raw.replace(/[\s-]/g, "").replace(/^\+?86/, "");
        if (PHONE_PATTERN.test(phone)) target[key] = phone;
        else errors.push({ column: key, key: "validation.phone" });
        break;
      }
      case "division":
        if (/^\d{6}(\d{3}(\d{3})?)?$/.test(raw)) target[key] = raw;
        else errors.push({ column: key, key: "exchange.rowErrors.division" });
        break;
      case "enum": {
        const value = enumValue(key, raw);
        if (value) target[key] = value;
        else errors.push({ column: key, key: "exchange.rowErrors.unknownChoice", params: { value: raw } });
        break;
      }
      case "int": {
        const n = parseInteger(raw);
        if (n === null) errors.push({ column: key, key: "validation.number" });
        else if (n < kind.min || n > kind.max) errors.push({ column: key, key: "exchange.rowErrors.range", params: { min: kind.min, max: kind.max } });
        else target[key] = n;
        break;
      }
      case "date": {
        const date = parseDateCell(raw);
        if (date) target[key] = date;
        else errors.push({ column: key, key: "exchange.rowErrors.date" });
        break;
      }
      case "boolean": {
        const word = raw.toLowerCase();
        if (TRUE_WORDS.has(word)) target[key] = true;
        else if (FALSE_WORDS.has(word)) target[key] = false;
        else errors.push({ column: key, key: "exchange.rowErrors.yesNo" });
        break;
      }
      case "uscc": {
        const parsed = validateUscc(raw);
        if (parsed.ok) target[key] = parsed.value;
        else errors.push({ column: key, key: `validation.uscc.${parsed.error}` });
        break;
      }
      case "timestamp": {
        const at = parseTimestampCell(raw);
        if (at) row.asOf = at;
        else errors.push({ column: key, key: "exchange.rowErrors.timestamp" });
        break;
      }
    }
  }

  if (!cells.name?.trim()) errors.push({ column: "name", key: "validation.required" });
  if (!cells.nationalId?.trim()) errors.push({ column: "nationalId", key: "validation.required" });
  if (!cells.originDivisionCode?.trim()) errors.push({ column: "originDivisionCode", key: "validation.required" });
  if (row.povertyStatusSince && row.povertyStatusSince > isoDate(today)) errors.push({ column: "povertyStatusSince", key: "validation.dateFuture" });
  // A head named who is someone else: the relation to them is needed to register the member.
  if (row.householdHeadId && row.nationalId && row.householdHeadId !== row.nationalId.normalized && !row.relation && !hasError(errors, "relation")) {
    errors.push({ column: "relation", key: "exchange.rowErrors.relationRequired" });
  }

  const placementGiven = PLACEMENT_FIELDS.some((k) => cells[k]?.trim());
  if (placementGiven) {
    for (const key of ["employerName", "employerUscc", "jobTitle", "workplaceCode", "startDate"] as const) {
      if (!cells[key]?.trim()) errors.push({ column: key, key: "exchange.rowErrors.placementRequired" });
    }
    if (placement.startDate && placement.startDate > isoDate(addDays(today, 90))) errors.push({ column: "startDate", key: "validation.startTooFar" });
    if (placement.endDate) {
      if (placement.startDate && placement.endDate < placement.startDate) errors.push({ column: "endDate", key: "validation.endBeforeStart" });
      if (placement.endDate > isoDate(addDays(today, 1))) errors.push({ column: "endDate", key: "validation.endInFuture" });
      if (!cells.endReason?.trim()) errors.push({ column: "endReason", key: "exchange.rowErrors.endReasonRequired" });
    } else if (placement.endReason) {
      errors.push({ column: "endDate", key: "exchange.rowErrors.endDateRequired" });
    }
    row.placement = placement;
  }
  return { row, errors };
}

function hasError(errors: RowError[], column: ColumnKey) {
  return errors.some((e) => e.column === column);
}

// ---------------------------------------------------------------------------------------------
// Across rows

/** Rows whose ID number appears more than once in the file: each with the other rows. */
export function duplicateIds(rows: readonly { rowNumber: number; nationalId: string | null }[]): Map<number, number[]> {
  const byId = new Map<string, number[]>();
  for (const r of rows) {
    if (!r.nationalId) continue;
    const list = byId.get(r.nationalId);
    if (list) list.push(r.rowNumber);
    else byId.set(r.nationalId, [r.rowNumber]);
  }
  const out = new Map<number, number[]>();
  for (const list of byId.values()) {
    if (list.length < 2) continue;
    for (const n of list) out.set(n, list.filter((m) => m !== n));
  }
  return out;
}

/** The household values of a row, for comparing members of one household with its head. */
export function householdValues(row: ParsedRow): Record<HouseholdField, string | number | null> {
  return { povertyStatus: row.povertyStatus ?? null, povertyStatusSince: row.povertyStatusSince ?? null, perCapitaIncome: row.perCapitaIncome ?? null };
}

/** The household fields a member row gives that differ from its head's row (blank is no opinion). */
export function householdMismatch(member: ParsedRow, head: ParsedRow): HouseholdField[] {
  const a = householdValues(member);
  const b = householdValues(head);
  return HOUSEHOLD_FIELDS.filter((f) => a[f] !== null && a[f] !== b[f]);
}

// ---------------------------------------------------------------------------------------------
// Comparing with what we hold

export type DiffEntry = { column: ColumnKey; ours: string | number | boolean | null; file: string | number | boolean | null };

export type Ours = {
  person: Record<PersonField, string | number | boolean | null>;
  household: Record<HouseholdField, string | number | null> | null;
};

/** Field by field: what the file says that differs from ours. Blank cells are never a difference. */
export function diffPerson(file: ParsedRow, ours: Ours): DiffEntry[] {
  const diff: DiffEntry[] = [];
  const values = file as Record<string, unknown>;
  for (const field of PERSON_FIELDS) {
    const theirs = values[field];
    if (theirs === undefined) continue;
    if (theirs !== ours.person[field]) diff.push({ column: field, ours: ours.person[field], file: theirs as DiffEntry["file"] });
  }
  if (ours.household) {
    for (const field of HOUSEHOLD_FIELDS) {
      const theirs = values[field];
      if (theirs === undefined) continue;
      if (theirs !== ours.household[field]) diff.push({ column: field, ours: ours.household[field], file: theirs as DiffEntry["file"] });
    }
  }
  return diff;
}

export type OurPlacement = {
  id: number;
  employerUscc: string;
  startDate: string;
  jobTitle: string;
  workplaceCode: string;
  monthlyWage: number | null;
  contractType: string;
  endDate: string | null;
  endReason: string | null;
  active: boolean;
};

export type PlacementPlan =
  | { kind: "none" }
  | { kind: "same"; placementId: number }
  | { kind: "update"; placementId: number; diff: DiffEntry[]; ends: boolean }
  | { kind: "create"; diff: DiffEntry[]; active: boolean }
  | { kind: "error"; error: RowError };

/**
 * A placement in the file is the one we hold with the same employer and start date (updated
 * field by field), or a new one. A new active placement needs the person to have no other
 * active one: the file must end that one first, as a caseworker would.
 */
export function planPlacement(file: PlacementCells | undefined, ours: readonly OurPlacement[]): PlacementPlan {
  if (!file || !file.employerUscc || !file.startDate) return { kind: "none" };
  const match = ours.find((p) => p.employerUscc === file.employerUscc && p.startDate === file.startDate);
  if (match) {
    const diff: DiffEntry[] = [];
    for (const field of PLACEMENT_UPDATABLE) {
      const theirs = (file as Record<string, unknown>)[field];
      if (theirs === undefined) continue;
      const mine = match[field];
      if (theirs !== mine) diff.push({ column: field, ours: mine, file: theirs as DiffEntry["file"] });
    }
    if (!match.active && diff.length) return { kind: "error", error: { column: "endDate", key: "exchange.rowErrors.placementEnded" } };
    return diff.length ? { kind: "update", placementId: match.id, diff, ends: Boolean(file.endDate) } : { kind: "same", placementId: match.id };
  }
  const active = !file.endDate;
  if (active && ours.some((p) => p.active)) return { kind: "error", error: { column: "startDate", key: "exchange.rowErrors.otherActivePlacement" } };
  const diff = PLACEMENT_FIELDS.filter((f) => (file as Record<string, unknown>)[f] !== undefined).map((f) => ({ column: f, ours: null, file: (file as Record<string, unknown>)[f] as DiffEntry["file"] }));
  return { kind: "create", diff, active };
}

/**
 * When a difference is a conflict (docs/decisions/010): we changed the record after the time the
 * file's data is from — the row's 数据时间, else the last file from this partner we committed.
 * With neither, we cannot tell whose value is newer, so every difference is a conflict.
 */
export function isConflict(ourLastChange: Date, base: Date | null): boolean {
  return base === null || ourLastChange.getTime() > base.getTime();
}

// ---------------------------------------------------------------------------------------------
// Expected exchanges

export const CADENCES = ["WEEKLY", "MONTHLY", "QUARTERLY"] as const;
export type Cadence = (typeof CADENCES)[number];

/** When the next file is due after one received at `last` (calendar months, China dates). */
export function nextDue(last: Date, cadence: Cadence): Date {
  const day = chinaToday(last);
  if (cadence === "WEEKLY") return addDays(day, 7);
  const months = cadence === "MONTHLY" ? 1 : 3;
  const target = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, 1));
  // 31 January + one month is the last day of February, not 3 March.
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day.getUTCDate(), lastOfMonth)));
}

export type ExpectationState = { due: Date; overdue: boolean; daysLate: number };

/**
 * A partner expected every week, month or quarter: due one cadence after the last file received
 * (or after the expectation was set up, if none came yet), overdue once the grace days are past.
 */
export function expectationState(input: { lastReceivedAt: Date | null; since: Date; cadence: Cadence; graceDays: number }, now: Date = new Date()): ExpectationState {
  const due = nextDue(input.lastReceivedAt ?? input.since, input.cadence);
  const today = chinaToday(now);
  const late = Math.round((today.getTime() - due.getTime()) / 86_400_000);
  return { due, overdue: late > input.graceDays, daysLate: Math.max(0, late) };
}

/** "520625" + the partner's prefix: whether a division code lies inside a region prefix. */
export function inRegion(code: string, prefix: string | null): boolean {
  return prefix === null || code.startsWith(prefix);
}

// ---------------------------------------------------------------------------------------------
// Background work

/** A worker that has not written its heartbeat for this long is taken to have died. */
export const STALE_MS = 60_000;

/**
 * Retention of what files said (decision 010): a committed file's staged rows (names, encrypted
 * ID numbers, each row's values and diff) are the record of what the partner sent, for as long
 * as a question about an exchange is likely (two quarterly cycles); an import nobody finished
 * holds the encrypted file as well, and goes once nobody has touched it for a month.
 */
export const COMMITTED_ROWS_KEPT_DAYS = 180;
export const UNFINISHED_IMPORT_KEPT_DAYS = 30;

/** A batch left checking or committing by a worker that died (a restart) may be picked up again. */
export function isStalled(batch: { status: string; heartbeatAt: Date | null; updatedAt: Date }, now: Date = new Date()): boolean {
  if (batch.status !== "VALIDATING" && batch.status !== "COMMITTING") return false;
  const last = batch.heartbeatAt ?? batch.updatedAt;
  return now.getTime() - last.getTime() > (batch.status === "COMMITTING" ? 10 * STALE_MS : STALE_MS);
}
