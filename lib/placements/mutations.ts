import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/auth/policy";
import { personScopeWhere, type Scope } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/mutations";
import { diffFields } from "@/lib/audit/rules";
import { divisionExists } from "@/lib/reference/data";
import { addDays, chinaToday, followUpPlan, isMonitored, isoDate, normaliseCadence, shouldEscalate } from "@/lib/placements/rules";
import type { ContactInput, EndPlacementInput, PlacementInput, ReassignInput, UpdatePlacementInput } from "@/lib/placements/schema";

// Every write of placements and follow-ups. Each runs in one transaction with its audit rows:
// a placement, its opening, its follow-up plan and the person's employment status commit
// together or not at all. Openings are counted by a conditional UPDATE on the vacancy row, so
// two caseworkers taking the last opening at once get one success and one clear message.

const invalid = (fieldErrors: Record<string, string>) => new AppError("VALIDATION", "validation", { fieldErrors });

type PlacementRow = Prisma.PlacementGetPayload<{ include: { supports: true } }>;

async function personInScope(tx: Tx, scope: Scope, personId: number) {
  const person = await tx.person.findFirst({
    where: { id: personId, ...personScopeWhere(scope) },
    select: { id: true, officeId: true, caseworkerId: true, povertyStatus: true, atRisk: true, employmentStatus: true },
  });
  if (!person) throw new AppError("NOT_FOUND");
  return person;
}

/** The placement with its person in the caller's scope, locked for the rest of the transaction. */
async function lockPlacement(tx: Tx, scope: Scope, placementId: number): Promise<PlacementRow> {
  await tx.$queryRaw`SELECT id FROM placements WHERE id = ${placementId} FOR UPDATE`;
  const placement = await tx.placement.findFirst({ where: { id: placementId, person: personScopeWhere(scope) }, include: { supports: true } });
  if (!placement) throw new AppError("NOT_FOUND");
  return placement;
}

/**
 * Takes one opening of the vacancy, or says why not. The row lock of the UPDATE serialises two
 * placements into the same vacancy; the second sees the first's count.
 */
async function takeOpening(tx: Tx, vacancyId: number, field: string) {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    UPDATE vacancies
       SET filled = filled + 1,
           status = CASE WHEN filled + 1 >= openings THEN 'FILLED'::vacancy_status ELSE status END,
           updated_at = now()
     WHERE id = ${vacancyId} AND status = 'OPEN' AND filled < openings
     RETURNING id`;
  if (!rows.length) throw invalid({ [field]: "validation.vacancyFull" });
}

/** Gives the opening back when a placement that held one ends; a vacancy filled by it reopens. */
async function releaseOpening(tx: Tx, vacancyId: number) {
  await tx.$executeRaw`
    UPDATE vacancies
       SET filled = filled - 1,
           status = CASE WHEN status = 'FILLED' THEN 'OPEN'::vacancy_status ELSE status END,
           updated_at = now()
     WHERE id = ${vacancyId} AND filled > 0`;
}

type Job = { vacancyId: number | null; employerId: number; title: string; occupationCode: string | null; countyCode: string; roomAndBoard: boolean };

/** What the placement records of its job: the vacancy's, or what was typed for a direct one. */
async function resolveJob(tx: Tx, scope: Scope, input: PlacementInput, prefix: string): Promise<Job> {
  if (input.vacancyId) {
    const vacancy = await tx.vacancy.findUnique({
      where: { id: input.vacancyId },
      select: { id: true, employerId: true, title: true, occupationCode: true, countyCode: true, status: true },
    });
    if (!vacancy) throw invalid({ [`${prefix}vacancyId`]: "validation.vacancyUnknown" });
    if (vacancy.status !== "OPEN") throw invalid({ [`${prefix}vacancyId`]: vacancy.status === "FILLED" ? "validation.vacancyFull" : "validation.vacancyNotOpen" });
    return { vacancyId: vacancy.id, employerId: vacancy.employerId, title: vacancy.title, occupationCode: vacancy.occupationCode, countyCode: vacancy.countyCode, roomAndBoard: input.roomAndBoard };
  }
  const fieldErrors: Record<string, string> = {};
  // Any employer the app knows: a worker may be placed with an employer another office works with.
  const employer = input.employerId ? await tx.employer.findUnique({ where: { id: input.employerId }, select: { id: true } }) : null;
  if (!employer) fieldErrors[`${prefix}employerId`] = "validation.employerUnknown";
  if (!input.divisionCode || !(await divisionExists(tx, input.divisionCode))) fieldErrors[`${prefix}divisionCode`] = "validation.divisionUnknown";
  if (input.occupationCode && !(await tx.occupation.findUnique({ where: { code: input.occupationCode }, select: { code: true } }))) fieldErrors[`${prefix}occupationCode`] = "validation.occupation";
  if (Object.keys(fieldErrors).length) throw invalid(fieldErrors);
  return { vacancyId: null, employerId: employer!.id, title: input.title!, occupationCode: input.occupationCode, countyCode: input.divisionCode!.slice(0, 6), roomAndBoard: input.roomAndBoard };
}

async function createPlacementIn(
  tx: Tx,
  scope: Scope,
  person: Awaited<ReturnType<typeof personInScope>>,
  input: PlacementInput,
  options: { previousPlacementId: number | null; prefix: string },
) {
  const today = chinaToday();
  if (input.startDate > addDays(today, 90)) throw invalid({ [`${options.prefix}startDate`]: "validation.startTooFar" });
  let referralId: number | null = null;
  if (input.referralId) {
    // A placement from a referral is into the referral's vacancy (given or not): never another
    // job, or the referral would read "hired" for a vacancy the person did not take.
    const referral = await tx.referral.findFirst({ where: { id: input.referralId, personId: person.id }, select: { id: true, vacancyId: true } });
    if (!referral || (input.vacancyId && referral.vacancyId !== input.vacancyId)) throw invalid({ [`${options.prefix}referralId`]: "validation.referralUnknown" });
    referralId = referral.id;
    input = { ...input, vacancyId: referral.vacancyId };
  }
  const job = await resolveJob(tx, scope, input, options.prefix);
  if (!referralId && job.vacancyId) {
    referralId = (await tx.referral.findUnique({ where: { personId_vacancyId: { personId: person.id, vacancyId: job.vacancyId } }, select: { id: true } }))?.id ?? null;
  }
  if (job.vacancyId) await takeOpening(tx, job.vacancyId, `${options.prefix}vacancyId`);
  let placement;
  try {
    placement = await tx.placement.create({
      data: {
        personId: person.id,
        vacancyId: job.vacancyId,
        referralId,
        previousPlacementId: options.previousPlacementId,
        employerId: job.employerId,
        officeId: person.officeId,
        title: job.title,
        occupationCode: job.occupationCode,
        countyCode: job.countyCode,
        roomAndBoard: job.roomAndBoard,
        monthlyWage: input.monthlyWage,
        contractType: input.contractType,
        startDate: input.startDate,
        holdsOpening: job.vacancyId !== null,
        createdById: scope.userId,
        supports: { create: input.supports },
      },
      select: { id: true, startDate: true },
    });
  } catch (error) {
    // placements_one_active_per_person: someone placed this person a moment ago.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw invalid({ _form: "validation.alreadyPlaced" });
    throw error;
  }
  if (referralId) await tx.referral.update({ where: { id: referralId }, data: { status: "HIRED", version: { increment: 1 } } });
  const office = await tx.office.findUniqueOrThrow({ where: { id: person.officeId }, select: { followUpCadence: true } });
  const plan = followUpPlan(placement.startDate, office.followUpCadence, today);
  await tx.followUp.createMany({
    data: plan.map((p) => ({ personId: person.id, placementId: placement.id, officeId: person.officeId, caseworkerId: caseworkerFor(scope, person), reason: "PLACEMENT" as const, cadenceDay: p.cadenceDay, dueDate: p.dueDate })),
  });
  // A placement supersedes a monitoring follow-up: the plan covers the person now.
  await tx.followUp.updateMany({ where: { personId: person.id, reason: "MONITORING", status: "OPEN" }, data: { status: "CANCELLED" } });
  await tx.person.update({ where: { id: person.id }, data: { employmentStatus: "EMPLOYED", version: { increment: 1 } } });
  return { placement, job, referralId, plan };
}

/** Who does a person's follow-ups: their caseworker, else whoever placed them if a caseworker. */
function caseworkerFor(scope: Scope, person: { caseworkerId: number | null }) {
  return person.caseworkerId ?? (scope.role === "CASEWORKER" || scope.role === "SUPERVISOR" ? scope.userId : null);
}

function placementAudit(job: Job, input: PlacementInput, extra: Record<string, unknown> = {}) {
  return {
    vacancyId: job.vacancyId,
    employerId: job.employerId,
    title: job.title,
    startDate: isoDate(input.startDate),
    monthlyWage: input.monthlyWage,
    contractType: input.contractType,
    roomAndBoard: job.roomAndBoard,
    supports: input.supports.map((s) => `${s.kind} ${s.monthlyAmount}/月 ${isoDate(s.startDate)}~${s.endDate ? isoDate(s.endDate) : ""}`),
    ...extra,
  };
}

/** Record a placement (from a referral, a suggestion or directly). The person must have no active placement. */
export async function createPlacement(scope: Scope, personId: number, input: PlacementInput) {
  assertCan(scope, "placement.manage");
  return db().$transaction(async (tx) => {
    const person = await personInScope(tx, scope, personId);
    await tx.$queryRaw`SELECT id FROM persons WHERE id = ${personId} FOR UPDATE`;
    const active = await tx.placement.findFirst({ where: { personId, status: "ACTIVE" }, select: { id: true } });
    if (active) throw invalid({ _form: "validation.alreadyPlaced" });
    const { placement, job, referralId, plan } = await createPlacementIn(tx, scope, person, input, { previousPlacementId: null, prefix: "" });
    await recordAudit(tx, scope, { action: "placement.created", entityType: "person", entityId: personId, changes: placementAudit(job, input, { placementId: placement.id, referralId, followUps: plan.map((p) => isoDate(p.dueDate)) }) });
    return { id: placement.id };
  });
}

async function endIn(tx: Tx, scope: Scope, placement: PlacementRow, input: Pick<EndPlacementInput, "endDate" | "endReason" | "endNote" | "version">) {
  if (placement.status !== "ACTIVE") throw invalid({ _form: "validation.placementEnded" });
  if (placement.version !== input.version) throw new AppError("CONFLICT", "conflict", { current: { status: placement.status }, currentVersion: placement.version, changedBy: null, changedAt: placement.updatedAt.toISOString() });
  if (input.endDate < placement.startDate) throw invalid({ endDate: "validation.endBeforeStart" });
  if (input.endDate > addDays(chinaToday(), 1)) throw invalid({ endDate: "validation.endInFuture" });
  await tx.placement.update({
    where: { id: placement.id },
    data: { status: "ENDED", endDate: input.endDate, endReason: input.endReason, endNote: input.endNote, endedById: scope.userId, holdsOpening: false, version: { increment: 1 } },
  });
  if (placement.holdsOpening && placement.vacancyId) await releaseOpening(tx, placement.vacancyId);
  // The plan of a placement that ended is moot; what was done stays.
  await tx.followUp.updateMany({ where: { placementId: placement.id, status: "OPEN" }, data: { status: "CANCELLED", version: { increment: 1 } } });
}

/** End a placement with its date and reason. Those under monitoring get a monitoring follow-up. */
export async function endPlacement(scope: Scope, placementId: number, input: EndPlacementInput) {
  assertCan(scope, "placement.manage");
  return db().$transaction(async (tx) => {
    const placement = await lockPlacement(tx, scope, placementId);
    await endIn(tx, scope, placement, input);
    const person = await tx.person.update({
      where: { id: placement.personId },
      data: { employmentStatus: "UNEMPLOYED", version: { increment: 1 } },
      select: { id: true, officeId: true, caseworkerId: true, povertyStatus: true, atRisk: true },
    });
    await ensureMonitoringIn(tx, person, chinaToday());
    await recordAudit(tx, scope, {
      action: "placement.ended",
      entityType: "person",
      entityId: placement.personId,
      changes: { placementId, title: placement.title, endDate: isoDate(input.endDate), endReason: input.endReason, endNote: input.endNote },
    });
    return { id: placementId };
  });
}

/**
 * Reassign: the current placement ends with its reason and the next starts, in one transaction.
 * The next placement points at the one it replaced, which is how the chain is read back.
 */
export async function reassignPlacement(scope: Scope, placementId: number, input: ReassignInput) {
  assertCan(scope, "placement.manage");
  return db().$transaction(async (tx) => {
    const current = await lockPlacement(tx, scope, placementId);
    await endIn(tx, scope, current, input);
    const person = await personInScope(tx, scope, current.personId);
    const { placement, job } = await createPlacementIn(tx, scope, person, input.next, { previousPlacementId: current.id, prefix: "next." });
    await recordAudit(tx, scope, {
      action: "placement.reassigned",
      entityType: "person",
      entityId: current.personId,
      changes: {
        from: { placementId: current.id, title: current.title, endDate: isoDate(input.endDate), endReason: input.endReason, endNote: input.endNote },
        to: placementAudit(job, input.next, { placementId: placement.id }),
      },
    });
    return { id: placement.id };
  });
}

/** Wage, contract and support measures of an active placement; an ended one is read-only. */
export async function updatePlacement(scope: Scope, placementId: number, input: UpdatePlacementInput) {
  assertCan(scope, "placement.manage");
  return db().$transaction(async (tx) => {
    const placement = await lockPlacement(tx, scope, placementId);
    if (placement.status !== "ACTIVE") throw invalid({ _form: "validation.placementEnded" });
    if (placement.version !== input.version) {
      throw new AppError("CONFLICT", "conflict", {
        current: { monthlyWage: placement.monthlyWage, contractType: placement.contractType, roomAndBoard: placement.roomAndBoard },
        currentVersion: placement.version,
        changedBy: null,
        changedAt: placement.updatedAt.toISOString(),
      });
    }
    const before = { monthlyWage: placement.monthlyWage, contractType: placement.contractType, roomAndBoard: placement.roomAndBoard, supports: placement.supports.map(supportLine) };
    const after = { monthlyWage: input.monthlyWage, contractType: input.contractType, roomAndBoard: input.roomAndBoard, supports: input.supports.map(supportLine) };
    const changes = diffFields(before, after);
    await tx.placementSupport.deleteMany({ where: { placementId } });
    const updated = await tx.placement.update({
      where: { id: placementId },
      data: { monthlyWage: input.monthlyWage, contractType: input.contractType, roomAndBoard: input.roomAndBoard, version: { increment: 1 }, supports: { create: input.supports } },
      select: { id: true, version: true },
    });
    if (Object.keys(changes).length) await recordAudit(tx, scope, { action: "placement.updated", entityType: "person", entityId: placement.personId, changes: { placementId, ...changes } });
    return updated;
  });
}

function supportLine(s: { kind: string; monthlyAmount: number; startDate: Date; endDate: Date | null; note: string | null }) {
  return `${s.kind} ${s.monthlyAmount} ${isoDate(s.startDate)}~${s.endDate ? isoDate(s.endDate) : ""}${s.note ? ` ${s.note}` : ""}`;
}

/**
 * An ended placement back to active (it was ended by mistake): audited with the reason, only
 * when the person has no other active placement, it was not replaced by a reassignment, and its
 * vacancy still has an opening. Its remaining follow-ups come back.
 */
export async function reopenPlacement(scope: Scope, placementId: number, input: { version: number; note: string }) {
  assertCan(scope, "placement.reopen");
  return db().$transaction(async (tx) => {
    const placement = await lockPlacement(tx, scope, placementId);
    if (placement.status !== "ENDED") throw invalid({ _form: "validation.placementNotEnded" });
    if (placement.version !== input.version) throw new AppError("CONFLICT", "conflict", { current: { status: placement.status }, currentVersion: placement.version, changedBy: null, changedAt: placement.updatedAt.toISOString() });
    const next = await tx.placement.findUnique({ where: { previousPlacementId: placementId }, select: { id: true } });
    if (next) throw invalid({ _form: "validation.reopenReplaced" });
    await tx.$queryRaw`SELECT id FROM persons WHERE id = ${placement.personId} FOR UPDATE`;
    const active = await tx.placement.findFirst({ where: { personId: placement.personId, status: "ACTIVE" }, select: { id: true } });
    if (active) throw invalid({ _form: "validation.alreadyPlaced" });
    // Its opening back: refused when the vacancy filled up meanwhile (that would overbook it); a
    // vacancy closed to recruiting (or back in draft) has no openings to count.
    let holdsOpening = false;
    if (placement.vacancyId) {
      const vacancy = await tx.vacancy.findUnique({ where: { id: placement.vacancyId }, select: { status: true } });
      if (vacancy?.status === "OPEN" || vacancy?.status === "FILLED") {
        await takeOpening(tx, placement.vacancyId, "_form");
        holdsOpening = true;
      }
    }
    await tx.placement.update({
      where: { id: placementId },
      data: { status: "ACTIVE", endDate: null, endReason: null, endNote: null, endedById: null, holdsOpening, version: { increment: 1 } },
    });
    const today = chinaToday();
    await tx.followUp.updateMany({ where: { placementId, status: "CANCELLED", dueDate: { gte: addDays(today, -7) } }, data: { status: "OPEN", version: { increment: 1 } } });
    await tx.followUp.updateMany({ where: { personId: placement.personId, reason: "MONITORING", status: "OPEN" }, data: { status: "CANCELLED" } });
    await tx.person.update({ where: { id: placement.personId }, data: { employmentStatus: "EMPLOYED", version: { increment: 1 } } });
    await recordAudit(tx, scope, {
      action: "placement.reopened",
      entityType: "person",
      entityId: placement.personId,
      changes: { placementId, title: placement.title, was: { endDate: placement.endDate ? isoDate(placement.endDate) : null, endReason: placement.endReason, endNote: placement.endNote }, note: input.note },
    });
    return { id: placementId };
  });
}

/**
 * One attempt to reach the person. Reached: the follow-up is done with its outcome. Not
 * reached: the failures are counted; the third escalates to the supervisor (the follow-up sweep
 * writes the notifications, lib/jobs). Returns whether it should escalate now.
 */
export async function recordContact(scope: Scope, followUpId: number, input: ContactInput) {
  assertCan(scope, "followup.record");
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM follow_ups WHERE id = ${followUpId} FOR UPDATE`;
    const followUp = await tx.followUp.findFirst({ where: { id: followUpId, person: personScopeWhere(scope) } });
    if (!followUp) throw new AppError("NOT_FOUND");
    if (followUp.status !== "OPEN") throw invalid({ _form: "validation.followUpClosed" });
    const contact = await tx.followUpContact.create({
      data: { followUpId, personId: followUp.personId, channel: input.channel, reached: input.reached, outcome: input.outcome, income: input.income, notes: input.notes, recordedById: scope.userId },
      select: { id: true },
    });
    const failedAttempts = input.reached ? followUp.failedAttempts : followUp.failedAttempts + 1;
    await tx.followUp.update({
      where: { id: followUpId },
      data: input.reached
        ? { status: "DONE", outcome: input.outcome, completedAt: new Date(), version: { increment: 1 } }
        : { failedAttempts, version: { increment: 1 } },
    });
    await recordAudit(tx, scope, {
      action: "followup.contact_recorded",
      entityType: "person",
      entityId: followUp.personId,
      changes: { followUpId, dueDate: isoDate(followUp.dueDate), channel: input.channel, reached: input.reached, outcome: input.outcome, income: input.income, notes: input.notes, failedAttempts },
    });
    // The last follow-up of a plan, or a monitoring one, done: those under monitoring get the next.
    if (input.reached) {
      const person = await tx.person.findUniqueOrThrow({ where: { id: followUp.personId }, select: { id: true, officeId: true, caseworkerId: true, povertyStatus: true, atRisk: true } });
      await ensureMonitoringIn(tx, person, chinaToday());
    }
    return { id: contact.id, followUpId, personId: followUp.personId, placementId: followUp.placementId, escalate: shouldEscalate(failedAttempts, followUp.escalatedAt !== null) };
  });
}

/** A follow-up on a date the caseworker picks (e.g. "call back next Tuesday"). */
export async function scheduleFollowUp(scope: Scope, personId: number, input: { dueDate: Date; note: string | null }) {
  assertCan(scope, "followup.record");
  return db().$transaction(async (tx) => {
    const person = await personInScope(tx, scope, personId);
    const today = chinaToday();
    if (input.dueDate < today) throw invalid({ dueDate: "validation.dateInPast" });
    if (input.dueDate > addDays(today, 400)) throw invalid({ dueDate: "validation.range" });
    const active = await tx.placement.findFirst({ where: { personId, status: "ACTIVE" }, select: { id: true } });
    const followUp = await tx.followUp.create({
      data: { personId, placementId: active?.id ?? null, officeId: person.officeId, caseworkerId: caseworkerFor(scope, person), reason: "MANUAL", dueDate: input.dueDate, note: input.note },
      select: { id: true },
    });
    await recordAudit(tx, scope, { action: "followup.scheduled", entityType: "person", entityId: personId, changes: { followUpId: followUp.id, dueDate: isoDate(input.dueDate), note: input.note } });
    return followUp;
  });
}

/**
 * Someone under monitoring (lifted out of poverty, unstable, at risk) with nothing planned (no
 * placement follow-up left, e.g. after the 365-day one, or after the placement ended) gets one
 * monitoring follow-up, due the office's interval after today. Idempotent (a partial unique
 * index allows one open monitoring follow-up per person).
 */
export async function ensureMonitoringIn(tx: Tx, person: { id: number; officeId: number; caseworkerId: number | null; povertyStatus: string; atRisk: boolean }, today: Date) {
  if (!isMonitored(person)) return false;
  // Whatever is already planned (a placement's cadence, a manual call-back) covers them for now.
  const planned = await tx.followUp.findFirst({ where: { personId: person.id, status: "OPEN" }, select: { id: true } });
  if (planned) return false;
  const office = await tx.office.findUniqueOrThrow({ where: { id: person.officeId }, select: { monitoringIntervalDays: true } });
  const inserted = await tx.$executeRaw`
    INSERT INTO follow_ups (person_id, office_id, caseworker_id, reason, due_date, updated_at)
    VALUES (${person.id}, ${person.officeId}, ${person.caseworkerId}, 'MONITORING', ${addDays(today, office.monitoringIntervalDays)}::date, now())
    ON CONFLICT (person_id) WHERE reason = 'MONITORING' AND status = 'OPEN' DO NOTHING`;
  return inserted > 0;
}

/** Flag or unflag a person as unstable / at risk (kept under follow-up while flagged). */
export async function setAtRisk(scope: Scope, personId: number, input: { atRisk: boolean; note: string | null }) {
  assertCan(scope, "followup.record");
  return db().$transaction(async (tx) => {
    const before = await personInScope(tx, scope, personId);
    const person = await tx.person.update({
      where: { id: personId },
      data: { atRisk: input.atRisk, atRiskNote: input.atRisk ? input.note : null },
      select: { id: true, officeId: true, caseworkerId: true, povertyStatus: true, atRisk: true },
    });
    if (input.atRisk) await ensureMonitoringIn(tx, person, chinaToday());
    else if (!isMonitored(person)) await tx.followUp.updateMany({ where: { personId, reason: "MONITORING", status: "OPEN" }, data: { status: "CANCELLED" } });
    await recordAudit(tx, scope, { action: "person.at_risk_changed", entityType: "person", entityId: personId, changes: { atRisk: [before.atRisk, input.atRisk], note: input.note } });
    return { id: personId };
  });
}

/** An office's follow-up cadence and monitoring interval (its supervisors and admins). */
export async function updateOfficeCadence(scope: Scope, officeId: number, input: { followUpCadence: number[]; monitoringIntervalDays: number }) {
  assertCan(scope, "office.configure");
  return db().$transaction(async (tx) => {
    if (scope.officeIds !== "ALL" && !scope.officeIds.includes(officeId)) throw new AppError("NOT_FOUND");
    const office = await tx.office.findUnique({ where: { id: officeId }, select: { followUpCadence: true, monitoringIntervalDays: true } });
    if (!office) throw new AppError("NOT_FOUND");
    const followUpCadence = normaliseCadence(input.followUpCadence);
    if (!followUpCadence.length) throw invalid({ followUpCadence: "validation.required" });
    const changes = diffFields({ followUpCadence: office.followUpCadence, monitoringIntervalDays: office.monitoringIntervalDays }, { followUpCadence, monitoringIntervalDays: input.monitoringIntervalDays });
    await tx.office.update({ where: { id: officeId }, data: { followUpCadence, monitoringIntervalDays: input.monitoringIntervalDays } });
    if (Object.keys(changes).length) await recordAudit(tx, scope, { action: "office.cadence_updated", entityType: "office", entityId: officeId, changes });
    return { id: officeId };
  });
}
