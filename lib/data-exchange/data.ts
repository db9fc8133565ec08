import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ImportRowStatus } from "@/lib/generated/prisma/enums";
import { personScopeWhere, type Scope } from "@/lib/auth/scope";
import { isoDate } from "@/lib/placements/rules";
import type { OurPlacement, Ours } from "@/lib/data-exchange/rules";

// Reads of the data exchange. Batches, their rows and the exchange log belong to the office that
// imported or exported; a partner sees its own office's and the exchanges other offices had with
// it. The look-ups the import check needs (people by ID hash, divisions, employers) read across
// offices on purpose — a person registered by another office must be reported as such, not
// registered twice — and the import decides per row what the user's scope allows (mutations.ts).

/** Offices whose batches and log this scope may read. */
export function exchangeOfficeWhere(scope: Scope): { officeId?: { in: number[] } } {
  if (scope.officeIds === "ALL") return {};
  return { officeId: { in: [...scope.officeIds] } };
}

/** The log: the scope's own exchanges, and for a partner every exchange other offices had with it. */
function logWhere(scope: Scope): Prisma.ExchangeLogWhereInput {
  if (scope.role === "PARTNER") return { OR: [{ partnerOfficeId: scope.officeId }, { officeId: scope.officeId }] };
  return exchangeOfficeWhere(scope);
}

/** The origin offices this scope exchanges with: all origin bureaus, a partner only itself. */
export async function listPartnerOffices(scope: Scope) {
  return db().office.findMany({
    where: { kind: "ORIGIN_BUREAU", active: true, ...(scope.role === "PARTNER" ? { id: scope.officeId } : {}) },
    select: { id: true, code: true, name: true, nameEn: true, regionCode: true },
    orderBy: { code: "asc" },
  });
}

export async function getPartnerOffice(scope: Scope, id: number) {
  const offices = await listPartnerOffices(scope);
  return offices.find((o) => o.id === id) ?? null;
}

export async function getOfficeCadences(officeIds: number[]): Promise<Map<number, number[]>> {
  const rows = await db().office.findMany({ where: { id: { in: officeIds } }, select: { id: true, followUpCadence: true } });
  return new Map(rows.map((r) => [r.id, r.followUpCadence]));
}

// ---------------------------------------------------------------------------------------------
// Import batches

export async function getImportBatch(scope: Scope, id: number) {
  return db().importBatch.findFirst({
    where: { id, ...exchangeOfficeWhere(scope) },
    select: {
      id: true, officeId: true, partnerOfficeId: true, createdById: true, fileName: true, format: true, fileSize: true, fileHash: true, encoding: true,
      status: true, phase: true, totalRows: true, processedRows: true, newRows: true, updatedRows: true, unchangedRows: true, errorRows: true,
      conflictRows: true, baseAt: true, duplicateOfId: true, errorKey: true, errorParams: true, notices: true, heartbeatAt: true,
      committedAt: true, rowsPurgedAt: true, createdAt: true, updatedAt: true,
      partnerOffice: { select: { id: true, name: true, nameEn: true, regionCode: true } },
      createdBy: { select: { displayName: true } },
    },
  });
}

export async function listImportBatches(scope: Scope, take = 20) {
  return db().importBatch.findMany({
    where: exchangeOfficeWhere(scope),
    orderBy: { id: "desc" },
    take,
    select: {
      id: true, fileName: true, status: true, totalRows: true, newRows: true, updatedRows: true, unchangedRows: true, errorRows: true,
      conflictRows: true, createdAt: true, committedAt: true,
      partnerOffice: { select: { name: true, nameEn: true } },
      createdBy: { select: { displayName: true } },
    },
  });
}

export const ROWS_PAGE_SIZE = 50;

export type RowFilter = "ALL" | ImportRowStatus | "CONFLICT";

const KEPT_OURS: Prisma.ImportRowWhereInput = { status: "UPDATE", conflict: true, decision: "KEEP_OURS" };

/** Once committed, a conflict decided "keep ours" is among the unchanged rows, as the batch counts it. */
function rowFilterWhere(filter: RowFilter, committed: boolean): Prisma.ImportRowWhereInput {
  if (filter === "ALL") return {};
  if (filter === "CONFLICT") return { conflict: true };
  if (committed && filter === "UPDATE") return { status: "UPDATE", NOT: KEPT_OURS };
  if (committed && filter === "UNCHANGED") return { OR: [{ status: "UNCHANGED" }, KEPT_OURS] };
  return { status: filter };
}

/** One page of a batch's rows (the batch must be in scope), in the order of the file. */
export async function listImportRows(scope: Scope, batchId: number, filter: RowFilter, page: number) {
  const batch = await db().importBatch.findFirst({ where: { id: batchId, ...exchangeOfficeWhere(scope) }, select: { id: true, status: true } });
  if (!batch) return null;
  const where = { batchId, ...rowFilterWhere(filter, batch.status === "COMMITTED") };
  const [rows, total] = await Promise.all([
    db().importRow.findMany({
      where,
      orderBy: { rowNumber: "asc" },
      skip: (page - 1) * ROWS_PAGE_SIZE,
      take: ROWS_PAGE_SIZE,
      select: { rowNumber: true, status: true, personId: true, name: true, idMasked: true, errors: true, diff: true, conflict: true, decision: true },
    }),
    db().importRow.count({ where }),
  ]);
  return { rows, total };
}

export async function countUndecidedConflicts(batchId: number) {
  return db().importRow.count({ where: { batchId, conflict: true, decision: null } });
}

/** An earlier committed import of the very same bytes by this office. */
export async function findCommittedDuplicate(officeId: number, fileHash: string, exceptId: number) {
  return db().importBatch.findFirst({
    where: { officeId, fileHash, status: "COMMITTED", id: { not: exceptId } },
    orderBy: { committedAt: "desc" },
    select: { id: true, committedAt: true },
  });
}

/** When this office last committed a file from this partner: the data time of rows that carry none. */
export async function lastCommittedImportAt(officeId: number, partnerOfficeId: number): Promise<Date | null> {
  const last = await db().importBatch.findFirst({
    where: { officeId, partnerOfficeId, status: "COMMITTED" },
    orderBy: { committedAt: "desc" },
    select: { committedAt: true },
  });
  return last?.committedAt ?? null;
}

// ---------------------------------------------------------------------------------------------
// Look-ups for the import check (across offices; see the note at the top)

export type ExistingPerson = {
  id: number;
  idHash: string;
  officeId: number;
  caseworkerId: number | null;
  originDivisionCode: string;
  version: number;
  /** The latest change to the person, their household or their latest placement. */
  lastChangedAt: Date;
  householdId: number | null;
  ours: Ours;
  trackInputs: { skillCount: number; needs: string[]; trainingWishes: string[]; trackOverride: string | null };
  placements: OurPlacement[];
};

type ExistingRow = {
  id: number;
  id_hash: string;
  office_id: number;
  caseworker_id: number | null;
  version: number;
  updated_at: Date;
  household_id: number | null;
  name: string;
  phone: string | null;
  ethnicity: string | null;
  education: string | null;
  health: string;
  origin_division_code: string;
  origin_address_detail: string | null;
  current_division_code: string | null;
  current_address_detail: string | null;
  employment_status: string;
  migration: string;
  expected_wage: number | null;
  consent_given: boolean;
  notes: string | null;
  needs: string[];
  training_wishes: string[];
  track_override: string | null;
  skill_count: number;
  h_poverty_status: string | null;
  h_since: Date | null;
  h_income: number | null;
  h_updated_at: Date | null;
  placements: { id: number; uscc: string; start: string; title: string; county: string; wage: number | null; contract: string; end: string | null; reason: string | null; active: boolean; updated: string }[];
};

/**
 * Everyone registered with one of these ID hashes, with what the import compares: one query per
 * 5,000 hashes (the unique index on id_hash), households joined and placements aggregated in
 * the same statement. Prisma's nested reads would send an IN list per relation and build an
 * object per placement; at 100,000 people that is seconds the check does not have.
 */
export async function findPersonsByIdHash(hashes: string[]): Promise<Map<string, ExistingPerson>> {
  const out = new Map<string, ExistingPerson>();
  for (let i = 0; i < hashes.length; i += 5000) {
    const chunk = hashes.slice(i, i + 5000);
    const rows = await db().$queryRaw<ExistingRow[]>`
      SELECT p.id, p.id_hash, p.office_id, p.caseworker_id, p.version, p.updated_at, p.household_id, p.name, p.phone, p.ethnicity,
             p.education::text, p.health::text, p.origin_division_code, p.origin_address_detail, p.current_division_code,
             p.current_address_detail, p.employment_status::text, p.migration::text, p.expected_wage, p.consent_given, p.notes,
             p.needs, p.training_wishes, p.track_override::text,
             (SELECT count(*)::int FROM person_skills s WHERE s.person_id = p.id) AS skill_count,
             h.poverty_status::text AS h_poverty_status, h.poverty_status_since AS h_since, h.per_capita_income AS h_income, h.updated_at AS h_updated_at,
             COALESCE((
               SELECT json_agg(json_build_object('id', pl.id, 'uscc', e.uscc, 'start', pl.start_date, 'title', pl.title, 'county', pl.county_code,
                                                 'wage', pl.monthly_wage, 'contract', pl.contract_type, 'end', pl.end_date, 'reason', pl.end_reason,
                                                 'active', pl.status = 'ACTIVE', 'updated', pl.updated_at) ORDER BY pl.start_date DESC, pl.id DESC)
                 FROM placements pl JOIN employers e ON e.id = pl.employer_id WHERE pl.person_id = p.id), '[]'::json) AS placements
        FROM persons p LEFT JOIN households h ON h.id = p.household_id
       WHERE p.id_hash = ANY(${chunk}::bpchar[])`;
    for (const p of rows) {
      const latest = p.placements[0];
      // The same three times an export writes as the row's data time (exportPersons).
      const times = [p.updated_at.getTime(), p.h_updated_at?.getTime() ?? 0, latest ? new Date(latest.updated).getTime() : 0];
      out.set(p.id_hash, {
        id: p.id,
        idHash: p.id_hash,
        officeId: p.office_id,
        caseworkerId: p.caseworker_id,
        originDivisionCode: p.origin_division_code,
        version: p.version,
        lastChangedAt: new Date(Math.max(...times)),
        householdId: p.household_id,
        ours: {
          person: {
            name: p.name, phone: p.phone, ethnicity: p.ethnicity, education: p.education, health: p.health, originDivisionCode: p.origin_division_code,
            originAddressDetail: p.origin_address_detail, currentDivisionCode: p.current_division_code, currentAddressDetail: p.current_address_detail,
            employmentStatus: p.employment_status, migration: p.migration, expectedWage: p.expected_wage, consentGiven: p.consent_given, notes: p.notes,
          },
          household: p.household_id
            ? { povertyStatus: p.h_poverty_status, povertyStatusSince: p.h_since ? isoDate(p.h_since) : null, perCapitaIncome: p.h_income }
            : null,
        },
        trackInputs: { skillCount: p.skill_count, needs: p.needs, trainingWishes: p.training_wishes, trackOverride: p.track_override },
        placements: p.placements.map((pl) => ({
          id: pl.id,
          employerUscc: pl.uscc,
          startDate: pl.start,
          jobTitle: pl.title,
          workplaceCode: pl.county,
          monthlyWage: pl.wage,
          contractType: pl.contract,
          endDate: pl.end,
          endReason: pl.reason,
          active: pl.active,
        })),
      });
    }
  }
  return out;
}

/** The codes among these that name a real division. */
export async function existingDivisionCodes(codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db().division.findMany({ where: { code: { in: codes } }, select: { code: true } });
  return new Set(rows.map((r) => r.code));
}

export async function employersByUscc(codes: string[]): Promise<Map<string, { id: number; name: string }>> {
  if (!codes.length) return new Map();
  const rows = await db().employer.findMany({ where: { uscc: { in: codes } }, select: { id: true, uscc: true, name: true } });
  return new Map(rows.map((r) => [r.uscc, { id: r.id, name: r.name }]));
}

// ---------------------------------------------------------------------------------------------
// Export

export type ExportFilters = { partnerOfficeId: number; regionPrefix: string; from: Date | null; to: Date | null };

const EXPORT_SELECT = {
  id: true, idCipher: true, name: true, phone: true, ethnicity: true, education: true, health: true, originDivisionCode: true,
  originAddressDetail: true, currentDivisionCode: true, currentAddressDetail: true, employmentStatus: true, migration: true,
  expectedWage: true, consentGiven: true, notes: true, updatedAt: true, householdId: true,
  membership: { select: { relation: true } },
  household: {
    select: {
      povertyStatus: true, povertyStatusSince: true, perCapitaIncome: true, updatedAt: true,
      // The household's first registered member heads it in the file (members name their head).
      members: { where: { personId: { not: null } }, orderBy: { id: "asc" }, take: 1, select: { person: { select: { idCipher: true } } } },
    },
  },
  placements: {
    orderBy: { startDate: "desc" },
    take: 1,
    select: {
      title: true, countyCode: true, startDate: true, monthlyWage: true, contractType: true, endDate: true, endReason: true, updatedAt: true,
      employer: { select: { name: true, uscc: true } },
    },
  },
} satisfies Prisma.PersonSelect;

export type ExportedPerson = Prisma.PersonGetPayload<{ select: typeof EXPORT_SELECT }>;

/**
 * The people an export holds, in pages (keyset on id): in the user's scope, from the region,
 * changed in the period (the person, their household or a placement). The caller has checked
 * the region lies inside the partner's and, for a partner, inside its own.
 */
export async function* exportPersons(scope: Scope, filters: ExportFilters, pageSize = 2000) {
  const changed: Prisma.PersonWhereInput[] = [];
  if (filters.from || filters.to) {
    const range = { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: filters.to } : {}) };
    changed.push({ updatedAt: range }, { household: { updatedAt: range } }, { placements: { some: { updatedAt: range } } });
  }
  let after = 0;
  for (;;) {
    const page = await db().person.findMany({
      where: {
        AND: [personScopeWhere(scope), { originDivisionCode: { startsWith: filters.regionPrefix } }, ...(changed.length ? [{ OR: changed }] : [])],
        id: { gt: after },
      },
      orderBy: { id: "asc" },
      take: pageSize,
      select: EXPORT_SELECT,
    });
    if (!page.length) return;
    yield page;
    after = page[page.length - 1]!.id;
    if (page.length < pageSize) return;
  }
}

// ---------------------------------------------------------------------------------------------
// Exchange log and expected exchanges

export async function listExchangeLog(scope: Scope, options: { partnerOfficeId?: number; take?: number } = {}) {
  return db().exchangeLog.findMany({
    where: { AND: [logWhere(scope), options.partnerOfficeId ? { partnerOfficeId: options.partnerOfficeId } : {}] },
    orderBy: { at: "desc" },
    take: options.take ?? 100,
    select: {
      id: true, direction: true, format: true, fileName: true, at: true, rows: true, newRows: true, updatedRows: true, unchangedRows: true,
      batchId: true, filters: true,
      partnerOffice: { select: { id: true, name: true, nameEn: true } },
      office: { select: { name: true, nameEn: true } },
      user: { select: { displayName: true } },
    },
  });
}

/** Expected exchanges the scope can see, with the last file received under each. */
export async function listExpectations(scope: Scope) {
  const where: Prisma.ExchangeExpectationWhereInput =
    scope.role === "PARTNER" ? { partnerOfficeId: scope.officeId } : scope.officeIds === "ALL" ? {} : { officeId: { in: [...scope.officeIds] } };
  const expectations = await db().exchangeExpectation.findMany({
    where,
    orderBy: [{ officeId: "asc" }, { partnerOfficeId: "asc" }],
    select: {
      id: true, officeId: true, partnerOfficeId: true, cadence: true, graceDays: true, active: true, version: true, createdAt: true,
      office: { select: { name: true, nameEn: true } },
      partnerOffice: { select: { name: true, nameEn: true } },
    },
  });
  if (!expectations.length) return [];
  const last = await db().exchangeLog.groupBy({
    by: ["officeId", "partnerOfficeId"],
    where: { direction: "RECEIVED", OR: expectations.map((e) => ({ officeId: e.officeId, partnerOfficeId: e.partnerOfficeId })) },
    _max: { at: true },
  });
  const lastAt = new Map(last.map((l) => [`${l.officeId}:${l.partnerOfficeId}`, l._max.at]));
  return expectations.map((e) => ({ ...e, lastReceivedAt: lastAt.get(`${e.officeId}:${e.partnerOfficeId}`) ?? null }));
}

/** Offices a supervisor or admin may set expectations for (their region's, an admin's all). */
export async function listConfigurableOffices(scope: Scope) {
  return db().office.findMany({
    where: { active: true, kind: { not: "ORIGIN_BUREAU" }, ...(scope.officeIds === "ALL" ? {} : { id: { in: [...scope.officeIds] } }) },
    select: { id: true, name: true, nameEn: true },
    orderBy: { code: "asc" },
  });
}
