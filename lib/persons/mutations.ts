import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PovertyStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import type { Scope } from "@/lib/auth/scope";
import { householdScopeWhere, personScopeWhere } from "@/lib/auth/scope";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/mutations";
import { auditMember, auditSkill, diffFields, type AuditSkill } from "@/lib/audit/rules";
import { decryptPii, encryptPii, hashIdLast4, hashPii } from "@/lib/pii";
import { auditedNationalId, parseNationalId } from "@/lib/persons/national-id";
import { deriveTrack, nameGrams, nameInitials } from "@/lib/persons/rules";
import { divisionExists } from "@/lib/reference/data";
import type { createPersonSchema, overrideTrackSchema, PersonFields, updatePersonSchema } from "@/lib/persons/schema";
import { chinaToday } from "@/lib/placements/rules";

type CreatePerson = z.output<typeof createPersonSchema>;

/** Whether a registered person counts as one of the household's labourers. */
const canWork = (status: string) => status !== "STUDENT" && status !== "NOT_IN_LABOUR_FORCE";
type UpdatePerson = z.output<typeof updatePersonSchema>;
type OverrideTrack = z.output<typeof overrideTrackSchema>;

/** Field-level validation that needs the database; thrown as VALIDATION with field keys. */
async function checkReferences(tx: Tx, scope: Scope, input: PersonFields & { household?: { divisionCode: string | null } | null }) {
  const fieldErrors: Record<string, string> = {};
  for (const field of ["originDivisionCode", "currentDivisionCode"] as const) {
    const code = input[field];
    if (code && !(await divisionExists(tx, code))) fieldErrors[field] = "validation.divisionUnknown";
  }
  const householdCode = input.household?.divisionCode;
  if (householdCode && !(await divisionExists(tx, householdCode))) fieldErrors["household.divisionCode"] = "validation.divisionUnknown";
  if (input.caseworkerId) {
    const caseworker = await tx.user.findFirst({
      where: {
        id: input.caseworkerId,
        active: true,
        role: { in: ["CASEWORKER", "SUPERVISOR"] },
        ...(scope.officeIds === "ALL" ? {} : { officeId: { in: [...scope.officeIds] } }),
      },
      select: { id: true },
    });
    if (!caseworker) fieldErrors.caseworkerId = "validation.caseworkerUnknown";
  }
  const skillIds = input.skills.map((s) => s.skillId).filter((v): v is number => v !== null);
  if (new Set(skillIds).size !== skillIds.length) fieldErrors.skills = "validation.skillDuplicate";
  else if (skillIds.length) {
    const found = await tx.skill.count({ where: { id: { in: skillIds } } });
    if (found !== skillIds.length) fieldErrors.skills = "validation.skillUnknown";
  }
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", "validation", { fieldErrors });
}


function personColumns(input: PersonFields) {
  const track = deriveTrack({
    migration: input.migration,
    health: input.health,
    skillCount: input.skills.length,
    trainingWishes: input.trainingWishes,
    needs: input.needs,
  });
  return {
    name: input.name,
    nameGrams: nameGrams(input.name),
    nameInitials: nameInitials(input.name),
    phone: input.phone,
    ethnicity: input.ethnicity,
    education: input.education,
    health: input.health,
    healthNote: input.healthNote,
    originDivisionCode: input.originDivisionCode,
    originAddressDetail: input.originAddressDetail,
    currentDivisionCode: input.currentDivisionCode,
    currentAddressDetail: input.currentAddressDetail,
    employmentStatus: input.employmentStatus,
    workHistory: input.workHistory,
    migration: input.migration,
    migrationNote: input.migrationNote,
    preferredSectors: input.preferredSectors,
    preferredRegions: input.preferredRegions,
    expectedWage: input.expectedWage,
    needs: input.needs,
    trainingWishes: input.trainingWishes,
    trainingWishNote: input.trainingWishNote,
    caseworkerId: input.caseworkerId,
    notes: input.notes,
    derivedTrack: track.track,
    trackReason: track.reason,
  };
}

/** The audit log never holds the search keys or the ID number itself. */
function auditable(columns: Record<string, unknown>) {
  const { nameGrams: _grams, nameInitials: _initials, ...rest } = columns;
  return rest;
}

/**
 * The skills as the audit log keeps them, readable without the catalogue: the name, and the level
 * as its code so the history shows it in the reader's language (lib/audit/rules.ts).
 */
async function skillSummary(tx: Tx, skills: Pick<PersonFields["skills"][number], "skillId" | "customName" | "level" | "certificate">[]): Promise<AuditSkill[]> {
  const ids = skills.map((s) => s.skillId).filter((v): v is number => v !== null);
  const names = new Map((await tx.skill.findMany({ where: { id: { in: ids } }, select: { id: true, nameZh: true } })).map((r) => [r.id, r.nameZh]));
  return skills.map((s) => auditSkill((s.skillId ? names.get(s.skillId) : null) ?? s.customName ?? "", s.level, s.certificate, undefined, s.skillId));
}

export async function createPerson(scope: Scope, input: CreatePerson): Promise<{ id: number }> {
  assertCan(scope, "person.create");
  const parsed = parseNationalId(input.nationalId);
  if (!parsed.ok) throw new AppError("VALIDATION", "validation", { fieldErrors: { nationalId: `validation.nationalId.${parsed.error}` } });
  const id = parsed.value;
  const idHash = hashPii(id.normalized);

  try {
    return await db().$transaction(async (tx) => {
      await checkReferences(tx, scope, input);
      const existing = await tx.person.findUnique({ where: { idHash }, select: { id: true, name: true, officeId: true } });
      if (existing) throw duplicate(scope, existing);

      let householdId: number;
      // The household's poverty status, copied onto the new member's row (the list filters on it).
      let povertyStatus: PovertyStatus;
      if (input.joinHouseholdId) {
        const household = await tx.household.findFirst({ where: { id: input.joinHouseholdId, ...householdScopeWhere(scope) }, select: { id: true } });
        if (!household) throw new AppError("VALIDATION", "validation", { fieldErrors: { joinHouseholdId: "validation.householdUnknown" } });
        householdId = household.id;
        // The household grew: the other members' matching view (size, need) must catch up. The
        // update also locks the household row before its status is read, so a status change
        // running at the same time either waits for this member (and updates them too) or has
        // committed, and the status returned here is the new one.
        ({ povertyStatus } = await tx.household.update({ where: { id: household.id }, data: { updatedAt: new Date() }, select: { povertyStatus: true } }));
      } else {
        const h = input.household ?? { divisionCode: null, addressDetail: null, povertyStatus: "NONE" as const, povertyStatusSince: null, perCapitaIncome: null, members: [] };
        const created = await tx.household.create({
          data: {
            officeId: scope.officeId,
            divisionCode: h.divisionCode ?? input.originDivisionCode,
            addressDetail: h.addressDetail ?? input.originAddressDetail,
            povertyStatus: h.povertyStatus,
            povertyStatusSince: h.povertyStatusSince,
            perCapitaIncome: h.perCapitaIncome,
            members: { create: h.members.map((m) => ({ name: m.name, relation: m.relation, birthYear: m.birthYear, isLabourer: m.isLabourer, note: m.note })) },
            povertyHistory: {
              create: { status: h.povertyStatus, effectiveDate: h.povertyStatusSince ?? chinaToday(), changedById: scope.userId, note: null },
            },
          },
          select: { id: true },
        });
        householdId = created.id;
        povertyStatus = h.povertyStatus;
        await recordAudit(tx, scope, {
          action: "household.created",
          entityType: "household",
          entityId: created.id,
          changes: { povertyStatus: h.povertyStatus, perCapitaIncome: h.perCapitaIncome, members: h.members.map((m) => auditMember(m.name, m.relation)) },
        });
      }

      const columns = personColumns(input);
      const person = await tx.person.create({
        data: {
          ...columns,
          officeId: scope.officeId,
          caseworkerId: input.caseworkerId ?? (scope.role === "CASEWORKER" ? scope.userId : null),
          householdId,
          povertyStatus,
          idCipher: encryptPii(id.normalized),
          idHash,
          idLast4Hash: hashIdLast4(id.normalized.slice(-4)),
          idPrefix6: id.normalized.slice(0, 6),
          gender: id.gender,
          birthDate: id.birthDate,
          consentGiven: true,
          consentAt: new Date(),
          track: columns.derivedTrack,
          skills: { create: input.skills.map((s) => ({ skillId: s.skillId, customName: s.skillId ? null : s.customName, level: s.level, certificate: s.certificate })) },
        },
        select: { id: true },
      });
      await tx.householdMember.create({
        data: {
          householdId,
          personId: person.id,
          name: input.name,
          relation: input.relation,
          birthYear: id.birthDate.getUTCFullYear(),
          isLabourer: canWork(input.employmentStatus),
        },
      });
      await recordAudit(tx, scope, {
        action: "person.created",
        entityType: "person",
        entityId: person.id,
        changes: { ...auditable(columns), idNumber: auditedNationalId(id.normalized), householdId, skills: await skillSummary(tx, input.skills) },
      });
      return { id: person.id };
    });
  } catch (error) {
    // Two caseworkers registering the same person at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await db().person.findUnique({ where: { idHash }, select: { id: true, name: true, officeId: true } });
      if (existing) throw duplicate(scope, existing);
    }
    throw error;
  }
}

function duplicate(scope: Scope, existing: { id: number; name: string; officeId: number }) {
  const visible = scope.officeIds === "ALL" || (scope.role !== "PARTNER" && scope.officeIds.includes(existing.officeId));
  return new AppError("DUPLICATE", "duplicate", { existing: visible ? { id: existing.id, name: existing.name } : null });
}

const CONFLICT_FIELDS = [
  "name", "phone", "ethnicity", "education", "health", "healthNote", "originDivisionCode", "originAddressDetail",
  "currentDivisionCode", "currentAddressDetail", "employmentStatus", "workHistory", "migration", "migrationNote",
  "preferredSectors", "preferredRegions", "expectedWage", "needs", "trainingWishes", "trainingWishNote",
  "caseworkerId", "notes",
] as const;

async function conflictError(tx: Tx, personId: number) {
  const current = await tx.person.findUniqueOrThrow({
    where: { id: personId },
    select: { version: true, ...Object.fromEntries(CONFLICT_FIELDS.map((f) => [f, true])), skills: { select: { skillId: true, customName: true, level: true, certificate: true }, orderBy: { id: "asc" } } },
  });
  const last = await tx.auditEvent.findFirst({
    where: { entityType: "person", entityId: String(personId), action: { in: ["person.updated", "person.track_overridden", "person.created"] } },
    orderBy: { at: "desc" },
    select: { at: true, actorId: true },
  });
  const actor = last?.actorId ? await tx.user.findUnique({ where: { id: last.actorId }, select: { displayName: true } }) : null;
  const { version, ...values } = current as { version: number } & Record<string, unknown>;
  return new AppError("CONFLICT", "conflict", {
    current: values,
    currentVersion: version,
    changedBy: actor?.displayName ?? null,
    changedAt: last?.at.toISOString() ?? null,
  });
}

/**
 * Optimistic concurrency: the save names the version it was based on; if someone saved in
 * between, nothing is written and the caller gets the current values to show beside theirs.
 */
export async function updatePerson(scope: Scope, personId: number, input: UpdatePerson): Promise<{ id: number; version: number }> {
  assertCan(scope, "person.update");
  return db().$transaction(async (tx) => {
    const before = await tx.person.findFirst({
      where: { id: personId, ...personScopeWhere(scope) },
      include: { skills: { orderBy: { id: "asc" } } },
    });
    if (!before) throw new AppError("NOT_FOUND");
    if (before.version !== input.version) throw await conflictError(tx, personId);
    // Moving someone to another caseworker is a supervisor's decision.
    if (input.caseworkerId !== before.caseworkerId) assertCan(scope, "person.reassign_caseworker");
    await checkReferences(tx, scope, input);

    const columns = personColumns(input);
    const track = before.trackOverride ?? columns.derivedTrack;
    const updated = await tx.person.updateMany({
      where: { id: personId, version: input.version },
      data: { ...columns, track, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw await conflictError(tx, personId);

    const skillsBefore = await skillSummary(tx, before.skills);
    const skillsAfter = await skillSummary(tx, input.skills);
    if (JSON.stringify(skillsBefore) !== JSON.stringify(skillsAfter)) {
      await tx.personSkill.deleteMany({ where: { personId } });
      await tx.personSkill.createMany({
        data: input.skills.map((s) => ({ personId, skillId: s.skillId, customName: s.skillId ? null : s.customName, level: s.level, certificate: s.certificate })),
      });
    }
    const changes = diffFields(before as unknown as Record<string, unknown>, { ...auditable(columns), track });
    if (JSON.stringify(skillsBefore) !== JSON.stringify(skillsAfter)) changes.skills = [skillsBefore, skillsAfter];
    if (Object.keys(changes).length) {
      await recordAudit(tx, scope, { action: "person.updated", entityType: "person", entityId: personId, changes });
    }
    // The new caseworker takes over the person's open follow-ups ("My day" reads them by caseworker).
    if (changes.caseworkerId) {
      await tx.followUp.updateMany({ where: { personId, status: "OPEN" }, data: { caseworkerId: input.caseworkerId, version: { increment: 1 } } });
    }
    // Keep the household member row's name in step with the person.
    if (changes.name || changes.employmentStatus) {
      await tx.householdMember.updateMany({ where: { personId }, data: { name: input.name, isLabourer: canWork(input.employmentStatus) } });
      if (before.householdId) await tx.household.update({ where: { id: before.householdId }, data: { updatedAt: new Date() } });
    }
    return { id: personId, version: input.version + 1 };
  });
}

export async function overridePersonTrack(scope: Scope, personId: number, input: OverrideTrack) {
  assertCan(scope, "person.update");
  return db().$transaction(async (tx) => {
    const before = await tx.person.findFirst({
      where: { id: personId, ...personScopeWhere(scope) },
      select: { version: true, derivedTrack: true, trackOverride: true, trackOverrideNote: true, track: true },
    });
    if (!before) throw new AppError("NOT_FOUND");
    if (before.version !== input.version) throw await conflictError(tx, personId);
    const after = {
      trackOverride: input.track,
      trackOverrideNote: input.track ? input.note : null,
      track: input.track ?? before.derivedTrack,
    };
    const updated = await tx.person.updateMany({ where: { id: personId, version: input.version }, data: { ...after, version: { increment: 1 } } });
    if (updated.count !== 1) throw await conflictError(tx, personId);
    await recordAudit(tx, scope, {
      action: "person.track_overridden",
      entityType: "person",
      entityId: personId,
      changes: diffFields(before as Record<string, unknown>, after),
    });
    return { version: input.version + 1 };
  });
}

/** The full ID number, for a permitted user; every reveal is in the audit log. */
export async function revealNationalId(scope: Scope, personId: number): Promise<string> {
  assertCan(scope, "person.reveal_id");
  return db().$transaction(async (tx) => {
    const person = await tx.person.findFirst({ where: { id: personId, ...personScopeWhere(scope) }, select: { idCipher: true } });
    if (!person) throw new AppError("NOT_FOUND");
    await recordAudit(tx, scope, { action: "person.id_revealed", entityType: "person", entityId: personId });
    return decryptPii(person.idCipher);
  });
}
