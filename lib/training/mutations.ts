import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/auth/policy";
import { officeScopeWhere, personScopeWhere, type Scope } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/mutations";
import { auditSkill, diffFields, type AuditSkill } from "@/lib/audit/rules";
import { divisionExists } from "@/lib/reference/data";
import { addDays, chinaToday, isoDate } from "@/lib/placements/rules";
import {
  canMoveCohort,
  cohortTakesEnrolments,
  isMonthDue,
  levelGranted,
  mergeSkill,
  parseMonth,
  registerDayAllowed,
  type CohortStatus,
  type EnrolmentStatus,
  type SkillLevel,
} from "@/lib/training/rules";
import type { AttendanceInput, CohortInput, CohortStatusInput, CompleteInput, EndEnrolmentInput, EnrolInput, PayInput, ProgrammeInput, UpdateCohortInput, UpdateProgrammeInput } from "@/lib/training/schema";

// Every write of training, each one transaction with its audit rows. Programmes and cohorts are
// managed by their office's staff (officeScopeWhere); enrolments, attendance and payments also
// need the person in the writer's scope. Capacity is counted under the cohort's row lock; the
// ledger's unique (enrolment, month) key makes a second payment of a month impossible, and
// INSERT ... ON CONFLICT DO NOTHING turns the second press into "already paid", not an error.

const invalid = (fieldErrors: Record<string, string>) => new AppError("VALIDATION", "validation", { fieldErrors });

function conflict(current: Record<string, unknown>, currentVersion: number, updatedAt: Date) {
  return new AppError("CONFLICT", "conflict", { current, currentVersion, changedBy: null, changedAt: updatedAt.toISOString() });
}

// ---------------------------------------------------------------------------------------------
// Programmes

async function checkProgramme(tx: Tx, input: ProgrammeInput): Promise<{ providerName: string; providerOfficeId: number | null }> {
  const fieldErrors: Record<string, string> = {};
  if (!(await divisionExists(tx, input.divisionCode))) fieldErrors.divisionCode = "validation.divisionUnknown";
  let providerName = input.providerName ?? "";
  if (input.providerOfficeId) {
    const provider = await tx.office.findFirst({ where: { id: input.providerOfficeId, kind: "TRAINING_INSTITUTION" }, select: { name: true } });
    if (!provider) fieldErrors.providerOfficeId = "training.errors.providerUnknown";
    else providerName = provider.name;
  }
  if (input.skills.length) {
    const found = await tx.skill.count({ where: { id: { in: input.skills.map((s) => s.skillId) } } });
    if (found !== input.skills.length) fieldErrors.skills = "validation.skillUnknown";
  }
  if (Object.keys(fieldErrors).length) throw invalid(fieldErrors);
  return { providerName, providerOfficeId: input.providerOfficeId };
}

function programmeColumns(input: ProgrammeInput, provider: { providerName: string; providerOfficeId: number | null }) {
  return {
    kind: input.kind,
    title: input.title,
    providerOfficeId: provider.providerOfficeId,
    providerName: provider.providerName,
    delivery: input.delivery,
    divisionCode: input.divisionCode,
    startDate: input.startDate,
    endDate: input.endDate,
    capacity: input.capacity,
    subsidyPerPerson: input.subsidyPerPerson,
    description: input.description,
  };
}

const skillKeys = (skills: { skillId: number; level: string }[]) => skills.map((s) => `${s.skillId}:${s.level}`).sort();

export async function createProgramme(scope: Scope, input: ProgrammeInput) {
  assertCan(scope, "training.manage");
  return db().$transaction(async (tx) => {
    const provider = await checkProgramme(tx, input);
    const data = programmeColumns(input, provider);
    const programme = await tx.trainingProgramme.create({
      data: { ...data, officeId: scope.officeId, createdById: scope.userId, skills: { create: input.skills.map((s) => ({ skillId: s.skillId, level: s.level })) } },
      select: { id: true },
    });
    await recordAudit(tx, scope, { action: "training.programme_created", entityType: "training_programme", entityId: programme.id, changes: { ...data, startDate: isoDate(input.startDate), endDate: isoDate(input.endDate), skills: skillKeys(input.skills) } });
    return programme;
  });
}

export async function updateProgramme(scope: Scope, id: number, input: UpdateProgrammeInput) {
  assertCan(scope, "training.manage");
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM training_programmes WHERE id = ${id} FOR UPDATE`;
    const before = await tx.trainingProgramme.findFirst({ where: { id, ...officeScopeWhere(scope) }, include: { skills: true, cohorts: { select: { startDate: true, endDate: true, capacity: true, status: true } } } });
    if (!before) throw new AppError("NOT_FOUND");
    if (before.version !== input.version) throw conflict({ title: before.title, capacity: before.capacity, startDate: isoDate(before.startDate), endDate: isoDate(before.endDate) }, before.version, before.updatedAt);
    const provider = await checkProgramme(tx, input);
    const live = before.cohorts.filter((c) => c.status !== "CANCELLED");
    const fieldErrors: Record<string, string> = {};
    if (live.some((c) => c.startDate < input.startDate)) fieldErrors.startDate = "training.errors.cohortsOutside";
    if (live.some((c) => c.endDate > input.endDate)) fieldErrors.endDate = "training.errors.cohortsOutside";
    if (live.reduce((n, c) => n + c.capacity, 0) > input.capacity) fieldErrors.capacity = "training.errors.capacityBelowCohorts";
    if (Object.keys(fieldErrors).length) throw invalid(fieldErrors);
    const data = programmeColumns(input, provider);
    const updated = await tx.trainingProgramme.updateMany({ where: { id, version: input.version }, data: { ...data, version: { increment: 1 } } });
    if (updated.count !== 1) throw conflict({}, before.version, before.updatedAt);
    const skillsBefore = skillKeys(before.skills);
    const skillsAfter = skillKeys(input.skills);
    const changes = diffFields(before as unknown as Record<string, unknown>, data);
    if (JSON.stringify(skillsBefore) !== JSON.stringify(skillsAfter)) {
      await tx.trainingProgrammeSkill.deleteMany({ where: { programmeId: id } });
      await tx.trainingProgrammeSkill.createMany({ data: input.skills.map((s) => ({ programmeId: id, skillId: s.skillId, level: s.level })) });
      changes.skills = [skillsBefore, skillsAfter];
    }
    await recordAudit(tx, scope, { action: "training.programme_updated", entityType: "training_programme", entityId: id, changes });
    return { id, version: input.version + 1 };
  });
}

// ---------------------------------------------------------------------------------------------
// Cohorts

/** The programme, managed by the scope, locked so its cohorts' capacities add up under it. */
async function lockProgramme(tx: Tx, scope: Scope, programmeId: number) {
  await tx.$queryRaw`SELECT id FROM training_programmes WHERE id = ${programmeId} FOR UPDATE`;
  const programme = await tx.trainingProgramme.findFirst({ where: { id: programmeId, ...officeScopeWhere(scope) }, select: { id: true, officeId: true, startDate: true, endDate: true, capacity: true, title: true } });
  if (!programme) throw new AppError("NOT_FOUND");
  return programme;
}

async function checkCohort(tx: Tx, programme: Awaited<ReturnType<typeof lockProgramme>>, input: CohortInput, exceptCohortId: number | null) {
  const fieldErrors: Record<string, string> = {};
  if (input.startDate < programme.startDate) fieldErrors.startDate = "training.errors.outsideProgramme";
  if (input.endDate > programme.endDate) fieldErrors.endDate = "training.errors.outsideProgramme";
  const others = await tx.trainingCohort.aggregate({ where: { programmeId: programme.id, status: { not: "CANCELLED" }, ...(exceptCohortId ? { id: { not: exceptCohortId } } : {}) }, _sum: { capacity: true } });
  if ((others._sum.capacity ?? 0) + input.capacity > programme.capacity) fieldErrors.capacity = "training.errors.programmeFull";
  if (Object.keys(fieldErrors).length) throw invalid(fieldErrors);
}

const cohortAudit = (input: CohortInput) => ({ ...input, startDate: isoDate(input.startDate), endDate: isoDate(input.endDate) });

export async function createCohort(scope: Scope, programmeId: number, input: CohortInput) {
  assertCan(scope, "training.manage");
  return db().$transaction(async (tx) => {
    const programme = await lockProgramme(tx, scope, programmeId);
    await checkCohort(tx, programme, input, null);
    const cohort = await tx.trainingCohort.create({ data: { ...input, programmeId, officeId: programme.officeId }, select: { id: true } });
    await recordAudit(tx, scope, { action: "training.cohort_created", entityType: "training_cohort", entityId: cohort.id, changes: { programmeId, ...cohortAudit(input) } });
    return cohort;
  });
}

/** The cohort, managed by the scope, locked for the rest of the transaction. */
async function lockCohort(tx: Tx, scope: Scope, cohortId: number) {
  await tx.$queryRaw`SELECT id FROM training_cohorts WHERE id = ${cohortId} FOR UPDATE`;
  const cohort = await tx.trainingCohort.findFirst({ where: { id: cohortId, ...officeScopeWhere(scope) }, include: { programme: { select: { id: true, title: true, skills: true } } } });
  if (!cohort) throw new AppError("NOT_FOUND");
  return cohort;
}

async function placesTakenIn(tx: Tx, cohortId: number) {
  return tx.enrolment.count({ where: { cohortId, status: { not: "WITHDRAWN" } } });
}

export async function updateCohort(scope: Scope, cohortId: number, input: UpdateCohortInput) {
  assertCan(scope, "training.manage");
  return db().$transaction(async (tx) => {
    const existing = await tx.trainingCohort.findFirst({ where: { id: cohortId, ...officeScopeWhere(scope) }, select: { programmeId: true } });
    if (!existing) throw new AppError("NOT_FOUND");
    const programme = await lockProgramme(tx, scope, existing.programmeId);
    const before = await lockCohort(tx, scope, cohortId);
    if (before.version !== input.version) throw conflict({ name: before.name, capacity: before.capacity, status: before.status }, before.version, before.updatedAt);
    await checkCohort(tx, programme, input, cohortId);
    if (input.capacity < (await placesTakenIn(tx, cohortId))) throw invalid({ capacity: "training.errors.capacityBelowEnrolled" });
    const { version: _v, ...data } = input;
    await tx.trainingCohort.update({ where: { id: cohortId }, data: { ...data, version: { increment: 1 } } });
    const changes = diffFields(before as unknown as Record<string, unknown>, data);
    await recordAudit(tx, scope, { action: "training.cohort_updated", entityType: "training_cohort", entityId: cohortId, changes });
    return { id: cohortId, version: input.version + 1 };
  });
}

/** PLANNED -> RUNNING -> COMPLETED, or CANCELLED. A class is completed once nobody is left enrolled. */
export async function setCohortStatus(scope: Scope, cohortId: number, input: CohortStatusInput) {
  assertCan(scope, "training.manage");
  return db().$transaction(async (tx) => {
    const cohort = await lockCohort(tx, scope, cohortId);
    if (cohort.version !== input.version) throw conflict({ status: cohort.status }, cohort.version, cohort.updatedAt);
    if (!canMoveCohort(cohort.status as CohortStatus, input.status)) throw invalid({ status: "training.errors.statusMove" });
    if (input.status === "COMPLETED" && (await tx.enrolment.count({ where: { cohortId, status: "ENROLLED" } })) > 0) throw invalid({ status: "training.errors.stillEnrolled" });
    await tx.trainingCohort.update({ where: { id: cohortId }, data: { status: input.status, version: { increment: 1 } } });
    await recordAudit(tx, scope, { action: "training.cohort_updated", entityType: "training_cohort", entityId: cohortId, changes: { status: [cohort.status, input.status] } });
    return { id: cohortId, version: input.version + 1 };
  });
}

// ---------------------------------------------------------------------------------------------
// Enrolment

/**
 * Enrols a person the writer may see. The cohort row is locked first, so two enrolments for the
 * last place are serialised: the second counts the first and is told the class is full.
 * Someone out of work goes IN_TRAINING (still a job seeker to matching), audited on the person.
 */
export async function enrol(scope: Scope, cohortId: number, input: EnrolInput) {
  assertCan(scope, "training.manage");
  return db().$transaction(async (tx) => {
    const cohort = await lockCohort(tx, scope, cohortId);
    const person = await tx.person.findFirst({ where: { id: input.personId, ...personScopeWhere(scope) }, select: { id: true, name: true, employmentStatus: true } });
    if (!person) throw new AppError("NOT_FOUND");
    if (!cohortTakesEnrolments(cohort.status as CohortStatus)) throw invalid({ personId: "training.errors.cohortClosed" });
    const enrolledOn = input.enrolledOn ?? chinaToday();
    if (enrolledOn > cohort.endDate) throw invalid({ enrolledOn: "training.errors.afterCohortEnd" });
    if (await tx.enrolment.findUnique({ where: { cohortId_personId: { cohortId, personId: person.id } }, select: { id: true } })) throw invalid({ personId: "training.errors.alreadyEnrolled" });
    if ((await placesTakenIn(tx, cohortId)) >= cohort.capacity) throw invalid({ personId: "training.errors.cohortFull" });
    let enrolment;
    try {
      enrolment = await tx.enrolment.create({ data: { cohortId, personId: person.id, enrolledOn, createdById: scope.userId }, select: { id: true } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw invalid({ personId: "training.errors.alreadyEnrolled" });
      throw error;
    }
    const employmentStatus = person.employmentStatus === "UNEMPLOYED" ? "IN_TRAINING" : person.employmentStatus;
    await tx.person.update({ where: { id: person.id }, data: { employmentStatus, version: { increment: 1 } } });
    await recordAudit(tx, scope, {
      action: "training.enrolled",
      entityType: "person",
      entityId: person.id,
      changes: {
        enrolmentId: enrolment.id, cohortId, cohort: cohort.name, programme: cohort.programme.title, enrolledOn: isoDate(enrolledOn),
        ...(employmentStatus !== person.employmentStatus ? { employmentStatus: [person.employmentStatus, employmentStatus] } : {}),
      },
    });
    return { id: enrolment.id, personId: person.id };
  });
}

type LockedEnrolment = { id: number; personId: number; status: string; enrolledOn: Date; endedOn: Date | null; version: number; updatedAt: Date; person: { name: string; employmentStatus: string } };

/** Enrolments of a cohort whose people are in the scope, locked; NOT_FOUND if any is not. */
async function lockEnrolments(tx: Tx, scope: Scope, cohortId: number, ids: number[]): Promise<LockedEnrolment[]> {
  const unique = [...new Set(ids)];
  await tx.$queryRaw`SELECT id FROM enrolments WHERE id = ANY(${unique}::int[]) ORDER BY id FOR UPDATE`;
  const rows = await tx.enrolment.findMany({
    where: { id: { in: unique }, cohortId, person: personScopeWhere(scope) },
    select: { id: true, personId: true, status: true, enrolledOn: true, endedOn: true, version: true, updatedAt: true, person: { select: { name: true, employmentStatus: true } } },
  });
  if (rows.length !== unique.length) throw new AppError("NOT_FOUND");
  return rows;
}

/** A person who leaves training (for good) and has no other course running is out of work again. */
async function afterTraining(tx: Tx, personId: number, employmentStatus: string) {
  const stillTraining = await tx.enrolment.count({ where: { personId, status: "ENROLLED" } });
  const next = employmentStatus === "IN_TRAINING" && stillTraining === 0 ? "UNEMPLOYED" : employmentStatus;
  // The version bump (and updated_at) is what the matching index catches up from (decision 006).
  await tx.person.update({ where: { id: personId }, data: { employmentStatus: next as "UNEMPLOYED", version: { increment: 1 } } });
  return next;
}

/** Withdraw someone, or record that they failed, with the day and why. */
export async function endEnrolment(scope: Scope, enrolmentId: number, input: EndEnrolmentInput) {
  assertCan(scope, "training.manage");
  return db().$transaction(async (tx) => {
    const found = await tx.enrolment.findFirst({ where: { id: enrolmentId, person: personScopeWhere(scope), cohort: officeScopeWhere(scope) }, select: { cohortId: true } });
    if (!found) throw new AppError("NOT_FOUND");
    const cohort = await lockCohort(tx, scope, found.cohortId);
    const [enrolment] = await lockEnrolments(tx, scope, cohort.id, [enrolmentId]);
    if (enrolment!.status !== "ENROLLED") throw invalid({ _form: "training.errors.notEnrolled" });
    if (enrolment!.version !== input.version) throw conflict({ status: enrolment!.status }, enrolment!.version, enrolment!.updatedAt);
    if (input.endedOn < enrolment!.enrolledOn) throw invalid({ endedOn: "training.errors.endBeforeEnrolled" });
    if (input.endedOn > addDays(chinaToday(), 1)) throw invalid({ endedOn: "validation.dateFuture" });
    await tx.enrolment.update({ where: { id: enrolmentId }, data: { status: input.status, endedOn: input.endedOn, note: input.note, version: { increment: 1 } } });
    const employmentStatus = await afterTraining(tx, enrolment!.personId, enrolment!.person.employmentStatus);
    await recordAudit(tx, scope, {
      action: "training.enrolment_ended",
      entityType: "person",
      entityId: enrolment!.personId,
      changes: {
        enrolmentId, cohortId: cohort.id, cohort: cohort.name, programme: cohort.programme.title, status: [enrolment!.status, input.status], endedOn: isoDate(input.endedOn), note: input.note,
        ...(employmentStatus !== enrolment!.person.employmentStatus ? { employmentStatus: [enrolment!.person.employmentStatus, employmentStatus] } : {}),
      },
    });
    return { id: enrolmentId };
  });
}

/**
 * Completes one person or several at once: the day, the certificate and each one's number. The
 * programme's skills go onto each profile (raised, never lowered; a certifying course grants
 * CERTIFIED only with a certificate) and the person's version moves, so the matching index
 * catches up and their suggestions change.
 */
export async function completeEnrolments(scope: Scope, cohortId: number, input: CompleteInput) {
  assertCan(scope, "training.manage");
  return db().$transaction(async (tx) => {
    const cohort = await lockCohort(tx, scope, cohortId);
    if (cohort.status !== "RUNNING" && cohort.status !== "COMPLETED") throw invalid({ _form: "training.errors.cohortNotRunning" });
    const enrolments = await lockEnrolments(tx, scope, cohortId, input.enrolmentIds);
    if (enrolments.some((e) => e.status !== "ENROLLED")) throw invalid({ enrolmentIds: "training.errors.notEnrolled" });
    if (enrolments.some((e) => input.completedOn < e.enrolledOn)) throw invalid({ completedOn: "training.errors.endBeforeEnrolled" });
    if (input.completedOn > addDays(chinaToday(), 1)) throw invalid({ completedOn: "validation.dateFuture" });
    const skillNames = new Map((await tx.skill.findMany({ where: { id: { in: cohort.programme.skills.map((s) => s.skillId) } }, select: { id: true, nameZh: true } })).map((s) => [s.id, s.nameZh]));
    for (const e of enrolments) {
      const number = input.certificateNumbers[String(e.id)]?.trim() || null;
      await tx.enrolment.update({ where: { id: e.id }, data: { status: "COMPLETED", endedOn: input.completedOn, certificate: input.certificate, certificateNumber: number, version: { increment: 1 } } });
      const certificate = input.certificate ? `${input.certificate}${number ? ` ${number}` : ""}`.slice(0, 120) : null;
      const existing = await tx.personSkill.findMany({ where: { personId: e.personId, skillId: { in: cohort.programme.skills.map((s) => s.skillId) } }, select: { skillId: true, level: true, certificate: true } });
      const skillChanges: AuditSkill[] = [];
      for (const s of cohort.programme.skills) {
        const had = existing.find((x) => x.skillId === s.skillId) ?? null;
        const merged = mergeSkill(had ? { level: had.level as SkillLevel, certificate: had.certificate } : null, { level: levelGranted(s.level as SkillLevel, Boolean(input.certificate)), certificate });
        if (!merged.changed) continue;
        await tx.personSkill.upsert({
          where: { personId_skillId: { personId: e.personId, skillId: s.skillId } },
          create: { personId: e.personId, skillId: s.skillId, level: merged.level, certificate: merged.certificate },
          update: { level: merged.level, certificate: merged.certificate },
        });
        skillChanges.push(auditSkill(skillNames.get(s.skillId) ?? String(s.skillId), merged.level, merged.certificate, had ? had.level : null, s.skillId));
      }
      const employmentStatus = await afterTraining(tx, e.personId, e.person.employmentStatus);
      if (skillChanges.length) {
        await recordAudit(tx, scope, { action: "person.skills_updated", entityType: "person", entityId: e.personId, changes: { source: `${cohort.programme.title} · ${cohort.name}`, skills: skillChanges } });
      }
      await recordAudit(tx, scope, {
        action: "training.enrolment_ended",
        entityType: "person",
        entityId: e.personId,
        changes: {
          enrolmentId: e.id, cohortId, cohort: cohort.name, programme: cohort.programme.title, status: [e.status, "COMPLETED"], endedOn: isoDate(input.completedOn),
          certificate: input.certificate, certificateNumber: number,
          ...(employmentStatus !== e.person.employmentStatus ? { employmentStatus: [e.person.employmentStatus, employmentStatus] } : {}),
        },
      });
    }
    return { completed: enrolments.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Attendance

/** One day's register: present, absent or excused for each person marked (a re-save corrects it). */
export async function recordAttendance(scope: Scope, cohortId: number, input: AttendanceInput) {
  assertCan(scope, "training.manage");
  return db().$transaction(async (tx) => {
    const cohort = await lockCohort(tx, scope, cohortId);
    if (cohort.status !== "RUNNING" && cohort.status !== "COMPLETED") throw invalid({ day: "training.errors.cohortNotRunning" });
    if (!registerDayAllowed(input.day, cohort, chinaToday())) throw invalid({ day: "training.errors.dayOutside" });
    const marks = new Map(input.marks.map((m) => [m.enrolmentId, m.status]));
    const enrolments = await lockEnrolments(tx, scope, cohortId, [...marks.keys()]);
    // Only days the person was on the course: not before they enrolled, not after they left.
    if (enrolments.some((e) => e.enrolledOn > input.day || (e.endedOn !== null && e.endedOn < input.day))) throw invalid({ day: "training.errors.notOnCourseThatDay" });
    const day = isoDate(input.day);
    for (const e of enrolments) {
      await tx.$executeRaw`
        INSERT INTO attendance_records (cohort_id, enrolment_id, day, status, recorded_by_id)
        VALUES (${cohortId}, ${e.id}, ${day}::date, ${marks.get(e.id)}::attendance_status, ${scope.userId})
        ON CONFLICT (enrolment_id, day) DO UPDATE SET status = EXCLUDED.status, recorded_by_id = EXCLUDED.recorded_by_id`;
    }
    const counts = { PRESENT: 0, ABSENT: 0, EXCUSED: 0 };
    for (const s of marks.values()) counts[s]++;
    await recordAudit(tx, scope, { action: "training.attendance_recorded", entityType: "training_cohort", entityId: cohortId, changes: { day, present: counts.PRESENT, absent: counts.ABSENT, excused: counts.EXCUSED } });
    return { day, marked: enrolments.length };
  });
}

// ---------------------------------------------------------------------------------------------
// The living-allowance ledger

export type PaymentOutcome = {
  paid: { enrolmentId: number; personId: number; name: string; amount: number }[];
  alreadyPaid: { enrolmentId: number; personId: number; name: string; paidOn: string; paidBy: string | null; amount: number }[];
};

/**
 * Pays one month of living allowance to the people chosen, in one transaction. Each row is
 * inserted with ON CONFLICT (enrolment_id, month) DO NOTHING: a month paid before (by anyone,
 * a moment ago in another tab included: the second insert waits for the first to commit) comes
 * back as "already paid on <date> by <who>", never as a second payment. A month outside
 * someone's time on the course is refused and nothing is paid.
 */
export async function payAllowances(scope: Scope, cohortId: number, input: PayInput): Promise<PaymentOutcome> {
  assertCan(scope, "training.pay");
  return db().$transaction(async (tx) => {
    const cohort = await tx.trainingCohort.findFirst({ where: { id: cohortId, ...officeScopeWhere(scope) }, select: { id: true, name: true, startDate: true, endDate: true, monthlyAllowance: true, status: true } });
    if (!cohort) throw new AppError("NOT_FOUND");
    if (cohort.monthlyAllowance <= 0) throw invalid({ month: "training.errors.noAllowance" });
    if (cohort.status === "CANCELLED") throw invalid({ month: "training.errors.cohortClosed" });
    const month = parseMonth(input.month);
    if (!month) throw invalid({ month: "training.errors.month" });
    const ids = [...new Set(input.enrolmentIds)];
    const enrolments = await tx.enrolment.findMany({
      where: { id: { in: ids }, cohortId, person: personScopeWhere(scope) },
      select: { id: true, personId: true, status: true, enrolledOn: true, endedOn: true, person: { select: { name: true } } },
    });
    if (enrolments.length !== ids.length) throw new AppError("NOT_FOUND");
    const today = chinaToday();
    if (enrolments.some((e) => !isMonthDue(month, { enrolledOn: e.enrolledOn, endedOn: e.endedOn, status: e.status as EnrolmentStatus }, cohort, today))) throw invalid({ month: "training.errors.monthOutside" });
    const inserted = await tx.$queryRaw<{ enrolmentId: number }[]>`
      INSERT INTO allowance_payments (cohort_id, enrolment_id, person_id, month, amount, paid_on, reference, paid_by_id)
      SELECT e.cohort_id, e.id, e.person_id, ${isoDate(month)}::date, ${cohort.monthlyAllowance}, ${isoDate(input.paidOn)}::date, ${input.reference}, ${scope.userId}
        FROM enrolments e
       WHERE e.id = ANY(${ids}::int[]) AND e.cohort_id = ${cohortId}
       ORDER BY e.id
      ON CONFLICT (enrolment_id, month) DO NOTHING
      RETURNING enrolment_id AS "enrolmentId"`;
    const paidIds = new Set(inserted.map((r) => r.enrolmentId));
    const byId = new Map(enrolments.map((e) => [e.id, e]));
    for (const id of paidIds) {
      const e = byId.get(id)!;
      await recordAudit(tx, scope, { action: "training.allowance_paid", entityType: "person", entityId: e.personId, changes: { enrolmentId: id, cohortId, cohort: cohort.name, month: isoDate(month).slice(0, 7), amount: cohort.monthlyAllowance, paidOn: isoDate(input.paidOn), reference: input.reference } });
    }
    const earlier = ids.filter((id) => !paidIds.has(id));
    const existing = earlier.length
      ? await tx.allowancePayment.findMany({ where: { enrolmentId: { in: earlier }, month }, select: { enrolmentId: true, paidOn: true, paidById: true, amount: true } })
      : [];
    const users = new Map((await tx.user.findMany({ where: { id: { in: existing.map((x) => x.paidById).filter((v): v is number => v !== null) } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
    return {
      paid: [...paidIds].map((id) => ({ enrolmentId: id, personId: byId.get(id)!.personId, name: byId.get(id)!.person.name, amount: cohort.monthlyAllowance })),
      alreadyPaid: existing.map((x) => ({
        enrolmentId: x.enrolmentId, personId: byId.get(x.enrolmentId)!.personId, name: byId.get(x.enrolmentId)!.person.name,
        paidOn: isoDate(x.paidOn), paidBy: x.paidById ? (users.get(x.paidById) ?? null) : null, amount: x.amount,
      })),
    };
  });
}
