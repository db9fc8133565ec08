import { describe, expect, it } from "vitest";
import { addDays, chinaToday, daysBetween, dueBucket, followUpPlan, isMonitored, isoDate, normaliseCadence, shouldEscalate, suggestsReassignment } from "@/lib/placements/rules";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("chinaToday", () => {
  it("is the calendar day in China, not in UTC", () => {
    // 17:00 UTC on the 25th is 01:00 on the 26th in Beijing.
    expect(isoDate(chinaToday(new Date("2026-11-25T17:00:00Z")))).toBe("2026-11-26");
    expect(isoDate(chinaToday(new Date("2026-11-25T15:59:00Z")))).toBe("2026-11-25");
  });
});

describe("followUpPlan", () => {
  it("puts one follow-up on each cadence day after the start", () => {
    const plan = followUpPlan(d("2026-11-01"), [7, 30, 90, 180, 365], d("2026-11-01"));
    expect(plan.map((p) => [p.cadenceDay, isoDate(p.dueDate)])).toEqual([
      [7, "2026-11-08"],
      [30, "2026-12-01"],
      [90, "2027-01-30"],
      [180, "2027-04-30"],
      [365, "2027-11-01"],
    ]);
  });

  it("for a placement recorded late, keeps the last follow-up that passed and drops older ones", () => {
    // Started 100 days ago: 7 and 30 are long past, 90 passed 10 days ago (kept: do it now).
    const plan = followUpPlan(d("2026-08-18"), [7, 30, 90, 180, 365], d("2026-11-26"));
    expect(plan.map((p) => p.cadenceDay)).toEqual([90, 180, 365]);
  });

  it("keeps a day that passed less than a week ago with the ones before it dropped only when stale", () => {
    const plan = followUpPlan(d("2026-11-16"), [7, 30], d("2026-11-26"));
    expect(plan.map((p) => p.cadenceDay)).toEqual([7, 30]);
  });

  it("sorts, dedupes and bounds a cadence typed by hand", () => {
    expect(normaliseCadence([30, 7, 7, 0, -3, 1000, 90, 2.5])).toEqual([7, 30, 90]);
  });
});

describe("dueBucket", () => {
  const today = d("2026-11-26");
  it("sorts by days from today", () => {
    expect(dueBucket(d("2026-11-25"), today)).toBe("OVERDUE");
    expect(dueBucket(today, today)).toBe("TODAY");
    expect(dueBucket(d("2026-11-27"), today)).toBe("THIS_WEEK");
    expect(dueBucket(addDays(today, 7), today)).toBe("THIS_WEEK");
    expect(dueBucket(addDays(today, 8), today)).toBe("LATER");
    expect(daysBetween(d("2026-11-20"), today)).toBe(6);
  });
});

describe("escalation and monitoring", () => {
  it("escalates on the third failed attempt, once", () => {
    expect(shouldEscalate(2, false)).toBe(false);
    expect(shouldEscalate(3, false)).toBe(true);
    expect(shouldEscalate(4, true)).toBe(false);
  });

  it("keeps people lifted out of poverty, unstable or at risk under follow-up", () => {
    expect(isMonitored({ povertyStatus: "LIFTED", atRisk: false })).toBe(true);
    expect(isMonitored({ povertyStatus: "LIFTED_UNSTABLE", atRisk: false })).toBe(true);
    expect(isMonitored({ povertyStatus: "MARGINAL_AT_RISK", atRisk: false })).toBe(true);
    expect(isMonitored({ povertyStatus: "NONE", atRisk: true })).toBe(true);
    expect(isMonitored({ povertyStatus: "NONE", atRisk: false })).toBe(false);
    expect(isMonitored({ povertyStatus: "REGISTERED_POOR", atRisk: false })).toBe(false);
  });

  it("offers a reassignment when the person wants a change or left", () => {
    expect(suggestsReassignment("WANTS_CHANGE")).toBe(true);
    expect(suggestsReassignment("LEFT_JOB")).toBe(true);
    expect(suggestsReassignment("SETTLED")).toBe(false);
    expect(suggestsReassignment("STRUGGLING")).toBe(false);
  });
});
