// Training against PostgreSQL: programmes and cohorts managed by their office (versioned), enrolment
// under the cohort's row lock (two people for the last place: one wins), a register of one day,
// completion that raises skills on the profile so the person's suggestions change, and the
// living-allowance ledger, which never pays a month twice however the button is pressed. Who may
// read or write what is tried for every resource. Every row asserted is read back.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { createEmployer } from "@/lib/employers/mutations";
import { employerInputSchema } from "@/lib/employers/schema";
import { createVacancy } from "@/lib/vacancies/mutations";
import { vacancyInputSchema } from "@/lib/vacancies/schema";
import { getMatchPerson, listActiveDismissals, listSeenVacancyIds } from "@/lib/matching/data";
import { getMatchIndex } from "@/lib/matching/index-store";
import { addDays, chinaToday, isoDate } from "@/lib/placements/rules";
import { monthKey, monthStart } from "@/lib/training/rules";
import {
  attendanceSchema,
  cohortInputSchema,
  cohortStatusSchema,
  completeSchema,
  endEnrolmentSchema,
  enrolSchema,
  paySchema,
  programmeInputSchema,
  updateCohortSchema,
  updateProgrammeSchema,
} from "@/lib/training/schema";
import {
  completeEnrolments,
  createCohort,
  createProgramme,
  endEnrolment,
  enrol,
  payAllowances,
  recordAttendance,
  setCohortStatus,
  updateCohort,
  updateProgramme,
} from "@/lib/training/mutations";
import { attendanceOn, getProgramme, listLedger, listOutcomeRows, listRoster, listTrainingForPerson } from "@/lib/training/data";
import { createTestPerson } from "../factories";
import { actorIn, auditOf, expectAppError, freshCaseworker, freshOffice, randomNationalId, skillIdOf, uniqueName, uniqueUscc } from "./helpers";

const today = chinaToday();
const day = (offset = 0) => isoDate(addDays(today, offset));
const ALL = 100_000;

// ---------------------------------------------------------------------------------------------
// Builders

/** An office with a caseworker and a supervisor, a programme of theirs and a running cohort. */
async function setup(options: { capacity?: number; allowance?: number; skills?: { skillId: number; level: string }[] } = {}) {
  const { office, scope, user } = await freshCaseworker("3205");
  const supervisor = await actorIn(office.id, "SUPERVISOR");
  const programme = await createProgramme(
    scope,
    programmeInputSchema.parse({
      kind: "PLUMBING_ELECTRICAL",
      title: `水电技能班${uniqueName()}`,
      providerName: "测试职业培训学校",
      delivery: "IN_DESTINATION",
      divisionCode: "320505",
      startDate: day(-60),
      endDate: day(120),
      capacity: 100,
      subsidyPerPerson: 1500,
      skills: options.skills ?? [],
    }),
  );
  const cohort = await createCohort(
    scope,
    programme.id,
    cohortInputSchema.parse({ name: `第一期${uniqueName(2)}`, startDate: day(-40), endDate: day(60), capacity: options.capacity ?? 30, tuitionFree: true, monthlyAllowance: options.allowance ?? 800 }),
  );
  await setCohortStatus(scope, cohort.id, cohortStatusSchema.parse({ status: "RUNNING", version: 1 }));
  return { office, scope, user, supervisor, programmeId: programme.id, cohortId: cohort.id };
}

async function person(scope: Scope, overrides: Record<string, unknown> = {}) {
  return (await createTestPerson(scope, { name: uniqueName(), caseworkerId: scope.role === "CASEWORKER" ? scope.userId : null, ...overrides })).id;
}

async function enrolled(scope: Scope, cohortId: number, personId: number, enrolledOn = day(-40)) {
  return (await enrol(scope, cohortId, enrolSchema.parse({ personId, enrolledOn }))).id;
}

const pay = (month: string, enrolmentIds: number[], reference: string | null = null) => paySchema.parse({ month, enrolmentIds, paidOn: day(), reference });

// ---------------------------------------------------------------------------------------------

describe("programmes and cohorts", () => {
  it("a caseworker creates a programme with its skills; an edit on a stale version is a conflict; audited", async () => {
    const { scope, programmeId } = await setup({ skills: [{ skillId: await skillIdOf("ELECTRICIAN"), level: "CERTIFIED" }] });
    const programme = await getProgramme(programmeId);
    expect(programme).toMatchObject({ providerName: "测试职业培训学校", delivery: "IN_DESTINATION", capacity: 100, subsidyPerPerson: 1500, version: 1 });
    expect(programme!.skills.map((s) => s.level)).toEqual(["CERTIFIED"]);
    const form = { kind: "PLUMBING_ELECTRICAL", title: "改名", providerName: "测试职业培训学校", delivery: "IN_ORIGIN", divisionCode: "520625", startDate: day(-60), endDate: day(120), capacity: 80, skills: [] };
    await updateProgramme(scope, programmeId, updateProgrammeSchema.parse({ ...form, version: 1 }));
    await expectAppError(updateProgramme(scope, programmeId, updateProgrammeSchema.parse({ ...form, title: "又改", version: 1 })), "CONFLICT");
    expect(await db().trainingProgramme.findUniqueOrThrow({ where: { id: programmeId } })).toMatchObject({ title: "改名", delivery: "IN_ORIGIN", capacity: 80, version: 2 });
    expect(await db().trainingProgrammeSkill.count({ where: { programmeId } })).toBe(0);
    expect((await auditOf("training_programme", programmeId)).map((a) => a.action)).toEqual(["training.programme_created", "training.programme_updated"]);
  });

  it("the provider is a training institution of ours (its name copied) or a typed name", async () => {
    const { scope } = await freshCaseworker("3205");
    const college = await freshOffice("3205", "TRAINING_INSTITUTION");
    const bureau = await freshOffice("3205");
    const form = { kind: "VOCATIONAL_CLASS", title: `定向班${uniqueName()}`, delivery: "IN_DESTINATION", divisionCode: "320505", startDate: day(), endDate: day(300), capacity: 31 };
    const { id } = await createProgramme(scope, programmeInputSchema.parse({ ...form, providerOfficeId: college.id }));
    expect(await db().trainingProgramme.findUniqueOrThrow({ where: { id } })).toMatchObject({ providerOfficeId: college.id, providerName: college.name });
    const error = await expectAppError(createProgramme(scope, programmeInputSchema.parse({ ...form, providerOfficeId: bureau.id })), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { providerOfficeId: "training.errors.providerUnknown" } });
    expect(() => programmeInputSchema.parse(form)).toThrow(/providerRequired/);
  });

  it("cohorts stay within the programme's dates and places; status moves one way; a class closes once nobody is left enrolled", async () => {
    const { scope, programmeId, cohortId } = await setup();
    const outside = cohortInputSchema.parse({ name: "越界", startDate: day(-90), endDate: day(10), capacity: 10 });
    expect((await expectAppError(createCohort(scope, programmeId, outside), "VALIDATION")).details).toEqual({ fieldErrors: { startDate: "training.errors.outsideProgramme" } });
    const tooBig = cohortInputSchema.parse({ name: "太多", startDate: day(), endDate: day(10), capacity: 71 });
    expect((await expectAppError(createCohort(scope, programmeId, tooBig), "VALIDATION")).details).toEqual({ fieldErrors: { capacity: "training.errors.programmeFull" } });
    await createCohort(scope, programmeId, cohortInputSchema.parse({ ...tooBig, capacity: 70 }));

    const p = await person(scope);
    const enrolmentId = await enrolled(scope, cohortId, p);
    await expectAppError(updateCohort(scope, cohortId, updateCohortSchema.parse({ name: "x", startDate: day(-40), endDate: day(60), capacity: 10, version: 1 })), "CONFLICT");
    expect((await expectAppError(setCohortStatus(scope, cohortId, cohortStatusSchema.parse({ status: "PLANNED", version: 2 })), "VALIDATION")).details).toEqual({ fieldErrors: { status: "training.errors.statusMove" } });
    expect((await expectAppError(setCohortStatus(scope, cohortId, cohortStatusSchema.parse({ status: "COMPLETED", version: 2 })), "VALIDATION")).details).toEqual({ fieldErrors: { status: "training.errors.stillEnrolled" } });
    await completeEnrolments(scope, cohortId, completeSchema.parse({ enrolmentIds: [enrolmentId], completedOn: day() }));
    await setCohortStatus(scope, cohortId, cohortStatusSchema.parse({ status: "COMPLETED", version: 2 }));
    expect(await db().trainingCohort.findUniqueOrThrow({ where: { id: cohortId } })).toMatchObject({ status: "COMPLETED", version: 3 });
    const q = await person(scope);
    expect((await expectAppError(enrol(scope, cohortId, enrolSchema.parse({ personId: q })), "VALIDATION")).details).toEqual({ fieldErrors: { personId: "training.errors.cohortClosed" } });
    expect((await auditOf("training_cohort", cohortId)).map((a) => a.action)).toEqual(["training.cohort_created", "training.cohort_updated", "training.cohort_updated"]);
  });
});

describe("enrolment", () => {
  it("two enrolments for the last place at the same moment: one wins, the other is told the class is full", async () => {
    const { scope, cohortId, office } = await setup({ capacity: 2 });
    const colleague = await actorIn(office.id, "CASEWORKER");
    await enrolled(scope, cohortId, await person(scope));
    const [a, b] = [await person(scope), await person(colleague.scope)];
    const results = await Promise.allSettled([enrol(scope, cohortId, enrolSchema.parse({ personId: a })), enrol(colleague.scope, cohortId, enrolSchema.parse({ personId: b }))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason.details).toEqual({ fieldErrors: { personId: "training.errors.cohortFull" } });
    expect(await db().enrolment.count({ where: { cohortId } })).toBe(2);
  });

  it("a person is enrolled once per cohort; out of work they go IN_TRAINING (audited on them) and back when they withdraw", async () => {
    const { scope, cohortId } = await setup();
    const p = await person(scope, { employmentStatus: "UNEMPLOYED" });
    const enrolmentId = await enrolled(scope, cohortId, p);
    expect((await expectAppError(enrol(scope, cohortId, enrolSchema.parse({ personId: p })), "VALIDATION")).details).toEqual({ fieldErrors: { personId: "training.errors.alreadyEnrolled" } });
    expect(await db().person.findUniqueOrThrow({ where: { id: p } })).toMatchObject({ employmentStatus: "IN_TRAINING", version: 2 });
    await expectAppError(endEnrolment(scope, enrolmentId, endEnrolmentSchema.parse({ status: "WITHDRAWN", endedOn: day(), note: "回家照顾老人", version: 7 })), "CONFLICT");
    expect(() => endEnrolmentSchema.parse({ status: "WITHDRAWN", endedOn: day(), note: " ", version: 1 })).toThrow(/noteRequired/);
    await endEnrolment(scope, enrolmentId, endEnrolmentSchema.parse({ status: "WITHDRAWN", endedOn: day(), note: "回家照顾老人", version: 1 }));
    expect(await db().enrolment.findUniqueOrThrow({ where: { id: enrolmentId } })).toMatchObject({ status: "WITHDRAWN", endedOn: new Date(day()), note: "回家照顾老人" });
    expect(await db().person.findUniqueOrThrow({ where: { id: p } })).toMatchObject({ employmentStatus: "UNEMPLOYED" });
    const audit = (await auditOf("person", p)).filter((a) => a.action.startsWith("training."));
    expect(audit.map((a) => a.action)).toEqual(["training.enrolled", "training.enrolment_ended"]);
    expect(audit[0]!.changes).toMatchObject({ enrolmentId, cohortId, employmentStatus: ["UNEMPLOYED", "IN_TRAINING"] });
    expect(audit[1]!.changes).toMatchObject({ status: ["ENROLLED", "WITHDRAWN"], employmentStatus: ["IN_TRAINING", "UNEMPLOYED"] });
    // A withdrawal frees the place; someone employed keeps their status.
    const worker = await person(scope, { employmentStatus: "EMPLOYED" });
    await enrolled(scope, cohortId, worker);
    expect(await db().person.findUniqueOrThrow({ where: { id: worker } })).toMatchObject({ employmentStatus: "EMPLOYED" });
  });
});

describe("attendance", () => {
  it("a day's register: one row per person and day (a re-save corrects it), rates per person; no day ahead", async () => {
    const { scope, cohortId } = await setup();
    const [a, b] = [await enrolled(scope, cohortId, await person(scope)), await enrolled(scope, cohortId, await person(scope))];
    await recordAttendance(scope, cohortId, attendanceSchema.parse({ day: day(-2), marks: [{ enrolmentId: a, status: "PRESENT" }, { enrolmentId: b, status: "ABSENT" }] }));
    await recordAttendance(scope, cohortId, attendanceSchema.parse({ day: day(-1), marks: [{ enrolmentId: a, status: "PRESENT" }, { enrolmentId: b, status: "PRESENT" }] }));
    await recordAttendance(scope, cohortId, attendanceSchema.parse({ day: day(-2), marks: [{ enrolmentId: b, status: "EXCUSED" }] }));
    expect(await db().attendanceRecord.count({ where: { cohortId } })).toBe(4);
    expect(await attendanceOn(scope, cohortId, new Date(day(-2)))).toEqual(expect.arrayContaining([{ enrolmentId: a, status: "PRESENT" }, { enrolmentId: b, status: "EXCUSED" }]));
    const roster = await listRoster(scope, cohortId);
    expect(roster.find((r) => r.id === b)!.attendance).toEqual({ present: 1, absent: 0, excused: 1 });
    expect((await expectAppError(recordAttendance(scope, cohortId, attendanceSchema.parse({ day: day(1), marks: [{ enrolmentId: a, status: "PRESENT" }] })), "VALIDATION")).details).toEqual({ fieldErrors: { day: "training.errors.dayOutside" } });
    expect((await auditOf("training_cohort", cohortId)).filter((x) => x.action === "training.attendance_recorded")).toHaveLength(3);
  });
});

describe("completion adds skills and changes suggestions", () => {
  it("a vacancy that needs the certificate appears in the person's suggestions once they complete with it; levels are never lowered", async () => {
    const electrician = await skillIdOf("ELECTRICIAN");
    const welding = await skillIdOf("WELDING");
    const { scope, cohortId } = await setup({ skills: [{ skillId: electrician, level: "CERTIFIED" }, { skillId: welding, level: "BASIC" }] });
    const employer = (await createEmployer(scope, employerInputSchema.parse({ name: `测试电气${uniqueName()}`, uscc: uniqueUscc("320505"), divisionCode: "320505" }))).id;
    const vacancy = await createVacancy(
      scope,
      vacancyInputSchema.parse({ employerId: employer, title: `持证电工${uniqueName()}`, openings: 2, wageMin: 5000, wageMax: 6500, divisionCode: "320505", status: "OPEN", roomAndBoard: true, skills: [{ skillId: electrician, requirement: "CERTIFICATE" }] }),
    );
    const p = await person(scope, { migration: "WILLING", skills: [{ skillId: welding, customName: null, level: "CERTIFIED", certificate: "旧证书" }] });
    const suggestions = async () => {
      const [m, index, dismissals, seen] = await Promise.all([getMatchPerson(p), getMatchIndex({ fresh: true }), listActiveDismissals({ personId: p }), listSeenVacancyIds(p)]);
      return index.topVacancies(m!, { limit: ALL, now: new Date(), dismissed: new Set(dismissals.map((x) => x.vacancyId)), seen }).map((h) => h.item.id);
    };
    expect(await suggestions()).not.toContain(vacancy.id);

    const enrolmentId = await enrolled(scope, cohortId, p);
    const versionBefore = (await db().person.findUniqueOrThrow({ where: { id: p } })).version;
    await completeEnrolments(scope, cohortId, completeSchema.parse({ enrolmentIds: [enrolmentId], completedOn: day(), certificate: "电工职业技能等级证书（四级）", certificateNumbers: { [String(enrolmentId)]: "S3205-0001" } }));

    expect(await db().enrolment.findUniqueOrThrow({ where: { id: enrolmentId } })).toMatchObject({ status: "COMPLETED", certificate: "电工职业技能等级证书（四级）", certificateNumber: "S3205-0001", endedOn: new Date(day()) });
    const skills = await db().personSkill.findMany({ where: { personId: p }, orderBy: { skillId: "asc" } });
    expect(skills.find((s) => s.skillId === electrician)).toMatchObject({ level: "CERTIFIED", certificate: "电工职业技能等级证书（四级） S3205-0001" });
    expect(skills.find((s) => s.skillId === welding)).toMatchObject({ level: "CERTIFIED", certificate: "旧证书" });
    expect((await db().person.findUniqueOrThrow({ where: { id: p } })).version).toBeGreaterThan(versionBefore);
    expect(await suggestions()).toContain(vacancy.id);
    const audit = (await auditOf("person", p)).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(["training.enrolled", "person.skills_updated", "training.enrolment_ended"]));

    // Completing twice is refused; without a certificate a certifying course grants SKILLED only.
    expect((await expectAppError(completeEnrolments(scope, cohortId, completeSchema.parse({ enrolmentIds: [enrolmentId], completedOn: day() })), "VALIDATION")).details).toEqual({ fieldErrors: { enrolmentIds: "training.errors.notEnrolled" } });
    const q = await person(scope);
    const other = await enrolled(scope, cohortId, q);
    await completeEnrolments(scope, cohortId, completeSchema.parse({ enrolmentIds: [other], completedOn: day() }));
    expect(await db().personSkill.findFirst({ where: { personId: q, skillId: electrician } })).toMatchObject({ level: "SKILLED", certificate: null });
  });
});

describe("the allowance ledger never double-pays", () => {
  it("paying the same month twice, one after the other: one row; the second says when and by whom it was paid", async () => {
    const { scope, supervisor, cohortId } = await setup();
    const p = await person(scope);
    const enrolmentId = await enrolled(scope, cohortId, p);
    const month = monthKey(monthStart(today));
    const first = await payAllowances(supervisor.scope, cohortId, pay(month, [enrolmentId], "凭证-001"));
    expect(first).toMatchObject({ paid: [{ enrolmentId, personId: p, amount: 800 }], alreadyPaid: [] });
    const second = await payAllowances(supervisor.scope, cohortId, pay(month, [enrolmentId], "凭证-002"));
    expect(second.paid).toEqual([]);
    expect(second.alreadyPaid).toEqual([expect.objectContaining({ enrolmentId, paidOn: day(), paidBy: supervisor.user.displayName, amount: 800 })]);
    const rows = await db().allowancePayment.findMany({ where: { enrolmentId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ month: monthStart(today), amount: 800, reference: "凭证-001", paidById: supervisor.user.id, personId: p, cohortId });
    expect((await auditOf("person", p)).filter((a) => a.action === "training.allowance_paid")).toHaveLength(1);
  });

  it("two payments of the same month at the same moment: one row, the other told it was already paid", async () => {
    const { scope, supervisor, office, cohortId } = await setup();
    const admin = await actorIn(office.id, "ADMIN");
    const ids = [await enrolled(scope, cohortId, await person(scope)), await enrolled(scope, cohortId, await person(scope))];
    const month = monthKey(monthStart(addDays(today, -40)));
    const [a, b] = await Promise.all([payAllowances(supervisor.scope, cohortId, pay(month, ids)), payAllowances(admin.scope, cohortId, pay(month, ids))]);
    expect(a.paid.length + b.paid.length).toBe(2);
    expect(a.alreadyPaid.length + b.alreadyPaid.length).toBe(2);
    expect(await db().allowancePayment.count({ where: { enrolmentId: { in: ids }, month: monthStart(addDays(today, -40)) } })).toBe(2);
  });

  it("a month outside someone's time on the course (before it, after they left, or ahead) is refused, and nothing is paid", async () => {
    const { scope, supervisor, cohortId } = await setup();
    const late = await enrolled(scope, cohortId, await person(scope), day());
    const early = await enrolled(scope, cohortId, await person(scope));
    const expectOutside = async (month: string, ids: number[]) =>
      expect((await expectAppError(payAllowances(supervisor.scope, cohortId, pay(month, ids)), "VALIDATION")).details).toEqual({ fieldErrors: { month: "training.errors.monthOutside" } });
    await expectOutside(monthKey(monthStart(addDays(today, -100))), [early]);
    await expectOutside(monthKey(monthStart(addDays(today, 40))), [early]);
    if (monthStart(addDays(today, -40)) < monthStart(today)) await expectOutside(monthKey(monthStart(addDays(today, -40))), [early, late]);
    expect(await db().allowancePayment.count({ where: { cohortId } })).toBe(0);
  });

  it("a caseworker cannot pay; another office's supervisor finds no cohort; a cohort without allowance pays nothing", async () => {
    const { scope, cohortId } = await setup();
    const enrolmentId = await enrolled(scope, cohortId, await person(scope));
    const month = monthKey(monthStart(today));
    await expectAppError(payAllowances(scope, cohortId, pay(month, [enrolmentId])), "FORBIDDEN");
    const elsewhere = await actorIn((await freshOffice("6302")).id, "SUPERVISOR");
    await expectAppError(payAllowances(elsewhere.scope, cohortId, pay(month, [enrolmentId])), "NOT_FOUND");
    const none = await setup({ allowance: 0 });
    const e = await enrolled(none.scope, none.cohortId, await person(none.scope));
    expect((await expectAppError(payAllowances(none.supervisor.scope, none.cohortId, pay(month, [e])), "VALIDATION")).details).toEqual({ fieldErrors: { month: "training.errors.noAllowance" } });
    expect(await db().allowancePayment.count({ where: { cohortId: { in: [cohortId, none.cohortId] } } })).toBe(0);
  });
});

describe("who may read and write whose training", () => {
  it("another office's caseworker reads none of the roster, register, ledger or a person's training, and changes nothing (not found)", async () => {
    const { scope, supervisor, cohortId, programmeId } = await setup();
    const p = await person(scope);
    const enrolmentId = await enrolled(scope, cohortId, p);
    await recordAttendance(scope, cohortId, attendanceSchema.parse({ day: day(-1), marks: [{ enrolmentId, status: "PRESENT" }] }));
    await payAllowances(supervisor.scope, cohortId, pay(monthKey(monthStart(today)), [enrolmentId]));
    const other = await freshCaseworker("3202");
    expect(await listRoster(other.scope, cohortId)).toEqual([]);
    expect(await listLedger(other.scope, cohortId)).toEqual([]);
    expect(await attendanceOn(other.scope, cohortId, new Date(day(-1)))).toEqual([]);
    expect(await listTrainingForPerson(other.scope, p)).toEqual([]);
    expect(await listOutcomeRows(other.scope, programmeId)).toEqual([]);
    const form = { kind: "OTHER", title: "抢改", providerName: "x", delivery: "IN_ORIGIN", divisionCode: "520625", startDate: day(-60), endDate: day(120), capacity: 100, version: 1 };
    await expectAppError(updateProgramme(other.scope, programmeId, updateProgrammeSchema.parse(form)), "NOT_FOUND");
    await expectAppError(createCohort(other.scope, programmeId, cohortInputSchema.parse({ name: "x", startDate: day(), endDate: day(1), capacity: 1 })), "NOT_FOUND");
    await expectAppError(setCohortStatus(other.scope, cohortId, cohortStatusSchema.parse({ status: "CANCELLED", version: 2 })), "NOT_FOUND");
    await expectAppError(enrol(other.scope, cohortId, enrolSchema.parse({ personId: await person(other.scope) })), "NOT_FOUND");
    await expectAppError(endEnrolment(other.scope, enrolmentId, endEnrolmentSchema.parse({ status: "FAILED", endedOn: day(), note: "x", version: 1 })), "NOT_FOUND");
    await expectAppError(completeEnrolments(other.scope, cohortId, completeSchema.parse({ enrolmentIds: [enrolmentId], completedOn: day() })), "NOT_FOUND");
    await expectAppError(recordAttendance(other.scope, cohortId, attendanceSchema.parse({ day: day(), marks: [{ enrolmentId, status: "ABSENT" }] })), "NOT_FOUND");
    // Our own caseworker cannot enrol someone they cannot see either.
    await expectAppError(enrol(scope, cohortId, enrolSchema.parse({ personId: await person(other.scope) })), "NOT_FOUND");
    expect(await db().enrolment.findUniqueOrThrow({ where: { id: enrolmentId } })).toMatchObject({ status: "ENROLLED", version: 1 });
    expect(await db().attendanceRecord.findFirstOrThrow({ where: { enrolmentId } })).toMatchObject({ status: "PRESENT" });
  });

  it("a partner reads its own people's enrolments and payments only, and writes nothing", async () => {
    const { scope, supervisor, cohortId } = await setup();
    const own = await person(scope, { originDivisionCode: "520625", nationalId: randomNationalId({ region: "520625" }) });
    const stranger = await person(scope, { originDivisionCode: "630225", nationalId: randomNationalId({ region: "630225" }) });
    const [ownE, strangerE] = [await enrolled(scope, cohortId, own), await enrolled(scope, cohortId, stranger)];
    await payAllowances(supervisor.scope, cohortId, pay(monthKey(monthStart(today)), [ownE, strangerE]));
    const partner = await actorIn((await freshOffice("520625", "ORIGIN_BUREAU")).id, "PARTNER");
    expect((await listRoster(partner.scope, cohortId)).map((r) => r.id)).toEqual([ownE]);
    expect((await listLedger(partner.scope, cohortId)).map((r) => r.enrolmentId)).toEqual([ownE]);
    expect(await listTrainingForPerson(partner.scope, stranger)).toEqual([]);
    expect((await listTrainingForPerson(partner.scope, own)).map((r) => r.id)).toEqual([ownE]);
    await expectAppError(enrol(partner.scope, cohortId, enrolSchema.parse({ personId: own })), "FORBIDDEN");
    await expectAppError(recordAttendance(partner.scope, cohortId, attendanceSchema.parse({ day: day(), marks: [{ enrolmentId: ownE, status: "ABSENT" }] })), "FORBIDDEN");
    await expectAppError(completeEnrolments(partner.scope, cohortId, completeSchema.parse({ enrolmentIds: [ownE], completedOn: day() })), "FORBIDDEN");
    await expectAppError(payAllowances(partner.scope, cohortId, pay(monthKey(monthStart(today)), [ownE])), "FORBIDDEN");
    await expectAppError(createProgramme(partner.scope, programmeInputSchema.parse({ kind: "OTHER", title: "x", providerName: "x", delivery: "IN_ORIGIN", divisionCode: "520625", startDate: day(), endDate: day(1), capacity: 1 })), "FORBIDDEN");
  });
});

describe("outcomes", () => {
  it("reads enrolments of the programme with each person's placements", async () => {
    const { scope, cohortId, programmeId } = await setup();
    const p = await person(scope);
    await enrolled(scope, cohortId, p);
    const rows = await listOutcomeRows(scope, programmeId);
    expect(rows).toEqual([expect.objectContaining({ personId: p, status: "ENROLLED", placements: [] })]);
  });
});

describe("the demo's training", () => {
  it("the Tongren class: 31 students (卢胜洋 one), free tuition, 800 yuan a month for ten months, all certified; 22 placed, 18 still employed at 90 days", async () => {
    const programme = await db().trainingProgramme.findFirstOrThrow({ where: { title: "铜仁班 · 电气自动化设备安装与维修" }, include: { providerOffice: true, cohorts: true } });
    expect(programme).toMatchObject({ delivery: "IN_DESTINATION", kind: "VOCATIONAL_CLASS", providerName: "苏州技师学院" });
    expect(programme.providerOffice?.code).toBe("SZ-TECH");
    const [cohort] = programme.cohorts;
    expect(cohort).toMatchObject({ name: "2019级铜仁班", capacity: 31, tuitionFree: true, monthlyAllowance: 800, status: "COMPLETED" });
    const enrolments = await db().enrolment.findMany({ where: { cohortId: cohort!.id }, include: { person: { select: { name: true } } } });
    expect(enrolments).toHaveLength(31);
    expect(enrolments.every((e) => e.status === "COMPLETED" && e.certificate && e.certificateNumber)).toBe(true);
    expect(enrolments.map((e) => e.person.name)).toContain("卢胜洋");
    const paid = await db().allowancePayment.aggregate({ where: { cohortId: cohort!.id }, _count: { _all: true }, _sum: { amount: true } });
    expect(paid).toMatchObject({ _count: { _all: 310 }, _sum: { amount: 248_000 } });
    const lu = enrolments.find((e) => e.person.name === "卢胜洋")!;
    expect(await db().personSkill.findFirst({ where: { personId: lu.personId, skill: { code: "ELECTRICAL_AUTOMATION" } } })).toMatchObject({ level: "CERTIFIED" });
    const admin = await actorIn((await freshOffice("32")).id, "ADMIN");
    const { programmeOutcomes } = await import("@/lib/training/rules");
    const rows = await listOutcomeRows(admin.scope, programme.id);
    expect(programmeOutcomes(rows.map((r) => ({ ...r, status: r.status as "COMPLETED" })), today)).toEqual({ enrolled: 31, completed: 31, certified: 31, placed: 22, placedLongEnough: 22, employedAt90: 18 });
  });

  it("a cohort runs now with this month's allowance due and the Huishan course is held in the paired district", async () => {
    const running = await db().trainingCohort.findFirstOrThrow({ where: { programme: { title: "苏州·印江农村电商培训班" } }, include: { enrolments: true } });
    expect(running.status).toBe("RUNNING");
    expect(running.startDate <= today && running.endDate >= today).toBe(true);
    const thisMonth = await db().allowancePayment.count({ where: { cohortId: running.id, month: monthStart(today) } });
    expect(thisMonth).toBe(0);
    expect(running.enrolments.length).toBeGreaterThan(0);
    const huishan = await db().trainingProgramme.findFirstOrThrow({ where: { kind: "ELDER_CARE", delivery: "IN_ORIGIN" }, include: { office: true } });
    expect(huishan.office.code).toBe("WX-HS-HRSS");
    expect(huishan.divisionCode).toBe("630202");
  });
});
