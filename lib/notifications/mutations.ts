import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Scope } from "@/lib/auth/scope";

// Marking notifications read: only the signed-in user's own. Someone else's notification is
// "not found", like any record outside a scope. Reading a notice changes no case record, so it
// writes no audit row.

export async function markNotificationRead(scope: Scope, id: number) {
  const { count } = await db().notification.updateMany({ where: { id, userId: scope.userId, readAt: null }, data: { readAt: new Date() } });
  if (count === 0) {
    const own = await db().notification.findFirst({ where: { id, userId: scope.userId }, select: { id: true } });
    if (!own) throw new AppError("NOT_FOUND");
  }
  return { id };
}

export async function markAllNotificationsRead(scope: Scope) {
  const { count } = await db().notification.updateMany({ where: { userId: scope.userId, readAt: null }, data: { readAt: new Date() } });
  return { count };
}
