import { describe, expect, it } from "vitest";
import { dayNumber, drillKeyValue, heldOn, inRegion, median, parseDrillKey, presetPeriod, resolvePeriod, retainedAt, retentionEligible, wageBand } from "@/lib/reports/rules";
import { isoDate } from "@/lib/placements/rules";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const n = (s: string) => dayNumber(d(s));
const iso = (p: { from: Date; to: Date }) => [isoDate(p.from), isoDate(p.to)];

describe("period presets", () => {
  const today = d("2026-12-06");
  it("month, quarter and year are calendar ones, inclusive", () => {
    expect(iso(presetPeriod("thisMonth", today))).toEqual(["2026-12-01", "2026-12-31"]);
    expect(iso(presetPeriod("lastMonth", today))).toEqual(["2026-11-01", "2026-11-30"]);
    expect(iso(presetPeriod("thisQuarter", today))).toEqual(["2026-10-01", "2026-12-31"]);
    expect(iso(presetPeriod("thisYear", today))).toEqual(["2026-01-01", "2026-12-31"]);
    expect(iso(presetPeriod("lastYear", today))).toEqual(["2025-01-01", "2025-12-31"]);
  });
  it("last month across a new year, and February in a leap year", () => {
    expect(iso(presetPeriod("lastMonth", d("2027-01-15")))).toEqual(["2026-12-01", "2026-12-31"]);
    expect(iso(presetPeriod("thisMonth", d("2028-02-10")))).toEqual(["2028-02-01", "2028-02-29"]);
    expect(iso(presetPeriod("thisQuarter", d("2026-03-31")))).toEqual(["2026-01-01", "2026-03-31"]);
  });
  it("rolling windows end today and hold N days", () => {
    expect(iso(presetPeriod("last90", today))).toEqual(["2026-09-08", "2026-12-06"]);
    expect(n("2026-12-06") - n("2026-09-08") + 1).toBe(90);
    expect(iso(presetPeriod("last365", today))).toEqual(["2025-12-07", "2026-12-06"]);
  });
  it("nothing given is this year; dates given win over a preset and are put in order", () => {
    expect(resolvePeriod({}, today)).toMatchObject({ preset: "thisYear", from: d("2026-01-01"), to: d("2026-12-31") });
    expect(resolvePeriod({ preset: "lastYear" }, today)).toMatchObject({ preset: "lastYear", from: d("2025-01-01") });
    expect(resolvePeriod({ from: d("2026-05-01"), to: d("2026-02-01"), preset: "lastYear" }, today)).toEqual({ preset: null, from: d("2026-02-01"), to: d("2026-05-01") });
    expect(resolvePeriod({ from: d("2026-05-01") }, today)).toEqual({ preset: null, from: d("2026-05-01"), to: d("2026-12-31") });
  });
});

describe("wages", () => {
  it("bands are inclusive at their lower edge; no wage is its own band", () => {
    expect(wageBand(null)).toBe("none");
    expect(wageBand(0)).toBe("lt3000");
    expect(wageBand(2999)).toBe("lt3000");
    expect(wageBand(3000)).toBe("3000");
    expect(wageBand(4200)).toBe("4000");
    expect(wageBand(4999)).toBe("4000");
    expect(wageBand(5000)).toBe("5000");
    expect(wageBand(7999)).toBe("6000");
    expect(wageBand(8000)).toBe("8000");
    expect(wageBand(30000)).toBe("8000");
  });
  it("median of odd and even counts, and of nothing", () => {
    expect(median([4500, 4200, 8000])).toBe(4500);
    expect(median([4000, 5000])).toBe(4500);
    expect(median([])).toBeNull();
  });
});

describe("retention", () => {
  const period = { from: n("2026-01-01"), to: n("2026-12-31") };
  const today = n("2026-12-06");
  it("counts a placement only when day N has come by the end of the period and by today", () => {
    expect(retentionEligible(n("2026-03-01"), 90, period, today)).toBe(true);
    // 2026-09-08 + 90 = 2026-12-07: tomorrow.
    expect(retentionEligible(n("2026-09-08"), 90, period, today)).toBe(false);
    expect(retentionEligible(n("2026-09-07"), 90, period, today)).toBe(true);
    // Outside the period.
    expect(retentionEligible(n("2025-12-31"), 90, period, today)).toBe(false);
    // A past period: its own end bounds it.
    expect(retentionEligible(n("2025-10-15"), 90, { from: n("2025-01-01"), to: n("2025-12-31") }, today)).toBe(false);
    expect(retentionEligible(n("2025-10-02"), 90, { from: n("2025-01-01"), to: n("2025-12-31") }, today)).toBe(true);
  });
  it("retained when some placement of the person covers day N: still active, ended later, or a later one after a reassignment", () => {
    const start = n("2026-01-10");
    const NO = 2_147_483_647;
    expect(retainedAt([{ start, end: NO }], start, 90)).toBe(true);
    expect(retainedAt([{ start, end: start + 120 }], start, 90)).toBe(true);
    // Ended on day 90 itself: not in work that day.
    expect(retainedAt([{ start, end: start + 90 }], start, 90)).toBe(false);
    expect(retainedAt([{ start, end: start + 60 }], start, 90)).toBe(false);
    // Reassigned on day 60 to a job still running: retained.
    expect(retainedAt([{ start, end: start + 60 }, { start: start + 60, end: NO }], start, 90)).toBe(true);
    // Reassigned, and the second job ended before day 180.
    expect(retainedAt([{ start, end: start + 60 }, { start: start + 60, end: start + 150 }], start, 180)).toBe(false);
    // A gap: out of work on day 90, back in work later.
    expect(heldOn([{ start, end: start + 80 }, { start: start + 100, end: NO }], start + 90)).toBe(false);
  });
});

describe("regions and drill-down keys", () => {
  it("a county lies in its province, city and itself", () => {
    expect(inRegion(320206, "32")).toBe(true);
    expect(inRegion(320206, "3202")).toBe(true);
    expect(inRegion(320206, "320206")).toBe(true);
    expect(inRegion(320505, "3202")).toBe(false);
    expect(inRegion(320505, null)).toBe(true);
  });
  it("reads every key the dashboard links, and refuses others", () => {
    for (const [panel, key] of [
      ["people", "all"], ["status", "EMPLOYED"], ["track", "LOCAL"], ["placed", "all"], ["origin", "5206"], ["origin", "52"], ["destination", "3205"],
      ["wage", "4000"], ["wage", "none"], ["retention", "90:retained"], ["retention", "365:lost"], ["overdue", "all"], ["overdue", "office:12"],
      ["overdue", "caseworker:7"], ["overdue", "caseworker:none"], ["reasons", "DID_NOT_ADAPT"], ["training", "placed"],
    ] as const) {
      const drill = parseDrillKey(panel, key);
      expect(drill, `${panel}=${key}`).not.toBeNull();
      expect(drillKeyValue(drill!)).toBe(key);
    }
    expect(parseDrillKey("status", "RICH")).toBeNull();
    expect(parseDrillKey("retention", "30:retained")).toBeNull();
    expect(parseDrillKey("origin", "5206'--")).toBeNull();
    expect(parseDrillKey("overdue", "office:none")).toBeNull();
    expect(parseDrillKey("nope", "all")).toBeNull();
  });
});
