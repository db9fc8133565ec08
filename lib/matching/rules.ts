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

/** The first hard filter that excludes the vacancy for this person, or null. */
export function exclusion(person: MatchPerson, vacancy: MatchVacancy, ctx: MatchContext): Exclusion | null {
  const config = ctx.config ?? MATCHING_CONFIG;
  if (!vacancy.open) return { code: "NOT_OPEN", params: {} };
  if (vacancy.openingsLeft <= 0) return { code: "NO_OPENINGS", params: {} };
  if ((vacancy.ageMin !== null && person.age < vacancy.ageMin) || (vacancy.ageMax !== null && person.age > vacancy.ageMax)) {
    return { code: "AGE", params: { age: person.age, min: vacancy.ageMin ?? 0, max: vacancy.ageMax ?? 99 } };
  }
  const missingCertificates = vacancy.certificateSkillIds.filter((s) => !person.certifiedSkillIds.includes(s));
  if (missingCertificates.length) return { code: "CERTIFICATE", params: { skillIds: missingCertificates } };
  if (vacancy.kind === "PUBLIC_WELFARE") {
    // Bought by government for people who cannot migrate, in their home county.
    if (canMigrate(person) || vacancy.countyCode !== person.homeCounty) {
      return { code: "PUBLIC_WELFARE_NOT_ELIGIBLE", params: { county: vacancy.countyCode } };
    }
  } else if (!canMigrate(person) && !isLocalTo(person, vacancy.countyCode)) {
    return { code: "NOT_LOCAL", params: { county: vacancy.countyCode } };
  }
  const blockedUntil = recentMisfitAt(person, vacancy.employerId, ctx.now, config);
  if (blockedUntil) return { code: "RECENT_MISFIT_SAME_EMPLOYER", params: { until: blockedUntil.toISOString().slice(0, 10) } };
  if (ctx.dismissed) return { code: "DISMISSED", params: {} };
  if (ctx.congested) return { code: "CONGESTED", params: {} };
  return null;
}

function recentMisfitAt(person: MatchPerson, employerId: number, now: Date, config: MatchingConfig): Date | null {
  for (const job of person.history) {
    if (job.employerId !== employerId || !job.endReason || !MISFIT_REASONS.includes(job.endReason) || !job.endDate) continue;
    const until = new Date(job.endDate.getTime() + config.history.sameEmployerBlockDays * DAY);
    if (until > now) return until;
  }
  return null;
}

const minorGroup = (code: string) => code.split("-").slice(0, 3).join("-");
const mediumGroup = (code: string) => code.split("-").slice(0, 2).join("-");

function occupationFactor(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): Factor {
  const c = config.occupation;
  let value: number = c.unknown;
  let match = "UNKNOWN";
  const code = vacancy.occupationCode;
  if (code && person.occupationCodes.length) {
    if (person.occupationCodes.includes(code)) [value, match] = [c.exact, "EXACT"];
    else if (person.occupationCodes.some((o) => minorGroup(o) === minorGroup(code))) [value, match] = [c.minorGroup, "MINOR_GROUP"];
    else if (person.occupationCodes.some((o) => mediumGroup(o) === mediumGroup(code))) [value, match] = [c.mediumGroup, "MEDIUM_GROUP"];
    else [value, match] = [c.unrelated, "UNRELATED"];
  }
  if (vacancy.sector && person.preferredSectors.includes(vacancy.sector) && value < c.sector) [value, match] = [c.sector, "PREFERRED_SECTOR"];
  return { code: "OCCUPATION", weight: config.weights.occupation, value, params: { match, occupation: code ?? "" } };
}

function skillsFactor(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): Factor {
  const required = vacancy.requiredSkillIds;
  const covered = required.filter((s) => person.skillIds.includes(s));
  const missing = required.filter((s) => !person.skillIds.includes(s));
  const trained = vacancy.trainingProvided && person.acceptsTraining;
  let value = required.length === 0 ? 1 : (covered.length + (trained ? missing.length * config.trainableSkillCredit : 0)) / required.length;
  const nice = vacancy.niceSkillIds.filter((s) => person.skillIds.includes(s)).length;
  if (vacancy.niceSkillIds.length) value = Math.min(1, value + (0.1 * nice) / vacancy.niceSkillIds.length);
  return {
    code: "SKILLS",
    weight: config.weights.skills,
    value,
    params: { covered: covered.length, required: required.length, missing, trainedByEmployer: trained, trainingDays: vacancy.trainingDays ?? 0 },
  };
}

function locationFactor(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): Factor {
  const c = config.location;
  const county = vacancy.countyCode;
  const here = person.currentCounty ?? person.homeCounty;
  let relation: string;
  let value: number;
  if (isLocalTo(person, county)) [relation, value] = ["SAME_COUNTY", c.sameCounty];
  else if (county.slice(0, 4) === here.slice(0, 4)) [relation, value] = ["SAME_CITY", c.sameCity];
  else if (person.preferredRegions.some((r) => county.startsWith(r))) [relation, value] = ["PREFERRED_REGION", c.preferred];
  else if (county.slice(0, 2) === here.slice(0, 2)) [relation, value] = ["SAME_PROVINCE", c.sameProvince];
  // Distance means less to someone who has chosen organised transfer to another province.
  else if (person.track === "TRANSFER") [relation, value] = ["ORGANISED_TRANSFER", c.organisedTransfer];
  else [relation, value] = ["FAR", c.far];
  return { code: "LOCATION", weight: config.weights.location, value, params: { relation, county } };
}

/** What the person's household needs them to earn a month. */
export function monthlyNeed(person: Pick<MatchPerson, "expectedWage" | "householdSize" | "householdLabourers">, config: MatchingConfig = MATCHING_CONFIG): number {
  const perEarner = (config.perPersonMonthlyNeed * Math.max(1, person.householdSize)) / Math.max(1, person.householdLabourers);
  return Math.round(Math.max(config.minimumMonthlyNeed, person.expectedWage ?? 0, perEarner));
}

function wageFactor(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): Factor {
  const need = monthlyNeed(person, config);
  const offered = vacancy.wageMin !== null && vacancy.wageMax !== null ? (vacancy.wageMin + vacancy.wageMax) / 2 : (vacancy.wageMin ?? vacancy.wageMax ?? 0);
  const away = !isLocalTo(person, vacancy.countyCode);
  const roomAndBoard = vacancy.roomAndBoard && (person.needsAccommodation || away) ? config.roomAndBoardValue : 0;
  const ratio = need > 0 ? (offered + roomAndBoard) / need : 1;
  // Below need, value falls faster than the ratio: 80% of need is far from enough for a family.
  const value = offered === 0 ? 0.5 : Math.min(1, ratio) ** 2;
  return {
    code: "WAGE",
    weight: config.weights.wage,
    value,
    params: { need, offered: Math.round(offered), roomAndBoardValue: roomAndBoard, percentOfNeed: Math.round(ratio * 100) },
  };
}

function housingFactor(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): Factor {
  const away = !isLocalTo(person, vacancy.countyCode);
  const needed = person.needsAccommodation || away;
  const value = !needed ? 1 : vacancy.roomAndBoard ? 1 : 0;
  return { code: "HOUSING", weight: config.weights.housing, value, params: { needed, provided: vacancy.roomAndBoard } };
}

/** What the person's past jobs say about this one: multipliers with their reasons. */
function historyAdjustments(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): Note[] {
  const notes: Note[] = [];
  const code = vacancy.occupationCode;
  for (const job of person.history) {
    if (!job.endReason || !MISFIT_REASONS.includes(job.endReason)) continue;
    const sameKind = Boolean(code && job.occupationCode && minorGroup(code) === minorGroup(job.occupationCode));
    if (sameKind && job.employerId === vacancy.employerId) {
      notes.push({ code: "SAME_KIND_SAME_EMPLOYER_MISFIT", params: { factor: config.history.sameKindSameEmployer, reason: job.endReason, employerId: job.employerId } });
    } else if (sameKind && job.endReason === "DID_NOT_ADAPT") {
      notes.push({ code: "SAME_KIND_MISFIT", params: { factor: config.history.sameKindElsewhere, reason: job.endReason } });
    }
    if (job.endReason === "WAGE" && job.monthlyWage !== null && (vacancy.wageMax ?? vacancy.wageMin ?? 0) <= job.monthlyWage) {
      notes.push({ code: "LEFT_FOR_WAGE", params: { factor: config.history.reasonPenalty, previousWage: job.monthlyWage } });
    }
    if (job.endReason === "HOUSING" && !vacancy.roomAndBoard) {
      notes.push({ code: "LEFT_FOR_HOUSING", params: { factor: config.history.reasonPenalty } });
    }
    if (job.endReason === "COMMUTE" && job.countyCode !== null && vacancy.countyCode !== (person.currentCounty ?? person.homeCounty)) {
      notes.push({ code: "LEFT_FOR_COMMUTE", params: { factor: config.history.reasonPenalty } });
    }
  }
  // One note per code: the same lesson twice is not twice as true.
  const seen = new Set<string>();
  return notes.filter((n) => (seen.has(n.code) ? false : (seen.add(n.code), true)));
}

/** Score 0-100 with its explanation. Call only for vacancies that passed `exclusion`. */
export function scoreMatch(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig = MATCHING_CONFIG): Explanation {
  const factors = [
    occupationFactor(person, vacancy, config),
    skillsFactor(person, vacancy, config),
    locationFactor(person, vacancy, config),
    wageFactor(person, vacancy, config),
    housingFactor(person, vacancy, config),
  ];
  const adjustments = historyAdjustments(person, vacancy, config);
  const checks: Note[] = [];
  const warnings: Note[] = [];
  let multiplier = 1;
  for (const a of adjustments) multiplier *= Number(a.params.factor);
  if (vacancy.kind === "PUBLIC_WELFARE") {
    multiplier *= config.publicWelfareFactor;
    checks.push({ code: "PUBLIC_WELFARE_POST", params: {} });
  }
  if (vacancy.trainingProvided) checks.push({ code: "EMPLOYER_TRAINS", params: { days: vacancy.trainingDays ?? 0 } });
  if (vacancy.roomAndBoard) checks.push({ code: "ROOM_AND_BOARD", params: {} });
  if (vacancy.ageMin !== null || vacancy.ageMax !== null) checks.push({ code: "AGE_OK", params: { age: person.age } });
  if (vacancy.certificateSkillIds.length) checks.push({ code: "CERTIFICATES_OK", params: {} });
  // A stated gender requirement is flagged, never scored (Employment Promotion Law).
  if (vacancy.genderRequirement !== "NONE") warnings.push({ code: "GENDER_REQUIREMENT", params: { gender: vacancy.genderRequirement } });
  const skills = factors[1]!;
  if ((skills.params.missing as readonly number[]).length) warnings.push({ code: "SKILL_GAP", params: { skillIds: skills.params.missing as readonly number[], trainedByEmployer: skills.params.trainedByEmployer as boolean } });
  const wage = factors[3]!;
  if (Number(wage.params.percentOfNeed) < 100) warnings.push({ code: "WAGE_BELOW_NEED", params: { need: wage.params.need as number, offered: wage.params.offered as number } });
  const housing = factors[4]!;
  if (housing.params.needed && !housing.params.provided) warnings.push({ code: "NO_HOUSING", params: {} });

  const weighted = factors.reduce((sum, f) => sum + f.weight * f.value, 0);
  const score = Math.round(weighted * multiplier * 1000) / 10;
  return { score, factors, checks, warnings, adjustments };
}

export type Ranked<T> = { item: T; explanation: Explanation };

/** Higher score first; ties by policy priority, then by id for a stable order. */
export function compareRanked(a: { score: number; priority: number; id: number }, b: { score: number; priority: number; id: number }): number {
  return b.score - a.score || b.priority - a.priority || a.id - b.id;
}
