import "server-only";
import { db } from "@/lib/db";
import { personScopeWhere, type Scope } from "@/lib/auth/scope";
import { readParams, type NotificationItem, type NotificationKind } from "@/lib/notifications/rules";

// Reads of in-app notifications: always the signed-in user's own (scope.userId), never anyone
// else's. The person a notification is about is named only while the reader may still see them.

export const NOTIFICATIONS_PER_PAGE = 30;

/** The user's notifications, newest first, by keyset (id < before). */
export async function listNotifications(scope: Scope, options: { before?: number } = {}): Promise<{ rows: NotificationItem[]; nextBefore: number | null }> {
  const found = await db().notification.findMany({
    where: { userId: scope.userId, ...(options.before ? { id: { lt: options.before } } : {}) },
    orderBy: { id: "desc" },
    take: NOTIFICATIONS_PER_PAGE + 1,
    select: { id: true, kind: true, createdAt: true, readAt: true, personId: true, followUpId: true, params: true },
  });
  const page = found.slice(0, NOTIFICATIONS_PER_PAGE);
  const params = new Map(page.map((n) => [n.id, readParams(n.params)]));
  const personIds = [...new Set(page.map((n) => n.personId).filter((id): id is number => id !== null))];
  const caseworkerIds = [...new Set([...params.values()].map((p) => p.caseworkerId).filter((id): id is number => id !== null))];
  const [persons, caseworkers] = await Promise.all([
    personIds.length ? db().person.findMany({ where: { id: { in: personIds }, ...personScopeWhere(scope) }, select: { id: true, name: true } }) : [],
    caseworkerIds.length ? db().user.findMany({ where: { id: { in: caseworkerIds } }, select: { id: true, displayName: true } }) : [],
  ]);
  const personName = new Map(persons.map((p) => [p.id, p.name]));
  const caseworkerName = new Map(caseworkers.map((u) => [u.id, u.displayName]));
  const rows = page.map((n): NotificationItem => {
    const { caseworkerId, ...p } = params.get(n.id)!;
    return {
      id: n.id,
      kind: n.kind as NotificationKind,
      createdAt: n.createdAt,
      readAt: n.readAt,
      personId: n.personId,
      personName: n.personId === null ? null : (personName.get(n.personId) ?? null),
      followUpId: n.followUpId,
      caseworkerName: caseworkerId === null ? null : (caseworkerName.get(caseworkerId) ?? null),
      ...p,
    };
  });
  return { rows, nextBefore: found.length > NOTIFICATIONS_PER_PAGE ? page[page.length - 1]!.id : null };
}

/** Unread notifications of the user (the bell), on the partial index notifications_unread_idx. */
export async function countUnreadNotifications(scope: Scope): Promise<number> {
  return db().notification.count({ where: { userId: scope.userId, readAt: null } });
}
