import { describe, expect, it } from "vitest";
import { exclusion, monthlyNeed, scoreMatch, type MatchPerson, type MatchVacancy } from "@/lib/matching/rules";

const NOW = new Date("2026-11-26T00:00:00Z");
const PRODUCT_TESTER = "6-31-03-02";
const MACHINE_OPERATOR = "6-18-01-01";

function person(overrides: Partial<MatchPerson> = {}): MatchPerson {
  return {
    id: 1,
    age: 35,
    track: "TRANSFER",
    skillIds: [],
    certifiedSkillIds: [],
    occupationCodes: [],
    preferredSectors: [],
    preferredRegions: [],
    expectedWage: null,
    householdSize: 3,
    householdLabourers: 2,
    needsAccommodation: false,
    acceptsTraining: false,
    homeCounty: "520625",
    currentCounty: null,
    history: [],
    priority: 0,
    ...overrides,
  };
}

function vacancy(overrides: Partial<MatchVacancy> = {}): MatchVacancy {
  return {
    id: 100,
    employerId: 10,
    kind: "REGULAR",
    open: true,
    openingsLeft: 5,
    occupationCode: PRODUCT_TESTER,
    sector: "ELECTRONICS",
    requiredSkillIds: [],
    niceSkillIds: [],
    certificateSkillIds: [],
    trainingProvided: false,
    trainingDays: null,
    wageMin: 4000,
    wageMax: 5000,
    countyCode: "320505",
    roomAndBoard: false,
    ageMin: null,
    ageMax: null,
    genderRequirement: "NONE",
    ...overrides,
  };
}

describe("Dai Jiangmin: one earner for seven, needs room and board", () => {
  const dai = person({
    age: 48,
    occupationCodes: [PRODUCT_TESTER],
    skillIds: [7],
    expectedWage: 4200,
    householdSize: 7,
    householdLabourers: 1,
    needsAccommodation: true,
    currentCounty: "320505",
  });
  const opple = vacancy({ id: 1, wageMin: 4200, wageMax: 4500, roomAndBoard: true, countyCode: "320505", requiredSkillIds: [7] });
  const fartherBetterPaid = vacancy({ id: 2, employerId: 11, wageMin: 6000, wageMax: 6500, roomAndBoard: false, countyCode: "440303", requiredSkillIds: [7] });

  it("needs what seven people live on", () => {
    expect(monthlyNeed(dai)).toBe(4200);
  });

  it("ranks the job with room and board paying 4,200-4,500 above a higher-paid job far away without housing", () => {
    const a = scoreMatch(dai, opple);
    const b = scoreMatch(dai, fartherBetterPaid);
    expect(exclusion(dai, opple, { now: NOW })).toBeNull();
    expect(exclusion(dai, fartherBetterPaid, { now: NOW })).toBeNull();
    expect(a.score).toBeGreaterThan(b.score);
    expect(a.checks.map((c) => c.code)).toContain("ROOM_AND_BOARD");
    expect(b.warnings.map((w) => w.code)).toContain("NO_HOUSING");
  });
});

describe("Zheng Bo: previous misfits lower similar jobs", () => {
  const left = (employerId: number, endDate: string) => ({
    employerId,
    occupationCode: MACHINE_OPERATOR,
    monthlyWage: 3800,
    roomAndBoard: true,
    countyCode: "320681",
    endReason: "DID_NOT_ADAPT" as const,
    endDate: new Date(endDate),
  });
  const zheng = person({ homeCounty: "610729", currentCounty: "320681", occupationCodes: [MACHINE_OPERATOR], history: [left(20, "2026-10-01"), left(21, "2025-01-10")] });
  const sameKind = vacancy({ id: 3, employerId: 30, occupationCode: "6-18-01-02", countyCode: "320681" });

  it("scores a job of the kind he did not adapt to lower, and says why", () => {
    const withHistory = scoreMatch(zheng, sameKind);
    const without = scoreMatch({ ...zheng, history: [] }, sameKind);
    expect(withHistory.score).toBeLessThan(without.score);
    expect(withHistory.adjustments.map((a) => a.code)).toContain("SAME_KIND_MISFIT");
  });

  it("does not suggest the employer he left for a misfit six weeks ago, but does after the block", () => {
    expect(exclusion(zheng, vacancy({ employerId: 20, countyCode: "320681" }), { now: NOW })?.code).toBe("RECENT_MISFIT_SAME_EMPLOYER");
    expect(exclusion(zheng, vacancy({ employerId: 21, countyCode: "320681" }), { now: NOW })).toBeNull();
    const sameEmployerLater = scoreMatch(zheng, vacancy({ employerId: 21, occupationCode: MACHINE_OPERATOR, countyCode: "320681" }));
    expect(sameEmployerLater.adjustments.map((a) => a.code)).toContain("SAME_KIND_SAME_EMPLOYER_MISFIT");
  });
});

describe("a person who cannot migrate", () => {
  const local = person({ track: "LOCAL", homeCounty: "520625", currentCounty: "520625" });

  it("sees local jobs and public-welfare posts in the home county only", () => {
    expect(exclusion(local, vacancy({ countyCode: "520625" }), { now: NOW })).toBeNull();
    expect(exclusion(local, vacancy({ countyCode: "320505" }), { now: NOW })?.code).toBe("NOT_LOCAL");
    expect(exclusion(local, vacancy({ kind: "PUBLIC_WELFARE", countyCode: "520625" }), { now: NOW })).toBeNull();
    expect(exclusion(local, vacancy({ kind: "PUBLIC_WELFARE", countyCode: "520626" }), { now: NOW })?.code).toBe("PUBLIC_WELFARE_NOT_ELIGIBLE");
  });

  it("gets public-welfare posts as the fallback, below an equal regular local job", () => {
    const regular = scoreMatch(local, vacancy({ countyCode: "520625" }));
    const post = scoreMatch(local, vacancy({ kind: "PUBLIC_WELFARE", countyCode: "520625" }));
    expect(post.score).toBeLessThan(regular.score);
  });

  it("while someone who can migrate is not offered public-welfare posts", () => {
    expect(exclusion(person(), vacancy({ kind: "PUBLIC_WELFARE", countyCode: "520625" }), { now: NOW })?.code).toBe("PUBLIC_WELFARE_NOT_ELIGIBLE");
  });
});

describe("hard filters and fairness", () => {
  it("names the filter that excluded a vacancy", () => {
    expect(exclusion(person(), vacancy({ open: false }), { now: NOW })?.code).toBe("NOT_OPEN");
    expect(exclusion(person(), vacancy({ openingsLeft: 0 }), { now: NOW })?.code).toBe("NO_OPENINGS");
    expect(exclusion(person({ age: 50 }), vacancy({ ageMax: 45 }), { now: NOW })).toEqual({ code: "AGE", params: { age: 50, min: 0, max: 45 } });
    expect(exclusion(person({ skillIds: [3] }), vacancy({ certificateSkillIds: [3] }), { now: NOW })?.code).toBe("CERTIFICATE");
    expect(exclusion(person({ skillIds: [3], certifiedSkillIds: [3] }), vacancy({ certificateSkillIds: [3] }), { now: NOW })).toBeNull();
    expect(exclusion(person(), vacancy(), { now: NOW, dismissed: true })?.code).toBe("DISMISSED");
    expect(exclusion(person(), vacancy(), { now: NOW, congested: true })?.code).toBe("CONGESTED");
  });

  it("flags a gender requirement but never lets it change the score", () => {
    const plain = scoreMatch(person(), vacancy());
    const gendered = scoreMatch(person(), vacancy({ genderRequirement: "MALE" }));
    expect(gendered.score).toBe(plain.score);
    expect(gendered.warnings).toContainEqual({ code: "GENDER_REQUIREMENT", params: { gender: "MALE" } });
  });

  it("counts an employer's pre-job training towards missing skills for someone who accepts training", () => {
    const learner = person({ acceptsTraining: true, track: "TRAIN_THEN_PLACE" });
    const trains = scoreMatch(learner, vacancy({ requiredSkillIds: [1, 2], trainingProvided: true, trainingDays: 7 }));
    const doesNot = scoreMatch(learner, vacancy({ requiredSkillIds: [1, 2] }));
    expect(trains.score).toBeGreaterThan(doesNot.score);
    expect(trains.checks).toContainEqual({ code: "EMPLOYER_TRAINS", params: { days: 7 } });
  });

  it("scores within 0-100 with weights that add up to one", () => {
    const best = scoreMatch(person({ occupationCodes: [PRODUCT_TESTER], currentCounty: "320505" }), vacancy({ roomAndBoard: true }));
    expect(best.factors.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(1);
    expect(best.score).toBeLessThanOrEqual(100);
    expect(best.score).toBeGreaterThan(90);
  });
});

describe("occupation groups", () => {
  it("compares codes by group without splitting", async () => {
    const { sameGroup } = await import("@/lib/matching/rules");
    expect(sameGroup("6-31-03-02", "6-31-03-01", 3)).toBe(true);
    expect(sameGroup("6-31-03", "6-31-03-01", 3)).toBe(true);
    expect(sameGroup("6-31", "6-31-03-01", 3)).toBe(false);
    expect(sameGroup("6-31", "6-31-03-01", 2)).toBe(true);
    expect(sameGroup("6-31-04-01", "6-31-03-01", 3)).toBe(false);
    expect(sameGroup("6-3-04", "6-31-04", 2)).toBe(false);
  });

  it("scores exactly as the explanation says", async () => {
    const { quickScore } = await import("@/lib/matching/rules");
    const p = person({ occupationCodes: ["6-31-03-01"], history: [{ employerId: 10, occupationCode: "6-31-03-09", monthlyWage: 5000, roomAndBoard: false, countyCode: "320505", endReason: "WAGE", endDate: new Date("2020-01-01") }] });
    const v = vacancy();
    const e = scoreMatch(p, v);
    const weighted = e.factors.reduce((s, f) => s + f.weight * f.value, 0) * e.adjustments.reduce((m, a) => m * Number(a.params.factor), 1);
    expect(e.score).toBeCloseTo(Math.round(weighted * 1000) / 10, 5);
    expect(quickScore(p, v)).toBe(e.score);
  });
});
