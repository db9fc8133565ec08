import { describe, expect, it } from "vitest";
import { escalationKey, escalationRaisedKey, monitoringDueDate, overdueKey } from "@/lib/jobs/rules";
import { chinaToday, isoDate } from "@/lib/placements/rules";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("dedupe keys", () => {
  it("are per follow-up for escalations, with a separate key for the caseworker's copy", () => {
    expect(escalationKey(42)).toBe("esc:42");
    expect(escalationRaisedKey(42)).toBe("esc-raised:42");
    expect(escalationKey(42)).not.toBe(escalationRaisedKey(42));
  });

  it("are per China day for overdue reminders", () => {
    // 23:59 in Beijing on 10 March and 00:01 on 11 March are different days; 15:59 UTC is still the 10th.
    expect(overdueKey(chinaToday(new Date("2026-03-10T15:59:00Z")))).toBe("overdue:2026-03-10");
    expect(overdueKey(chinaToday(new Date("2026-03-10T16:01:00Z")))).toBe("overdue:2026-03-11");
  });

  it("fit the column (varchar 80)", () => {
    expect(escalationRaisedKey(2_147_483_647).length).toBeLessThanOrEqual(80);
  });
});

describe("monitoringDueDate", () => {
  const today = d("2026-06-01");

  it("after a contact that reached them: the interval after it", () => {
    expect(isoDate(monitoringDueDate({ today, intervalDays: 90, personId: 7, lastReachedOn: d("2026-05-01") }))).toBe("2026-07-30");
  });

  it("never earlier than today when the last contact is long past", () => {
    expect(isoDate(monitoringDueDate({ today, intervalDays: 90, personId: 7, lastReachedOn: d("2025-01-01") }))).toBe("2026-06-01");
  });

  it("never reached: spread over the first interval by person, never today", () => {
    const dues = Array.from({ length: 900 }, (_, i) => monitoringDueDate({ today, intervalDays: 90, personId: 1000 + i, lastReachedOn: null }).getTime());
    const days = dues.map((t) => Math.round((t - today.getTime()) / 86_400_000));
    expect(Math.min(...days)).toBe(1);
    expect(Math.max(...days)).toBe(90);
    // 900 people over 90 days: 10 a day, not 900 on one.
    const perDay = new Map<number, number>();
    for (const day of days) perDay.set(day, (perDay.get(day) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(10);
  });
});
