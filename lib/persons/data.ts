import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/auth/scope";
import { personScopeWhere } from "@/lib/auth/scope";
import { hashIdLast4, hashPii, maskedIdOf } from "@/lib/pii";
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
function searchSql(q: string | undefined): { sql: Prisma.Sql; narrow: boolean; alternatives?: Prisma.Sql[]; test?: Prisma.Sql; gram?: string } | null {
  const form = classifySearch(q ?? "");
  switch (form.kind) {
    case "none":
      return null;
    case "idFull":
      return { sql: Prisma.sql`p.id_hash = ${hashPii(form.value)}`, narrow: true };
    case "idSuffix":
      // Four digits are also how people quote the end of a phone number.
      return {
        sql: Prisma.sql`(p.id_last4_hash = ${hashIdLast4(form.value)} OR reverse(p.phone) LIKE ${escapeLike([...form.value].reverse().join("")) + "%"})`,
        narrow: true,
      };
    case "phone":
      return { sql: Prisma.sql`p.phone = ${form.value}`, narrow: true };
    case "digits": {
      const start = Prisma.sql`p.phone LIKE ${escapeLike(form.value) + "%"}`;
      const end = Prisma.sql`reverse(p.phone) LIKE ${escapeLike([...form.value].reverse().join("")) + "%"}`;
      return { sql: Prisma.sql`(${start} OR ${end})`, narrow: form.value.length >= 5, alternatives: [start, end] };
    }
    case "initials": {
      const start = Prisma.sql`p.name_initials LIKE ${escapeLike(form.value) + "%"}`;
      const gram = Prisma.sql`p.name_grams @> ${[form.value]}::text[]`;
      return { sql: Prisma.sql`(${start} OR ${gram})`, narrow: form.value.length >= 3, alternatives: [start, gram] };
    }
    case "name": {
      // The GIN index on name_grams finds candidates for fragments of any length (one character
      // included); the substring test keeps only names that have the fragment in that order.
      // `strpos(...) <> 0` says what `lower(p.name) LIKE '%<escaped fragment>%'` says, but the
      // planner prices it as keeping nearly every row (as it does: the grams already matched)
      // where it priced the LIKE at 1 in 200. Multiplied with the gram estimate, the LIKE made
      // '王' (74,000 people in a million) look like a few hundred, and the plan fetched and sorted
      // every namesake instead of walking the newest ids until it had a page.
      const grams = queryGrams(form.value);
      const test = Prisma.sql`strpos(lower(p.name), ${form.value}) <> 0`;
      // The substring test alone says it all: name_grams is always nameGrams(name), written with
      // the name by every path (registration, edit, import, seed), and a broad search is one
      // character. Without the array test it is a third of the cost per row, for counts that walk.
      return { sql: Prisma.sql`(p.name_grams @> ${grams}::text[] AND ${test})`, narrow: Array.from(form.value).length >= 2, test, gram: grams.length === 1 ? grams[0] : undefined };
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
type Conditions = {
  where: Prisma.Sql;
  candidates: Prisma.Sql | null;
  combined: boolean;
  /** A broad search split for counting: what its indexes find, and what is then tested row by row. */
  broad: BroadSearch | null;
};

/** A broad search split for counting (countBroadSearch). */
type BroadSearch = {
  /** What the search's own indexes find (with the office, where the index has it). */
  driving: Prisma.Sql;
  /** The scope, and whether `driving` already holds it (an office: yes; a partner's region: no). */
  scope: Prisma.Sql;
  scopeInDriving: boolean;
  /** The list's filters (status, track, origin, caseworker, poverty status). */
  filters: Prisma.Sql[];
  /** A search that is one of two conditions (start or end of a phone number), each with its own index. */
  alternatives: Prisma.Sql[] | null;
  /** The search as a test of one row's own columns, cheapest first (no index needed). */
  test: Prisma.Sql;
  /** A one-character name search: its share of all names decides how it is counted. */
  gram: string | null;
};

// Every column the list shows or the conditions test, for the candidates CTE.
const CANDIDATE_COLUMNS = Prisma.raw(
  "p.id, p.name, p.gender, p.birth_date, p.phone, p.origin_division_code, " +
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
  const scopeSql = personScopeSql(scope);
  const search = searchSql(query.q);
  const filters: Prisma.Sql[] = [];
  if (query.employmentStatus) filters.push(Prisma.sql`p.employment_status = ${query.employmentStatus}::employment_status`);
  if (query.track) filters.push(Prisma.sql`p.track = ${query.track}::track`);
  if (query.origin) filters.push(Prisma.sql`p.origin_division_code LIKE ${query.origin + "%"}`);
  if (query.caseworkerId) filters.push(Prisma.sql`p.caseworker_id = ${query.caseworkerId}`);
  // The household's status as copied onto each member (kept in step by the household and person
  // mutations): office + status + id is one index, where the join to households was not.
  if (query.povertyStatus) filters.push(Prisma.sql`p.poverty_status = ${query.povertyStatus}::poverty_status`);
  const parts = [scopeSql, ...(search && !search.narrow ? [search.sql] : []), ...filters];
  // Two or more filters beyond "everyone" (an admin's scope is TRUE), with no search: a search's
  // GIN index is read by bitmap only, and without it a one-character name in an office took 2 s.
  const combined = !search && parts.length - (scope.role === "ADMIN" || (scope.role !== "PARTNER" && scope.officeIds === "ALL") ? 1 : 0) >= 2;
  // A broad search is found through its own index, with the office where that index has one
  // (office + grams, office + initials, office + phone). A partner's region and the filters are
  // tested on the rows found (see countPersons).
  const scopeInDriving = scope.role !== "PARTNER";
  const broad: BroadSearch | null =
    search && !search.narrow
      ? {
          driving: scopeInDriving ? Prisma.sql`${scopeSql} AND ${search.sql}` : search.sql,
          scope: scopeSql,
          scopeInDriving,
          filters,
          alternatives: search.alternatives ?? null,
          test: search.test ?? search.sql,
          gram: search.gram ?? null,
        }
      : null;
  return { where: Prisma.join(parts, " AND "), candidates: search?.narrow ? search.sql : null, combined, broad };
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
  // and a misestimated filter can no longer join users to every match. The ciphertext (for the
  // mask) is read for the page's rows only: the candidates of a one-character search are tens of
  // thousands of rows, and carrying 90 bytes more for each made that search slower.
  const rows = await db().$queryRaw<(Omit<PersonListRow, "maskedId"> & { idCipher: string })[]>`
    ${source.with}
    SELECT p.id, p.name, p.gender::text AS gender, p.birth_date AS "birthDate",
           c.id_cipher AS "idCipher", p.phone,
           p.origin_division_code AS "originDivisionCode", p.track::text AS track,
           p.employment_status::text AS "employmentStatus",
           p.poverty_status::text AS "povertyStatus",
           u.display_name AS "caseworkerName", p.updated_at AS "updatedAt"
    FROM (
      SELECT p.id, p.name, p.gender, p.birth_date, p.phone,
             p.origin_division_code, p.track, p.employment_status, p.poverty_status,
             p.caseworker_id, p.updated_at
      FROM ${source.from}
      WHERE ${where} ${keyset}
      ORDER BY p.id DESC
      LIMIT ${PAGE_SIZE + 1}
    ) p
    JOIN persons c ON c.id = p.id
    LEFT JOIN users u ON u.id = p.caseworker_id
    ORDER BY p.id DESC`;
  const hasMore = rows.length > PAGE_SIZE;
  // The mask is made from the ciphertext: the last four are not stored in clear (decision 004).
  const page = (hasMore ? rows.slice(0, PAGE_SIZE) : rows).map(({ idCipher, ...r }): PersonListRow => ({ ...r, maskedId: maskedIdOf(idCipher) }));
  return { rows: page, nextAfter: hasMore ? page[page.length - 1]!.id : null };
}

/** The number of matching people, counted up to COUNT_CAP + 1. */
export async function countPersons(scope: Scope, query: PersonListQuery, tuning: BroadCountTuning = {}): Promise<{ count: number; capped: boolean }> {
  const conditions = filtersSql(scope, query);
  const source = sourceSql(conditions);
  const capped = Prisma.sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${source.from} WHERE ${conditions.where} LIMIT ${COUNT_CAP + 1}) t`;
  let rows: { n: bigint }[];
  if (conditions.broad) {
    rows = await countBroadSearch(conditions.broad, capped, tuning);
  } else if (conditions.combined) {
    // Combined filters (an office with a poverty status, a track and an origin) are priced by
    // PostgreSQL as independent, so it expects few matches and ANDs bitmaps of whole index ranges
    // (134,000 entries of an office's origin, 80,000 of a status) before counting: 100-250 ms at a
    // million people. Walking one index and testing the rest stops at the cap: 25-35 ms
    // (docs/decisions/007). SET LOCAL ends with the transaction.
    rows = (await db().$transaction([db().$executeRaw`SET LOCAL enable_bitmapscan = off`, db().$queryRaw<{ n: bigint }[]>(capped)]))[1];
  } else {
    rows = await db().$queryRaw<{ n: bigint }[]>`${source.with} ${capped}`;
  }
  const n = Number(rows[0]?.n ?? 0);
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/**
 * How a broad search is counted (countBroadSearch): rows walked, matches sampled, and the share
 * of names a character must have for the walk. The defaults are measured at a million people;
 * tests make them small to reach every step with a few thousand.
 */
export type BroadCountTuning = { walkRows?: number; sampleRows?: number; share?: (gram: string) => Promise<number> };
const BROAD_WALK_ROWS = 30_000;
const BROAD_SAMPLE_ROWS = 10_000;
// With 4% of names the walk expects the cap within 25,000 rows.
const BROAD_WALK_SHARE = 0.04;

// The characters' shares of all names, from PostgreSQL's own statistics of name_grams (its most
// common elements), read at most every ten minutes: names change their make-up slowly.
let gramShares: { at: number; shares: Promise<Map<string, number>> } | null = null;
const GRAM_SHARES_TTL_MS = 10 * 60_000;

async function gramShare(gram: string): Promise<number> {
  if (!gramShares || Date.now() - gramShares.at > GRAM_SHARES_TTL_MS) {
    // Statistics that cannot be read (none yet, or no access) only mean no walk: counted the other way.
    const entry: typeof gramShares = {
      at: Date.now(),
      shares: db()
        .$queryRaw<{ elem: string; share: number }[]>`
          SELECT u.elem, u.share FROM pg_stats s
           CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(elem, share)
           WHERE s.schemaname = current_schema() AND s.tablename = 'persons' AND s.attname = 'name_grams' AND u.elem IS NOT NULL`
        .then((rows) => new Map(rows.map((r) => [r.elem, Number(r.share)])))
        .catch(() => {
          if (gramShares === entry) gramShares = null;
          return new Map<string, number>();
        }),
    };
    gramShares = entry;
  }
  return (await gramShares.shares).get(gram) ?? 0;
}

/**
 * Counting a broad search (one character, one or two initials, three digits: up to 75,000 people
 * in a million). Left to itself, PostgreSQL ANDed the search's bitmap with a whole index range of
 * a filter or of the partner's region (92,000 unemployed people of an office, 229,000 people from
 * Haidong) before the first row, or walked the whole phone index for the LIMIT because the number
 * could start or end with the digits: 50-110 ms at a million people (docs/decisions/007).
 *
 * 1. Start or end of a phone number (or initials or a gram) and nothing else to test: each
 *    alternative is counted up to the cap through its own index; the union of the two capped
 *    lists says the count (either list at the cap means the union is too).
 * 2. A common character (at least BROAD_WALK_SHARE of names, by PostgreSQL's statistics) with a
 *    filter or a partner's region: walk the filters' own index and test the name on each row.
 *    王 (7.5% of names) reaches the cap within 15,000 unemployed people of an office, 7 ms, where
 *    the bitmap of its 75,000 namesakes alone takes 28 ms. The walk stops after walkRows rows;
 *    unless that was every row of the filters, it settles nothing and step 3 counts.
 * 3. Otherwise the search's own index finds its matches (bitmap scans only: a walk in id order
 *    for the LIMIT is what went wrong) and they are tested against the filters and the region
 *    until COUNT_CAP + 1 pass. That settles it when the cap is reached or every match was tested;
 *    a filter that passes fewer than COUNT_CAP of the first sampleRows matches (a rare status, a
 *    small region) falls through to the exact capped count, where that filter's bitmap is small.
 *    One statement: `found` is read only as far as the counts above it pull, and the exact count
 *    is an InitPlan that runs only when its branch is taken.
 */
async function countBroadSearch(broad: BroadSearch, capped: Prisma.Sql, tuning: BroadCountTuning): Promise<{ n: bigint }[]> {
  const cap = COUNT_CAP + 1;
  const walkRows = tuning.walkRows ?? BROAD_WALK_ROWS;
  const sampleRows = tuning.sampleRows ?? BROAD_SAMPLE_ROWS;
  // What is tested on the rows the search's index finds: the filters, and a partner's region.
  const tests = broad.scopeInDriving ? broad.filters : [broad.scope, ...broad.filters];
  if (!tests.length && broad.alternatives) {
    const branches = broad.alternatives.map((alt) => Prisma.sql`SELECT id FROM (SELECT p.id FROM persons p WHERE ${broad.scope} AND ${alt} LIMIT ${cap}) b`);
    return db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (${Prisma.join(branches, " UNION ")}) u`;
  }
  if (tests.length && broad.gram && (await (tuning.share ?? gramShare)(broad.gram)) >= BROAD_WALK_SHARE) {
    const filters = Prisma.join([broad.scope, ...broad.filters], " AND ");
    // A gram's test reads the name alone. Selecting only the name lets a walk of an index that
    // carries it (employment status + id, with the origin and the name) never fetch a row.
    const walk = Prisma.sql`
      SELECT w.n, CASE WHEN w.n > ${COUNT_CAP} THEN NULL
                       ELSE (SELECT count(*) FROM (SELECT 1 FROM persons p WHERE ${filters} LIMIT ${walkRows}) r) END AS walked
        FROM (SELECT count(*) AS n FROM (
                SELECT 1 FROM (SELECT p.name FROM persons p WHERE ${filters} LIMIT ${walkRows}) p
                 WHERE ${broad.test} LIMIT ${cap}) t) w`;
    const [, walked] = await db().$transaction([
      db().$queryRaw`SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)`,
      db().$queryRaw<{ n: bigint; walked: bigint | null }[]>(walk),
    ]);
    const w = walked[0];
    if (w && (w.walked === null || Number(w.walked) < walkRows)) return [{ n: w.n }];
  }
  const count = tests.length
    ? Prisma.sql`
      WITH found AS MATERIALIZED (SELECT ${CANDIDATE_COLUMNS} FROM persons p WHERE ${broad.driving} LIMIT ${sampleRows}),
           hit AS (SELECT count(*) AS n FROM (SELECT 1 FROM found p WHERE ${Prisma.join(tests, " AND ")} LIMIT ${cap}) t)
      SELECT CASE WHEN hit.n >= ${cap} THEN hit.n
                  WHEN (SELECT count(*) FROM found) < ${sampleRows} THEN hit.n
                  ELSE (${capped}) END AS n
        FROM hit`
    : Prisma.sql`SELECT count(*) AS n FROM (SELECT 1 FROM persons p WHERE ${broad.driving} LIMIT ${cap}) t`;
  const [, result] = await db().$transaction([
    db().$queryRaw`SELECT set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)`,
    db().$queryRaw<{ n: bigint }[]>(count),
  ]);
  return result;
}

const personDetailSelect = {
  id: true,
  officeId: true,
  caseworkerId: true,
  householdId: true,
  name: true,
  idCipher: true,
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
  const row = await db().person.findFirst({ where: { id, ...personScopeWhere(scope) }, select: personDetailSelect });
  if (!row) return null;
  // The ciphertext never leaves the data layer; the mask is made from it (decision 004).
  const { idCipher, ...person } = row;
  return { ...person, maskedId: maskedIdOf(idCipher) };
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

/** Catalogue skills by id or by Chinese name (the history's skills, lib/audit/rules.ts skillRefsIn). */
export async function findSkillNames(ids: readonly number[], namesZh: readonly string[]) {
  if (!ids.length && !namesZh.length) return [];
  return db().skill.findMany({
    where: { OR: [{ id: { in: [...ids] } }, { nameZh: { in: [...namesZh] } }] },
    select: { id: true, nameZh: true, nameEn: true },
  });
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
