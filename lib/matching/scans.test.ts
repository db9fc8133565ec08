// The scans' shortcuts (cached factors, bounds that skip pairs, typed arrays) must not change a
// single result: the index, the drive's candidate lists, the auction and quickScore are checked
// here against the code they replaced, kept below verbatim (git 0bface1), on random people and
// vacancies that exercise every rule (occupation codes of every length, sectors, regions, tracks,
// public-welfare posts, history, certificates, ages, missing wages) and on ties.
import { describe, expect, it } from "vitest";
import { MATCHING_CONFIG, type MatchingConfig } from "@/lib/matching/config";
import {
  END_REASONS,
  MISFIT_REASONS,
  exclusionCode,
  occupationUpperBound,
  quickScore,
  scoreMatch,
  type ExclusionCode,
  type MatchContext,
  type MatchPerson,
  type MatchVacancy,
  type Track,
} from "@/lib/matching/rules";
import { MatchIndex, candidateLists, type IndexedPerson, type IndexedVacancy } from "@/lib/matching/match-index";
import { solveAssignment, type AssignmentInput, type AssignmentResult } from "@/lib/matching/assignment";

const NOW = new Date("2026-11-26T08:00:00Z");
const DAY = 86_400_000;
type OccupationMatch = "EXACT" | "MINOR_GROUP" | "MEDIUM_GROUP" | "PREFERRED_SECTOR" | "UNRELATED" | "UNKNOWN";
type LocationRelation = "SAME_COUNTY" | "SAME_CITY" | "PREFERRED_REGION" | "SAME_PROVINCE" | "ORGANISED_TRANSFER" | "FAR";

// ---- Reference: lib/matching/rules.ts and assignment.ts before the scans were optimised (git 0bface1), verbatim but for names.
function canMigrate(person: Pick<MatchPerson, "track">): boolean {
  return person.track !== "LOCAL";
}
function isLocalTo(person: MatchPerson, county: string): boolean {
  return county === person.homeCounty || county === person.currentCounty;
}
function refExclusionCode(person: MatchPerson, vacancy: MatchVacancy, ctx: MatchContext): ExclusionCode | null {
  const config = ctx.config ?? MATCHING_CONFIG;
  if (!vacancy.open) return "NOT_OPEN";
  if (vacancy.openingsLeft <= 0) return "NO_OPENINGS";
  if ((vacancy.ageMin !== null && person.age < vacancy.ageMin) || (vacancy.ageMax !== null && person.age > vacancy.ageMax)) return "AGE";
  for (const s of vacancy.certificateSkillIds) if (!person.certifiedSkillIds.includes(s)) return "CERTIFICATE";
  if (vacancy.kind === "PUBLIC_WELFARE") {
    // Bought by government for people who cannot migrate, in their home county.
    if (canMigrate(person) || vacancy.countyCode !== person.homeCounty) return "PUBLIC_WELFARE_NOT_ELIGIBLE";
  } else if (!canMigrate(person) && !isLocalTo(person, vacancy.countyCode)) {
    return "NOT_LOCAL";
  }
  if (person.history.length && recentMisfitAt(person, vacancy.employerId, ctx.now, config)) return "RECENT_MISFIT_SAME_EMPLOYER";
  if (ctx.dismissed) return "DISMISSED";
  if (ctx.congested) return "CONGESTED";
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
function groupEnd(code: string, parts: number): number {
  let seen = 0;
  for (let i = 0; i < code.length; i++) if (code[i] === "-" && ++seen === parts) return i;
  return seen === parts - 1 ? code.length : -1;
}
function sameGroup(a: string, b: string, parts: number): boolean {
  const end = groupEnd(a, parts);
  if (end < 0 || end !== groupEnd(b, parts)) return false;
  for (let i = 0; i < end; i++) if (a[i] !== b[i]) return false;
  return true;
}
const OCCUPATION_VALUE: Record<OccupationMatch, keyof MatchingConfig["occupation"]> = {
  EXACT: "exact",
  MINOR_GROUP: "minorGroup",
  MEDIUM_GROUP: "mediumGroup",
  PREFERRED_SECTOR: "sector",
  UNRELATED: "unrelated",
  UNKNOWN: "unknown",
};
function occupationMatch(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): OccupationMatch {
  const code = vacancy.occupationCode;
  let match: OccupationMatch = "UNKNOWN";
  if (code && person.occupationCodes.length) {
    match = "UNRELATED";
    for (const o of person.occupationCodes) {
      if (o === code) return "EXACT";
      if (sameGroup(o, code, 3)) match = "MINOR_GROUP";
      else if (match !== "MINOR_GROUP" && sameGroup(o, code, 2)) match = "MEDIUM_GROUP";
    }
  }
  if (vacancy.sector && config.occupation[OCCUPATION_VALUE[match]] < config.occupation.sector && person.preferredSectors.includes(vacancy.sector)) {
    return "PREFERRED_SECTOR";
  }
  return match;
}
function skillsValue(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): number {
  const required = vacancy.requiredSkillIds;
  let value = 1;
  if (required.length) {
    let covered = 0;
    for (const s of required) if (person.skillIds.includes(s)) covered++;
    const trained = vacancy.trainingProvided && person.acceptsTraining;
    value = (covered + (trained ? (required.length - covered) * config.trainableSkillCredit : 0)) / required.length;
  }
  if (vacancy.niceSkillIds.length) {
    let nice = 0;
    for (const s of vacancy.niceSkillIds) if (person.skillIds.includes(s)) nice++;
    value = Math.min(1, value + (0.1 * nice) / vacancy.niceSkillIds.length);
  }
  return value;
}
const LOCATION_VALUE: Record<LocationRelation, keyof MatchingConfig["location"]> = {
  SAME_COUNTY: "sameCounty",
  SAME_CITY: "sameCity",
  PREFERRED_REGION: "preferred",
  SAME_PROVINCE: "sameProvince",
  ORGANISED_TRANSFER: "organisedTransfer",
  FAR: "far",
};
function locationRelation(person: MatchPerson, vacancy: MatchVacancy): LocationRelation {
  const county = vacancy.countyCode;
  const here = person.currentCounty ?? person.homeCounty;
  if (isLocalTo(person, county)) return "SAME_COUNTY";
  if (county.startsWith(here.slice(0, 4))) return "SAME_CITY";
  for (const r of person.preferredRegions) if (county.startsWith(r)) return "PREFERRED_REGION";
  if (county.startsWith(here.slice(0, 2))) return "SAME_PROVINCE";
  // Distance means less to someone who has chosen organised transfer to another province.
  return person.track === "TRANSFER" ? "ORGANISED_TRANSFER" : "FAR";
}
function refMonthlyNeed(person: Pick<MatchPerson, "expectedWage" | "householdSize" | "householdLabourers">, config: MatchingConfig = MATCHING_CONFIG): number {
  const perEarner = (config.perPersonMonthlyNeed * Math.max(1, person.householdSize)) / Math.max(1, person.householdLabourers);
  return Math.round(Math.max(config.minimumMonthlyNeed, person.expectedWage ?? 0, perEarner));
}
function offeredWage(vacancy: MatchVacancy): number {
  return vacancy.wageMin !== null && vacancy.wageMax !== null ? (vacancy.wageMin + vacancy.wageMax) / 2 : (vacancy.wageMin ?? vacancy.wageMax ?? 0);
}
function roomAndBoardWorth(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): number {
  return vacancy.roomAndBoard && (person.needsAccommodation || !isLocalTo(person, vacancy.countyCode)) ? config.roomAndBoardValue : 0;
}
function wageValue(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig): number {
  const offered = offeredWage(vacancy);
  if (offered === 0) return 0.5;
  const ratio = (offered + roomAndBoardWorth(person, vacancy, config)) / refMonthlyNeed(person, config);
  // Below need, value falls faster than the ratio: 80% of need is far from enough for a family.
  return Math.min(1, ratio) ** 2;
}
function housingNeeded(person: MatchPerson, vacancy: MatchVacancy): boolean {
  return person.needsAccommodation || !isLocalTo(person, vacancy.countyCode);
}
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
const refRound1 = (x: number) => Math.round(x * 1000) / 10;
function refQuickScore(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig = MATCHING_CONFIG): number {
  const w = config.weights;
  const weighted =
    w.occupation * config.occupation[OCCUPATION_VALUE[occupationMatch(person, vacancy, config)]] +
    w.skills * skillsValue(person, vacancy, config) +
    w.location * config.location[LOCATION_VALUE[locationRelation(person, vacancy)]] +
    w.wage * wageValue(person, vacancy, config) +
    w.housing * (!housingNeeded(person, vacancy) || vacancy.roomAndBoard ? 1 : 0);
  const bits = person.history.length ? historyLessons(person, vacancy) : 0;
  return refRound1(weighted * multiplierFor(bits, vacancy, config));
}
function refOccupationUpperBound(person: MatchPerson, vacancy: MatchVacancy, config: MatchingConfig = MATCHING_CONFIG): number {
  const w = config.weights;
  return refRound1(w.occupation * config.occupation[OCCUPATION_VALUE[occupationMatch(person, vacancy, config)]] + (1 - w.occupation));
}

class RefSlotHeap {
  prices: number[];
  holders: number[];
  constructor(capacity: number) {
    this.prices = new Array(capacity).fill(0);
    this.holders = new Array(capacity).fill(-1);
  }
  get size() {
    return this.prices.length;
  }
  minPrice() {
    return this.prices[0]!;
  }
  /** The second-cheapest price (a bidder's alternative within the same vacancy). */
  secondPrice() {
    const n = this.prices.length;
    if (n < 2) return Infinity;
    if (n === 2) return this.prices[1]!;
    return Math.min(this.prices[1]!, this.prices[2]!);
  }
  /** Gives the cheapest slot to `holder` at `price`; returns the previous holder. */
  replaceMin(price: number, holder: number): number {
    const previous = this.holders[0]!;
    this.prices[0] = price;
    this.holders[0] = holder;
    let i = 0;
    const n = this.prices.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.prices[l]! < this.prices[m]!) m = l;
      if (r < n && this.prices[r]! < this.prices[m]!) m = r;
      if (m === i) break;
      [this.prices[i], this.prices[m]] = [this.prices[m]!, this.prices[i]!];
      [this.holders[i], this.holders[m]] = [this.holders[m]!, this.holders[i]!];
      i = m;
    }
    return previous;
  }
}
function refSolveAssignment(input: AssignmentInput): AssignmentResult {
  const n = input.candidates.length;
  const maxValue = input.candidates.reduce((m, list) => list.reduce((x, c) => Math.max(x, c.value), m), 0);
  // Optimal within n * epsilon; values are scores 0-100, so this keeps the gap tiny.
  const epsilon = input.epsilon ?? Math.max(1e-6, maxValue / Math.max(1, n) / 1000);
  const heaps = input.capacity.map((c) => new RefSlotHeap(Math.max(0, c)));
  const assigned = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  for (let i = n - 1; i >= 0; i--) if (input.candidates[i]!.length) queue.push(i);
  let iterations = 0;

  while (queue.length) {
    const i = queue.pop()!;
    iterations++;
    let best = -1;
    let bestNet = 0; // staying unassigned is worth 0
    let secondNet = 0;
    for (const c of input.candidates[i]!) {
      const heap = heaps[c.vacancy]!;
      if (heap.size === 0) continue;
      const net = c.value - heap.minPrice();
      if (net > bestNet) {
        secondNet = Math.max(bestNet, c.value - heap.secondPrice());
        bestNet = net;
        best = c.vacancy;
      } else if (net > secondNet) {
        secondNet = net;
      }
    }
    // Every option costs more than it is worth: this person stays unassigned, and since
    // prices only rise, that stays true.
    if (best < 0) continue;
    const heap = heaps[best]!;
    const price = heap.minPrice() + (bestNet - Math.max(0, secondNet)) + epsilon;
    const outbid = heap.replaceMin(price, i);
    assigned[i] = best;
    if (outbid >= 0) {
      assigned[outbid] = -1;
      queue.push(outbid);
    }
  }

  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = assigned[i]!;
    if (v >= 0) total += input.candidates[i]!.find((c) => c.vacancy === v)!.value;
  }
  // Dual: every slot's price plus every person's best net value at those prices (at least 0,
  // and at least what any vacancy outside their list could be worth, at price 0).
  let upperBound = 0;
  for (const heap of heaps) for (const p of heap.prices) upperBound += p;
  for (let i = 0; i < n; i++) {
    let profit = Math.max(0, input.outsideBound?.[i] ?? 0);
    for (const c of input.candidates[i]!) {
      const heap = heaps[c.vacancy]!;
      if (heap.size) profit = Math.max(profit, c.value - heap.minPrice());
    }
    upperBound += profit;
  }
  upperBound = Math.max(upperBound, total);
  return { assigned, total, upperBound, gap: upperBound > 0 ? (upperBound - total) / upperBound : 0, iterations };
}

// ---- Random people and vacancies

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = ["6-25", "6-25-01", "6-25-01-03", "6-25-01-04", "6-25-02-01", "6-31-03", "6-31-03-01", "6-31-03-02", "6-31", "6-18-01-01", "6-18-02-04", "4-03-02-01", "4-03", "6", "6-2", "6-25-01-03-9"];
const COUNTIES = ["520625", "520621", "630202", "320505", "320506", "320206", "330106", "440303", "3205"];
const SECTORS = ["MANUFACTURING", "ELECTRONICS", "CATERING", "", "CONSTRUCTION"];
const REGIONS = ["3205", "32", "3302", "44", "5206"];
const TRACKS: Track[] = ["TRANSFER", "TRAIN_THEN_PLACE", "LOCAL"];

function generator(seed: number) {
  const r = rng(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const some = <T,>(items: readonly T[], max: number): T[] => [...new Set(Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(items)))];
  const maybe = <T,>(p: number, value: () => T): T | null => (r() < p ? value() : null);
  let ids = 0;
  const person = (): IndexedPerson => {
    const skills = some([1, 2, 3, 4, 5, 6, 7, 8], 3);
    return {
      id: ++ids,
      version: 1,
      officeId: 1 + Math.floor(r() * 3),
      originCode: pick(COUNTIES),
      birthDate: new Date(Date.UTC(1970, 0, 1)),
      age: 16 + Math.floor(r() * 50),
      track: pick(TRACKS),
      skillIds: skills,
      certifiedSkillIds: skills.filter(() => r() < 0.4),
      occupationCodes: some(CODES, 4),
      preferredSectors: some(SECTORS, 2),
      preferredRegions: some(REGIONS, 2),
      expectedWage: maybe(0.8, () => Math.round(1500 + r() * 7000)),
      householdSize: 1 + Math.floor(r() * 8),
      householdLabourers: Math.floor(r() * 4),
      needsAccommodation: r() < 0.5,
      acceptsTraining: r() < 0.5,
      homeCounty: pick(COUNTIES),
      currentCounty: maybe(0.6, () => pick(COUNTIES)),
      history:
        r() < 0.3
          ? Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
              employerId: 1 + Math.floor(r() * 5),
              occupationCode: maybe(0.8, () => pick(CODES)),
              monthlyWage: maybe(0.8, () => Math.round(2000 + r() * 6000)),
              roomAndBoard: r() < 0.5,
              countyCode: maybe(0.8, () => pick(COUNTIES)),
              endReason: maybe(0.8, () => pick(END_REASONS)),
              endDate: maybe(0.8, () => new Date(NOW.getTime() - Math.floor(r() * 400) * DAY)),
            }))
          : [],
      priority: Math.floor(r() * 3),
    };
  };
  const vacancy = (): IndexedVacancy => {
    const wageMin = maybe(0.9, () => Math.round(1000 + r() * 8000));
    return {
      id: ++ids,
      version: 1,
      officeId: 1,
      employerId: 1 + Math.floor(r() * 5),
      kind: r() < 0.15 ? "PUBLIC_WELFARE" : "REGULAR",
      open: r() < 0.95,
      openingsLeft: Math.floor(r() * 6) - 1,
      occupationCode: maybe(0.9, () => pick(CODES)),
      sector: maybe(0.8, () => pick(SECTORS)),
      requiredSkillIds: some([1, 2, 3, 4, 5, 6, 7, 8], 3),
      niceSkillIds: some([1, 2, 3, 4, 5, 6, 7, 8], 2),
      certificateSkillIds: r() < 0.1 ? [pick([1, 2, 3, 4])] : [],
      trainingProvided: r() < 0.4,
      trainingDays: null,
      wageMin,
      wageMax: maybe(0.8, () => (wageMin ?? 3000) + Math.round(r() * 2000)),
      countyCode: pick(COUNTIES),
      roomAndBoard: r() < 0.5,
      ageMin: maybe(0.4, () => 16 + Math.floor(r() * 10)),
      ageMax: maybe(0.5, () => 35 + Math.floor(r() * 25)),
      genderRequirement: "NONE",
    };
  };
  return { person, vacancy, r };
}

/** Brute force, as the index did it: every filter and the score on every row, then sorted. */
function bruteTop<T extends { id: number }>(rows: { item: T; score: number; priority: number }[], limit: number) {
  return rows
    .sort((a, b) => b.score - a.score || b.priority - a.priority || a.item.id - b.item.id)
    .slice(0, limit)
    .map((h) => [h.item.id, h.score]);
}

describe("quickScore and exclusionCode against the code they replaced", () => {
  // 30,000 pairs under several configurations: seconds on a loaded machine.
  it("give the same score and the same reason on 30,000 random pairs, and scoreMatch agrees", { timeout: 60_000 }, () => {
    const g = generator(1);
    const configs: MatchingConfig[] = [
      MATCHING_CONFIG,
      { ...MATCHING_CONFIG, occupation: { ...MATCHING_CONFIG.occupation, exact: 0.2, sector: 0.9 }, publicWelfareFactor: 1.2 } as unknown as MatchingConfig,
    ];
    for (let n = 0; n < 30_000; n++) {
      const p = g.person();
      const v = g.vacancy();
      const config = configs[n % configs.length]!;
      const ctx = { now: NOW, config };
      expect(exclusionCode(p, v, ctx)).toBe(refExclusionCode(p, v, ctx));
      expect(quickScore(p, v, config)).toBe(refQuickScore(p, v, config));
      expect(occupationUpperBound(p, v, config)).toBe(refOccupationUpperBound(p, v, config));
      if (n % 10 === 0) expect(scoreMatch(p, v, config).score).toBe(refQuickScore(p, v, config));
    }
  });
});

describe("MatchIndex scans against brute force", () => {
  const g = generator(2);
  const index = new MatchIndex();
  const persons: IndexedPerson[] = [];
  const vacancies: IndexedVacancy[] = [];
  for (let i = 0; i < 600; i++) {
    const v = g.vacancy();
    vacancies.push(v);
    index.upsertVacancy(v, v.id);
  }
  for (let i = 0; i < 900; i++) {
    const p = g.person();
    persons.push(p);
    index.upsertPerson(p, p.id);
  }
  // Changes and removals, so that slots are reused.
  for (let i = 0; i < 150; i++) {
    const v = vacancies[Math.floor(g.r() * vacancies.length)]!;
    const changed = { ...g.vacancy(), id: v.id };
    index.upsertVacancy(g.r() < 0.3 ? null : changed, v.id);
    const p = persons[Math.floor(g.r() * persons.length)]!;
    index.upsertPerson(g.r() < 0.3 ? null : { ...g.person(), id: p.id }, p.id);
  }
  for (const v of index.vacancies.values()) if (g.r() < 0.2) index.exposure.set(v.id, Math.floor(g.r() * 60));

  it("topVacancies: the same hits, scores and order for 300 people, with dismissals, seen and congestion", () => {
    const all = [...index.vacancies.values()];
    for (let n = 0; n < 300; n++) {
      const person = g.person();
      const dismissed = new Set(all.filter(() => g.r() < 0.05).map((v) => v.id));
      const seen = new Set(all.filter(() => g.r() < 0.1).map((v) => v.id));
      const limit = [1, 5, 20, 1000][n % 4]!;
      const expected = bruteTop(
        all
          .filter((v) => !dismissed.has(v.id) && (seen.has(v.id) || !index.isCongested(v)) && refExclusionCode(person, v, { now: NOW }) === null)
          .map((v) => ({ item: v, score: refQuickScore(person, v), priority: 0 })),
        limit,
      );
      expect(index.topVacancies(person, { limit, now: NOW, dismissed, seen }).map((h) => [h.item.id, h.score])).toEqual(expected);
    }
  });

  it("topCandidates: the same hits, scores and order for 200 vacancies, for everyone and for one office", () => {
    const all = [...index.persons.values()];
    for (let n = 0; n < 200; n++) {
      const vacancy = g.vacancy();
      const open = { ...vacancy, open: true, openingsLeft: Math.max(1, vacancy.openingsLeft) };
      const dismissed = new Set(all.filter(() => g.r() < 0.05).map((p) => p.id));
      const visible = n % 2 ? () => true : (p: IndexedPerson) => p.officeId === 2;
      const limit = [1, 5, 20, 1000][n % 4]!;
      const expected = bruteTop(
        all
          .filter((p) => visible(p) && !dismissed.has(p.id) && refExclusionCode(p, open, { now: NOW }) === null)
          .map((p) => ({ item: p, score: refQuickScore(p, open), priority: p.priority })),
        limit,
      );
      expect(index.topCandidates(vacancy, { limit, now: NOW, visible, dismissed }).map((h) => [h.item.id, h.score])).toEqual(expected);
    }
  });
});

describe("skill ids that are not small integers", () => {
  it("fall back to skillsValue and give the same results", () => {
    const g = generator(5);
    const odd = [2.5, -1, 3, 2_000_000];
    const index = new MatchIndex();
    const vacancies = Array.from({ length: 200 }, (_, i) => ({ ...g.vacancy(), open: true, requiredSkillIds: i % 3 ? [odd[i % 4]!, 3] : [3] }));
    const persons = Array.from({ length: 200 }, (_, i) => ({ ...g.person(), skillIds: i % 2 ? [odd[i % 4]!, 3] : [3, 4] }));
    vacancies.forEach((v) => index.upsertVacancy(v, v.id));
    persons.forEach((p) => index.upsertPerson(p, p.id));
    for (const person of persons.slice(0, 40)) {
      const expected = bruteTop(
        vacancies.filter((v) => refExclusionCode(person, v, { now: NOW }) === null && !index.isCongested(v)).map((v) => ({ item: v, score: refQuickScore(person, v), priority: 0 })),
        10,
      );
      expect(index.topVacancies(person, { limit: 10, now: NOW, dismissed: new Set(), seen: new Set() }).map((h) => [h.item.id, h.score])).toEqual(expected);
    }
    for (const vacancy of vacancies.slice(0, 40)) {
      const open = { ...vacancy, openingsLeft: Math.max(1, vacancy.openingsLeft) };
      const expected = bruteTop(
        persons.filter((p) => refExclusionCode(p, open, { now: NOW }) === null).map((p) => ({ item: p, score: refQuickScore(p, open), priority: p.priority })),
        10,
      );
      expect(index.topCandidates(vacancy, { limit: 10, now: NOW, visible: () => true, dismissed: new Set() }).map((h) => [h.item.id, h.score])).toEqual(expected);
    }
  });
});

describe("candidateLists against every pair scored and sorted (what proposeAssignment once built)", () => {
  it("the same top k and outside bound for every person, ties included", () => {
    const g = generator(3);
    for (const [people, count, k] of [[150, 400, 100], [200, 60, 5], [50, 300, 1]] as const) {
      const ps = Array.from({ length: people }, () => g.person());
      const vs = Array.from({ length: count }, () => g.vacancy());
      const dismissed = new Set(ps.flatMap((p) => vs.filter(() => g.r() < 0.05).map((v) => `${p.id}:${v.id}`)));
      const expected = ps.map((person) => {
        const scored: { vacancy: number; value: number }[] = [];
        vs.forEach((v, j) => {
          if (refExclusionCode(person, v, { now: NOW }) !== null) return;
          if (dismissed.has(`${person.id}:${v.id}`)) return;
          const value = refQuickScore(person, v);
          if (value > 0) scored.push({ vacancy: j, value });
        });
        scored.sort((a, b) => b.value - a.value);
        return { list: scored.slice(0, k), outside: scored[k]?.value ?? 0 };
      });
      const got = candidateLists(ps, vs, NOW, k, dismissed);
      expect(got.candidates).toEqual(expected.map((e) => e.list));
      expect(got.outsideBound).toEqual(expected.map((e) => e.outside));
    }
  });
});

describe("solveAssignment against the auction it replaced", () => {
  it("the same assignment, total, bound and number of bids", { timeout: 60_000 }, () => {
    const r = rng(4);
    for (let seed = 0; seed < 40; seed++) {
      const people = 5 + Math.floor(r() * 80);
      const vacancies = 1 + Math.floor(r() * 40);
      // Values on a coarse grid: many ties, as with scores rounded to 0.1.
      const input: AssignmentInput = {
        capacity: Array.from({ length: vacancies }, () => Math.floor(r() * 4)),
        candidates: Array.from({ length: people }, () =>
          Array.from({ length: vacancies }, (_, v) => ({ vacancy: v, value: Math.round(r() * 20) * 5 }))
            .filter(() => r() < 0.5)
            .sort((a, b) => b.value - a.value),
        ),
        outsideBound: Array.from({ length: people }, () => (r() < 0.3 ? Math.round(r() * 100) : 0)),
        epsilon: seed % 2 ? 0.01 : undefined,
      };
      const a = solveAssignment(input);
      const b = refSolveAssignment(input);
      expect([...a.assigned]).toEqual([...b.assigned]);
      expect([a.total, a.upperBound, a.gap, a.iterations]).toEqual([b.total, b.upperBound, b.gap, b.iterations]);
    }
  });
});
