import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Scope } from "@/lib/auth/scope";
import { householdScopeWhere } from "@/lib/auth/scope";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/mutations";
import { auditMember, diffFields } from "@/lib/audit/rules";
import type { changePovertyStatusSchema, saveHouseholdSchema } from "@/lib/households/schema";
import { divisionExists } from "@/lib/reference/data";

type SaveHousehold = z.output<typeof saveHouseholdSchema>;
type ChangePovertyStatus = z.output<typeof changePovertyStatusSchema>;

async function lockHousehold(tx: Tx, scope: Scope, householdId: number, version: number) {
  const household = await tx.household.findFirst({ where: { id: householdId, ...householdScopeWhere(scope) } });
  if (!household) throw new AppError("NOT_FOUND");
  if (household.version !== version) {
    throw new AppError("CONFLICT", "conflict", { currentVersion: household.version });
  }
  return household;
}

async function bumpVersion(tx: Tx, householdId: number, version: number, data: Record<string, unknown> = {}) {
  const updated = await tx.household.updateMany({ where: { id: householdId, version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count !== 1) throw new AppError("CONFLICT", "conflict", {});
}

export async function saveHousehold(scope: Scope, householdId: number, input: SaveHousehold) {
  assertCan(scope, "household.update");
  return db().$transaction(async (tx) => {
    const before = await lockHousehold(tx, scope, householdId, input.version);
    if (input.divisionCode && !(await divisionExists(tx, input.divisionCode))) {
      throw new AppError("VALIDATION", "validation", { fieldErrors: { divisionCode: "validation.divisionUnknown" } });
    }
    const fields = {
      divisionCode: input.divisionCode,
      addressDetail: input.addressDetail,
      perCapitaIncome: input.perCapitaIncome,
      registrationNote: input.registrationNote,
    };
    await bumpVersion(tx, householdId, input.version, fields);
    const changes = diffFields(before as unknown as Record<string, unknown>, fields);
    if (Object.keys(changes).length) {
      await recordAudit(tx, scope, { action: "household.updated", entityType: "household", entityId: householdId, changes });
    }

    const existing = await tx.householdMember.findMany({ where: { householdId } });
    const kept = new Set(input.members.filter((m) => m.id).map((m) => m.id));
    for (const member of existing) {
      if (kept.has(member.id)) continue;
      if (member.personId) throw new AppError("VALIDATION", "validation", { fieldErrors: { members: "validation.memberHasPerson" } });
      await tx.householdMember.delete({ where: { id: member.id } });
      await recordAudit(tx, scope, { action: "household.member_removed", entityType: "household", entityId: householdId, changes: { member: auditMember(member.name, member.relation) } });
    }
    for (const member of input.members) {
      const data = { name: member.name, relation: member.relation, birthYear: member.birthYear, isLabourer: member.isLabourer, note: member.note };
      if (member.id) {
        const previous = existing.find((e) => e.id === member.id);
        if (!previous) throw new AppError("VALIDATION", "validation", { fieldErrors: { members: "validation.memberUnknown" } });
        // A member with a profile of their own is named and related on that profile.
        if (previous.personId && (member.name !== previous.name || member.relation !== previous.relation)) {
          throw new AppError("VALIDATION", "validation", { fieldErrors: { members: "validation.memberHasPerson" } });
        }
        const memberChanges = diffFields(previous as unknown as Record<string, unknown>, data);
        if (Object.keys(memberChanges).length) {
          await tx.householdMember.update({ where: { id: member.id }, data });
          await recordAudit(tx, scope, { action: "household.member_updated", entityType: "household", entityId: householdId, changes: { member: previous.name, ...memberChanges } });
        }
      } else {
        await tx.householdMember.create({ data: { ...data, householdId } });
        await recordAudit(tx, scope, { action: "household.member_added", entityType: "household", entityId: householdId, changes: { member: auditMember(member.name, member.relation), isLabourer: member.isLabourer } });
      }
    }
    return { version: input.version + 1 };
  });
}

/** A new poverty/monitoring status with the date it took effect; the old one stays in history. */
export async function changePovertyStatus(scope: Scope, householdId: number, input: ChangePovertyStatus) {
  assertCan(scope, "household.update");
  return db().$transaction(async (tx) => {
    const before = await lockHousehold(tx, scope, householdId, input.version);
    await bumpVersion(tx, householdId, input.version, { povertyStatus: input.status, povertyStatusSince: input.effectiveDate });
    // Every member's copy (the person list filters on persons.poverty_status), in the same
    // transaction and after the household row is locked: a member registered meanwhile has
    // either committed (and is updated here) or waits and then reads the new status.
    await tx.person.updateMany({ where: { householdId, povertyStatus: { not: input.status } }, data: { povertyStatus: input.status } });
    await tx.povertyStatusChange.create({
      data: { householdId, status: input.status, effectiveDate: input.effectiveDate, note: input.note, changedById: scope.userId },
    });
    await recordAudit(tx, scope, {
      action: "household.poverty_status_changed",
      entityType: "household",
      entityId: householdId,
      changes: { povertyStatus: [before.povertyStatus, input.status], effectiveDate: input.effectiveDate.toISOString().slice(0, 10), note: input.note },
    });
    return { version: input.version + 1 };
  });
}
