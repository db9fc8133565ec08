// proposeAssignment on random people and vacancies scored by the matching rules, against the
// exact optimum over every pair (HiGHS: the LP is integral, its constraint matrix being totally
// unimodular), with candidate lists far shorter than the pool so that column generation has to
// find what they leave out.
import { describe, expect, it } from "vitest";
import highsLoader from "highs";
import { proposeAssignment } from "@/lib/drives/rules";
import { END_REASONS, exclusionCode, quickScore, type MatchPerson, type MatchVacancy, type Track } from "@/lib/matching/rules";

const NOW = new Date("2026-11-26T08:00:00Z");
const DAY = 86_400_000;

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

const CODES = ["6-25", "6-25-01", "6-25-01-03", "6-25-01-04", "6-25-02-01", "6-31-03", "6-31-03-01", "6-18-02-04", "4-03-02-01", "4-03", "6"];
const COUNTIES = ["520625", "520621", "320505", "320506", "320206", "330106"];
const SECTORS = ["MANUFACTURING", "ELECTRONICS", "CATERING", "CONSTRUCTION"];
const REGIONS = ["3205", "32", "3301", "5206"];
const TRACKS: Track[] = ["TRANSFER", "TRAIN_THEN_PLACE", "LOCAL"];

/** Random people and open vacancies that exercise the filters and every factor. */
function world(seed: number, people: number, vacancies: number) {
  const r = rng(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const some = <T,>(items: readonly T[], max: number): T[] => [...new Set(Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(items)))];
  const maybe = <T,>(p: number, value: () => T): T | null => (r() < p ? value() : null);
  let ids = 0;
  const person = (): MatchPerson => {
    const skills = some([1, 2, 3, 4, 5, 6], 3);
    return {
      id: ++ids,
      age: 18 + Math.floor(r() * 40),
      track: pick(TRACKS),
      skillIds: skills,
      certifiedSkillIds: skills.filter(() => r() < 0.5),
      occupationCodes: some(CODES, 3),
      preferredSectors: some(SECTORS, 2),
      preferredRegions: some(REGIONS, 2),
      expectedWage: maybe(0.8, () => Math.round(2000 + r() * 5000)),
      householdSize: 1 + Math.floor(r() * 6),
      householdLabourers: Math.floor(r() * 3),
      needsAccommodation: r() < 0.5,
      acceptsTraining: r() < 0.5,
      homeCounty: pick(COUNTIES),
      currentCounty: maybe(0.5, () => pick(COUNTIES)),
      history:
        r() < 0.2
          ? [{ employerId: 1 + Math.floor(r() * 4), occupationCode: pick(CODES), monthlyWage: 4000, roomAndBoard: r() < 0.5, countyCode: pick(COUNTIES), endReason: pick(END_REASONS), endDate: new Date(NOW.getTime() - Math.floor(r() * 300) * DAY) }]
          : [],
      priority: 0,
    };
  };
  const vacancy = (): MatchVacancy => {
    const wageMin = maybe(0.9, () => Math.round(2000 + r() * 6000));
    return {
      id: ++ids,
      employerId: 1 + Math.floor(r() * 4),
      kind: r() < 0.1 ? "PUBLIC_WELFARE" : "REGULAR",
      open: true,
      openingsLeft: 1 + Math.floor(r() * 2),
      occupationCode: maybe(0.9, () => pick(CODES)),
      sector: maybe(0.8, () => pick(SECTORS)),
      requiredSkillIds: some([1, 2, 3, 4, 5, 6], 2),
      niceSkillIds: some([1, 2, 3, 4, 5, 6], 2),
      certificateSkillIds: r() < 0.1 ? [pick([1, 2, 3])] : [],
      trainingProvided: r() < 0.4,
      trainingDays: null,
      wageMin,
      wageMax: maybe(0.8, () => (wageMin ?? 3000) + Math.round(r() * 2000)),
      countyCode: pick(COUNTIES),
      roomAndBoard: r() < 0.5,
      ageMin: maybe(0.3, () => 18 + Math.floor(r() * 10)),
      ageMax: maybe(0.3, () => 40 + Math.floor(r() * 20)),
      genderRequirement: "NONE",
    };
  };
  const ps = Array.from({ length: people }, person);
  const vs = Array.from({ length: vacancies }, vacancy);
  const dismissed = new Set(ps.flatMap((p) => vs.filter(() => r() < 0.05).map((v) => `${p.id}:${v.id}`)));
  return { people: ps, vacancies: vs, dismissed };
}

/** Every pair a drive may propose, with its score. */
function allPairs(people: readonly MatchPerson[], vacancies: readonly MatchVacancy[], dismissed: ReadonlySet<string>) {
  const pairs: { person: number; vacancy: number; value: number }[] = [];
  people.forEach((p, i) =>
    vacancies.forEach((v, j) => {
      if (exclusionCode(p, v, { now: NOW }) !== null || dismissed.has(`${p.id}:${v.id}`)) return;
      const value = quickScore(p, v);
      if (value > 0) pairs.push({ person: i, vacancy: j, value });
    }),
  );
  return pairs;
}

let highsInstance: ReturnType<typeof highsLoader> | undefined;

async function optimum(pairs: readonly { person: number; vacancy: number; value: number }[], people: number, capacity: readonly number[]): Promise<number> {
  if (!pairs.length) return 0;
  const highs = await (highsInstance ??= highsLoader());
  const personRows: string[][] = Array.from({ length: people }, () => []);
  const vacancyRows: string[][] = capacity.map(() => []);
  const terms = pairs.map(({ person, vacancy, value }) => {
    const x = `x${person}_${vacancy}`;
    personRows[person]!.push(x);
    vacancyRows[vacancy]!.push(x);
    return `${value} ${x}`;
  });
  const sum = (list: string[]) => list.reduce((out, term, k) => out + (k ? (k % 8 === 0 ? "\n + " : " + ") : " ") + term, "");
  const text =
    `Maximize\n obj:${sum(terms)}\nSubject To\n` +
    personRows.map((r, i) => (r.length ? ` p${i}:${sum(r)} <= 1\n` : "")).join("") +
    vacancyRows.map((r, j) => (r.length ? ` v${j}:${sum(r)} <= ${capacity[j]}\n` : "")).join("") +
    `End\n`;
  const solution = highs.solve(text, { output_flag: false });
  if (solution.Status !== "Optimal") throw new Error(`HiGHS: ${solution.Status}`);
  return solution.ObjectiveValue;
}

describe("proposeAssignment", () => {
  it("is within 0.1% of the exact optimum over every pair (not only the candidate lists), and its bound holds", { timeout: 120_000 }, async () => {
    let added = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const size = { people: 20 + seed * 5, vacancies: 8 + seed };
      const { people, vacancies, dismissed } = world(seed, size.people, size.vacancies);
      const pairs = allPairs(people, vacancies, dismissed);
      const capacity = vacancies.map((v) => v.openingsLeft);
      const best = await optimum(pairs, people.length, capacity);
      // Lists of 1-3: most of what the optimum uses lies outside them.
      const proposal = proposeAssignment(people, vacancies, NOW, 1 + (seed % 3), dismissed);

      added += proposal.added;
      expect(proposal.complete).toBe(true);
      expect(proposal.total).toBeGreaterThanOrEqual(best * (1 - 1e-3));
      expect(proposal.upperBound).toBeGreaterThanOrEqual(best - 1e-6);
      expect(proposal.gap).toBeCloseTo((proposal.upperBound - proposal.total) / proposal.upperBound, 12);
      expect(proposal.gap).toBeLessThan(1e-3);
      // Feasible, and each line a pair the rules allow, at its score.
      const value = new Map(pairs.map((p) => [`${p.person}:${p.vacancy}`, p.value]));
      const used = capacity.map(() => 0);
      for (const line of proposal.lines) {
        expect(value.get(`${line.person}:${line.vacancy}`)).toBe(line.score);
        used[line.vacancy]!++;
      }
      used.forEach((u, j) => expect(u).toBeLessThanOrEqual(capacity[j]!));
      expect(new Set(proposal.lines.map((l) => l.person)).size).toBe(proposal.lines.length);
      expect(proposal.total).toBeCloseTo(
        proposal.lines.reduce((s, l) => s + l.score, 0),
        6,
      );
    }
    expect(added).toBeGreaterThan(100); // the lists alone were not enough
  });

  it("with the default lists, on scarce openings, matches the optimum", async () => {
    // 200 people, 60 vacancies of 1-2 openings: people compete.
    const { people, vacancies, dismissed } = world(99, 200, 60);
    const pairs = allPairs(people, vacancies, dismissed);
    const best = await optimum(pairs, people.length, vacancies.map((v) => v.openingsLeft));
    const proposal = proposeAssignment(people, vacancies, NOW, undefined, dismissed);
    // Scores are multiples of 0.1 and people x epsilon is at most 1e-4 of the total.
    expect(proposal.total).toBeGreaterThanOrEqual(best * (1 - 1e-4) - 1e-6);
    expect(proposal.upperBound).toBeGreaterThanOrEqual(best - 1e-6);
  });
});
