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
export const COUNT_CAP = 10_000;

/**
 * The scope as SQL, for the list query below. It must say the same as personScopeWhere();
 * tests/integration/persons-scope.test.ts checks both against the same users.
 */
function scopeSql(scope: Scope): Prisma.Sql {
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

function searchSql(q: string | undefined): Prisma.Sql | null {
  const form = classifySearch(q ?? "");
  switch (form.kind) {
    case "none":
      return null;
    case "idFull":
      return Prisma.sql`p.id_hash = ${hashPii(form.value)}`;
    case "idSuffix":
      // Four digits are also how people quote the end of a phone number.
      return Prisma.sql`(p.id_last4 = ${form.value} OR reverse(p.phone) LIKE ${escapeLike([...form.value].reverse().join("")) + "%"})`;
    case "phone":
      return Prisma.sql`p.phone = ${form.value}`;
    case "digits":
      return Prisma.sql`(p.phone LIKE ${escapeLike(form.value) + "%"} OR reverse(p.phone) LIKE ${escapeLike([...form.value].reverse().join("")) + "%"})`;
    case "initials":
      return Prisma.sql`(p.name_initials LIKE ${escapeLike(form.value) + "%"} OR p.name_grams @> ${[form.value]}::text[])`;
    case "name": {
      // The GIN index on name_grams finds candidates for fragments of any length (one character
      // included); the LIKE keeps only names that have the fragment in that order.
      const grams = queryGrams(form.value);
      const like = Prisma.sql`lower(p.name) LIKE ${"%" + escapeLike(form.value) + "%"}`;
      return Prisma.sql`(p.name_grams @> ${grams}::text[] AND ${like})`;
    }
  }
}

function filtersSql(scope: Scope, query: PersonListQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [scopeSql(scope)];
  const search = searchSql(query.q);
  if (search) parts.push(search);
  if (query.employmentStatus) parts.push(Prisma.sql`p.employment_status = ${query.employmentStatus}::employment_status`);
  if (query.track) parts.push(Prisma.sql`p.track = ${query.track}::track`);
  if (query.origin) parts.push(Prisma.sql`p.origin_division_code LIKE ${query.origin + "%"}`);
  if (query.caseworkerId) parts.push(Prisma.sql`p.caseworker_id = ${query.caseworkerId}`);
  if (query.povertyStatus) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM households h WHERE h.id = p.household_id AND h.poverty_status = ${query.povertyStatus}::poverty_status)`,
    );
  }
  return Prisma.join(parts, " AND ");
}

/**
 * One page of the caseload, newest first, by keyset (id < after): the same cost on page 1 and
 * page 20,000. Raw SQL because Prisma cannot express the reverse(phone) index or the gram
 * containment with a LIKE recheck.
 */
export async function listPersons(scope: Scope, query: PersonListQuery) {
  const where = filtersSql(scope, query);
  const keyset = query.after ? Prisma.sql`AND p.id < ${query.after}` : Prisma.empty;
  const rows = await db().$queryRaw<PersonListRow[]>`
    SELECT p.id, p.name, p.gender::text AS gender, p.birth_date AS "birthDate",
           p.id_prefix6 AS "idPrefix6", p.id_last4 AS "idLast4", p.phone,
           p.origin_division_code AS "originDivisionCode", p.track::text AS track,
           p.employment_status::text AS "employmentStatus",
           h.poverty_status::text AS "povertyStatus",
           u.display_name AS "caseworkerName", p.updated_at AS "updatedAt"
    FROM persons p
    LEFT JOIN households h ON h.id = p.household_id
    LEFT JOIN users u ON u.id = p.caseworker_id
    WHERE ${where} ${keyset}
    ORDER BY p.id DESC
    LIMIT ${PAGE_SIZE + 1}`;
  const hasMore = rows.length > PAGE_SIZE;
  const page = hasMore ? rows.slice(0, PAGE_SIZE) : rows;
  return { rows: page, nextAfter: hasMore ? page[page.length - 1]!.id : null };
}

/** The number of matching people, counted up to COUNT_CAP + 1. */
export async function countPersons(scope: Scope, query: PersonListQuery): Promise<{ count: number; capped: boolean }> {
  const where = filtersSql(scope, query);
  const [row] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM persons p WHERE ${where} LIMIT ${COUNT_CAP + 1}) t`;
  const n = Number(row?.n ?? 0);
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
