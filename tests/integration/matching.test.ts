// Matching against PostgreSQL, below the session gate: the matching view of a person built from
// their rows (household, skills, placements), the in-memory index catching up with changes
// (docs/decisions/006), the article's cases ranked by the rules, referrals and dismissals with
// their rows, audit and scope, the suggestion log and congestion.
//
// Other test files create vacancies at the same time, so nothing here assumes what else is in the
// index: lists are taken long enough to hold every open vacancy, and assertions are about the
// rows this file made (and the demo's people).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { personVisibleTo } from "@/lib/auth/scope";
import { hashPii } from "@/lib/pii";
import { buildNationalId, normalizeNationalId } from "@/lib/persons/national-id";
import { createPerson, updatePerson } from "@/lib/persons/mutations";
import { createPersonSchema, updatePersonSchema, type CreatePersonInput } from "@/lib/persons/schema";
import { householdFigures } from "@/lib/persons/rules";
import { saveHousehold } from "@/lib/households/mutations";
import { saveHouseholdSchema } from "@/lib/households/schema";
import { createEmployer } from "@/lib/employers/mutations";
import { employerInputSchema } from "@/lib/employers/schema";
import { createVacancy, updateVacancy } from "@/lib/vacancies/mutations";
import { updateVacancySchema, vacancyInputSchema } from "@/lib/vacancies/schema";
import { getMatchPerson, getMatchVacancy, listActiveDismissals, listExposure, listSeenVacancyIds } from "@/lib/matching/data";
import { getMatchIndex } from "@/lib/matching/index-store";
import type { MatchIndex } from "@/lib/matching/match-index";
import { dismissSuggestion, logShownSuggestions, referPerson } from "@/lib/matching/mutations";
import { dismissSchema, referSchema } from "@/lib/matching/schema";
import { exclusion, monthlyNeed, quickScore, scoreMatch } from "@/lib/matching/rules";
import { MATCHING_CONFIG } from "@/lib/matching/config";
import { personInput } from "../factories";
import { actorIn, auditBy, auditOf, expectAppError, freshCaseworker, freshOffice, pollUntil, randomNationalId, skillIdOf, uniqueName, uniqueUscc } from "./helpers";

/** Longer than the number of open vacancies any test run creates: "anywhere in the list". */
const ALL = 100_000;

// ---------------------------------------------------------------------------------------------
// Builders

type Skill = { skillId: number; level?: "BASIC" | "SKILLED" | "CERTIFIED"; certificate?: string | null };

/** Registers a person through the real mutation; returns the id and the form (for later edits). */
async function register(scope: Scope, overrides: Omit<Partial<CreatePersonInput>, "skills"> & { skills?: Skill[] } = {}) {
  const form = personInput({
    name: uniqueName(),
    // A caseworker's registrations are their caseload (and the edit form says so).
    caseworkerId: scope.role === "CASEWORKER" ? scope.userId : null,
    nationalId: randomNationalId({ region: overrides.originDivisionCode ?? "520625" }),
    originDivisionCode: "520625",
    migration: "WILLING",
    ...overrides,
    skills: (overrides.skills ?? []).map((s) => ({ customName: null, certificate: null, level: "SKILLED", ...s })),
  } as Partial<CreatePersonInput>);
  const { id } = await createPerson(scope, createPersonSchema.parse(form));
  return { id, form };
}

async function employerIn(scope: Scope, divisionCode: string, name = `测试企业${uniqueUscc().slice(8, 14)}`) {
  return (await createEmployer(scope, employerInputSchema.parse({ name, uscc: uniqueUscc(divisionCode), divisionCode }))).id;
}

function vacancyForm(employerId: number, overrides: Record<string, unknown> = {}) {
  return {
    employerId,
    title: `焊工${uniqueName(2)}`,
    occupationCode: "6-18-02-04",
    sector: "MANUFACTURING",
    openings: 3,
    wageMin: 5000,
    wageMax: 6000,
    divisionCode: "320505",
    roomAndBoard: true,
    status: "OPEN",
    skills: [] as { skillId: number; requirement: string }[],
    ...overrides,
  };
}

async function openVacancy(scope: Scope, employerId: number, overrides: Record<string, unknown> = {}) {
  const form = vacancyForm(employerId, overrides);
  const { id } = await createVacancy(scope, vacancyInputSchema.parse(form));
  return { id, form };
}

/** The demo's people are found by their ID numbers (tests/factories.ts), never by name. */
async function demoPerson(region: string, birth: string, sequence: number) {
  return db().person.findUniqueOrThrow({
    where: { idHash: hashPii(normalizeNationalId(buildNationalId(region, birth, sequence))) },
    select: { id: true, officeId: true, householdId: true },
  });
}
const ZHENG_BO = ["610729", "19950626", 95] as const;
const DAI_JIANGMIN = ["520625", "19780315", 15] as const;

/** What the person page asks the index for: dismissals in force, vacancies already seen. */
async function suggestionsFor(personId: number, index?: MatchIndex) {
  const [person, idx, dismissals, seen] = await Promise.all([getMatchPerson(personId), index ?? getMatchIndex({ fresh: true }), listActiveDismissals({ personId }), listSeenVacancyIds(personId)]);
  return idx.topVacancies(person!, { limit: ALL, now: new Date(), dismissed: new Set(dismissals.map((d) => d.vacancyId)), seen });
}
const ids = (hits: { item: { id: number } }[]) => hits.map((h) => h.item.id);

// ---------------------------------------------------------------------------------------------

describe("getMatchPerson", () => {
  it("郑波 (demo): household figures from the members, skills, occupations from the catalogue and his six placements, history with end reasons", async () => {
    const zheng = await demoPerson(...ZHENG_BO);
    const machineOperation = await skillIdOf("MACHINE_OPERATION");
    const placements = await db().placement.findMany({ where: { personId: zheng.id }, orderBy: { startDate: "asc" } });
    const members = await db().householdMember.findMany({ where: { householdId: zheng.householdId! } });
    expect(placements).toHaveLength(6);

    const view = await getMatchPerson(zheng.id, new Date("2026-06-01T00:00:00Z"));

    expect(householdFigures(members)).toEqual({ size: 2, labourers: 1, dependants: 1 }); // 郑波 and his chronically ill father
    expect(view).toMatchObject({
      id: zheng.id,
      officeId: zheng.officeId,
      originCode: "610729",
      homeCounty: "610729",
      currentCounty: "320681",
      age: 30,
      track: "TRANSFER",
      expectedWage: 4000,
      householdSize: 2,
      householdLabourers: 1,
      needsAccommodation: true,
      acceptsTraining: false,
      skillIds: [machineOperation],
      certifiedSkillIds: [],
      priority: 2, // LIFTED_UNSTABLE: still monitored
    });
    // 机床操作 belongs to 6-18-01; each past job adds its own occupation.
    expect(new Set(view!.occupationCodes)).toEqual(new Set(["6-18-01", "6-20-01-01", "6-18-01-01", "6-31-05", "6-05-01-03", "4-02-06-01", "6-18-01-07"]));
    expect(view!.history.map((h) => [h.occupationCode, h.monthlyWage, h.roomAndBoard, h.endReason])).toEqual([
      ["6-20-01-01", 3800, true, "DID_NOT_ADAPT"],
      ["6-18-01-01", 3500, true, "WAGE"],
      ["6-31-05", 4000, false, "HOUSING"],
      ["6-05-01-03", 4200, true, "DID_NOT_ADAPT"],
      ["4-02-06-01", 4300, true, "COMMUTE"],
      ["6-18-01-07", 4800, true, null],
    ]);
    expect(view!.history).toEqual(
      placements.map((p) => ({ employerId: p.employerId, occupationCode: p.occupationCode, monthlyWage: p.monthlyWage, roomAndBoard: p.roomAndBoard, countyCode: p.countyCode, endReason: p.endReason, endDate: p.endDate })),
    );
    expect(monthlyNeed(view!)).toBe(4000);
  });

  it("a new person: members counted (labourers too), certified skills apart, free-text skills left out, needs and training read", async () => {
    const { scope } = await freshCaseworker("3205");
    const [welding, packaging] = [await skillIdOf("WELDING"), await skillIdOf("PACKAGING")];
    const { id } = await register(scope, {
      originDivisionCode: "520602",
      currentDivisionCode: "320505",
      expectedWage: 3000,
      needs: ["ACCOMMODATION", "TRAINING"],
      skills: [{ skillId: welding, level: "CERTIFIED", certificate: "焊工证" }, { skillId: packaging, level: "BASIC" }, { customName: "刺绣" } as unknown as Skill],
      household: {
        povertyStatus: "REGISTERED_POOR",
        povertyStatusSince: "2016-03-01",
        members: [
          { name: "妻子", relation: "SPOUSE", birthYear: 1987, isLabourer: true },
          { name: "孩子一", relation: "CHILD", birthYear: 2012, isLabourer: false },
          { name: "孩子二", relation: "CHILD", birthYear: 2015, isLabourer: false },
          { name: "老人", relation: "PARENT", birthYear: 1950, isLabourer: false },
        ],
      } as unknown as CreatePersonInput["household"],
    });

    const view = await getMatchPerson(id);

    expect(view).toMatchObject({ homeCounty: "520602", currentCounty: "320505", householdSize: 5, householdLabourers: 2, needsAccommodation: true, acceptsTraining: true, certifiedSkillIds: [welding], history: [], priority: 2 });
    expect([...view!.skillIds].sort((a, b) => a - b)).toEqual([welding, packaging].sort((a, b) => a - b));
    expect(new Set(view!.occupationCodes)).toEqual(new Set(["6-18-02-04", "6-31-05"]));
    // 600 a head for five people on two earners is below the expectation of 3,000.
    expect(monthlyNeed(view!)).toBe(3000);
  });
});

// ---------------------------------------------------------------------------------------------

describe("the matching index catches up with changes", () => {
  let caseworker: Awaited<ReturnType<typeof freshCaseworker>>;
  let welding: number;
  let employerId: number;

  beforeAll(async () => {
    caseworker = await freshCaseworker("3205");
    welding = await skillIdOf("WELDING");
    employerId = await employerIn(caseworker.scope, "320505");
    await getMatchIndex(); // loaded before anything below exists
  });

  it("a new OPEN vacancy is in the index on the next read after it is created, among a fitting person's vacancies", async () => {
    const { id: personId } = await register(caseworker.scope, { skills: [{ skillId: welding }] });
    const person = (await getMatchPerson(personId))!;
    const before = await getMatchIndex({ fresh: true });
    const { id } = await openVacancy(caseworker.scope, employerId, { skills: [{ skillId: welding, requirement: "REQUIRED" }] });
    expect(before.vacancies.has(id)).toBe(false);

    const index = await getMatchIndex({ fresh: true });

    expect(index.vacancies.get(id)).toMatchObject({ id, open: true, openingsLeft: 3, countyCode: "320505", requiredSkillIds: [welding], officeId: caseworker.office.id });
    const hit = index.topVacancies(person, { limit: ALL, now: new Date(), dismissed: new Set(), seen: new Set() }).find((h) => h.item.id === id);
    expect(hit?.score).toBe(quickScore(person, index.vacancies.get(id)!));
  });

  it("a new vacancy, a closed vacancy, a person who found work and a bigger household are each seen by plain reads within 2 seconds", async ({ annotate }) => {
    const { id: personId, form } = await register(caseworker.scope, { skills: [{ skillId: welding }], expectedWage: null });
    const { householdId } = await db().person.findUniqueOrThrow({ where: { id: personId }, select: { householdId: true } });
    await getMatchIndex({ fresh: true });
    const timings: string[] = [];
    const within2s = async (what: string, ok: (index: MatchIndex) => boolean) => {
      const seen = await pollUntil(() => getMatchIndex(), ok, 2000);
      timings.push(`${what}: ${seen.held ? `${Math.round(seen.ms)} ms` : "NOT SEEN"}`);
      expect(seen.held, `${what} not visible within 2 s`).toBe(true);
    };

    // A vacancy is created.
    const vacancy = await openVacancy(caseworker.scope, employerId, { skills: [{ skillId: welding, requirement: "REQUIRED" }] });
    await within2s("new vacancy", (index) => index.vacancies.has(vacancy.id));

    // It is closed.
    await updateVacancy(caseworker.scope, vacancy.id, updateVacancySchema.parse({ ...vacancy.form, status: "CLOSED", version: 1 }));
    await within2s("closed vacancy", (index) => !index.vacancies.has(vacancy.id));
    const person = (await getMatchPerson(personId))!;
    expect(ids((await getMatchIndex({ fresh: true })).topVacancies(person, { limit: ALL, now: new Date(), dismissed: new Set(), seen: new Set([vacancy.id]) }))).not.toContain(vacancy.id);

    // The household grows: one labourer for six people needs more than the 2,500 floor.
    expect(monthlyNeed((await getMatchIndex({ fresh: true })).persons.get(personId)!)).toBe(2500);
    const household = await db().household.findUniqueOrThrow({ where: { id: householdId! }, include: { members: true } });
    await saveHousehold(
      caseworker.scope,
      household.id,
      saveHouseholdSchema.parse({
        version: household.version,
        divisionCode: household.divisionCode,
        addressDetail: household.addressDetail,
        perCapitaIncome: household.perCapitaIncome,
        registrationNote: null,
        members: [
          ...household.members.map((m) => ({ id: m.id, name: m.name, relation: m.relation, birthYear: m.birthYear, isLabourer: m.isLabourer, note: m.note })),
          ...["母亲", "妻子", "孩子一", "孩子二", "孩子三"].map((name, i) => ({ name, relation: i === 0 ? "PARENT" : i === 1 ? "SPOUSE" : "CHILD", birthYear: 2010, isLabourer: false })),
        ],
      }),
    );
    await within2s("household members", (index) => index.persons.get(personId)?.householdSize === 6);
    expect(monthlyNeed((await getMatchIndex()).persons.get(personId)!)).toBe(3600);

    // The person finds work and leaves the candidate pool.
    const open = await openVacancy(caseworker.scope, employerId, { skills: [{ skillId: welding, requirement: "REQUIRED" }] });
    const candidates = async () =>
      ids((await getMatchIndex({ fresh: true })).topCandidates((await getMatchVacancy(open.id))!, { limit: ALL, now: new Date(), visible: personVisibleTo(caseworker.scope), dismissed: new Set() }));
    expect(await candidates()).toContain(personId);
    await updatePerson(caseworker.scope, personId, updatePersonSchema.parse({ ...form, employmentStatus: "EMPLOYED", version: 1 }));
    await within2s("person employed", (index) => !index.persons.has(personId));
    expect(await candidates()).not.toContain(personId);

    await annotate(`visible after: ${timings.join("; ")}`);
  });

  it("someone joining a person's household changes that person's household size in the index", async () => {
    const first = await register(caseworker.scope, {
      skills: [{ skillId: welding }],
      household: { members: ["母亲", "孩子一", "孩子二", "孩子三"].map((name) => ({ name, relation: name === "母亲" ? "PARENT" : "CHILD", birthYear: 2010, isLabourer: false })) } as unknown as CreatePersonInput["household"],
    });
    const { householdId } = await db().person.findUniqueOrThrow({ where: { id: first.id }, select: { householdId: true } });
    expect((await getMatchIndex({ fresh: true })).persons.get(first.id)).toMatchObject({ householdSize: 5, householdLabourers: 1 });

    await register(caseworker.scope, { joinHouseholdId: householdId, relation: "SPOUSE", skills: [{ skillId: welding }] });
    expect(await getMatchPerson(first.id)).toMatchObject({ householdSize: 6, householdLabourers: 2 });

    const seen = await pollUntil(() => getMatchIndex(), (index) => index.persons.get(first.id)?.householdSize === 6, 2000);
    expect(seen.held).toBe(true);
  });

  it("a household member who goes back to school changes the others' labourer count in the index", async () => {
    const first = await register(caseworker.scope, { skills: [{ skillId: welding }] });
    const { householdId } = await db().person.findUniqueOrThrow({ where: { id: first.id }, select: { householdId: true } });
    const second = await register(caseworker.scope, { joinHouseholdId: householdId, relation: "CHILD", skills: [{ skillId: welding }] });
    // Whatever the index made of the join, a household save brings everyone up to date.
    const household = await db().household.findUniqueOrThrow({ where: { id: householdId! }, include: { members: true } });
    await saveHousehold(caseworker.scope, household.id, saveHouseholdSchema.parse({ version: household.version, divisionCode: household.divisionCode, addressDetail: household.addressDetail, perCapitaIncome: null, registrationNote: "核实", members: household.members }));
    expect((await getMatchIndex({ fresh: true })).persons.get(first.id)).toMatchObject({ householdSize: 2, householdLabourers: 2 });

    await updatePerson(caseworker.scope, second.id, updatePersonSchema.parse({ ...second.form, employmentStatus: "STUDENT", version: 1 }));
    expect(await getMatchPerson(first.id)).toMatchObject({ householdSize: 2, householdLabourers: 1 });

    const seen = await pollUntil(() => getMatchIndex(), (index) => index.persons.get(first.id)?.householdLabourers === 1, 2000);
    expect(seen.held).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe("the article's cases, ranked over real rows", () => {
  it("代江敏 (demo) gets the Opple 产品测试员 (room and board, 4,200-4,500) above a better-paid tester job far away without housing", async () => {
    const dai = await demoPerson(...DAI_JIANGMIN);
    const productTesting = await skillIdOf("PRODUCT_TESTING");
    const opple = await db().vacancy.findFirstOrThrow({ where: { title: "产品测试员", employer: { name: "苏州欧普照明有限公司" } }, select: { id: true } });
    const { scope } = await freshCaseworker("4403");
    const shenzhen = await employerIn(scope, "440305");
    const far = await openVacancy(scope, shenzhen, {
      title: "产品测试员",
      occupationCode: "4-08-05-07",
      sector: "ELECTRONICS",
      wageMin: 5500,
      wageMax: 6500,
      divisionCode: "440305",
      roomAndBoard: false,
      skills: [{ skillId: productTesting, requirement: "REQUIRED" }],
    });
    const person = (await getMatchPerson(dai.id))!;
    expect(person).toMatchObject({ householdSize: 7, householdLabourers: 1, needsAccommodation: true });
    expect(monthlyNeed(person)).toBe(4200); // one earner for seven

    const index = await getMatchIndex({ fresh: true });
    const hits = ids(index.topVacancies(person, { limit: ALL, now: new Date(), dismissed: new Set(), seen: new Set([opple.id, far.id]) }));

    expect(hits).toContain(opple.id);
    expect(hits).toContain(far.id);
    expect(hits.indexOf(opple.id)).toBeLessThan(hits.indexOf(far.id));
    const near = scoreMatch(person, index.vacancies.get(opple.id)!);
    const away = scoreMatch(person, index.vacancies.get(far.id)!);
    expect(near.score).toBeGreaterThan(away.score);
    const factor = (e: typeof near, code: string) => e.factors.find((f) => f.code === code)!;
    expect(factor(away, "WAGE").params.offered as number).toBeGreaterThan(factor(near, "WAGE").params.offered as number); // it does pay more
    expect(factor(near, "HOUSING")).toMatchObject({ value: 1, params: { needed: true, provided: true } });
    expect(factor(away, "HOUSING")).toMatchObject({ value: 0, params: { needed: true, provided: false } });
    expect(factor(near, "LOCATION").params.relation).toBe("SAME_CITY");
    expect(factor(away, "LOCATION").params.relation).toBe("ORGANISED_TRANSFER");
    expect(near.checks.map((c) => c.code)).toEqual(expect.arrayContaining(["ROOM_AND_BOARD", "EMPLOYER_TRAINS"]));
    expect(away.warnings.map((w) => w.code)).toContain("NO_HOUSING");
  });

  it("someone who will not migrate gets local jobs and public-welfare posts of their home county only", async () => {
    const { scope } = await freshCaseworker("5206");
    const cleaning = await skillIdOf("CLEANING");
    const { id: personId } = await register(scope, { originDivisionCode: "520625", currentDivisionCode: "520625", migration: "UNWILLING", migrationNote: "需照顾老人", skills: [{ skillId: cleaning }] });
    const { id: willingId } = await register(scope, { originDivisionCode: "520625", migration: "WILLING", skills: [{ skillId: cleaning }] });
    const homeEmployer = await employerIn(scope, "520625");
    const local = await openVacancy(scope, homeEmployer, { title: "超市理货员", occupationCode: "4-01-02-03", wageMin: 2200, wageMax: 2600, divisionCode: "520625", roomAndBoard: false });
    const welfareHome = await openVacancy(scope, homeEmployer, { kind: "PUBLIC_WELFARE", title: "村道保洁员", occupationCode: "4-09-08-01", wageMin: 1500, wageMax: 1700, divisionCode: "520625", roomAndBoard: false });
    const neighbour = await employerIn(scope, "520602");
    const welfareElsewhere = await openVacancy(scope, neighbour, { kind: "PUBLIC_WELFARE", title: "保洁员", occupationCode: "4-09-08-01", wageMin: 1500, wageMax: 1700, divisionCode: "520602", roomAndBoard: false });
    const suzhou = await employerIn(scope, "320505");
    const away = await openVacancy(scope, suzhou, { title: "保洁员", occupationCode: "4-09-08-01", wageMin: 4000, wageMax: 4500, divisionCode: "320505", roomAndBoard: true });
    const mine = [local.id, welfareHome.id, welfareElsewhere.id, away.id];

    const person = (await getMatchPerson(personId))!;
    expect(person).toMatchObject({ track: "LOCAL", homeCounty: "520625" });
    const index = await getMatchIndex({ fresh: true });
    const hits = index.topVacancies(person, { limit: ALL, now: new Date(), dismissed: new Set(), seen: new Set(mine) });

    expect(ids(hits)).toEqual(expect.arrayContaining([local.id, welfareHome.id]));
    expect(ids(hits)).not.toContain(welfareElsewhere.id);
    expect(ids(hits)).not.toContain(away.id);
    // Everything suggested (other tests' vacancies and the demo's 护林员 included) is in the home county.
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.item.countyCode).toBe("520625");
    expect(exclusion(person, index.vacancies.get(away.id)!, { now: new Date() })).toEqual({ code: "NOT_LOCAL", params: { county: "320505" } });
    expect(exclusion(person, index.vacancies.get(welfareElsewhere.id)!, { now: new Date() })).toEqual({ code: "PUBLIC_WELFARE_NOT_ELIGIBLE", params: { county: "520602" } });
    // Public-welfare posts are the fallback, not the first choice.
    expect(scoreMatch(person, index.vacancies.get(welfareHome.id)!).checks.map((c) => c.code)).toContain("PUBLIC_WELFARE_POST");

    // Someone from the same county who will migrate gets the Suzhou job, and no public-welfare post.
    const willing = (await getMatchPerson(willingId))!;
    const theirs = index.topVacancies(willing, { limit: ALL, now: new Date(), dismissed: new Set(), seen: new Set(mine) });
    expect(ids(theirs)).toEqual(expect.arrayContaining([local.id, away.id]));
    expect(theirs.filter((h) => h.item.kind === "PUBLIC_WELFARE")).toEqual([]);
  });

  it("郑波's history (did not adapt to an electronics line) lowers a vacancy of the same kind elsewhere, and says why", async () => {
    const zheng = await demoPerson(...ZHENG_BO);
    const { scope } = await freshCaseworker("3206");
    const firm = await employerIn(scope, "320681");
    // Room and board, better pay than he left for, in Qidong where he lives: only the kind of work
    // speaks against the first one.
    const sameKind = await openVacancy(scope, firm, { title: "电子装配工", occupationCode: "6-20-01-02", sector: "ELECTRONICS", wageMin: 4500, wageMax: 5200, divisionCode: "320681", roomAndBoard: true });
    const otherKind = await openVacancy(scope, firm, { title: "数控车工", occupationCode: "6-18-01-07", sector: "MANUFACTURING", wageMin: 4500, wageMax: 5200, divisionCode: "320681", roomAndBoard: true });
    const person = (await getMatchPerson(zheng.id))!;
    const index = await getMatchIndex({ fresh: true });
    const vacancy = index.vacancies.get(sameKind.id)!;

    const explained = scoreMatch(person, vacancy);
    const withoutHistory = scoreMatch({ ...person, history: [] }, vacancy);

    expect(explained.adjustments).toEqual([{ code: "SAME_KIND_MISFIT", params: { factor: MATCHING_CONFIG.history.sameKindElsewhere } }]);
    expect(explained.score).toBeLessThan(withoutHistory.score);
    expect(explained.score).toBeCloseTo(withoutHistory.score * MATCHING_CONFIG.history.sameKindElsewhere, 0);
    expect(scoreMatch(person, index.vacancies.get(otherKind.id)!).adjustments).toEqual([]);
    // The index ranks with the same lowered score.
    const hit = index.topVacancies(person, { limit: ALL, now: new Date(), dismissed: new Set(), seen: new Set([sameKind.id, otherKind.id]) }).find((h) => h.item.id === sameKind.id);
    expect(hit?.score).toBe(explained.score);
  });
});

// ---------------------------------------------------------------------------------------------

describe("referPerson", () => {
  it("writes a referral with the score and algorithm version and an audit row; a later shortlist does not undo a referral", async () => {
    const { scope, user } = await freshCaseworker("3205");
    const { id: personId } = await register(scope, { skills: [{ skillId: await skillIdOf("WELDING") }] });
    const { id: vacancyId } = await openVacancy(scope, await employerIn(scope, "320505"));

    await referPerson(scope, personId, vacancyId, { ...referSchema.parse({ status: "SHORTLISTED", note: "周三面试" }), score: 88.5 });
    await referPerson(scope, personId, vacancyId, referSchema.parse({ status: "REFERRED" }));
    await referPerson(scope, personId, vacancyId, referSchema.parse({ status: "SHORTLISTED" }));

    const rows = await db().referral.findMany({ where: { personId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ vacancyId, status: "REFERRED", source: "SUGGESTION", score: 88.5, algorithmVersion: MATCHING_CONFIG.version, note: "周三面试", createdById: user.id, driveId: null, version: 3 });
    const audit = (await auditOf("person", personId)).filter((a) => a.action.startsWith("referral."));
    expect(audit.map((a) => [a.action, a.actorId, (a.changes as { status: unknown }).status])).toEqual([
      ["referral.created", user.id, "SHORTLISTED"],
      ["referral.updated", user.id, ["SHORTLISTED", "REFERRED"]],
      ["referral.updated", user.id, ["REFERRED", "REFERRED"]],
    ]);
    expect(audit[0]!.changes).toEqual({ vacancyId, status: "SHORTLISTED", note: "周三面试", score: 88.5 });
  });

  it("refuses to refer to a vacancy that is not open, and an unknown vacancy; nothing is written", async () => {
    const { scope, user } = await freshCaseworker("3205");
    const { id: personId } = await register(scope);
    const closed = await openVacancy(scope, await employerIn(scope, "320505"), { status: "CLOSED" });
    const auditBefore = await auditBy(user.id);

    const error = await expectAppError(referPerson(scope, personId, closed.id, referSchema.parse({ status: "REFERRED" })), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { _form: "validation.vacancyNotOpen" } });
    await expectAppError(referPerson(scope, personId, 2_000_000_000, referSchema.parse({ status: "SHORTLISTED" })), "NOT_FOUND");
    expect(await db().referral.count({ where: { personId } })).toBe(0);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });

  it("a caseworker of another office gets NOT_FOUND and a partner FORBIDDEN (even for a person of their region); nothing is written", async () => {
    const owner = await freshCaseworker("3205");
    const { id: personId } = await register(owner.scope, { originDivisionCode: "520625" });
    const { id: vacancyId } = await openVacancy(owner.scope, await employerIn(owner.scope, "320505"));
    const stranger = await freshCaseworker("3205");
    const partner = await actorIn((await freshOffice("520625", "ORIGIN_BUREAU")).id, "PARTNER");

    await expectAppError(referPerson(stranger.scope, personId, vacancyId, referSchema.parse({ status: "REFERRED" })), "NOT_FOUND");
    await expectAppError(dismissSuggestion(stranger.scope, personId, vacancyId, dismissSchema.parse({ reason: "TOO_FAR" })), "NOT_FOUND");
    await expectAppError(referPerson(partner.scope, personId, vacancyId, referSchema.parse({ status: "REFERRED" })), "FORBIDDEN");
    await expectAppError(dismissSuggestion(partner.scope, personId, vacancyId, dismissSchema.parse({ reason: "TOO_FAR" })), "FORBIDDEN");

    expect(await db().referral.count({ where: { personId } })).toBe(0);
    expect(await db().suggestionDismissal.count({ where: { personId } })).toBe(0);
    expect(await auditBy(stranger.user.id)).toEqual([]);
    expect(await auditBy(partner.user.id)).toEqual([]);
  });
});

describe("dismissSuggestion", () => {
  it("hides the vacancy from the person's suggestions until the person changes, and again until the vacancy changes", async () => {
    const { scope, user } = await freshCaseworker("3205");
    const welding = await skillIdOf("WELDING");
    const person = await register(scope, { skills: [{ skillId: welding }] });
    const vacancy = await openVacancy(scope, await employerIn(scope, "320505"), { skills: [{ skillId: welding, requirement: "REQUIRED" }] });
    // The person has been shown it, so congestion never hides it here.
    await logShownSuggestions(scope, "VACANCIES_FOR_PERSON", [{ personId: person.id, vacancyId: vacancy.id, score: 90 }]);
    expect(ids(await suggestionsFor(person.id))).toContain(vacancy.id);

    await dismissSuggestion(scope, person.id, vacancy.id, dismissSchema.parse({ reason: "TOO_FAR", note: "离家太远" }));

    expect(await db().suggestionDismissal.findMany({ where: { personId: person.id } })).toEqual([
      expect.objectContaining({ vacancyId: vacancy.id, reason: "TOO_FAR", note: "离家太远", personVersion: 1, vacancyVersion: 1, createdById: user.id }),
    ]);
    const audit = (await auditOf("person", person.id)).filter((a) => a.action === "suggestion.dismissed");
    expect(audit.map((a) => [a.actorId, a.changes])).toEqual([[user.id, { vacancyId: vacancy.id, reason: "TOO_FAR", note: "离家太远" }]]);
    expect(await listActiveDismissals({ personId: person.id })).toEqual([{ personId: person.id, vacancyId: vacancy.id, reason: "TOO_FAR", note: "离家太远" }]);
    expect(await listActiveDismissals({ vacancyId: vacancy.id })).toHaveLength(1);
    expect(ids(await suggestionsFor(person.id))).not.toContain(vacancy.id);

    // The person's record changes (a new expected wage): the vacancy is back.
    await updatePerson(scope, person.id, updatePersonSchema.parse({ ...person.form, expectedWage: 5500, version: 1 }));
    expect(await listActiveDismissals({ personId: person.id })).toEqual([]);
    expect(ids(await suggestionsFor(person.id))).toContain(vacancy.id);

    // Dismissed again (one row, now at the person's new version) ...
    await dismissSuggestion(scope, person.id, vacancy.id, dismissSchema.parse({ reason: "WAGE_TOO_LOW" }));
    expect(await db().suggestionDismissal.findMany({ where: { personId: person.id } })).toEqual([expect.objectContaining({ reason: "WAGE_TOO_LOW", note: null, personVersion: 2, vacancyVersion: 1 })]);
    expect(ids(await suggestionsFor(person.id))).not.toContain(vacancy.id);

    // ... until the vacancy changes (a better wage).
    await updateVacancy(scope, vacancy.id, updateVacancySchema.parse({ ...vacancy.form, wageMin: 6000, wageMax: 7000, version: 1 }));
    expect(await listActiveDismissals({ personId: person.id })).toEqual([]);
    expect(ids(await suggestionsFor(person.id))).toContain(vacancy.id);
  });

  it("'other' needs a note", () => {
    expect(dismissSchema.safeParse({ reason: "OTHER" }).success).toBe(false);
    expect(dismissSchema.safeParse({ reason: "OTHER", note: "已在老家找到工作" }).success).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe("the suggestion log and congestion", () => {
  let caseworker: Awaited<ReturnType<typeof freshCaseworker>>;
  let people: number[];
  let welding: number;
  let employerId: number;

  beforeAll(async () => {
    caseworker = await freshCaseworker("3205");
    welding = await skillIdOf("WELDING");
    employerId = await employerIn(caseworker.scope, "320505");
    people = [];
    for (let i = 0; i < 22; i++) people.push((await register(caseworker.scope, { skills: [{ skillId: welding }] })).id);
  });

  /** Each person opening their suggestions page once, shown these vacancies. */
  async function showTo(personIds: number[], vacancyIds: number[]) {
    for (const personId of personIds) {
      await logShownSuggestions(caseworker.scope, "VACANCIES_FOR_PERSON", vacancyIds.map((vacancyId, i) => ({ personId, vacancyId, score: 90 - i })));
    }
  }

  /** The index with the exposure the store refreshes from the log. */
  async function indexWithExposure() {
    const index = await getMatchIndex({ fresh: true });
    for (const [id, n] of await listExposure()) index.exposure.set(id, n);
    return index;
  }

  it("logShownSuggestions writes one row per suggestion with rank, score, direction, who saw it and the algorithm version", async () => {
    const a = await openVacancy(caseworker.scope, employerId);
    const b = await openVacancy(caseworker.scope, employerId);
    const personId = people[0]!;

    await logShownSuggestions(caseworker.scope, "VACANCIES_FOR_PERSON", [
      { personId, vacancyId: a.id, score: 91.5 },
      { personId, vacancyId: b.id, score: 80 },
    ]);
    await logShownSuggestions(caseworker.scope, "CANDIDATES_FOR_VACANCY", []);

    const rows = await db().suggestionLog.findMany({ where: { vacancyId: { in: [a.id, b.id] } }, orderBy: { rank: "asc" } });
    expect(rows.map((r) => ({ direction: r.direction, personId: r.personId, vacancyId: r.vacancyId, rank: r.rank, score: r.score, algorithmVersion: r.algorithmVersion, shownById: r.shownById }))).toEqual([
      { direction: "VACANCIES_FOR_PERSON", personId, vacancyId: a.id, rank: 1, score: 91.5, algorithmVersion: MATCHING_CONFIG.version, shownById: caseworker.user.id },
      { direction: "VACANCIES_FOR_PERSON", personId, vacancyId: b.id, rank: 2, score: 80, algorithmVersion: MATCHING_CONFIG.version, shownById: caseworker.user.id },
    ]);
    expect([...(await listSeenVacancyIds(personId))]).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it("a vacancy shown to more than max(20, 8 x openings left) distinct people is held back from new people, not from those who saw it", async () => {
    const oneOpening = await openVacancy(caseworker.scope, employerId, { openings: 1, skills: [{ skillId: welding, requirement: "REQUIRED" }] });
    const threeOpenings = await openVacancy(caseworker.scope, employerId, { openings: 3, skills: [{ skillId: welding, requirement: "REQUIRED" }] });
    const shown = people.slice(0, 21);
    await showTo(shown, [oneOpening.id, threeOpenings.id]);
    await showTo(shown.slice(0, 5), [oneOpening.id]); // seen again: still the same people
    // Candidates shown to a recruiter do not count.
    await logShownSuggestions(caseworker.scope, "CANDIDATES_FOR_VACANCY", [{ personId: people[21]!, vacancyId: oneOpening.id, score: 70 }]);

    const exposure = await listExposure();
    expect(exposure.get(oneOpening.id)).toBe(21);
    expect(exposure.get(threeOpenings.id)).toBe(21);

    const index = await indexWithExposure();
    // 21 > max(20, 8 x 1); 21 is not more than max(20, 8 x 3) = 24.
    expect(index.isCongested(index.vacancies.get(oneOpening.id)!)).toBe(true);
    expect(index.isCongested(index.vacancies.get(threeOpenings.id)!)).toBe(false);

    const newcomer = ids(await suggestionsFor(people[21]!, index));
    expect(newcomer).not.toContain(oneOpening.id);
    expect(newcomer).toContain(threeOpenings.id);
    const seenIt = ids(await suggestionsFor(shown[0]!, index));
    expect(seenIt).toEqual(expect.arrayContaining([oneOpening.id, threeOpenings.id]));
  });

  it("a vacancy shown to exactly max(20, 8 x openings left) people is not yet held back", async () => {
    const vacancy = await openVacancy(caseworker.scope, employerId, { openings: 1, skills: [{ skillId: welding, requirement: "REQUIRED" }] });
    await showTo(people.slice(0, 20), [vacancy.id]);
    const index = await indexWithExposure();
    expect(index.exposure.get(vacancy.id)).toBe(20);
    expect(index.isCongested(index.vacancies.get(vacancy.id)!)).toBe(false);
  });
});
