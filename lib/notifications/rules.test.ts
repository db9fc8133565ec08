import { describe, expect, it } from "vitest";
import { notificationHref, notificationMessage, readParams, type NotificationItem } from "@/lib/notifications/rules";

const item = (overrides: Partial<NotificationItem>): NotificationItem => ({
  id: 1,
  kind: "ESCALATION",
  createdAt: new Date(),
  readAt: null,
  personId: 5,
  personName: "马成",
  followUpId: 9,
  caseworkerName: "王芳",
  count: null,
  day: null,
  failedAttempts: 3,
  ...overrides,
});

describe("readParams", () => {
  it("reads what the sweep stores and ignores anything else", () => {
    expect(readParams({ count: 4, day: "2026-03-11" })).toEqual({ count: 4, day: "2026-03-11", failedAttempts: null, caseworkerId: null });
    expect(readParams({ failedAttempts: 3, caseworkerId: 12 })).toEqual({ count: null, day: null, failedAttempts: 3, caseworkerId: 12 });
    expect(readParams({ count: "4", day: "yesterday", failedAttempts: 2.5 })).toEqual({ count: null, day: null, failedAttempts: null, caseworkerId: null });
    for (const junk of [null, [], "x", 3]) expect(readParams(junk)).toEqual({ count: null, day: null, failedAttempts: null, caseworkerId: null });
  });
});

describe("notificationHref", () => {
  it("overdue work opens My day", () => {
    expect(notificationHref(item({ kind: "OVERDUE", personId: null, followUpId: null, personName: null }))).toBe("/my-day");
  });

  it("an escalation opens its follow-up, or the person when there is none", () => {
    expect(notificationHref(item({}))).toBe("/follow-ups/9");
    expect(notificationHref(item({ kind: "ESCALATION_RAISED", followUpId: null }))).toBe("/persons/5");
  });

  it("leads nowhere when the reader can no longer see the person", () => {
    expect(notificationHref(item({ personName: null }))).toBeNull();
  });
});

describe("notificationMessage", () => {
  it("gives each kind its values", () => {
    expect(notificationMessage(item({ kind: "OVERDUE", count: 4 }), "?")).toEqual({ key: "OVERDUE", values: { count: 4 } });
    expect(notificationMessage(item({}), "?")).toEqual({ key: "ESCALATION", values: { person: "马成", attempts: 3, caseworker: "王芳" } });
    expect(notificationMessage(item({ kind: "ESCALATION_RAISED", personName: null }), "(hidden)")).toEqual({ key: "ESCALATION_RAISED", values: { person: "(hidden)", attempts: 3 } });
  });
});
