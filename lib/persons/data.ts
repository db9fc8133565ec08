import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/auth/scope";
import { personScopeWhere } from "@/lib/auth/scope";
import { hashPii } from "@/lib/pii";
import { classifySearch, queryGrams } from "@/lib/persons/rules";
import type { PersonListQuery } from "@/lib/persons/schema";
import type { PersonListRow } from "@/lib/persons/types";

export const PAGE_SIZE = 50;
/** Totals are counted up to this many, then shown as "10,000+": counting a million rows on
 *  every page view is what makes list pages slow. */
export const COUNT_CAP = 1_000;

/**
 * The person scope as SQL on `persons p`, for raw queries here and in other domains (targets).
 * It must say the same as personScopeWhere(); tests/integration/persons-scope.test.ts checks both
 * against the same users.
 */
export function personScopeSql(scope: Scope): Prisma.Sql {
  switch (scope.role) {
    case "ADMIN":
      return Prisma.sql`TRUE`;
    case "PARTNER":
      return Prisma.sql`p.origin_division_code LIKE ${(scope.originPrefix || "\u0000") + "%"}`;
    default:
      if (scope.officeIds === "ALL") return Prisma.sql`TRUE`;
      if (scope.officeIds.length === 1) return Prisma.sql`p.office_id = ${scope.officeIds[0]}`;
      return Prisma.sql`p.office_id = ANY(${[...scope.officeIds]}::int[])`;
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The search box as SQL, and whether its form is narrow: answered by its index with at most a
 * few thousand people in a million (two or more characters of a name, three or more initials,
 * five or more digits, an ID or phone number or their last four). One character, one or two
 * initials or three digits can match 70,000.
 */
function searchSql(q: string | undefined): { sql: Prisma.Sql; narrow: boolean } | null {
  const form = classifySearch(q ?? "");
  switch (form.kind) {
    case "none":
      return null;
    case "idFull":
      return { sql: Prisma.sql`p.id_hash = ${hashPii(form.value)}`, narrow: true };
    case "idSuffix":
      // Four digits are also how people quote the end of a phone number.
      return {
        sql: Prisma.sql`(p.id_last4 = ${form.value} OR reverse(p.phone) LIKE ${escapeLike([...form.value].reverse().join("")) + "%"})`,
        narrow: true,
      };
    case "phone":
      return { sql: Prisma.sql`p.phone = ${form.value}`, narrow: true };
    case "digits":
      return {
        sql: Prisma.sql`(p.phone LIKE ${escapeLike(form.value) + "%"} OR reverse(p.phone) LIKE ${escapeLike([...form.value].reverse().join("")) + "%"})`,
        narrow: form.value.length >= 5,
      };
    case "initials":
      return {
        sql: Prisma.sql`(p.name_initials LIKE ${escapeLike(form.value) + "%"} OR p.name_grams @> ${[form.value]}::text[])`,
        narrow: form.value.length >= 3,
      };
    case "name": {
      // The GIN index on name_grams finds candidates for fragments of any length (one character
      // included); the substring test keeps only names that have the fragment in that order.
      // `strpos(...) <> 0` says what `lower(p.name) LIKE '%<escaped fragment>%'` says, but the
      // planner prices it as keeping nearly every row (as it does: the grams already matched)
      // where it priced the LIKE at 1 in 200. Multiplied with the gram estimate, the LIKE made
      // '王' (74,000 people in a million) look like a few hundred, and the plan fetched and sorted
      // every namesake instead of walking the newest ids until it had a page.
      const grams = queryGrams(form.value);
      return {
        sql: Prisma.sql`(p.name_grams @> ${grams}::text[] AND strpos(lower(p.name), ${form.value}) <> 0)`,
        narrow: Array.from(form.value).length >= 2,
      };
    }
  }
}

/**
 * The list's conditions. A narrow search is kept apart as `candidates`: the queries fetch its
 * matches first (a materialized CTE, through the search's own index) and apply scope, filters,
 * order and limit to those few thousand rows. Left to itself, the planner (pricing a random page
 * at four sequential ones, though the list's pages are in memory) walked 65,000 people newest
 * first for a page of '秀英' in one office, or ANDed the search's bitmap with a 300,000-entry
 * bitmap of the office, each 5-10 times the work of reading the 3,700 candidates.
 */
type Conditions = { where: Prisma.Sql; candidates: Prisma.Sql | null; combined: boolean };

// Every column the list shows or the conditions test, for the candidates CTE.
const CANDIDATE_COLUMNS = Prisma.raw(
  "p.id, p.name, p.gender, p.birth_date, p.id_prefix6, p.id_last4, p.phone, p.origin_division_code, " +
    "p.track, p.employment_status, p.poverty_status, p.caseworker_id, p.updated_at, p.office_id",
);

/** `WITH candidates ...` (or nothing) and the relation the conditions read as `p`. */
function sourceSql(c: Conditions): { with: Prisma.Sql; from: Prisma.Sql } {
  if (!c.candidates) return { with: Prisma.empty, from: Prisma.sql`persons p` };
  return {
    with: Prisma.sql`WITH candidates AS MATERIALIZED (SELECT ${CANDIDATE_COLUMNS} FROM persons p WHERE ${c.candidates})`,
    from: Prisma.sql`candidates p`,
  };
}

function filtersSql(scope: Scope, query: PersonListQuery): Conditions {
  const parts: Prisma.Sql[] = [personScopeSql(scope)];
  const search = searchSql(query.q);
  if (search && !search.narrow) parts.push(search.sql);
  if (query.employmentStatus) parts.push(Prisma.sql`p.employment_status = ${query.employmentStatus}::employment_status`);
  if (query.track) parts.push(Prisma.sql`p.track = ${query.track}::track`);
  if (query.origin) parts.push(Prisma.sql`p.origin_division_code LIKE ${query.origin + "%"}`);
  if (query.caseworkerId) parts.push(Prisma.sql`p.caseworker_id = ${query.caseworkerId}`);
  // The household's status as copied onto each member (kept in step by the household and person
  // mutations): office + status + id is one index, where the join to households was not.
  if (query.povertyStatus) parts.push(Prisma.sql`p.poverty_status = ${query.povertyStatus}::poverty_status`);
  // Two or more filters beyond "everyone" (an admin's scope is TRUE), with no search: a search's
  // GIN index is read by bitmap only, and without it a one-character name in an office took 2 s.
  const combined = !search && parts.length - (scope.role === "ADMIN" || (scope.role !== "PARTNER" && scope.officeIds === "ALL") ? 1 : 0) >= 2;
  return { where: Prisma.join(parts, " AND "), candidates: search?.narrow ? search.sql : null, combined };
}

/**
 * One page of the caseload, newest first, by keyset (id < after): the same cost on page 1 and
 * page 20,000. Raw SQL because Prisma cannot express the reverse(phone) index or the gram
 * containment with a LIKE recheck.
 */
export async function listPersons(scope: Scope, query: PersonListQuery) {
  const conditions = filtersSql(scope, query);
  const { where } = conditions;
  const source = sourceSql(conditions);
  const keyset = query.after ? Prisma.sql`AND p.id < ${query.after}` : Prisma.empty;
  // The page is chosen first and joined afterwards: the left join to a unique key adds no rows,
  // and a misestimated filter can no longer join users to every match.
  const rows = await db().$queryRaw<PersonListRow[]>`
    ${source.with}
    SELECT p.id, p.name, p.gender::text AS gender, p.birth_date AS "birthDate",
           p.id_prefix6 AS "idPrefix6", p.id_last4 AS "idLast4", p.phone,
           p.origin_division_code AS "originDivisionCode", p.track::text AS track,
           p.employment_status::text AS "employmentStatus",
           p.poverty_status::text AS "povertyStatus",
           u.display_name AS "caseworkerName", p.updated_at AS "updatedAt"
    FROM (
      SELECT p.id, p.name, p.gender, p.birth_date, p.id_prefix6, p.id_last4, p.phone,
             p.origin_division_code, p.track, p.employment_status, p.poverty_status,
             p.caseworker_id, p.updated_at
      FROM ${source.from}
      WHERE ${where} ${keyset}
      ORDER BY p.id DESC
      LIMIT ${PAGE_SIZE + 1}
    ) p
    LEFT JOIN users u ON u.id = p.caseworker_id
    ORDER BY p.id DESC`;
  const hasMore = rows.length > PAGE_SIZE;
  const page = hasMore ? rows.slice(0, PAGE_SIZE) : rows;
  return { rows: page, nextAfter: hasMore ? page[page.length - 1]!.id : null };
}

/** The number of matching people, counted up to COUNT_CAP + 1. */
export async function countPersons(scope: Scope, query: PersonListQuery): Promise<{ count: number; capped: boolean }> {
  const conditions = filtersSql(scope, query);
  const source = sourceSql(conditions);
  const count = Prisma.sql`
    ${source.with}
    SELECT count(*) AS n FROM (SELECT 1 FROM ${source.from} WHERE ${conditions.where} LIMIT ${COUNT_CAP + 1}) t`;
  // Combined filters (an office with a poverty status, a track and an origin) are priced by
  // PostgreSQL as independent, so it expects few matches and ANDs bitmaps of whole index ranges
  // (134,000 entries of an office's origin, 80,000 of a status) before counting: 100-250 ms at a
  // million people. Walking one index and testing the rest stops at the cap: 25-35 ms
  // (docs/decisions/007). SET LOCAL ends with the transaction.
  const rows = conditions.combined
    ? (await db().$transaction([db().$executeRaw`SET LOCAL enable_bitmapscan = off`, db().$queryRaw<{ n: bigint }[]>(count)]))[1]
    : await db().$queryRaw<{ n: bigint }[]>(count);
  const n = Number(rows[0]?.n ?? 0);
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

const personDetailSelect = {
  id: true,
  officeId: true,
  caseworkerId: true,
  householdId: true,
  name: true,
  idPrefix6: true,
  idLast4: true,
  gender: true,
  birthDate: true,
  phone: true,
  ethnicity: true,
  education: true,
  health: true,
  healthNote: true,
  originDivisionCode: true,
  originAddressDetail: true,
  currentDivisionCode: true,
  currentAddressDetail: true,
  employmentStatus: true,
  workHistory: true,
  migration: true,
  migrationNote: true,
  preferredSectors: true,
  preferredRegions: true,
  expectedWage: true,
  needs: true,
  trainingWishes: true,
  trainingWishNote: true,
  consentGiven: true,
  consentAt: true,
  derivedTrack: true,
  trackReason: true,
  trackOverride: true,
  trackOverrideNote: true,
  track: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  office: { select: { id: true, name: true, nameEn: true } },
  caseworker: { select: { id: true, displayName: true } },
  skills: {
    select: { id: true, skillId: true, customName: true, level: true, certificate: true, skill: { select: { code: true, nameZh: true, nameEn: true } } },
    orderBy: { id: "asc" },
  },
} satisfies Prisma.PersonSelect;

/** A person the scope may see, or null: never loaded first and checked afterwards. */
export async function getPerson(scope: Scope, id: number) {
  return db().person.findFirst({ where: { id, ...personScopeWhere(scope) }, select: personDetailSelect });
}

export type PersonDetail = NonNullable<Awaited<ReturnType<typeof getPerson>>>;

export async function findPersonIdByNationalIdHash(scope: Scope, idHash: string) {
  return db().person.findFirst({ where: { idHash, ...personScopeWhere(scope) }, select: { id: true, name: true } });
}

export async function getHouseholdForPerson(scope: Scope, householdId: number) {
  return db().household.findFirst({
    where: { id: householdId, persons: { some: personScopeWhere(scope) } },
    select: {
      id: true,
      officeId: true,
      divisionCode: true,
      addressDetail: true,
      povertyStatus: true,
      povertyStatusSince: true,
      perCapitaIncome: true,
      registrationNote: true,
      version: true,
      members: {
        orderBy: { id: "asc" },
        select: { id: true, personId: true, name: true, relation: true, birthYear: true, isLabourer: true, note: true },
      },
      povertyHistory: {
        orderBy: [{ effectiveDate: "desc" }, { id: "desc" }],
        select: { id: true, status: true, effectiveDate: true, note: true, createdAt: true, changedBy: { select: { displayName: true } } },
      },
    },
  });
}

export type HouseholdDetail = NonNullable<Awaited<ReturnType<typeof getHouseholdForPerson>>>;

export async function listCaseworkers(scope: Scope) {
  return db().user.findMany({
    where: {
      active: true,
      role: { in: ["CASEWORKER", "SUPERVISOR"] },
      ...(scope.officeIds === "ALL" ? {} : { officeId: { in: [...scope.officeIds] } }),
    },
    select: { id: true, displayName: true },
    orderBy: { displayName: "asc" },
  });
}

export async function listSkillCatalogue() {
  return db().skill.findMany({ select: { id: true, code: true, nameZh: true, nameEn: true, category: true }, orderBy: [{ category: "asc" }, { id: "asc" }] });
}

/** Names and basics of the given people that the scope may see (candidate lists). */
export async function listPersonSummaries(scope: Scope, ids: number[]) {
  if (!ids.length) return new Map<number, { id: number; name: string; gender: string; birthDate: Date; originDivisionCode: string; track: string; employmentStatus: string }>();
  const rows = await db().person.findMany({
    where: { id: { in: ids }, ...personScopeWhere(scope) },
    select: { id: true, name: true, gender: true, birthDate: true, originDivisionCode: true, track: true, employmentStatus: true },
  });
  return new Map(rows.map((r) => [r.id, r]));
}

/** This person's referrals, by vacancy. */
export async function listReferralsForPerson(scope: Scope, personId: number) {
  return db().referral.findMany({
    where: { personId, person: personScopeWhere(scope) },
    orderBy: { updatedAt: "desc" },
    select: { id: true, vacancyId: true, status: true, source: true, score: true, note: true, updatedAt: true, vacancy: { select: { title: true, employer: { select: { name: true } } } } },
  });
}
