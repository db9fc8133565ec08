import "server-only";
import { requireActor } from "@/lib/auth/session";
import { countUnreadNotifications, listNotifications } from "@/lib/notifications/data";

export async function loadNotificationsPage(params: { before?: string }) {
  const { scope } = await requireActor();
  const before = Number(params.before);
  const [page, unread] = await Promise.all([
    listNotifications(scope, { before: Number.isSafeInteger(before) && before > 0 ? before : undefined }),
    countUnreadNotifications(scope),
  ]);
  return { ...page, unread, firstPage: !params.before };
}

/** The header bell's first count (the signed-in layout). */
export async function loadUnreadNotificationCount() {
  const { scope } = await requireActor();
  return countUnreadNotifications(scope);
}
