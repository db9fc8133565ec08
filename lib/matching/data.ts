import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IndexedPerson, IndexedVacancy } from "@/lib/matching/match-index";
import type { EndReason, PastJob, Track } from "@/lib/matching/rules";
import { MATCHING_CONFIG } from "@/lib/matching/config";
import { ageOn } from "@/lib/persons/national-id";

// Reads that build the matching view of people and vacancies. Bulk loads use a few set-based
// queries merged in memory (one scan per table), not a join per person: at a million people
// that is seconds, where lateral joins are minutes.

/** People the index considers for vacancies: those looking for work. */
export const SEEKING_STATUSES = ["UNEMPLOYED", "IN_TRAINING"] as const;

const PRIORITY: Record<string, number> = {
  REGISTERED_POOR: 2,
  LIFTED_UNSTABLE: 2,
  MARGINAL_AT_RISK: 2,
  EPIDEMIC_RETURNED: 2,
  LIFTED: 1,
};

type PersonRow = {
  id: number;
  version: number;
  officeId: number;
  originCode: string;
  currentCode: string | null;
  birthDate: Date;
  track: Track;
  expectedWage: number | null;
  needs: string[];
  trainingWishes: string[];
  preferredSectors: string[];
  preferredRegions: string[];
  householdId: number | null;
  povertyStatus: string | null;
};

type SkillRow = { personId: number; skillId: number; certified: boolean };
type HouseholdRow = { householdId: number; size: number; labourers: number };
type HistoryRow = PastJob & { personId: number };

const EMPTY: readonly never[] = Object.freeze([]) as readonly never[];

let skillOccupations: Map<number, string[]> | null = null;
async function skillOccupationMap(): Promise<Map<number, string[]>> {
  if (!skillOccupations) {
    const rows = await db().skill.findMany({ select: { id: true, occupationCodes: true } });
    skillOccupations = new Map(rows.map((r) => [r.id, r.occupationCodes]));
  }
  return skillOccupations;
}

function buildPerson(
  row: PersonRow,
  skills: SkillRow[] | undefined,
  household: HouseholdRow | undefined,
  history: HistoryRow[] | undefined,
  occupationsOfSkill: Map<number, string[]>,
  now: Date,
): IndexedPerson {
  const skillIds = skills?.map((s) => s.skillId) ?? EMPTY;
  const certified = skills?.filter((s) => s.certified).map((s) => s.skillId) ?? EMPTY;
  const occupations = new Set<string>();
  for (const id of skillIds) for (const code of occupationsOfSkill.get(id) ?? EMPTY) occupations.add(code);
  for (const job of history ?? EMPTY) if (job.occupationCode) occupations.add(job.occupationCode);
  return {
    id: row.id,
    version: row.version,
    officeId: row.officeId,
    originCode: row.originCode,
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, now),
    track: row.track,
    skillIds,
    certifiedSkillIds: certified.length ? certified : EMPTY,
    occupationCodes: occupations.size ? [...occupations] : EMPTY,
    preferredSectors: row.preferredSectors.length ? row.preferredSectors : EMPTY,
    preferredRegions: row.preferredRegions.length ? row.preferredRegions : EMPTY,
    expectedWage: row.expectedWage,
    householdSize: household?.size ?? 1,
    householdLabourers: household?.labourers ?? 1,
    needsAccommodation: row.needs.includes("ACCOMMODATION"),
    acceptsTraining: row.track === "TRAIN_THEN_PLACE" || row.needs.includes("TRAINING") || row.trainingWishes.length > 0,
    homeCounty: row.originCode.slice(0, 6),
    currentCounty: row.currentCode ? row.currentCode.slice(0, 6) : null,
    history: history?.length ? history.map(({ personId: _p, ...job }) => job) : EMPTY,
    priority: PRIORITY[row.povertyStatus ?? ""] ?? 0,
  };
}

const PERSON_COLUMNS = Prisma.sql`
  p.id, p.version, p.office_id AS "officeId", p.origin_division_code AS "originCode",
  p.current_division_code AS "currentCode", p.birth_date AS "birthDate", p.track::text AS track,
  p.expected_wage AS "expectedWage", p.needs, p.training_wishes AS "trainingWishes",
  p.preferred_sectors AS "preferredSectors", p.preferred_regions AS "preferredRegions",
  p.household_id AS "householdId", h.poverty_status::text AS "povertyStatus"`;

async function assemble(rows: PersonRow[], now: Date): Promise<IndexedPerson[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const householdIds = [...new Set(rows.map((r) => r.householdId).filter((v): v is number => v !== null))];
  const [skills, households, history, occupationsOfSkill] = await Promise.all([
    db().$queryRaw<SkillRow[]>`
      SELECT person_id AS "personId", skill_id AS "skillId", (level = 'CERTIFIED') AS certified
      FROM person_skills WHERE skill_id IS NOT NULL AND person_id = ANY(${ids}::int[])`,
    householdIds.length
      ? db().$queryRaw<HouseholdRow[]>`
          SELECT household_id AS "householdId", count(*)::int AS size, (count(*) FILTER (WHERE is_labourer))::int AS labourers
          FROM household_members WHERE household_id = ANY(${householdIds}::int[]) GROUP BY household_id`
      : Promise.resolve([]),
    db().$queryRaw<HistoryRow[]>`
      SELECT person_id AS "personId", employer_id AS "employerId", occupation_code AS "occupationCode",
             monthly_wage AS "monthlyWage", room_and_board AS "roomAndBoard", county_code AS "countyCode",
             end_reason::text AS "endReason", end_date AS "endDate"
      FROM placements WHERE person_id = ANY(${ids}::int[]) ORDER BY start_date`,
    skillOccupationMap(),
  ]);
  const group = <T extends { personId: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of list) {
      const bucket = map.get(item.personId);
      if (bucket) bucket.push(item);
      else map.set(item.personId, [item]);
    }
    return map;
  };
  const skillsBy = group(skills);
  const historyBy = group(history.map((h) => ({ ...h, endReason: h.endReason as EndReason | null })));
  const householdBy = new Map(households.map((h) => [h.householdId, h]));
  return rows.map((r) => buildPerson(r, skillsBy.get(r.id), r.householdId ? householdBy.get(r.householdId) : undefined, historyBy.get(r.id), occupationsOfSkill, now));
}

/**
 * One person's matching view, whatever their status (the person page asks for anyone). The same
 * reads as `assemble`, all at once (one round trip: the household is found by a sub-select):
 * this is on the path of every suggestions page.
 */
export async function getMatchPerson(personId: number, now = new Date()): Promise<IndexedPerson | null> {
  const [rows, skills, households, history, occupationsOfSkill] = await Promise.all([
    db().$queryRaw<PersonRow[]>`
      SELECT ${PERSON_COLUMNS} FROM persons p LEFT JOIN households h ON h.id = p.household_id WHERE p.id = ${personId}`,
    db().$queryRaw<SkillRow[]>`
      SELECT person_id AS "personId", skill_id AS "skillId", (level = 'CERTIFIED') AS certified
      FROM person_skills WHERE skill_id IS NOT NULL AND person_id = ${personId}`,
    db().$queryRaw<HouseholdRow[]>`
      SELECT household_id AS "householdId", count(*)::int AS size, (count(*) FILTER (WHERE is_labourer))::int AS labourers
      FROM household_members WHERE household_id = (SELECT household_id FROM persons WHERE id = ${personId}) GROUP BY household_id`,
    db().$queryRaw<HistoryRow[]>`
      SELECT person_id AS "personId", employer_id AS "employerId", occupation_code AS "occupationCode",
             monthly_wage AS "monthlyWage", room_and_board AS "roomAndBoard", county_code AS "countyCode",
             end_reason::text AS "endReason", end_date AS "endDate"
      FROM placements WHERE person_id = ${personId} ORDER BY start_date`,
    skillOccupationMap(),
  ]);
  const row = rows[0];
  if (!row) return null;
  const household = row.householdId ? households.find((h) => h.householdId === row.householdId) : undefined;
  return buildPerson(row, skills.length ? skills : undefined, household, history.length ? history.map((h) => ({ ...h, endReason: h.endReason as EndReason | null })) : undefined, occupationsOfSkill, now);
}

/** Job seekers in id order from `afterId`, a batch at a time (the index's initial load). */
export async function listSeekersBatch(afterId: number, limit: number, now = new Date()): Promise<IndexedPerson[]> {
  const rows = await db().$queryRaw<PersonRow[]>`
    SELECT ${PERSON_COLUMNS} FROM persons p LEFT JOIN households h ON h.id = p.household_id
    WHERE p.id > ${afterId} AND p.employment_status IN ('UNEMPLOYED', 'IN_TRAINING')
    ORDER BY p.id LIMIT ${limit}`;
  return assemble(rows, now);
}

/** The given people as the index should hold them: seekers are returned, others are not. */
export async function listSeekersByIds(ids: number[], now = new Date()): Promise<IndexedPerson[]> {
  if (!ids.length) return [];
  const rows = await db().$queryRaw<PersonRow[]>`
    SELECT ${PERSON_COLUMNS} FROM persons p LEFT JOIN households h ON h.id = p.household_id
    WHERE p.id = ANY(${ids}::int[]) AND p.employment_status IN ('UNEMPLOYED', 'IN_TRAINING')`;
  return assemble(rows, now);
}

type VacancyRow = {
  id: number;
  version: number;
  officeId: number;
  employerId: number;
  kind: "REGULAR" | "PUBLIC_WELFARE";
  status: string;
  openings: number;
  filled: number;
  occupationCode: string | null;
  sector: string | null;
  wageMin: number | null;
  wageMax: number | null;
  countyCode: string;
  roomAndBoard: boolean;
  trainingProvided: boolean;
  trainingDays: number | null;
  ageMin: number | null;
  ageMax: number | null;
  genderRequirement: "NONE" | "MALE" | "FEMALE";
  required: number[] | null;
  nice: number[] | null;
  certificate: number[] | null;
};

function buildVacancy(r: VacancyRow): IndexedVacancy {
  return {
    id: r.id,
    version: r.version,
    officeId: r.officeId,
    employerId: r.employerId,
    kind: r.kind,
    open: r.status === "OPEN",
    openingsLeft: r.openings - r.filled,
    occupationCode: r.occupationCode,
    sector: r.sector,
    requiredSkillIds: r.required ?? EMPTY,
    niceSkillIds: r.nice ?? EMPTY,
    certificateSkillIds: r.certificate ?? EMPTY,
    trainingProvided: r.trainingProvided,
    trainingDays: r.trainingDays,
    wageMin: r.wageMin,
    wageMax: r.wageMax,
    countyCode: r.countyCode,
    roomAndBoard: r.roomAndBoard,
    ageMin: r.ageMin,
    ageMax: r.ageMax,
    genderRequirement: r.genderRequirement,
  };
}

const VACANCY_SELECT = Prisma.sql`
  SELECT v.id, v.version, v.office_id AS "officeId", v.employer_id AS "employerId", v.kind::text AS kind,
         v.status::text AS status, v.openings, v.filled, v.occupation_code AS "occupationCode", v.sector,
         v.wage_min AS "wageMin", v.wage_max AS "wageMax", v.county_code AS "countyCode",
         v.room_and_board AS "roomAndBoard", v.training_provided AS "trainingProvided",
         v.training_days AS "trainingDays", v.age_min AS "ageMin", v.age_max AS "ageMax",
         v.gender_requirement::text AS "genderRequirement",
         s.required, s.nice, s.certificate
  FROM vacancies v
  LEFT JOIN LATERAL (
    SELECT array_agg(skill_id) FILTER (WHERE requirement = 'REQUIRED') AS required,
           array_agg(skill_id) FILTER (WHERE requirement = 'NICE_TO_HAVE') AS nice,
           array_agg(skill_id) FILTER (WHERE requirement = 'CERTIFICATE') AS certificate
    FROM vacancy_skills WHERE vacancy_id = v.id
  ) s ON true`;

export async function listOpenVacancies(): Promise<IndexedVacancy[]> {
  const rows = await db().$queryRaw<VacancyRow[]>`${VACANCY_SELECT} WHERE v.status = 'OPEN'`;
  return rows.map(buildVacancy);
}

export async function getMatchVacancy(vacancyId: number): Promise<IndexedVacancy | null> {
  const rows = await db().$queryRaw<VacancyRow[]>`${VACANCY_SELECT} WHERE v.id = ${vacancyId}`;
  return rows[0] ? buildVacancy(rows[0]) : null;
}

export async function listVacanciesByIds(ids: number[]): Promise<IndexedVacancy[]> {
  if (!ids.length) return [];
  const rows = await db().$queryRaw<VacancyRow[]>`${VACANCY_SELECT} WHERE v.id = ANY(${ids}::int[])`;
  return rows.map(buildVacancy);
}

/**
 * What changed since `since` (database time), with the database's time now. Looks back a
 * margin so a transaction that committed late with an earlier timestamp is not missed.
 */
export async function listChangesSince(since: Date, lookbackMs: number) {
  const from = new Date(since.getTime() - lookbackMs);
  const [clock] = await db().$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  const [vacancies, persons] = await Promise.all([
    db().$queryRaw<{ id: number; changedAt: Date }[]>`SELECT id, updated_at AS "changedAt" FROM vacancies WHERE updated_at > ${from}`,
    db().$queryRaw<{ id: number; changedAt: Date }[]>`
      SELECT id, max(changed_at) AS "changedAt" FROM (
        SELECT id, updated_at AS changed_at FROM persons WHERE updated_at > ${from}
        UNION ALL SELECT p.id, h.updated_at FROM persons p JOIN households h ON h.id = p.household_id WHERE h.updated_at > ${from}
        UNION ALL SELECT person_id, updated_at FROM placements WHERE updated_at > ${from}
      ) c GROUP BY id`,
  ]);
  return { now: clock!.now, vacancies, persons };
}

/** Distinct people each vacancy was suggested to within the congestion window. */
export async function listExposure(): Promise<Map<number, number>> {
  const since = new Date(Date.now() - MATCHING_CONFIG.congestion.windowDays * 86_400_000);
  const rows = await db().$queryRaw<{ vacancyId: number; people: number }[]>`
    SELECT vacancy_id AS "vacancyId", count(DISTINCT person_id)::int AS people
    FROM suggestion_logs WHERE shown_at > ${since} AND direction = 'VACANCIES_FOR_PERSON'
    GROUP BY vacancy_id`;
  return new Map(rows.map((r) => [r.vacancyId, r.people]));
}

/** Vacancies this person was already shown in the window (they keep seeing busy ones). */
export async function listSeenVacancyIds(personId: number): Promise<Set<number>> {
  const since = new Date(Date.now() - MATCHING_CONFIG.congestion.windowDays * 86_400_000);
  const rows = await db().$queryRaw<{ vacancyId: number }[]>`
    SELECT DISTINCT vacancy_id AS "vacancyId" FROM suggestion_logs
    WHERE person_id = ${personId} AND shown_at > ${since} AND direction = 'VACANCIES_FOR_PERSON'`;
  return new Set(rows.map((r) => r.vacancyId));
}

/** Dismissals still in force: the person and the vacancy are as they were when dismissed. */
export async function listActiveDismissals(where: { personId?: number; vacancyId?: number }) {
  return db().$queryRaw<{ personId: number; vacancyId: number; reason: string; note: string | null }[]>`
    SELECT d.person_id AS "personId", d.vacancy_id AS "vacancyId", d.reason::text AS reason, d.note
    FROM suggestion_dismissals d
    JOIN persons p ON p.id = d.person_id AND p.version = d.person_version
    JOIN vacancies v ON v.id = d.vacancy_id AND v.version = d.vacancy_version
    WHERE (${where.personId ?? null}::int IS NULL OR d.person_id = ${where.personId ?? null}::int)
      AND (${where.vacancyId ?? null}::int IS NULL OR d.vacancy_id = ${where.vacancyId ?? null}::int)`;
}
