// Placements against PostgreSQL: the transitions (one active placement per person unless it is a
// reassignment; an ended placement stays ended unless a supervisor reopens it, audited), openings
// counted in the database (two caseworkers racing for the last opening), reassignment as one
// transaction, the follow-up plan from the office's cadence, the table's own constraints, and
// who may read or write whose placements. Every row asserted is read back from the database.
// The pages' loaders are tried too: the session gate needs a Next request, so it is replaced by
// one that returns the signed-in test user (as tests/integration/audit.test.ts does); every read
// below it is real.
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { hashPii } from "@/lib/pii";
import { buildNationalId, normalizeNationalId } from "@/lib/persons/national-id";
import { createEmployer } from "@/lib/employers/mutations";
import { employerInputSchema } from "@/lib/employers/schema";
import { createVacancy } from "@/lib/vacancies/mutations";
import { vacancyInputSchema } from "@/lib/vacancies/schema";
import { referPerson } from "@/lib/matching/mutations";
import { createPlacement, endPlacement, reassignPlacement, reopenPlacement, updateOfficeCadence, updatePlacement } from "@/lib/placements/mutations";
import { endPlacementSchema, placementInputSchema, reassignSchema, reopenSchema, updatePlacementSchema } from "@/lib/placements/schema";
import { getPlacement, listFollowUpsForPerson, listPlacementsForPerson } from "@/lib/placements/data";
import { addDays, chinaToday, isoDate } from "@/lib/placements/rules";
import { loadPersonPlacements, loadReassign } from "@/lib/placements/loaders";
import { createTestPerson, scopeFor } from "../factories";
import { actorIn, auditBy, auditOf, expectAppError, freshCaseworker, freshOffice, uniqueName, uniqueUscc } from "./helpers";
import { signIn } from "./session-gate";

vi.mock("@/lib/auth/session", async () => (await import("./session-gate")).sessionGate);


// ---------------------------------------------------------------------------------------------
// Builders

const today = chinaToday();
const day = (offset = 0) => isoDate(addDays(today, offset));

async function employerIn(scope: Scope, divisionCode = "320509") {
  return (await createEmployer(scope, employerInputSchema.parse({ name: `测试企业${uniqueUscc().slice(8, 14)}`, uscc: uniqueUscc(divisionCode), divisionCode }))).id;
}

async function openVacancy(scope: Scope, employerId: number, openings = 3, overrides: Record<string, unknown> = {}) {
  const form = { employerId, title: `装配工${uniqueName(2)}`, occupationCode: "6-20-01-01", openings, wageMin: 4200, wageMax: 4800, divisionCode: "320509", roomAndBoard: true, status: "OPEN", ...overrides };
  return (await createVacancy(scope, vacancyInputSchema.parse(form))).id;
}

async function person(scope: Scope, overrides: Record<string, unknown> = {}) {
  return (await createTestPerson(scope, { name: uniqueName(), ...overrides })).id;
}

/** The placement form's values (a vacancy, today, a wage, a contract). */
function job(overrides: Record<string, unknown> = {}) {
  return placementInputSchema.parse({ startDate: day(), monthlyWage: 4500, contractType: "FIXED_TERM", roomAndBoard: true, ...overrides });
}

/** An office of its own with a caseworker, an employer and an open vacancy: the usual start. */
async function desk(openings = 3) {
  const cw = await freshCaseworker("3205");
  const employerId = await employerIn(cw.scope);
  const vacancyId = await openVacancy(cw.scope, employerId, openings);
  return { ...cw, employerId, vacancyId };
}

const vacancyRow = (id: number) => db().vacancy.findUniqueOrThrow({ where: { id }, select: { openings: true, filled: true, status: true } });
const placementRow = (id: number) => db().placement.findUniqueOrThrow({ where: { id }, include: { supports: { orderBy: { id: "asc" } } } });
const placementsOf = (personId: number) => db().placement.findMany({ where: { personId }, orderBy: { id: "asc" } });
const followUpsOf = (personId: number) => db().followUp.findMany({ where: { personId }, orderBy: [{ placementId: "asc" }, { dueDate: "asc" }] });
const personRow = (id: number) => db().person.findUniqueOrThrow({ where: { id }, select: { employmentStatus: true, version: true } });

/** The field errors a mutation refused with (it must refuse with VALIDATION). */
async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await expectAppError(promise, "VALIDATION");
  return (error.details?.fieldErrors ?? {}) as Record<string, string>;
}

/** A supervisor over the office's region (the only role, with admins, that may reopen). */
async function supervisorOf(officeId: number) {
  return actorIn(officeId, "SUPERVISOR");
}

// ---------------------------------------------------------------------------------------------

describe("createPlacement", () => {
  it("from a referral: takes an opening, marks the referral hired and the person employed, plans follow-ups on the office's cadence, audits it", async () => {
    const { scope, user, office, vacancyId } = await desk();
    const supervisor = await supervisorOf(office.id);
    await updateOfficeCadence(supervisor.scope, office.id, { followUpCadence: [30, 7, 90], monitoringIntervalDays: 60 });
    const personId = await person(scope);
    const referral = await referPerson(scope, personId, vacancyId, { status: "REFERRED", note: null });

    const { id } = await createPlacement(
      scope,
      personId,
      job({ referralId: referral.id, supports: [{ kind: "RENT_WAIVER", monthlyAmount: 800, startDate: day(), endDate: day(180), note: "宿舍租金减免" }, { kind: "TRANSPORT_ALLOWANCE", monthlyAmount: 200, startDate: day() }] }),
    );

    const placement = await placementRow(id);
    expect(placement).toMatchObject({ personId, vacancyId, referralId: referral.id, status: "ACTIVE", holdsOpening: true, monthlyWage: 4500, contractType: "FIXED_TERM", countyCode: "320509", officeId: office.id, createdById: user.id, previousPlacementId: null });
    expect(placement.supports.map((s) => [s.kind, s.monthlyAmount, isoDate(s.startDate), s.endDate && isoDate(s.endDate), s.note])).toEqual([
      ["RENT_WAIVER", 800, day(), day(180), "宿舍租金减免"],
      ["TRANSPORT_ALLOWANCE", 200, day(), null, null],
    ]);
    expect(await vacancyRow(vacancyId)).toEqual({ openings: 3, filled: 1, status: "OPEN" });
    expect((await db().referral.findUniqueOrThrow({ where: { id: referral.id } })).status).toBe("HIRED");
    expect((await personRow(personId)).employmentStatus).toBe("EMPLOYED");
    // The office's cadence (7, 30, 90 days after the start), for the person's caseworker.
    const plan = await followUpsOf(personId);
    expect(plan.map((f) => [f.reason, f.cadenceDay, isoDate(f.dueDate), f.status, f.caseworkerId, f.placementId])).toEqual([
      ["PLACEMENT", 7, day(7), "OPEN", user.id, id],
      ["PLACEMENT", 30, day(30), "OPEN", user.id, id],
      ["PLACEMENT", 90, day(90), "OPEN", user.id, id],
    ]);
    const audit = (await auditOf("person", personId)).filter((a) => a.action.startsWith("placement."));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "placement.created", actorId: user.id });
    expect(audit[0]!.changes).toMatchObject({ placementId: id, vacancyId, referralId: referral.id, monthlyWage: 4500, followUps: [day(7), day(30), day(90)] });
  });

  it("from a referral without naming the vacancy: the referral's vacancy is the job; a referral of another vacancy is refused", async () => {
    const { scope, employerId, vacancyId } = await desk();
    const other = await openVacancy(scope, employerId);
    const personId = await person(scope);
    const referral = await referPerson(scope, personId, vacancyId, { status: "REFERRED", note: null });

    expect(await fieldErrors(createPlacement(scope, personId, job({ referralId: referral.id, vacancyId: other })))).toEqual({ referralId: "validation.referralUnknown" });
    expect(await placementsOf(personId)).toEqual([]);
    expect(await vacancyRow(other)).toMatchObject({ filled: 0 });

    const { id } = await createPlacement(scope, personId, job({ referralId: referral.id }));
    expect(await placementRow(id)).toMatchObject({ vacancyId, referralId: referral.id, holdsOpening: true });
    expect(await vacancyRow(vacancyId)).toMatchObject({ filled: 1 });
  });

  it("recorded directly: an employer, a title and a place down to the county; no opening is counted", async () => {
    const { scope, employerId } = await desk();
    const personId = await person(scope);
    const town = await db().division.findFirstOrThrow({ where: { parentCode: "320681", level: 4 }, orderBy: { code: "asc" } });
    // A province or a city is not a workplace.
    expect(placementInputSchema.safeParse({ employerId, title: "机床操作工", divisionCode: "32", startDate: day(), monthlyWage: 4800, contractType: "OPEN_ENDED" }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["divisionCode", "validation.division"]]);

    const { id } = await createPlacement(scope, personId, job({ employerId, title: "机床操作工", divisionCode: town.code, occupationCode: "6-18-01-07", contractType: "OPEN_ENDED" }));
    expect(await placementRow(id)).toMatchObject({ vacancyId: null, employerId, title: "机床操作工", countyCode: "320681", occupationCode: "6-18-01-07", holdsOpening: false, contractType: "OPEN_ENDED" });
  });

  it("refuses what it cannot record, next to the field, and writes nothing: a start too far ahead, an unknown employer, place or occupation, a direct job without its fields", async () => {
    const { scope, user, vacancyId, employerId } = await desk();
    const personId = await person(scope);
    const auditBefore = (await auditBy(user.id)).length;

    expect(await fieldErrors(createPlacement(scope, personId, job({ vacancyId, startDate: day(91) })))).toEqual({ startDate: "validation.startTooFar" });
    expect(await fieldErrors(createPlacement(scope, personId, job({ employerId: 2_000_000_000, title: "x", divisionCode: "999999", occupationCode: "9-99-99-99" })))).toEqual({
      employerId: "validation.employerUnknown",
      divisionCode: "validation.divisionUnknown",
      occupationCode: "validation.occupation",
    });
    expect(await fieldErrors(createPlacement(scope, personId, job({ vacancyId: 2_000_000_000 })))).toEqual({ vacancyId: "validation.vacancyUnknown" });
    expect(placementInputSchema.safeParse({ startDate: day(), monthlyWage: 4800, contractType: "NONE", employerId }).error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["divisionCode", "title"]);
    expect(placementInputSchema.safeParse({ vacancyId, startDate: day(), monthlyWage: 100, contractType: "NONE", supports: [{ kind: "OTHER", monthlyAmount: 10, startDate: day(), endDate: day(-1) }] }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["monthlyWage", "validation.range"],
      ["supports.0.endDate", "validation.endBeforeStart"],
      ["supports.0.note", "validation.supportNote"],
    ]);

    expect(await placementsOf(personId)).toEqual([]);
    expect(await vacancyRow(vacancyId)).toMatchObject({ filled: 0 });
    expect(await followUpsOf(personId)).toEqual([]);
    expect((await auditBy(user.id)).length).toBe(auditBefore);
  });

  it("no second active placement: the person in a job is refused (a move is a reassignment), and nothing is written", async () => {
    const { scope, employerId, vacancyId } = await desk();
    const other = await openVacancy(scope, employerId);
    const personId = await person(scope);
    const { id } = await createPlacement(scope, personId, job({ vacancyId }));

    expect(await fieldErrors(createPlacement(scope, personId, job({ vacancyId: other })))).toEqual({ _form: "validation.alreadyPlaced" });
    expect((await placementsOf(personId)).map((p) => [p.id, p.status])).toEqual([[id, "ACTIVE"]]);
    expect(await vacancyRow(other)).toMatchObject({ filled: 0 });
  });
});

describe("openings", () => {
  it("two caseworkers place two people into a vacancy's last opening at the same moment: one succeeds, the other is told it is full, never overbooked", async () => {
    for (let round = 0; round < 3; round++) {
      const { office, scope, vacancyId } = await desk(1);
      const colleague = await actorIn(office.id, "CASEWORKER");
      const [first, second] = [await person(scope), await person(colleague.scope)];

      const results = await Promise.allSettled([createPlacement(scope, first, job({ vacancyId })), createPlacement(colleague.scope, second, job({ vacancyId }))]);

      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(AppError);
      expect((lost[0]!.reason as AppError).code).toBe("VALIDATION");
      expect((lost[0]!.reason as AppError).details?.fieldErrors).toEqual({ vacancyId: "validation.vacancyFull" });
      expect(await vacancyRow(vacancyId)).toEqual({ openings: 1, filled: 1, status: "FILLED" });
      expect(await db().placement.count({ where: { vacancyId } })).toBe(1);
      // The one who lost has nothing: no placement, no plan, still looking for work.
      const loser = results[0]!.status === "rejected" ? first : second;
      expect(await placementsOf(loser)).toEqual([]);
      expect(await followUpsOf(loser)).toEqual([]);
      expect((await personRow(loser)).employmentStatus).toBe("UNEMPLOYED");
    }
  });

  it("six placements racing for two openings: exactly two are placed, four are told the vacancy is full", async () => {
    const { office, scope, vacancyId } = await desk(2);
    const staff = [{ scope }, ...(await Promise.all(Array.from({ length: 5 }, () => actorIn(office.id, "CASEWORKER"))))];
    const people = await Promise.all(staff.map((s) => person(s.scope)));

    const results = await Promise.allSettled(people.map((p, i) => createPlacement(staff[i]!.scope, p, job({ vacancyId }))));

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => (r.reason as AppError).details?.fieldErrors);
    expect(refusals).toEqual(Array(4).fill({ vacancyId: "validation.vacancyFull" }));
    expect(await vacancyRow(vacancyId)).toEqual({ openings: 2, filled: 2, status: "FILLED" });
    expect(await db().placement.count({ where: { vacancyId, status: "ACTIVE", holdsOpening: true } })).toBe(2);
  });

  it("ending a placement gives its opening back: the filled vacancy opens again and the next person can be placed", async () => {
    const { scope, vacancyId } = await desk(1);
    const [first, second] = [await person(scope), await person(scope)];
    const { id } = await createPlacement(scope, first, job({ vacancyId }));
    expect(await fieldErrors(createPlacement(scope, second, job({ vacancyId })))).toEqual({ vacancyId: "validation.vacancyFull" });

    await endPlacement(scope, id, endPlacementSchema.parse({ endDate: day(), endReason: "FAMILY", version: 1 }));
    expect(await vacancyRow(vacancyId)).toEqual({ openings: 1, filled: 0, status: "OPEN" });
    expect(await placementRow(id)).toMatchObject({ holdsOpening: false });

    await createPlacement(scope, second, job({ vacancyId }));
    expect(await vacancyRow(vacancyId)).toEqual({ openings: 1, filled: 1, status: "FILLED" });
  });
});

describe("endPlacement and updatePlacement", () => {
  it("ends with a date and a reason: the plan still open is cancelled, the person is looking for work again, the end is audited", async () => {
    const { scope, user, vacancyId } = await desk();
    const personId = await person(scope);
    const { id } = await createPlacement(scope, personId, job({ vacancyId, startDate: day(-20) }));

    await endPlacement(scope, id, endPlacementSchema.parse({ endDate: day(-1), endReason: "DID_NOT_ADAPT", endNote: "流水线节奏快，不适应", version: 1 }));

    expect(await placementRow(id)).toMatchObject({ status: "ENDED", endReason: "DID_NOT_ADAPT", endNote: "流水线节奏快，不适应", endedById: user.id, holdsOpening: false, version: 2 });
    expect(isoDate((await placementRow(id)).endDate!)).toBe(day(-1));
    // Started 20 days ago: the 7-day follow-up is past but kept (the last one past), all five cancelled now.
    expect((await followUpsOf(personId)).filter((f) => f.placementId === id).map((f) => f.status)).toEqual(["CANCELLED", "CANCELLED", "CANCELLED", "CANCELLED", "CANCELLED"]);
    expect((await personRow(personId)).employmentStatus).toBe("UNEMPLOYED");
    const ended = (await auditOf("person", personId)).filter((a) => a.action === "placement.ended");
    expect(ended.map((a) => a.changes)).toEqual([{ placementId: id, title: (await placementRow(id)).title, endDate: day(-1), endReason: "DID_NOT_ADAPT", endNote: "流水线节奏快，不适应" }]);
  });

  it("refuses an end without its reason, 'other' without a note, before the start or in the future, or on a stale version", async () => {
    const { scope, vacancyId } = await desk();
    const personId = await person(scope);
    const { id } = await createPlacement(scope, personId, job({ vacancyId, startDate: day(-5) }));

    expect(endPlacementSchema.safeParse({ endDate: day(), version: 1 }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["endReason", "validation.required"]]);
    expect(endPlacementSchema.safeParse({ endDate: day(), endReason: "OTHER", endNote: "  ", version: 1 }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["endNote", "validation.endNote"]]);
    expect(await fieldErrors(endPlacement(scope, id, endPlacementSchema.parse({ endDate: day(-6), endReason: "WAGE", version: 1 })))).toEqual({ endDate: "validation.endBeforeStart" });
    expect(await fieldErrors(endPlacement(scope, id, endPlacementSchema.parse({ endDate: day(3), endReason: "WAGE", version: 1 })))).toEqual({ endDate: "validation.endInFuture" });
    await expectAppError(endPlacement(scope, id, endPlacementSchema.parse({ endDate: day(), endReason: "WAGE", version: 7 })), "CONFLICT");
    expect(await placementRow(id)).toMatchObject({ status: "ACTIVE", endDate: null, endReason: null, version: 1 });
  });

  it("changes wage, contract, room and board and support measures of the running job, with before and after in the history", async () => {
    const { scope, user, vacancyId } = await desk();
    const personId = await person(scope);
    const { id } = await createPlacement(scope, personId, job({ vacancyId, supports: [{ kind: "RENT_WAIVER", monthlyAmount: 800, startDate: day() }] }));

    const saved = await updatePlacement(scope, id, updatePlacementSchema.parse({ version: 1, monthlyWage: 5200, contractType: "OPEN_ENDED", roomAndBoard: false, supports: [{ kind: "LIVING_ALLOWANCE", monthlyAmount: 300, startDate: day(), endDate: day(90) }] }));

    expect(saved).toEqual({ id, version: 2 });
    const row = await placementRow(id);
    expect(row).toMatchObject({ monthlyWage: 5200, contractType: "OPEN_ENDED", roomAndBoard: false, status: "ACTIVE" });
    expect(row.supports.map((s) => [s.kind, s.monthlyAmount])).toEqual([["LIVING_ALLOWANCE", 300]]);
    const updated = (await auditBy(user.id)).filter((a) => a.action === "placement.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]!.changes).toMatchObject({ placementId: id, monthlyWage: [4500, 5200], contractType: ["FIXED_TERM", "OPEN_ENDED"], roomAndBoard: [true, false] });
    await expectAppError(updatePlacement(scope, id, updatePlacementSchema.parse({ version: 1, monthlyWage: 6000, contractType: "NONE", roomAndBoard: false, supports: [] })), "CONFLICT");
  });

  it("an ended placement cannot be changed, ended again or reassigned: only a supervisor's reopen brings it back", async () => {
    const { scope, vacancyId } = await desk();
    const personId = await person(scope);
    const { id } = await createPlacement(scope, personId, job({ vacancyId }));
    await endPlacement(scope, id, endPlacementSchema.parse({ endDate: day(), endReason: "HEALTH", version: 1 }));
    const before = await placementRow(id);

    expect(await fieldErrors(updatePlacement(scope, id, updatePlacementSchema.parse({ version: 2, monthlyWage: 9000, contractType: "NONE", roomAndBoard: false, supports: [] })))).toEqual({ _form: "validation.placementEnded" });
    expect(await fieldErrors(endPlacement(scope, id, endPlacementSchema.parse({ endDate: day(), endReason: "WAGE", version: 2 })))).toEqual({ _form: "validation.placementEnded" });
    expect(await fieldErrors(reassignPlacement(scope, id, reassignSchema.parse({ endDate: day(), endReason: "WAGE", version: 2, next: { vacancyId, startDate: day(), monthlyWage: 4000, contractType: "NONE" } })))).toEqual({ _form: "validation.placementEnded" });
    // A caseworker may not reopen at all.
    await expectAppError(reopenPlacement(scope, id, reopenSchema.parse({ version: 2, note: "误录" })), "FORBIDDEN");
    expect(await placementRow(id)).toEqual(before);
    expect(await placementsOf(personId)).toHaveLength(1);
  });
});

describe("the placements table", () => {
  it("refuses an end date without its reason (and the reverse), an ENDED row without an end, and a second ACTIVE placement, even from raw SQL", async () => {
    const { scope, vacancyId, employerId, office } = await desk();
    const personId = await person(scope);
    const { id } = await createPlacement(scope, personId, job({ vacancyId }));
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const attempt = (sql: string, params: unknown[] = [id]) =>
        client.query(sql, params).then(
          () => null,
          (e: { code?: string; constraint?: string }) => ({ code: e.code, constraint: e.constraint }),
        );
      expect(await attempt("UPDATE placements SET end_date = start_date WHERE id = $1")).toEqual({ code: "23514", constraint: "placements_end_date_and_reason_together" });
      expect(await attempt("UPDATE placements SET end_reason = 'WAGE' WHERE id = $1")).toEqual({ code: "23514", constraint: "placements_end_date_and_reason_together" });
      expect(await attempt("UPDATE placements SET status = 'ENDED' WHERE id = $1")).toEqual({ code: "23514", constraint: "placements_status_matches_end" });
      expect(await attempt("UPDATE placements SET end_date = start_date - 1, end_reason = 'WAGE', status = 'ENDED' WHERE id = $1")).toEqual({ code: "23514", constraint: "placements_end_after_start" });
      expect(
        await attempt("INSERT INTO placements (person_id, employer_id, office_id, title, county_code, start_date, updated_at) VALUES ($1, $2, $3, '另一份工作', '320509', CURRENT_DATE, now())", [personId, employerId, office.id]),
      ).toEqual({ code: "23505", constraint: "placements_one_active_per_person" });
      // Date and reason together, with the status: accepted.
      expect(await attempt("UPDATE placements SET end_date = start_date, end_reason = 'WAGE', status = 'ENDED' WHERE id = $1")).toBeNull();
    } finally {
      await client.end();
    }
    expect(await placementRow(id)).toMatchObject({ status: "ENDED", endReason: "WAGE" });
  });
});

describe("reassignPlacement", () => {
  it("ends the current job with its reason and starts the next in one step: the chain is linked, the opening moves, the old plan is cancelled and the new one planned, one audit row", async () => {
    const { scope, user, employerId, vacancyId } = await desk(1);
    const next = await openVacancy(scope, employerId, 2, { title: "包装工" });
    const personId = await person(scope);
    const { id: first } = await createPlacement(scope, personId, job({ vacancyId, startDate: day(-30) }));

    const { id: second } = await reassignPlacement(scope, first, reassignSchema.parse({ endDate: day(-1), endReason: "DID_NOT_ADAPT", endNote: "三班倒不适应", version: 1, next: { vacancyId: next, startDate: day(), monthlyWage: 4600, contractType: "PROBATION", roomAndBoard: true } }));

    expect(await placementRow(first)).toMatchObject({ status: "ENDED", endReason: "DID_NOT_ADAPT", endNote: "三班倒不适应", endedById: user.id, holdsOpening: false });
    expect(await placementRow(second)).toMatchObject({ status: "ACTIVE", previousPlacementId: first, vacancyId: next, holdsOpening: true, contractType: "PROBATION", createdById: user.id });
    expect(await vacancyRow(vacancyId)).toEqual({ openings: 1, filled: 0, status: "OPEN" });
    expect(await vacancyRow(next)).toEqual({ openings: 2, filled: 1, status: "OPEN" });
    const plans = await followUpsOf(personId);
    expect(plans.filter((f) => f.placementId === first).every((f) => f.status !== "OPEN")).toBe(true);
    expect(plans.filter((f) => f.placementId === second).map((f) => [f.cadenceDay, isoDate(f.dueDate), f.status])).toEqual([
      [7, day(7), "OPEN"],
      [30, day(30), "OPEN"],
      [90, day(90), "OPEN"],
      [180, day(180), "OPEN"],
      [365, day(365), "OPEN"],
    ]);
    expect((await personRow(personId)).employmentStatus).toBe("EMPLOYED");
    const moves = (await auditOf("person", personId)).filter((a) => a.action === "placement.reassigned");
    expect(moves).toHaveLength(1);
    expect(moves[0]!.changes).toMatchObject({ from: { placementId: first, endReason: "DID_NOT_ADAPT", endNote: "三班倒不适应", endDate: day(-1) }, to: { placementId: second, vacancyId: next, startDate: day() } });
    // The chain as the timeline reads it: oldest first, the second pointing at the first.
    expect((await listPlacementsForPerson(scope, personId)).map((p) => [p.id, p.previousPlacementId, p.status, p.endReason])).toEqual([
      [first, null, "ENDED", "DID_NOT_ADAPT"],
      [second, first, "ACTIVE", null],
    ]);
  });

  it("is one transaction: when the next job cannot be taken (its last opening is gone), the current placement is still ACTIVE and nothing at all was written", async () => {
    const { scope, user, employerId, vacancyId } = await desk(1);
    const full = await openVacancy(scope, employerId, 1, { title: "满员岗位" });
    await createPlacement(scope, await person(scope), job({ vacancyId: full }));
    const personId = await person(scope);
    const { id } = await createPlacement(scope, personId, job({ vacancyId, startDate: day(-10) }));
    const before = { placements: await placementsOf(personId), followUps: await followUpsOf(personId), current: await vacancyRow(vacancyId), next: await vacancyRow(full), person: await personRow(personId), audit: (await auditBy(user.id)).length };

    const errors = await fieldErrors(reassignPlacement(scope, id, reassignSchema.parse({ endDate: day(), endReason: "WAGE", version: 1, next: { vacancyId: full, startDate: day(), monthlyWage: 5000, contractType: "FIXED_TERM" } })));

    expect(errors).toEqual({ "next.vacancyId": "validation.vacancyFull" });
    expect(await placementRow(id)).toMatchObject({ status: "ACTIVE", endDate: null, endReason: null, endedById: null, holdsOpening: true, version: 1 });
    expect(await placementsOf(personId)).toEqual(before.placements);
    expect(await followUpsOf(personId)).toEqual(before.followUps);
    expect(await vacancyRow(vacancyId)).toEqual(before.current);
    expect(await vacancyRow(full)).toEqual(before.next);
    expect(await personRow(personId)).toEqual(before.person);
    expect((await auditBy(user.id)).length).toBe(before.audit);
  });

  it("the next job cannot start before the current one ends", async () => {
    const parsed = reassignSchema.safeParse({ endDate: day(), endReason: "WAGE", version: 1, next: { vacancyId: 1, startDate: day(-1), monthlyWage: 5000, contractType: "FIXED_TERM" } });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["next.startDate", "validation.nextStartsBeforeEnd"]]);
  });
});

describe("reopenPlacement", () => {
  it("a supervisor undoes an end recorded by mistake, with a note: the job is active again, takes its opening back, its plan returns, and the undo is audited with what it replaced", async () => {
    const { scope, office, vacancyId } = await desk(1);
    const supervisor = await supervisorOf(office.id);
    const personId = await person(scope);
    const { id } = await createPlacement(scope, personId, job({ vacancyId }));
    await endPlacement(scope, id, endPlacementSchema.parse({ endDate: day(), endReason: "RETURNED_HOME", version: 1 }));
    expect(await vacancyRow(vacancyId)).toMatchObject({ filled: 0, status: "OPEN" });

    expect(reopenSchema.safeParse({ version: 2, note: " " }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["note", "validation.required"]]);
    await reopenPlacement(supervisor.scope, id, reopenSchema.parse({ version: 2, note: "误录：本人只是请假回家一周" }));

    expect(await placementRow(id)).toMatchObject({ status: "ACTIVE", endDate: null, endReason: null, endNote: null, endedById: null, holdsOpening: true, version: 3 });
    expect(await vacancyRow(vacancyId)).toEqual({ openings: 1, filled: 1, status: "FILLED" });
    expect((await followUpsOf(personId)).filter((f) => f.placementId === id).every((f) => f.status === "OPEN")).toBe(true);
    expect((await followUpsOf(personId)).filter((f) => f.reason === "MONITORING" && f.status === "OPEN")).toEqual([]);
    expect((await personRow(personId)).employmentStatus).toBe("EMPLOYED");
    const reopened = (await auditBy(supervisor.user.id)).filter((a) => a.action === "placement.reopened");
    expect(reopened.map((a) => a.changes)).toEqual([{ placementId: id, title: (await placementRow(id)).title, was: { endDate: day(), endReason: "RETURNED_HOME", endNote: null }, note: "误录：本人只是请假回家一周" }]);
  });

  it("is refused when a reassignment followed it, when another placement is running, or when its vacancy filled up meanwhile", async () => {
    const { scope, office, employerId, vacancyId } = await desk(1);
    const supervisor = await supervisorOf(office.id);

    // Replaced by a reassignment.
    const moved = await person(scope);
    const other = await openVacancy(scope, employerId, 5);
    const { id: first } = await createPlacement(scope, moved, job({ vacancyId: other }));
    await reassignPlacement(scope, first, reassignSchema.parse({ endDate: day(), endReason: "WAGE", version: 1, next: { vacancyId: other, startDate: day(), monthlyWage: 5000, contractType: "FIXED_TERM" } }));
    expect(await fieldErrors(reopenPlacement(supervisor.scope, first, reopenSchema.parse({ version: 2, note: "撤销" })))).toEqual({ _form: "validation.reopenReplaced" });

    // Ended, then placed elsewhere directly.
    const again = await person(scope);
    const { id: a } = await createPlacement(scope, again, job({ vacancyId: other }));
    await endPlacement(scope, a, endPlacementSchema.parse({ endDate: day(), endReason: "FAMILY", version: 1 }));
    await createPlacement(scope, again, job({ employerId, title: "临时工", divisionCode: "320509" }));
    expect(await fieldErrors(reopenPlacement(supervisor.scope, a, reopenSchema.parse({ version: 2, note: "撤销" })))).toEqual({ _form: "validation.alreadyPlaced" });

    // Its vacancy's last opening went to someone else meanwhile.
    const left = await person(scope);
    const { id: b } = await createPlacement(scope, left, job({ vacancyId }));
    await endPlacement(scope, b, endPlacementSchema.parse({ endDate: day(), endReason: "FAMILY", version: 1 }));
    await createPlacement(scope, await person(scope), job({ vacancyId }));
    expect(await fieldErrors(reopenPlacement(supervisor.scope, b, reopenSchema.parse({ version: 2, note: "撤销" })))).toEqual({ _form: "validation.vacancyFull" });
    expect(await vacancyRow(vacancyId)).toEqual({ openings: 1, filled: 1, status: "FILLED" });

    for (const id of [first, a, b]) expect(await placementRow(id)).toMatchObject({ status: "ENDED", version: 2 });
    expect((await auditBy(supervisor.user.id)).filter((e) => e.action === "placement.reopened")).toEqual([]);
  });
});

describe("who may read and write placements", () => {
  it("a caseworker of another office and a partner of another region read nothing and change nothing; the person's own partner reads but cannot write", async () => {
    const { scope, vacancyId, employerId } = await desk();
    const personId = await person(scope, { originDivisionCode: "520625" });
    const { id } = await createPlacement(scope, personId, job({ vacancyId }));
    const before = await placementRow(id);

    const stranger = await freshCaseworker("3202");
    const otherPartner = await actorIn((await freshOffice("610729", "ORIGIN_BUREAU")).id, "PARTNER");
    const ownPartner = await actorIn((await freshOffice("520625", "ORIGIN_BUREAU")).id, "PARTNER");

    for (const outsider of [stranger.scope, otherPartner.scope]) {
      expect(await listPlacementsForPerson(outsider, personId)).toEqual([]);
      expect(await getPlacement(outsider, id)).toBeNull();
      expect(await listFollowUpsForPerson(outsider, personId)).toEqual([]);
    }
    await expectAppError(createPlacement(stranger.scope, personId, job({ employerId, title: "x", divisionCode: "320509" })), "NOT_FOUND");
    await expectAppError(updatePlacement(stranger.scope, id, updatePlacementSchema.parse({ version: 1, monthlyWage: 9000, contractType: "NONE", roomAndBoard: false, supports: [] })), "NOT_FOUND");
    await expectAppError(endPlacement(stranger.scope, id, endPlacementSchema.parse({ endDate: day(), endReason: "WAGE", version: 1 })), "NOT_FOUND");
    await expectAppError(reassignPlacement(stranger.scope, id, reassignSchema.parse({ endDate: day(), endReason: "WAGE", version: 1, next: { vacancyId, startDate: day(), monthlyWage: 4000, contractType: "NONE" } })), "NOT_FOUND");
    const strangerSupervisor = await actorIn(stranger.office.id, "SUPERVISOR");
    await expectAppError(reopenPlacement(strangerSupervisor.scope, id, reopenSchema.parse({ version: 1, note: "x" })), "NOT_FOUND");
    for (const partner of [otherPartner.scope, ownPartner.scope]) {
      await expectAppError(createPlacement(partner, personId, job({ vacancyId })), "FORBIDDEN");
      await expectAppError(endPlacement(partner, id, endPlacementSchema.parse({ endDate: day(), endReason: "WAGE", version: 1 })), "FORBIDDEN");
      await expectAppError(updatePlacement(partner, id, updatePlacementSchema.parse({ version: 1, monthlyWage: 9000, contractType: "NONE", roomAndBoard: false, supports: [] })), "FORBIDDEN");
    }

    // The origin county's bureau sees how its own people are doing.
    expect((await listPlacementsForPerson(ownPartner.scope, personId)).map((p) => p.id)).toEqual([id]);
    expect((await getPlacement(ownPartner.scope, id))?.id).toBe(id);

    expect(await placementRow(id)).toEqual(before);
    expect(await vacancyRow(vacancyId)).toMatchObject({ filled: 1 });
    for (const outsider of [stranger, otherPartner, ownPartner, strangerSupervisor]) expect(await auditBy(outsider.user.id)).toEqual([]);
  });

  it("every write leaves its audit row on the person, by whoever made it", async () => {
    const { scope, user, office, employerId, vacancyId } = await desk();
    const supervisor = await supervisorOf(office.id);
    const personId = await person(scope);
    const next = await openVacancy(scope, employerId);
    const { id } = await createPlacement(scope, personId, job({ vacancyId }));
    await updatePlacement(scope, id, updatePlacementSchema.parse({ version: 1, monthlyWage: 4700, contractType: "FIXED_TERM", roomAndBoard: true, supports: [] }));
    await endPlacement(scope, id, endPlacementSchema.parse({ endDate: day(), endReason: "OTHER", endNote: "家中有事", version: 2 }));
    await reopenPlacement(supervisor.scope, id, reopenSchema.parse({ version: 3, note: "误录" }));
    await reassignPlacement(scope, id, reassignSchema.parse({ endDate: day(), endReason: "WAGE", version: 4, next: { vacancyId: next, startDate: day(), monthlyWage: 5000, contractType: "FIXED_TERM" } }));

    const trail = (await auditOf("person", personId)).filter((a) => a.action.startsWith("placement."));
    expect(trail.map((a) => [a.action, a.actorId])).toEqual([
      ["placement.created", user.id],
      ["placement.updated", user.id],
      ["placement.ended", user.id],
      ["placement.reopened", supervisor.user.id],
      ["placement.reassigned", user.id],
    ]);
  });
});

describe("the pages' loaders", () => {
  it("郑波's placements read as a story of six positions: each moved from the one before, five ended with their reasons, the sixth running", async () => {
    const zheng = await db().person.findUniqueOrThrow({ where: { idHash: hashPii(normalizeNationalId(buildNationalId("610729", "19950626", 95))) }, select: { id: true } });
    const qidong = await db().user.findUniqueOrThrow({ where: { username: "qidong_caseworker" }, select: { id: true } });
    await signIn({ user: qidong, scope: await scopeFor(qidong.id) });

    const story = await loadPersonPlacements(zheng.id);

    expect(story.placements.map((p) => [p.title, p.employer.name, p.status, p.endReason])).toEqual([
      ["电子装配工", "启东海韵电子有限公司", "ENDED", "DID_NOT_ADAPT"],
      ["车工学徒", "启东东元机械制造有限公司", "ENDED", "WAGE"],
      ["食品包装工", "启东南洋食品有限公司", "ENDED", "HOUSING"],
      ["挡车工", "启东吕四港纺织有限公司", "ENDED", "DID_NOT_ADAPT"],
      ["仓储分拣员", "启东江海物流有限公司", "ENDED", "COMMUTE"],
      ["机床操作工", "启东华瑞精密机械有限公司", "ACTIVE", null],
    ]);
    expect(story.placements.map((p) => p.previous?.title ?? null)).toEqual([null, "电子装配工", "车工学徒", "食品包装工", "挡车工", "仓储分拣员"]);
    expect(story.placements[0]).toMatchObject({ startDate: "2020-05-11", endDate: "2020-06-20", days: 40, endNote: "流水线节奏快，不适应", endedBy: "周晓林", createdBy: "周晓林", place: "江苏省 南通市 启东市", monthlyWage: 3800 });
    expect(story.placements[5]!.supports.map((s) => [s.kind, s.monthlyAmount, s.startDate, s.endDate])).toEqual([["TRANSPORT_ALLOWANCE", 200, "2021-03-01", "2021-12-31"]]);
    expect(story).toMatchObject({ activeId: story.placements[5]!.id, reopenableId: null, canManage: true, canReopen: false, referralsToPlace: [] });
  });

  it("the reassignment page offers the person's five best next jobs, never the one they are leaving, and can pick each of them", async () => {
    const { scope, user, employerId, vacancyId } = await desk(5);
    for (let i = 0; i < 6; i++) await openVacancy(scope, employerId, 2, { title: `装配工${i}${uniqueName(2)}` });
    const personId = await person(scope, { migration: "WILLING" });
    const { id } = await createPlacement(scope, personId, job({ vacancyId }));
    await signIn({ user, scope });

    const page = await loadReassign(id, null);

    expect(page.placement).toMatchObject({ id, status: "ACTIVE", version: 1 });
    expect(page.suggestions.length).toBeGreaterThan(0);
    expect(page.suggestions.length).toBeLessThanOrEqual(5);
    expect(page.suggestions.map((s) => s.vacancy.id)).not.toContain(vacancyId);
    expect(page.suggestions.every((s) => s.explanation.factors.length > 0)).toBe(true);
    const choices = new Set(page.options.vacancies.map((v) => v.value));
    for (const s of page.suggestions) expect(choices.has(s.vacancy.id)).toBe(true);
    // Shown, so logged with the algorithm version like every suggestion.
    expect(await db().suggestionLog.count({ where: { personId, vacancyId: { in: page.suggestions.map((s) => s.vacancy.id) } } })).toBe(page.suggestions.length);
  });
});
