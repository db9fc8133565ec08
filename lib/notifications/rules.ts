// Pure rules of in-app notifications: what a row's stored params mean, and where it leads. The
// message itself is rendered in the reader's language from the kind and these values
// (messages "notifications.kinds.*"), so a notification written at night in one language reads
// right in the other the next morning.

export const NOTIFICATION_KINDS = ["OVERDUE", "ESCALATION", "ESCALATION_RAISED"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What the sweep stores in `params` (lib/jobs/mutations.ts), read defensively: it is JSON. */
export type NotificationParams = { count: number | null; day: string | null; failedAttempts: number | null; caseworkerId: number | null };

const intOrNull = (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) ? v : null);

export function readParams(params: unknown): NotificationParams {
  const p = params && typeof params === "object" && !Array.isArray(params) ? (params as Record<string, unknown>) : {};
  return {
    count: intOrNull(p.count),
    day: typeof p.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(p.day) ? p.day : null,
    failedAttempts: intOrNull(p.failedAttempts),
    caseworkerId: intOrNull(p.caseworkerId),
  };
}

/** A notification as the list shows it. `personName` is null when the reader may no longer see the person. */
export type NotificationItem = {
  id: number;
  kind: NotificationKind;
  createdAt: Date;
  readAt: Date | null;
  personId: number | null;
  personName: string | null;
  followUpId: number | null;
  caseworkerName: string | null;
} & Omit<NotificationParams, "caseworkerId">;

/**
 * Where a notification leads: overdue work to "My day"; an escalation to its follow-up, while
 * the reader can still see the person (the follow-up page checks the scope again anyway).
 */
export function notificationHref(n: Pick<NotificationItem, "kind" | "followUpId" | "personId" | "personName">): string | null {
  if (n.kind === "OVERDUE") return "/my-day";
  if (n.personName === null) return null;
  if (n.followUpId) return `/follow-ups/${n.followUpId}`;
  return n.personId ? `/persons/${n.personId}` : null;
}

/** The message key under "notifications.kinds" and its values. */
export function notificationMessage(n: NotificationItem, unknownPerson: string): { key: NotificationKind; values: Record<string, string | number> } {
  switch (n.kind) {
    case "OVERDUE":
      return { key: "OVERDUE", values: { count: n.count ?? 0 } };
    case "ESCALATION":
      return { key: "ESCALATION", values: { person: n.personName ?? unknownPerson, attempts: n.failedAttempts ?? 3, caseworker: n.caseworkerName ?? "—" } };
    case "ESCALATION_RAISED":
      return { key: "ESCALATION_RAISED", values: { person: n.personName ?? unknownPerson, attempts: n.failedAttempts ?? 3 } };
  }
}

/** The bell shows "99+" beyond this. */
export const BELL_MAX = 99;
