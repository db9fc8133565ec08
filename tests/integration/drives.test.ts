// Recruitment drives against PostgreSQL: the proposal over a pool this file creates (its own
// office, so a caseworker's pool is exactly these people) respects openings, places nobody twice,
// states a tiny optimality gap and beats a greedy assignment; accepting lines turns them into
// referrals all or nothing; another office can neither see nor accept the drive.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { createPerson } from "@/lib/persons/mutations";
import { createPersonSchema, type CreatePersonInput } from "@/lib/persons/schema";
import { createEmployer } from "@/lib/employers/mutations";
import { employerInputSchema } from "@/lib/employers/schema";
import { createVacancy, updateVacancy } from "@/lib/vacancies/mutations";
import { updateVacancySchema, vacancyInputSchema } from "@/lib/vacancies/schema";
import { createDrive, acceptDriveLines } from "@/lib/drives/mutations";
import { getDrive, listDrives } from "@/lib/drives/data";
import { acceptDriveSchema, createDriveSchema } from "@/lib/drives/schema";
import { getMatchIndex } from "@/lib/matching/index-store";
import { listVacanciesByIds } from "@/lib/matching/data";
import { exclusionCode, quickScore, type MatchPerson, type MatchVacancy } from "@/lib/matching/rules";
import { greedyAssignment, type Candidate } from "@/lib/matching/assignment";
import { CANDIDATES_PER_PERSON } from "@/lib/drives/rules";
import { MATCHING_CONFIG } from "@/lib/matching/config";
import { dismissSuggestion } from "@/lib/matching/mutations";
import { dismissSchema } from "@/lib/matching/schema";
import { personInput } from "../factories";
import { actorIn, auditBy, expectAppError, freshCaseworker, freshOffice, randomNationalId, skillIdOf, uniqueName, uniqueUscc, type Actor } from "./helpers";

type Skill = { skillId: number };

async function register(scope: Scope, overrides: Omit<Partial<CreatePersonInput>, "skills"> & { skills?: Skill[] } = {}) {
  const form = personInput({
    name: uniqueName(),
    nationalId: randomNationalId({ region: overrides.originDivisionCode ?? "520625" }),
    originDivisionCode: "520625",
    migration: "WILLING",
    caseworkerId: scope.userId,
    ...overrides,
    skills: (overrides.skills ?? []).map((s) => ({ customName: null, certificate: null, level: "SKILLED", ...s })),
  } as Partial<CreatePersonInput>);
  return (await createPerson(scope, createPersonSchema.parse(form))).id;
}

async function employerIn(scope: Scope, divisionCode: string) {
  return (await createEmployer(scope, employerInputSchema.parse({ name: `测试企业${uniqueUscc().slice(8, 14)}`, uscc: uniqueUscc(divisionCode), divisionCode }))).id;
}

function vacancyForm(employerId: number, overrides: Record<string, unknown>) {
  return { employerId, title: `焊工${uniqueName(2)}`, occupationCode: "6-18-02-04", sector: "MANUFACTURING", wageMin: 4000, wageMax: 5000, status: "OPEN", skills: [], ...overrides };
}

/** Scores as the drive does: each person's top candidates among vacancies not filtered out. */
function candidatesFor(people: readonly MatchPerson[], vacancies: readonly MatchVacancy[], now: Date): Candidate[][] {
  return people.map((person) =>
    vacancies
      .map((v, j) => ({ vacancy: j, value: exclusionCode(person, v, { now }) === null ? quickScore(person, v) : 0 }))
      .filter((c) => c.value > 0)
      .sort((a, b) => b.value - a.value)
      .slice(0, CANDIDATES_PER_PERSON),
  );
}

/** The best total by trying every assignment (small pools only). */
function bruteForceOptimum(candidates: Candidate[][], capacity: number[]): number {
  const left = [...capacity];
  const best = (i: number): number => {
    if (i === candidates.length) return 0;
    let value = best(i + 1); // this person stays unassigned
    for (const c of candidates[i]!) {
      if (left[c.vacancy]! <= 0) continue;
      left[c.vacancy]!--;
      value = Math.max(value, c.value + best(i + 1));
      left[c.vacancy]!++;
    }
    return value;
  };
  return best(0);
}

type World = {
  owner: Actor;
  vacancyIds: number[];
  people: { welderA: number; welderC: number; localB: number; outsider: number };
  forms: Record<number, ReturnType<typeof vacancyForm>>;
};

/**
 * Two welding jobs: one at home in Yinjiang (1 opening, no dormitory) and one in Suzhou
 * (2 openings, room and board). Two welders from Yinjiang who will migrate fit both, the home job
 * best; a neighbour without the skill who will not migrate can only take the home job. Greedy
 * gives the home job to a welder and leaves the neighbour out; the best assignment sends both
 * welders to Suzhou and the neighbour to the home job. A welder from Shaanxi in the same office is
 * outside the drive's origin filter.
 */
async function buildWorld(): Promise<World> {
  const office = await freshOffice("3205");
  const owner = await actorIn(office.id, "CASEWORKER");
  const welding = await skillIdOf("WELDING");
  const home = await employerIn(owner.scope, "520625");
  const suzhou = await employerIn(owner.scope, "320505");
  const forms: World["forms"] = {};
  const homeForm = vacancyForm(home, { divisionCode: "520625", openings: 1, roomAndBoard: false, skills: [{ skillId: welding, requirement: "REQUIRED" }] });
  const suzhouForm = vacancyForm(suzhou, { divisionCode: "320505", openings: 2, roomAndBoard: true, skills: [{ skillId: welding, requirement: "REQUIRED" }] });
  const homeId = (await createVacancy(owner.scope, vacancyInputSchema.parse(homeForm))).id;
  const suzhouId = (await createVacancy(owner.scope, vacancyInputSchema.parse(suzhouForm))).id;
  forms[homeId] = homeForm;
  forms[suzhouId] = suzhouForm;
  const people = {
    welderA: await register(owner.scope, { originDivisionCode: "520625", skills: [{ skillId: welding }] }),
    welderC: await register(owner.scope, { originDivisionCode: "520625", skills: [{ skillId: welding }] }),
    localB: await register(owner.scope, { originDivisionCode: "520625", migration: "UNWILLING", skills: [{ skillId: await skillIdOf("CLEANING") }] }),
    outsider: await register(owner.scope, { originDivisionCode: "610729", skills: [{ skillId: welding }] }),
  };
  // The drive reads the pool from the matching index: make sure it has caught up with these rows.
  await getMatchIndex({ fresh: true });
  return { owner, vacancyIds: [homeId, suzhouId], people, forms };
}

async function driveRows(driveId: number) {
  return db().recruitmentDrive.findUniqueOrThrow({ where: { id: driveId }, include: { lines: { orderBy: { id: "asc" } } } });
}

describe("createDrive", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("proposes lines within openings, nobody twice, with a tiny stated gap, at the optimum and above greedy", async () => {
    const { owner, vacancyIds, people } = world;

    const { id } = await createDrive(owner.scope, createDriveSchema.parse({ name: "铜仁焊工专场", vacancyIds, originPrefix: "5206" }));

    const drive = await driveRows(id);
    expect(drive).toMatchObject({ officeId: owner.user.officeId, status: "PROPOSED", poolSize: 3, algorithmVersion: MATCHING_CONFIG.version, createdById: owner.user.id });
    expect([...drive.vacancyIds].sort()).toEqual([...vacancyIds].sort());
    // Openings respected, nobody twice, nobody from outside the pool.
    const openings = new Map((await listVacanciesByIds(vacancyIds)).map((v) => [v.id, v.openingsLeft]));
    const perVacancy = new Map<number, number>();
    for (const line of drive.lines) perVacancy.set(line.vacancyId, (perVacancy.get(line.vacancyId) ?? 0) + 1);
    for (const [vacancyId, n] of perVacancy) expect(n).toBeLessThanOrEqual(openings.get(vacancyId)!);
    expect(new Set(drive.lines.map((l) => l.personId)).size).toBe(drive.lines.length);
    expect(drive.lines.map((l) => l.personId)).not.toContain(people.outsider);
    // The best assignment: both welders to Suzhou, the neighbour who stays to the home job.
    expect(new Map(drive.lines.map((l) => [l.personId, l.vacancyId]))).toEqual(
      new Map([
        [people.welderA, vacancyIds[1]],
        [people.welderC, vacancyIds[1]],
        [people.localB, vacancyIds[0]],
      ]),
    );
    expect(drive.totalScore).toBeCloseTo(drive.lines.reduce((sum, l) => sum + l.score, 0), 6);
    const gap = (drive.upperBound - drive.totalScore) / drive.upperBound;
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(0.001);

    // The same data, scored as the drive scores it.
    const index = await getMatchIndex({ fresh: true });
    const pool = [people.welderA, people.welderC, people.localB].map((pid) => index.persons.get(pid)!);
    const vacancies = await listVacanciesByIds(vacancyIds);
    const candidates = candidatesFor(pool, vacancies, new Date());
    const capacity = vacancies.map((v) => v.openingsLeft);
    const greedy = greedyAssignment({ candidates, capacity });
    const optimum = bruteForceOptimum(candidates, capacity);
    expect(drive.totalScore).toBeGreaterThan(greedy.total);
    expect(drive.totalScore).toBeCloseTo(optimum, 6);
    expect(drive.upperBound).toBeGreaterThanOrEqual(optimum - 1e-9);
    expect(greedy.assigned.filter((j) => j >= 0)).toHaveLength(2); // greedy leaves the neighbour out
  });

  it("filters the pool by track, and writes an audit row", async () => {
    const { owner, vacancyIds, people } = world;
    const auditBefore = (await auditBy(owner.user.id)).length;

    const { id } = await createDrive(owner.scope, createDriveSchema.parse({ name: "就近安置", vacancyIds, track: "LOCAL" }));

    const drive = await driveRows(id);
    expect(drive.poolSize).toBe(1);
    expect(drive.lines.map((l) => [l.personId, l.vacancyId])).toEqual([[people.localB, vacancyIds[0]]]);
    const audit = (await auditBy(owner.user.id)).slice(auditBefore);
    expect(audit.map((a) => [a.action, a.entityType, a.entityId])).toEqual([["drive.created", "drive", String(id)]]);
    expect(audit[0]!.changes).toMatchObject({ name: "就近安置", vacancies: 2, pool: 1, lines: 1 });
  });

  it("refuses vacancies none of which is open; a partner may not run drives", async () => {
    const { owner, vacancyIds } = world;
    await expectAppError(createDrive(owner.scope, createDriveSchema.parse({ name: "空", vacancyIds: [2_000_000_000] })), "VALIDATION");
    const partner = await actorIn((await freshOffice("520625", "ORIGIN_BUREAU")).id, "PARTNER");
    await expectAppError(createDrive(partner.scope, createDriveSchema.parse({ name: "伙伴", vacancyIds })), "FORBIDDEN");
    expect(await db().recruitmentDrive.count({ where: { officeId: partner.user.officeId } })).toBe(0);
  });
});

describe("acceptDriveLines", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("turns the chosen lines into REFERRED referrals from the drive, marks them accepted and the drive ACCEPTED", async () => {
    const { owner, vacancyIds } = world;
    const { id } = await createDrive(owner.scope, createDriveSchema.parse({ name: "接受", vacancyIds, originPrefix: "520625" }));
    const proposed = await driveRows(id);
    const [chosen, other] = [proposed.lines.slice(0, 2), proposed.lines.slice(2)];
    const auditBefore = (await auditBy(owner.user.id)).length;

    const result = await acceptDriveLines(owner.scope, id, acceptDriveSchema.parse({ lineIds: chosen.map((l) => l.id) }));

    expect(result).toEqual({ accepted: 2 });
    const drive = await driveRows(id);
    expect(drive.status).toBe("ACCEPTED");
    expect(drive.lines.filter((l) => l.accepted === true).map((l) => l.id)).toEqual(chosen.map((l) => l.id));
    expect(drive.lines.filter((l) => l.accepted === null).map((l) => l.id)).toEqual(other.map((l) => l.id));
    for (const line of chosen) {
      expect(await db().referral.findUnique({ where: { personId_vacancyId: { personId: line.personId, vacancyId: line.vacancyId } } })).toMatchObject({
        status: "REFERRED",
        source: "DRIVE",
        driveId: id,
        score: line.score,
        algorithmVersion: MATCHING_CONFIG.version,
        createdById: owner.user.id,
      });
    }
    for (const line of other) expect(await db().referral.count({ where: { personId: line.personId } })).toBe(0);
    const audit = (await auditBy(owner.user.id)).slice(auditBefore);
    expect(audit.map((a) => a.action)).toEqual(["referral.created", "referral.created", "drive.accepted"]);
    expect(audit.slice(0, 2).map((a) => a.entityId).sort()).toEqual(chosen.map((l) => String(l.personId)).sort());
    expect(audit[2]).toMatchObject({ entityType: "drive", entityId: String(id), changes: { lines: 2 } });
  });

  it("all or nothing: a line of another drive among the ids is NOT_FOUND and nothing is written", async () => {
    const { owner, vacancyIds, people } = world;
    const first = await createDrive(owner.scope, createDriveSchema.parse({ name: "第一场", vacancyIds, originPrefix: "5206" }));
    const second = await createDrive(owner.scope, createDriveSchema.parse({ name: "第二场", vacancyIds, originPrefix: "5206" }));
    const [firstBefore, secondBefore] = [await driveRows(first.id), await driveRows(second.id)];
    const referralsBefore = await db().referral.findMany({ where: { personId: { in: Object.values(people) } }, orderBy: { id: "asc" } });
    const auditBefore = await auditBy(owner.user.id);

    await expectAppError(acceptDriveLines(owner.scope, first.id, acceptDriveSchema.parse({ lineIds: [firstBefore.lines[0]!.id, secondBefore.lines[0]!.id] })), "NOT_FOUND");
    await expectAppError(acceptDriveLines(owner.scope, first.id, acceptDriveSchema.parse({ lineIds: [firstBefore.lines[0]!.id, 2_000_000_000] })), "NOT_FOUND");

    expect(await driveRows(first.id)).toEqual(firstBefore);
    expect(await driveRows(second.id)).toEqual(secondBefore);
    expect(await db().referral.findMany({ where: { personId: { in: Object.values(people) } }, orderBy: { id: "asc" } })).toEqual(referralsBefore);
    expect(await auditBy(owner.user.id)).toEqual(auditBefore);
  });

  it("a caseworker of another office can neither see nor accept the drive", async () => {
    const { owner, vacancyIds } = world;
    const { id } = await createDrive(owner.scope, createDriveSchema.parse({ name: "别人的", vacancyIds, originPrefix: "5206" }));
    const before = await driveRows(id);
    const stranger = await freshCaseworker("3205");

    expect(await getDrive(stranger.scope, id)).toBeNull();
    expect((await listDrives(stranger.scope)).map((d) => d.id)).not.toContain(id);
    await expectAppError(acceptDriveLines(stranger.scope, id, acceptDriveSchema.parse({ lineIds: before.lines.map((l) => l.id) })), "NOT_FOUND");

    expect(await driveRows(id)).toEqual(before);
    expect(await auditBy(stranger.user.id)).toEqual([]);
    // The owner sees it, with its lines.
    expect((await getDrive(owner.scope, id))?.lines).toHaveLength(before.lines.length);
    expect((await listDrives(owner.scope)).map((d) => d.id)).toContain(id);
  });

  it("refuses lines whose vacancy has closed since the drive was proposed; nothing is written", async () => {
    const { owner, vacancyIds, forms } = world;
    const { id } = await createDrive(owner.scope, createDriveSchema.parse({ name: "已关闭", vacancyIds, originPrefix: "5206" }));
    const proposed = await driveRows(id);
    const closedId = vacancyIds[0]!;
    const { version } = await db().vacancy.findUniqueOrThrow({ where: { id: closedId }, select: { version: true } });
    await updateVacancy(owner.scope, closedId, updateVacancySchema.parse({ ...forms[closedId], status: "CLOSED", version }));
    const line = proposed.lines.find((l) => l.vacancyId === closedId)!;
    // An earlier test in this file may have referred the same person there already.
    const before = await db().referral.findMany({ where: { personId: line.personId, vacancyId: closedId }, select: { id: true, version: true, driveId: true } });

    await expectAppError(acceptDriveLines(owner.scope, id, acceptDriveSchema.parse({ lineIds: [line.id] })), "VALIDATION");
    expect(await db().referral.findMany({ where: { personId: line.personId, vacancyId: closedId }, select: { id: true, version: true, driveId: true } })).toEqual(before);
    expect((await db().driveLine.findUniqueOrThrow({ where: { id: line.id } })).accepted).toBeNull();
  });
});

describe("acceptDriveLines after a pair was marked not suitable", () => {
  it("refuses the line and writes nothing", async () => {
    const world = await buildWorld();
    const { owner, vacancyIds } = world;
    const { id } = await createDrive(owner.scope, createDriveSchema.parse({ name: "不合适", vacancyIds, originPrefix: "5206" }));
    const line = (await driveRows(id)).lines[0]!;
    await dismissSuggestion(owner.scope, line.personId, line.vacancyId, dismissSchema.parse({ reason: "TOO_FAR" }));

    await expectAppError(acceptDriveLines(owner.scope, id, acceptDriveSchema.parse({ lineIds: [line.id] })), "VALIDATION");
    expect(await db().referral.count({ where: { personId: line.personId, vacancyId: line.vacancyId } })).toBe(0);
    expect((await db().driveLine.findUniqueOrThrow({ where: { id: line.id } })).accepted).toBeNull();
  });
});
