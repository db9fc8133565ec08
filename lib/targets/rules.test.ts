import { describe, expect, it } from "vitest";
import {
  completionShare,
  elapsedShare,
  inRegion,
  nestTargets,
  ON_SCHEDULE_TOLERANCE,
  originFitsMetric,
  overlapsYear,
  periodPreset,
  presetPeriod,
  progressOf,
  regionLevel,
  scheduleGap,
  targetStatus,
  whoIsBehind,
} from "@/lib/targets/rules";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("elapsed share (时序进度)", () => {
  const period = { start: d("2026-01-01"), end: d("2026-01-10") };
  it("counts today as elapsed: the 5th day of 10 is half", () => {
    expect(elapsedShare(period, d("2026-01-05"))).toBe(0.5);
    expect(elapsedShare(period, d("2026-01-01"))).toBe(0.1);
  });
  it("is 0 before the period and 1 from its last day", () => {
    expect(elapsedShare(period, d("2025-12-31"))).toBe(0);
    expect(elapsedShare(period, d("2026-01-10"))).toBe(1);
    expect(elapsedShare(period, d("2027-03-01"))).toBe(1);
  });
  it("a year is half gone on 2 July (183 of 365 days)", () => {
    expect(elapsedShare(presetPeriod("YEAR", 2026), d("2026-07-02"))).toBeCloseTo(183 / 365, 10);
  });
});

describe("status", () => {
  it("half elapsed with 60% done is ahead of schedule (超时序)", () => {
    expect(targetStatus(0.6, 0.5)).toBe("AHEAD");
    expect(progressOf({ value: 100, periodStart: d("2026-01-01"), periodEnd: d("2026-01-10") }, 60, d("2026-01-05")).status).toBe("AHEAD");
  });
  it("exactly on the elapsed share, or less than the tolerance below it, is on schedule", () => {
    expect(ON_SCHEDULE_TOLERANCE).toBe(0.05);
    expect(targetStatus(0.5, 0.5)).toBe("ON_SCHEDULE");
    expect(targetStatus(0.46, 0.5)).toBe("ON_SCHEDULE");
    expect(targetStatus(0.45, 0.5)).toBe("ON_SCHEDULE");
  });
  it("more than the tolerance below is behind", () => {
    expect(targetStatus(0.44, 0.5)).toBe("BEHIND");
    expect(targetStatus(0.3, 0.5)).toBe("BEHIND");
  });
  it("100% or more is completed, whenever", () => {
    expect(targetStatus(1, 0.2)).toBe("COMPLETED");
    expect(targetStatus(1.3, 1)).toBe("COMPLETED");
  });
  it("a period over without the target met is behind, even within the tolerance", () => {
    expect(targetStatus(0.97, 1)).toBe("BEHIND");
  });
  it("a period not started yet with nothing done is on schedule", () => {
    expect(targetStatus(0, 0)).toBe("ON_SCHEDULE");
  });
  it("completion share is actual over target", () => {
    expect(completionShare(60, 100)).toBe(0.6);
    expect(completionShare(5, 0)).toBe(0);
  });
});

describe("gap in people to be on schedule", () => {
  it("is what the elapsed share of the target asks minus what is done, rounded up, never negative", () => {
    expect(scheduleGap(100, 30, 0.5)).toBe(20);
    expect(scheduleGap(100, 60, 0.5)).toBe(0);
    expect(scheduleGap(3, 0, 0.5)).toBe(2);
    expect(scheduleGap(1000, 0, 0.1)).toBe(100);
  });
});

describe("period presets", () => {
  it("year, halves, quarters and months", () => {
    expect(presetPeriod("YEAR", 2026)).toEqual({ start: d("2026-01-01"), end: d("2026-12-31") });
    expect(presetPeriod("HALF", 2026, 2)).toEqual({ start: d("2026-07-01"), end: d("2026-12-31") });
    expect(presetPeriod("QUARTER", 2026, 1)).toEqual({ start: d("2026-01-01"), end: d("2026-03-31") });
    expect(presetPeriod("MONTH", 2024, 2)).toEqual({ start: d("2024-02-01"), end: d("2024-02-29") });
    expect(presetPeriod("MONTH", 2026, 12)).toEqual({ start: d("2026-12-01"), end: d("2026-12-31") });
  });
  it("recognises a preset, and not a period of its own dates", () => {
    expect(periodPreset(presetPeriod("QUARTER", 2026, 3))).toEqual({ kind: "QUARTER", year: 2026, index: 3 });
    expect(periodPreset(presetPeriod("YEAR", 2020))).toEqual({ kind: "YEAR", year: 2020, index: 1 });
    expect(periodPreset({ start: d("2018-01-01"), end: d("2020-12-31") })).toBeNull();
  });
  it("a period overlaps the years it touches", () => {
    const since2018 = { start: d("2018-01-01"), end: d("2020-12-31") };
    expect(overlapsYear(since2018, 2019)).toBe(true);
    expect(overlapsYear(since2018, 2021)).toBe(false);
  });
});

describe("regions and nesting", () => {
  it("levels by code length", () => {
    expect(regionLevel("32")).toBe("PROVINCE");
    expect(regionLevel("3205")).toBe("CITY");
    expect(regionLevel("320681")).toBe("COUNTY");
    expect(regionLevel("320681001")).toBeNull();
    expect(inRegion("320206", "3202")).toBe(true);
    expect(inRegion("320506", "3202")).toBe(false);
  });

  const year = presetPeriod("YEAR", 2026);
  const t = (id: number, regionCode: string, metric = "ABSORBED", period = year) => ({ id, regionCode, metric, periodStart: period.start, periodEnd: period.end });
  it("a county sits under its city, the city under the province; a county without its city's target under the province", () => {
    const forest = nestTargets([t(1, "32"), t(2, "3205"), t(3, "320505"), t(4, "320681"), t(5, "3202")]);
    expect(forest.map((n) => n.id)).toEqual([1]);
    expect(forest[0]!.children.map((n) => n.id)).toEqual([2, 4, 5]);
    expect(forest[0]!.children[0]!.children.map((n) => (n as { id: number }).id)).toEqual([3]);
  });
  it("only the same metric and the same period nest", () => {
    const forest = nestTargets([t(1, "32"), t(2, "3205", "TRAINED"), t(3, "3202", "ABSORBED", presetPeriod("HALF", 2026, 1))]);
    expect(forest.map((n) => n.id)).toEqual([1, 2, 3]);
  });
  it("who is behind: the behind ones, the largest gap first", () => {
    const p = (status: "AHEAD" | "BEHIND", gap: number) => ({ progress: { status, gap, elapsed: 0.5, completion: 0.1 } });
    const list = [{ id: 1, ...p("BEHIND", 5) }, { id: 2, ...p("AHEAD", 0) }, { id: 3, ...p("BEHIND", 50) }];
    expect(whoIsBehind(list).map((x) => x.id)).toEqual([3, 1]);
  });
});

describe("a reported figure's origin", () => {
  it("people counted as transferred or absorbed come from outside the region's province; public-welfare posts and training do not ask", () => {
    expect(originFitsMetric("NEW_TRANSFERS", "3205", "5206")).toBe(true);
    expect(originFitsMetric("ABSORBED", "320681", "610729")).toBe(true);
    expect(originFitsMetric("NEW_TRANSFERS", "3205", "3207")).toBe(false);
    expect(originFitsMetric("ABSORBED", "32", "320681")).toBe(false);
    expect(originFitsMetric("TRAINED", "3205", "320506")).toBe(true);
    expect(originFitsMetric("PUBLIC_WELFARE", "610729", "610729")).toBe(true);
    expect(originFitsMetric("ABSORBED", "32", null)).toBe(true);
  });
});
