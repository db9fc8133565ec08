import "server-only";
import type { Tx } from "@/lib/db";
import type { AuditAction, FieldChanges } from "@/lib/audit/rules";
import type { Scope } from "@/lib/auth/scope";

export type AuditInput = {
  action: AuditAction;
  entityType: string;
  entityId: string | number;
  changes?: FieldChanges | Record<string, unknown>;
};

/** Written inside the caller's transaction, so a change and its audit row commit together. */
export async function recordAudit(tx: Tx, actor: Scope | { userId: number | null; officeId: number | null }, input: AuditInput) {
  await tx.auditEvent.create({
    data: {
      actorId: actor.userId,
      officeId: actor.officeId,
      action: input.action,
      entityType: input.entityType,
      entityId: String(input.entityId),
      changes: (input.changes ?? {}) as object,
    },
  });
}
