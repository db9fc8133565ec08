import "server-only";
import { db } from "@/lib/db";

/** A record's history, newest first. The caller has already proven the record is in scope. */
export async function listAuditForEntity(entityType: string, entityIds: string[], limit = 100) {
  const rows = await db().auditEvent.findMany({
    where: { entityType, entityId: { in: entityIds } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, at: true, action: true, changes: true, actorId: true },
  });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((v): v is number => v !== null))];
  const actors = await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } });
  const names = new Map(actors.map((a) => [a.id, a.displayName]));
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    action: r.action,
    changes: r.changes as Record<string, unknown>,
    actorName: r.actorId ? (names.get(r.actorId) ?? `#${r.actorId}`) : null,
  }));
}
