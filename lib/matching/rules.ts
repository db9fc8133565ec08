// Pure matching rules: hard filters with reason codes, factors in [0,1], a weighted score and an
// explanation a caseworker can read out to the person. Used by the in-memory index, the SQL
// baseline in the benchmark, batch assignment and the unit tests alike.
import { MATCHING_CONFIG, type MatchingConfig } from "@/lib/matching/config";

export type Track = "TRANSFER" | "TRAIN_THEN_PLACE" | "LOCAL";

/** Why a placement ended (closed list, shared with placements). */
export const END_REASONS = [
  "DID_NOT_ADAPT",
  "WAGE",
  "HOUSING",
  "FAMILY",
  "HEALTH",
  "EMPLOYER_CLOSED",
  "RETURNED_HOME",
  "FOUND_ANOTHER_JOB",
  "COMMUTE",
  "OTHER",
] as const;
export type EndReason = (typeof END_REASONS)[number];
/** Reasons that say the job did not fit the person (as opposed to life events). */
export const MISFIT_REASONS: readonly EndReason[] = ["DID_NOT_ADAPT", "WAGE", "HOUSING", "COMMUTE"];

export type PastJob = {
  employerId: number;
  occupationCode: string | null;
  monthlyWage: number | null;
  roomAndBoard: boolean;
  countyCode: string | null;
  endReason: EndReason | null;
  endDate: Date | null;
};

export type MatchPerson = {
  id: number;
  age: number;
  track: Track;
  skillIds: readonly number[];
  certifiedSkillIds: readonly number[];
  /** Occupations the person has done or trained for (from skills and past jobs). */
  occupationCodes: readonly string[];
  preferredSectors: readonly string[];
  preferredRegions: readonly string[];
  expectedWage: number | null;
  householdSize: number;
  householdLabourers: number;
  needsAccommodation: boolean;
  acceptsTraining: boolean;
  homeCounty: string;
  currentCounty: string | null;
  history: readonly PastJob[];
  /** Policy priority for ties: monitored households, long-unemployed. Higher first. */
  priority: number;
};

export type MatchVacancy = {
  id: number;
  employerId: number;
  kind: "REGULAR" | "PUBLIC_WELFARE";
  open: boolean;
  openingsLeft: number;
  occupationCode: string | null;
  sector: string | null;
  requiredSkillIds: readonly number[];
  niceSkillIds: readonly number[];
  certificateSkillIds: readonly number[];
  trainingProvided: boolean;
  trainingDays: number | null;
  wageMin: number | null;
  wageMax: number | null;
  countyCode: string;
  roomAndBoard: boolean;
  ageMin: number | null;
  ageMax: number | null;
  genderRequirement: "NONE" | "MALE" | "FEMALE";
};

export type Params = Record<string, string | number | boolean | readonly (string | number)[]>;
export type Factor = { code: "OCCUPATION" | "SKILLS" | "LOCATION" | "WAGE" | "HOUSING"; weight: number; value: number; params: Params };
export type Note = { code: string; params: Params };
export type Exclusion = { code: ExclusionCode; params: Params };
export type ExclusionCode =
  | "NOT_OPEN"
  | "NO_OPENINGS"
  | "AGE"
  | "CERTIFICATE"
  | "NOT_LOCAL"
  | "PUBLIC_WELFARE_NOT_ELIGIBLE"
  | "RECENT_MISFIT_SAME_EMPLOYER"
  | "DISMISSED"
  | "CONGESTED";

export type Explanation = {
  score: number;
  factors: Factor[];
  checks: Note[];
  warnings: Note[];
  adjustments: Note[];
};

export type MatchContext = {
  now: Date;
  dismissed?: boolean;
  congested?: boolean;
  config?: MatchingConfig;
};

const DAY = 86_400_000;

export function canMigrate(person: Pick<MatchPerson, "track">): boolean {
  return person.track !== "LOCAL";
}

function isLocalTo(person: MatchPerson, county: string): boolean {
  return county === person.homeCounty || county === person.currentCounty;
}

/**
 * The first hard filter that excludes the vacancy, as a code only: the hot path of the index,
 * called for every (person, vacancy) pair it scans, so it allocates nothing.
 */
export function exclusionCode(person: MatchPerson, vacancy: MatchVacancy, ctx: MatchContext): ExclusionCode | null {
  const config = ctx.config ?? MATCHING_CONFIG;
  if (!vacancy.open) return "NOT_OPEN";
  if (vacancy.openingsLeft <= 0) return "NO_OPENINGS";
  if ((vacancy.ageMin !== null && person.age < vacancy.ageMin) || (vacancy.ageMax !== null && person.age > vacancy.ageMax)) return "AGE";
  for (const s of vacancy.certificateSkillIds) if (!person.certifiedSkillIds.includes(s)) return "CERTIFICATE";
  const place = placeExclusion(person, vacancy);
  if (place) return place;
  if (person.history.length && recentMisfitAt(person, vacancy.employerId, ctx.now, config)) return "RECENT_MISFIT_SAME_EMPLOYER";
  if (ctx.dismissed) return "DISMISSED";
  if (ctx.congested) return "CONGESTED";
  return null;
}

/**
 * The filter on where the job is against whether the person can move: it reads only the
 * vacancy's kind and county and the person's track and counties, so scans cache it with the
 * location relation.
 */
export function placeExclusion(person: MatchPerson, vacancy: MatchVacancy): "PUBLIC_WELFARE_NOT_ELIGIBLE" | "NOT_LOCAL" | null {
  if (vacancy.kind === "PUBLIC_WELFARE") {
    // Bought by government for people who cannot migrate, in their home county.
    if (canMigrate(person) || vacancy.countyCode !== person.homeCounty) return "PUBLIC_WELFARE_NOT_ELIGIBLE";
  } else if (!canMigrate(person) && !isLocalTo(person, vacancy.countyCode)) {
    return "NOT_LOCAL";
  }
  return null;
}

/** The same filter with what the caseworker needs to read it ("why not this job?"). */
export function exclusion(person: MatchPerson, vacancy: MatchVacancy, ctx: MatchContext): Exclusion | null {
  const code = exclusionCode(person, vacancy, ctx);
  if (!code) return null;
  const config = ctx.config ?? MATCHING_CONFIG;
  switch (code) {
    case "AGE":
      return { code, params: { age: person.age, min: vacancy.ageMin ?? 0, max: vacancy.ageMax ?? 99 } };
    case "CERTIFICATE":
      return { code, params: { skillIds: vacancy.certificateSkillIds.filter((s) => !person.certifiedSkillIds.includes(s)) } };
    case "NOT_LOCAL":
    case "PUBLIC_WELFARE_NOT_ELIGIBLE":
      return { code, params: { county: vacancy.countyCode } };
    case "RECENT_MISFIT_SAME_EMPLOYER":
      return { code, params: { until: recentMisfitAt(person, vacancy.employerId, ctx.now, config)!.toISOString().slice(0, 10) } };
    default:
      return { code, params: {} };
  }
}

function recentMisfitAt(person: MatchPerson, employerId: number, now: Date, config: MatchingConfig): Date | null {
  for (const job of person.history) {
    if (job.employerId !== employerId || !job.endReason || !MISFIT_REASONS.includes(job.endReason) || !job.endDate) continue;
    const until = new Date(job.endDate.getTime() + config.history.sameEmployerBlockDays * DAY);
    if (until > now) return until;
  }
  return null;
}

const DASH = 45; // "-"

/** Where the first `parts` segments of an occupation code end ("6-31-03-02", 3 -> 7), or -1
 *  when the code is shorter than that. */
function groupEnd(code: string, parts: number): number {
  let seen = 0;
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === DASH && ++seen === parts) return i;
  return seen === parts - 1 ? code.length : -1;
}

/** "6-31-03-02" and "6-31-03-01" share minor group "6-31-03" (parts = 3). No allocation. */
export function sameGroup(a: string, b: string, parts: number): boolean {
  const end = groupEnd(a, parts);
  if (end < 0 || end !== groupEnd(b, parts)) return false;
  for (let i = 0; i < end; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** sameGroup(code, other, parts) when `end` = groupEnd(other, parts) >= 0 is already known: the
 *  same characters up to `end`, and `code` ends or has its next dash there. */
function inGroupEndingAt(code: string, other: string, end: number): boolean {
  if (code.length < end || (code.length > end && code.charCodeAt(end) !== DASH)) return false;
  for (let i = 0; i < end; i++) if (code.charCodeAt(i) !== other.charCodeAt(i)) return false;
  return true;
}

type OccupationMatch = "EXACT" | "MINOR_GROUP" | "MEDIUM_GROUP" | "PREFERRED_SECTOR" | "UNRELATED" | "UNKNOWN";
const OCCUPATION_VALUE: Record<OccupationMatch, keyof MatchingConfig["occupation"]> = {
  EXACT: "exact",
  MINOR_GROUP: "minorGroup",
  MEDIUM_GROUP: "mediumGroup",
  PREFERRED_SECTOR: "sector",
  UNRELATED: "unrelated",
  UNKNOWN: "unknown",
};

/** The factor of a match (config.occupation[OCCUPATION_VALUE[match]], with constant keys). */
function occupationFactor(match: OccupationMatch, config: MatchingConfig): number {
  switch (match) {
    case "EXACT":
      return config.occupation.exact;
    case "MINOR_GROUP":
      return config.occupation.minorGroup;
    case "MEDIUM_GROUP":
      return config.occupation.mediumGroup;
    case "PREFERRED_SECTOR":
      return config.occupation.sector;
    case "UNRELATED":
      return config.occupation.unrelated;
    case "UNKNOWN":
      return config.occupation.unknown;
  }
}

/** What the occupation factor reads of a vacancy, with its code's group ends worked out. */
export type OccupationTarget = { code: string | null; sector: string | null; minorEnd: number; mediumEnd: number };

export function occupationTarget(vacancy: Pick<MatchVacancy, "occupationCode" | "sector">): OccupationTarget {
  const code = vacancy.occupationCode;
  return { code, sector: vacancy.sector, minorEnd: code ? groupEnd(code, 3) : -1, mediumEnd: code ? groupEnd(code, 2) : -1 };
}

function occupationMatch(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): OccupationMatch {
  const code = vacancy.occupationCode;
  return code && person.occupationCodes.length
    ? occupationMatchOf(person, code, vacancy.sector, groupEnd(code, 3), groupEnd(code, 2), config)
    : occupationMatchOf(person, code, vacancy.sector, -1, -1, config);
}

/** What the occupation factor reads of a person. */
export type OccupationProfile = Pick<MatchPerson, "occupationCodes" | "preferredSectors">;

function occupationMatchOf(person: OccupationProfile, code: string | null, sector: string | null, minorEnd: number, mediumEnd: number, config: MatchingConfig): OccupationMatch {
  const match = codesMatchOf(person.occupationCodes, code, minorEnd, mediumEnd);
  if (match !== "EXACT" && sector && occupationFactor(match, config) < config.occupation.sector && person.preferredSectors.includes(sector)) {
    return "PREFERRED_SECTOR";
  }
  return match;
}

/** How a person's occupation codes match the vacancy's code, before the sector preference. */
function codesMatchOf(codes: readonly string[], code: string | null, minorEnd: number, mediumEnd: number): OccupationMatch {
  if (!code || !codes.length) return "UNKNOWN";
  let match: OccupationMatch = "UNRELATED";
  for (let i = 0; i < codes.length; i++) {
    const o = codes[i]!;
    if (o === code) return "EXACT";
    if (minorEnd >= 0 && inGroupEndingAt(o, code, minorEnd)) match = "MINOR_GROUP";
    else if (match !== "MINOR_GROUP" && mediumEnd >= 0 && inGroupEndingAt(o, code, mediumEnd)) match = "MEDIUM_GROUP";
  }
  return match;
}

/**
 * The occupation factor in two steps, for a scan over many people: `[without, with]` are the
 * factor of these codes against the target for a person who does not, and who does, prefer the
 * target's sector. occupationValueFor(person, target) is one of the two, by construction.
 */
export function occupationValuesOfCodes(codes: readonly string[], target: OccupationTarget, config: MatchingConfig = MATCHING_CONFIG): [number, number] {
  const match = codesMatchOf(codes, target.code, target.minorEnd, target.mediumEnd);
  const without = occupationFactor(match, config);
  return [without, match !== "EXACT" && target.sector && without < config.occupation.sector ? occupationFactor("PREFERRED_SECTOR", config) : without];
}

/** The occupation factor of a pair: what the scans compute first, to prune with. */
export function occupationValue(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig = MATCHING_CONFIG): number {
  return occupationFactor(occupationMatch(person, vacancy, config), config);
}

/** occupationValue against a vacancy's occupationTarget (its group ends worked out once). */
export function occupationValueFor(person: OccupationProfile, target: OccupationTarget, config: MatchingConfig = MATCHING_CONFIG): number {
  return occupationFactor(occupationMatchOf(person, target.code, target.sector, target.minorEnd, target.mediumEnd, config), config);
}

/** The skills factor: reads the vacancy's required and nice-to-have skills and whether it trains,
 *  and the person's skills and whether they accept training. */
export function skillsValue(
  person: Pick<MatchPerson, "skillIds" | "acceptsTraining">,
  vacancy: Pick<MatchVacancy, "requiredSkillIds" | "niceSkillIds" | "trainingProvided">,
  config: MatchingConfig = MATCHING_CONFIG,
): number {
  const required = vacancy.requiredSkillIds;
  let covered = 0;
  for (const s of required) if (person.skillIds.includes(s)) covered++;
  let nice = 0;
  for (const s of vacancy.niceSkillIds) if (person.skillIds.includes(s)) nice++;
  return skillsFactor(required.length, covered, vacancy.trainingProvided && person.acceptsTraining, vacancy.niceSkillIds.length, nice, config);
}

/**
 * The skills factor from counts: how many skills the vacancy requires and how many of those the
 * person has (`covered`), whether the employer trains a person who accepts training, and the
 * same for the nice-to-have skills. skillsValue is this; scans count from typed arrays.
 */
export function skillsFactor(required: number, covered: number, trained: boolean, nice: number, niceCovered: number, config: MatchingConfig = MATCHING_CONFIG): number {
  let value = 1;
  if (required) value = (covered + (trained ? (required - covered) * config.trainableSkillCredit : 0)) / required;
  if (nice) value = Math.min(1, value + (0.1 * niceCovered) / nice);
  return value;
}

type LocationRelation = "SAME_COUNTY" | "SAME_CITY" | "PREFERRED_REGION" | "SAME_PROVINCE" | "ORGANISED_TRANSFER" | "FAR";
const LOCATION_VALUE: Record<LocationRelation, keyof MatchingConfig["location"]> = {
  SAME_COUNTY: "sameCounty",
  SAME_CITY: "sameCity",
  PREFERRED_REGION: "preferred",
  SAME_PROVINCE: "sameProvince",
  ORGANISED_TRANSFER: "organisedTransfer",
  FAR: "far",
};

/** county.startsWith(here.slice(0, n)), without making the slice. */
function startsWithHead(county: string, here: string, n: number): boolean {
  const m = here.length < n ? here.length : n;
  if (county.length < m) return false;
  for (let i = 0; i < m; i++) if (county.charCodeAt(i) !== here.charCodeAt(i)) return false;
  return true;
}

function locationRelation(person: MatchPerson, vacancy: MatchVacancy): LocationRelation {
  const county = vacancy.countyCode;
  const here = person.currentCounty ?? person.homeCounty;
  if (isLocalTo(person, county)) return "SAME_COUNTY";
  if (startsWithHead(county, here, 4)) return "SAME_CITY";
  for (const r of person.preferredRegions) if (county.startsWith(r)) return "PREFERRED_REGION";
  if (startsWithHead(county, here, 2)) return "SAME_PROVINCE";
  // Distance means less to someone who has chosen organised transfer to another province.
  return person.track === "TRANSFER" ? "ORGANISED_TRANSFER" : "FAR";
}

/** config.location[LOCATION_VALUE[relation]], with constant keys. */
function locationFactor(relation: LocationRelation, config: MatchingConfig): number {
  switch (relation) {
    case "SAME_COUNTY":
      return config.location.sameCounty;
    case "SAME_CITY":
      return config.location.sameCity;
    case "PREFERRED_REGION":
      return config.location.preferred;
    case "SAME_PROVINCE":
      return config.location.sameProvince;
    case "ORGANISED_TRANSFER":
      return config.location.organisedTransfer;
    case "FAR":
      return config.location.far;
  }
}

/** What the person's household needs them to earn a month. */
export function monthlyNeed(person: Pick<MatchPerson, "expectedWage" | "householdSize" | "householdLabourers">, config: MatchingConfig = MATCHING_CONFIG): number {
  const perEarner = (config.perPersonMonthlyNeed * Math.max(1, person.householdSize)) / Math.max(1, person.householdLabourers);
  return Math.round(Math.max(config.minimumMonthlyNeed, person.expectedWage ?? 0, perEarner));
}

/** What the vacancy pays a month, for the wage factor (the middle of its range). */
export function offeredWage(vacancy: Pick<MatchVacancy, "wageMin" | "wageMax">): number {
  return vacancy.wageMin !== null && vacancy.wageMax !== null ? (vacancy.wageMin + vacancy.wageMax) / 2 : (vacancy.wageMin ?? vacancy.wageMax ?? 0);
}

function roomAndBoardWorth(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): number {
  return vacancy.roomAndBoard && (person.needsAccommodation || !isLocalTo(person, vacancy.countyCode)) ? config.roomAndBoardValue : 0;
}

function wageValue(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig, need: number = monthlyNeed(person, config)): number {
  const offered = offeredWage(vacancy);
  if (offered === 0) return 0.5;
  const ratio = (offered + roomAndBoardWorth(person, vacancy, config)) / need;
  // Below need, value falls faster than the ratio: 80% of need is far from enough for a family.
  return Math.min(1, ratio) ** 2;
}

function housingNeeded(person: MatchPerson, vacancy: MatchVacancy): boolean {
  return person.needsAccommodation || !isLocalTo(person, vacancy.countyCode);
}

// History lessons as bits, so the hot path and the explanation apply exactly the same ones,
// each once (the same lesson twice is not twice as true).
const SAME_KIND_SAME_EMPLOYER = 1;
const SAME_KIND_MISFIT = 2;
const LEFT_FOR_WAGE = 4;
const LEFT_FOR_HOUSING = 8;
const LEFT_FOR_COMMUTE = 16;

function historyLessons(person: MatchPerson, vacancy: MatchVacancy): number {
  let bits = 0;
  const code = vacancy.occupationCode;
  for (const job of person.history) {
    if (!job.endReason || !MISFIT_REASONS.includes(job.endReason)) continue;
    const sameKind = Boolean(code && job.occupationCode && sameGroup(code, job.occupationCode, 3));
    if (sameKind && job.employerId === vacancy.employerId) bits |= SAME_KIND_SAME_EMPLOYER;
    else if (sameKind && job.endReason === "DID_NOT_ADAPT") bits |= SAME_KIND_MISFIT;
    if (job.endReason === "WAGE" && job.monthlyWage !== null && (vacancy.wageMax ?? vacancy.wageMin ?? 0) <= job.monthlyWage) bits |= LEFT_FOR_WAGE;
    if (job.endReason === "HOUSING" && !vacancy.roomAndBoard) bits |= LEFT_FOR_HOUSING;
    if (job.endReason === "COMMUTE" && vacancy.countyCode !== (person.currentCounty ?? person.homeCounty)) bits |= LEFT_FOR_COMMUTE;
  }
  return bits;
}

function multiplierFor(bits: number, vacancy: MatchVacancy, config: MatchingConfig): number {
  let m = 1;
  if (bits & SAME_KIND_SAME_EMPLOYER) m *= config.history.sameKindSameEmployer;
  if (bits & SAME_KIND_MISFIT) m *= config.history.sameKindElsewhere;
  if (bits & LEFT_FOR_WAGE) m *= config.history.reasonPenalty;
  if (bits & LEFT_FOR_HOUSING) m *= config.history.reasonPenalty;
  if (bits & LEFT_FOR_COMMUTE) m *= config.history.reasonPenalty;
  if (vacancy.kind === "PUBLIC_WELFARE") m *= config.publicWelfareFactor;
  return m;
}

const round1 = (x: number) => Math.round(x * 1000) / 10;

/** The score alone, 0-100: what the index computes for every pair it scans. */
export function quickScore(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig = MATCHING_CONFIG): number {
  return scoreGiven(person, vacancy, occupationValue(person, vacancy, config), monthlyNeed(person, config), config);
}

/**
 * quickScore when the occupation factor (occupationValue) and the person's monthlyNeed are
 * already known: a scan computes the first to prune with and the second once per person. Equal
 * to quickScore by construction (the same terms, added in the same order).
 */
export function scoreGiven(person: MatchPerson, vacancy: MatchVacancy, occupation: number, need: number, config: MatchingConfig = MATCHING_CONFIG): number {
  return scoreFromFactors(person, vacancy, occupation, skillsValue(person, vacancy, config), locationRelationIndex(person, vacancy), need, config);
}

/**
 * quickScore from its factors as a scan caches them: the occupation factor (occupationValue),
 * the skills factor (skillsValue), the location relation (locationRelationIndex; 0 means the
 * person is local to the job) and the person's monthlyNeed. quickScore is this, so the two
 * cannot differ.
 */
export function scoreFromFactors(person: MatchPerson, vacancy: MatchVacancy, occupation: number, skills: number, relation: number, need: number, config: MatchingConfig = MATCHING_CONFIG): number {
  const w = config.weights;
  // housingNeeded and roomAndBoardWorth, with isLocalTo read from the relation.
  const needed = person.needsAccommodation || relation !== 0;
  const offered = offeredWage(vacancy);
  const wage = offered === 0 ? 0.5 : Math.min(1, (offered + (vacancy.roomAndBoard && needed ? config.roomAndBoardValue : 0)) / need) ** 2;
  const weighted =
    w.occupation * occupation +
    w.skills * skills +
    w.location * locationFactor(LOCATION_RELATIONS[relation]!, config) +
    w.wage * wage +
    w.housing * (!needed || vacancy.roomAndBoard ? 1 : 0);
  const bits = person.history.length ? historyLessons(person, vacancy) : 0;
  return round1(weighted * multiplierFor(bits, vacancy, config));
}

/** Location relations in a fixed order, so scans can cache a relation as a small integer. */
export const LOCATION_RELATIONS: readonly LocationRelation[] = ["SAME_COUNTY", "SAME_CITY", "PREFERRED_REGION", "SAME_PROVINCE", "ORGANISED_TRANSFER", "FAR"];

/** locationRelation as an index of LOCATION_RELATIONS (0 is SAME_COUNTY: the person is local). */
export function locationRelationIndex(person: MatchPerson, vacancy: MatchVacancy): number {
  return LOCATION_RELATIONS.indexOf(locationRelation(person, vacancy));
}

/** The largest the history and public-welfare multipliers can make a score (1 unless a factor
 *  of the configuration is above 1). */
let multiplierOf: { config: MatchingConfig; max: number } | null = null;
function maxMultiplier(config: MatchingConfig): number {
  if (multiplierOf?.config !== config) {
    const up = (x: number) => Math.max(1, x);
    multiplierOf = { config, max: up(config.history.sameKindSameEmployer) * up(config.history.sameKindElsewhere) * up(config.history.reasonPenalty) ** 3 * up(config.publicWelfareFactor) };
  }
  return multiplierOf.max;
}

/**
 * Coarser bounds than ceilingOf, from the occupation, skills and location factors only (full
 * marks for wage and housing): `(occupation * o + skills * s + locations[relation] * l + rest) *
 * scale` is at least quickScore minus its rounding (0.05); with skills at 1, coarser still.
 * For the cheapest first tests of a scan.
 */
export function ceilingWeights(config: MatchingConfig = MATCHING_CONFIG) {
  const w = config.weights;
  return {
    occupation: w.occupation,
    skills: w.skills,
    location: w.location,
    rest: w.wage + w.housing,
    locations: LOCATION_RELATIONS.map((r) => locationFactor(r, config)),
    scale: 100 * maxMultiplier(config),
  };
}

/**
 * At least quickScore, from what a scan caches or keeps in typed columns: the occupation and
 * skills factors, the location relation (locationRelationIndex), the person's
 * needsAccommodation and monthlyNeed, the vacancy's offered wage (offeredWage) and roomAndBoard;
 * the multiplier at its largest. Not rounded: quickScore rounds to one decimal, so it can exceed
 * this by at most 0.05. A scan skips a pair when `ceilingOf(...) + 0.0501 < floor`: its score
 * cannot reach the floor.
 */
export function ceilingOf(
  occupation: number,
  skills: number,
  relation: number,
  needsAccommodation: boolean,
  need: number,
  offered: number,
  roomAndBoard: boolean,
  config: MatchingConfig = MATCHING_CONFIG,
): number {
  const w = config.weights;
  const needed = needsAccommodation || relation !== 0;
  const rb = roomAndBoard && needed ? config.roomAndBoardValue : 0;
  const wage = offered === 0 ? 0.5 : Math.min(1, (offered + rb) / need) ** 2;
  const weighted =
    w.occupation * occupation + w.skills * skills + w.location * locationFactor(LOCATION_RELATIONS[relation]!, config) + w.wage * wage + w.housing * (!needed || roomAndBoard ? 1 : 0);
  return weighted * maxMultiplier(config) * 100;
}

/** The most a person could score on a vacancy, knowing only the occupation match: lets a scan
 *  skip people who cannot reach the current top list. */
export function occupationUpperBound(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig = MATCHING_CONFIG): number {
  return upperBoundGiven(occupationValue(person, vacancy, config), config);
}

/** occupationUpperBound from the occupation factor (occupationValue). */
export function upperBoundGiven(occupation: number, config: MatchingConfig = MATCHING_CONFIG): number {
  const w = config.weights;
  return round1(w.occupation * occupation + (1 - w.occupation));
}

/** Score 0-100 with its explanation, for what is shown. Equal to quickScore by construction. */
export function scoreMatch(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig = MATCHING_CONFIG): Explanation {
  const occupation = occupationMatch(person, vacancy, config);
  const required = vacancy.requiredSkillIds;
  const missing = required.filter((s) => !person.skillIds.includes(s));
  const trained = vacancy.trainingProvided && person.acceptsTraining;
  const relation = locationRelation(person, vacancy);
  const need = monthlyNeed(person, config);
  const offered = offeredWage(vacancy);
  const rb = roomAndBoardWorth(person, vacancy, config);
  const needed = housingNeeded(person, vacancy);
  const factors: Factor[] = [
    { code: "OCCUPATION", weight: config.weights.occupation, value: config.occupation[OCCUPATION_VALUE[occupation]], params: { match: occupation, occupation: vacancy.occupationCode ?? "" } },
    { code: "SKILLS", weight: config.weights.skills, value: skillsValue(person, vacancy, config), params: { covered: required.length - missing.length, required: required.length, missing, trainedByEmployer: trained, trainingDays: vacancy.trainingDays ?? 0 } },
    { code: "LOCATION", weight: config.weights.location, value: config.location[LOCATION_VALUE[relation]], params: { relation, county: vacancy.countyCode } },
    { code: "WAGE", weight: config.weights.wage, value: wageValue(person, vacancy, config), params: { need, offered: Math.round(offered), roomAndBoardValue: rb, percentOfNeed: need > 0 ? Math.round(((offered + rb) / need) * 100) : 100 } },
    { code: "HOUSING", weight: config.weights.housing, value: !needed || vacancy.roomAndBoard ? 1 : 0, params: { needed, provided: vacancy.roomAndBoard } },
  ];

  const bits = person.history.length ? historyLessons(person, vacancy) : 0;
  const adjustments: Note[] = [];
  if (bits & SAME_KIND_SAME_EMPLOYER) adjustments.push({ code: "SAME_KIND_SAME_EMPLOYER_MISFIT", params: { factor: config.history.sameKindSameEmployer } });
  if (bits & SAME_KIND_MISFIT) adjustments.push({ code: "SAME_KIND_MISFIT", params: { factor: config.history.sameKindElsewhere } });
  if (bits & LEFT_FOR_WAGE) adjustments.push({ code: "LEFT_FOR_WAGE", params: { factor: config.history.reasonPenalty } });
  if (bits & LEFT_FOR_HOUSING) adjustments.push({ code: "LEFT_FOR_HOUSING", params: { factor: config.history.reasonPenalty } });
  if (bits & LEFT_FOR_COMMUTE) adjustments.push({ code: "LEFT_FOR_COMMUTE", params: { factor: config.history.reasonPenalty } });

  const checks: Note[] = [];
  const warnings: Note[] = [];
  if (vacancy.kind === "PUBLIC_WELFARE") checks.push({ code: "PUBLIC_WELFARE_POST", params: {} });
  if (vacancy.trainingProvided) checks.push({ code: "EMPLOYER_TRAINS", params: { days: vacancy.trainingDays ?? 0 } });
  if (vacancy.roomAndBoard) checks.push({ code: "ROOM_AND_BOARD", params: {} });
  if (vacancy.ageMin !== null || vacancy.ageMax !== null) checks.push({ code: "AGE_OK", params: { age: person.age } });
  if (vacancy.certificateSkillIds.length) checks.push({ code: "CERTIFICATES_OK", params: {} });
  // A stated gender requirement is flagged, never scored (Employment Promotion Law).
  if (vacancy.genderRequirement !== "NONE") warnings.push({ code: "GENDER_REQUIREMENT", params: { gender: vacancy.genderRequirement } });
  if (missing.length) warnings.push({ code: "SKILL_GAP", params: { skillIds: missing, trainedByEmployer: trained } });
  if (offered > 0 && offered + rb < need) warnings.push({ code: "WAGE_BELOW_NEED", params: { need, offered: Math.round(offered) } });
  if (needed && !vacancy.roomAndBoard) warnings.push({ code: "NO_HOUSING", params: {} });

  return { score: quickScore(person, vacancy, config), factors, checks, warnings, adjustments };
}

export type Ranked<T> = { item: T; explanation: Explanation };

/** Higher score first; ties by policy priority, then by id for a stable order. */
export function compareRanked(a: { score: number; priority: number; id: number }, b: { score: number; priority: number; id: number }): number {
  return b.score - a.score || b.priority - a.priority || a.id - b.id;
}
