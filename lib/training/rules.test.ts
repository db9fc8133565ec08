import { describe, expect, it } from "vitest";
import {
  attendanceRate,
  canMoveCohort,
  cohortMonths,
  cohortTakesEnrolments,
  countAttendance,
  employedAt90,
  holdsPlace,
  isMonthDue,
  levelGranted,
  mergeSkill,
  monthEnd,
  monthKey,
  monthsDue,
  monthStart,
  nextCohortStatuses,
  parseMonth,
  placementAfter,
  programmeOutcomes,
  registerDayAllowed,
} from "@/lib/training/rules";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const tongren = { startDate: d("2019-09-01"), endDate: d("2020-06-30") };

describe("cohort status", () => {
  it("moves PLANNED -> RUNNING -> COMPLETED, or to CANCELLED before it is over, and never back", () => {
    expect(canMoveCohort("PLANNED", "RUNNING")).toBe(true);
    expect(canMoveCohort("RUNNING", "COMPLETED")).toBe(true);
    expect(canMoveCohort("PLANNED", "CANCELLED")).toBe(true);
    expect(canMoveCohort("RUNNING", "CANCELLED")).toBe(true);
    expect(canMoveCohort("PLANNED", "COMPLETED")).toBe(false);
    expect(canMoveCohort("RUNNING", "PLANNED")).toBe(false);
    expect(canMoveCohort("COMPLETED", "RUNNING")).toBe(false);
    expect(canMoveCohort("CANCELLED", "PLANNED")).toBe(false);
    expect(nextCohortStatuses("COMPLETED")).toEqual([]);
  });

  it("takes enrolments while planned or running; a withdrawal frees the place, a failure does not", () => {
    expect(cohortTakesEnrolments("PLANNED")).toBe(true);
    expect(cohortTakesEnrolments("RUNNING")).toBe(true);
    expect(cohortTakesEnrolments("COMPLETED")).toBe(false);
    expect(cohortTakesEnrolments("CANCELLED")).toBe(false);
    expect(holdsPlace("WITHDRAWN")).toBe(false);
    expect(holdsPlace("FAILED")).toBe(true);
    expect(holdsPlace("ENROLLED")).toBe(true);
  });
});

describe("months of living allowance", () => {
  it("reads months as their first day", () => {
    expect(monthStart(d("2026-12-06"))).toEqual(d("2026-12-01"));
    expect(monthEnd(d("2024-02-01"))).toEqual(d("2024-02-29"));
    expect(monthKey(d("2026-12-01"))).toBe("2026-12");
    expect(parseMonth("2026-12")).toEqual(d("2026-12-01"));
    expect(parseMonth("2026-13")).toBeNull();
    expect(parseMonth("December")).toBeNull();
  });

  it("a person enrolled for the whole course is due every month of it, none ahead of today", () => {
    const whole = { enrolledOn: d("2019-09-01"), endedOn: null, status: "ENROLLED" as const };
    expect(monthsDue(whole, tongren, d("2026-12-06")).map(monthKey)).toEqual(["2019-09", "2019-10", "2019-11", "2019-12", "2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06"]);
    expect(monthsDue(whole, tongren, d("2019-11-15")).map(monthKey)).toEqual(["2019-09", "2019-10", "2019-11"]);
    expect(isMonthDue(d("2019-12-01"), whole, tongren, d("2019-11-15"))).toBe(false);
  });

  it("someone who enrolled late or left early is due only the months they were there (a part month counts)", () => {
    const late = { enrolledOn: d("2019-10-20"), endedOn: null, status: "ENROLLED" as const };
    const left = { enrolledOn: d("2019-09-01"), endedOn: d("2019-11-03"), status: "WITHDRAWN" as const };
    const today = d("2026-12-06");
    expect(isMonthDue(d("2019-09-01"), late, tongren, today)).toBe(false);
    expect(isMonthDue(d("2019-10-01"), late, tongren, today)).toBe(true);
    expect(isMonthDue(d("2019-11-01"), left, tongren, today)).toBe(true);
    expect(isMonthDue(d("2019-12-01"), left, tongren, today)).toBe(false);
    expect(isMonthDue(d("2020-07-01"), late, tongren, today)).toBe(false);
    expect(monthsDue(left, tongren, today).map(monthKey)).toEqual(["2019-09", "2019-10", "2019-11"]);
  });

  it("the ledger's month picker lists the course's months so far", () => {
    expect(cohortMonths({ startDate: d("2026-11-02"), endDate: d("2027-01-31") }, d("2026-12-06")).map(monthKey)).toEqual(["2026-11", "2026-12"]);
  });
});

describe("attendance", () => {
  it("counts present days over expected days; an excused absence is not held against anyone", () => {
    const counts = countAttendance(["PRESENT", "PRESENT", "ABSENT", "EXCUSED", "PRESENT"]);
    expect(counts).toEqual({ present: 3, absent: 1, excused: 1 });
    expect(attendanceRate(counts)).toBe(0.75);
    expect(attendanceRate({ present: 0, absent: 0, excused: 2 })).toBeNull();
    expect(attendanceRate({ present: 0, absent: 0, excused: 0 })).toBeNull();
  });

  it("a register is kept for a day of the course up to today", () => {
    const cohort = { startDate: d("2026-11-02"), endDate: d("2027-01-31") };
    expect(registerDayAllowed(d("2026-12-06"), cohort, d("2026-12-06"))).toBe(true);
    expect(registerDayAllowed(d("2026-12-07"), cohort, d("2026-12-06"))).toBe(false);
    expect(registerDayAllowed(d("2026-11-01"), cohort, d("2026-12-06"))).toBe(false);
  });
});

describe("skills a completed course adds", () => {
  it("grants CERTIFIED only with a certificate", () => {
    expect(levelGranted("CERTIFIED", true)).toBe("CERTIFIED");
    expect(levelGranted("CERTIFIED", false)).toBe("SKILLED");
    expect(levelGranted("BASIC", false)).toBe("BASIC");
  });

  it("raises a skill, never lowers it, and fills the certificate for the certified level", () => {
    expect(mergeSkill(null, { level: "CERTIFIED", certificate: "电工证 A1" })).toEqual({ level: "CERTIFIED", certificate: "电工证 A1", changed: true });
    expect(mergeSkill(null, { level: "SKILLED", certificate: "电工证 A1" })).toEqual({ level: "SKILLED", certificate: null, changed: true });
    expect(mergeSkill({ level: "BASIC", certificate: null }, { level: "CERTIFIED", certificate: "证 1" })).toEqual({ level: "CERTIFIED", certificate: "证 1", changed: true });
    expect(mergeSkill({ level: "CERTIFIED", certificate: "旧证" }, { level: "BASIC", certificate: null })).toEqual({ level: "CERTIFIED", certificate: "旧证", changed: false });
    expect(mergeSkill({ level: "SKILLED", certificate: null }, { level: "SKILLED", certificate: null })).toEqual({ level: "SKILLED", certificate: null, changed: false });
  });
});

describe("what a programme led to", () => {
  const today = d("2026-12-06");
  it("the job it led to is the first placement starting on or after enrolment", () => {
    const before = { startDate: d("2019-01-01"), endDate: d("2019-05-01"), status: "ENDED" };
    const after = { startDate: d("2020-07-01"), endDate: null, status: "ACTIVE" };
    expect(placementAfter(d("2019-09-01"), [before, after])).toBe(after);
    expect(placementAfter(d("2019-09-01"), [before])).toBeNull();
  });

  it("still employed at 90 days: a job (this one or the next after a move) covers day 90; not yet known before day 90", () => {
    const start = d("2026-01-01");
    expect(employedAt90(start, [{ startDate: start, endDate: null, status: "ACTIVE" }], today)).toBe(true);
    expect(employedAt90(start, [{ startDate: start, endDate: d("2026-02-01"), status: "ENDED" }], today)).toBe(false);
    expect(employedAt90(start, [{ startDate: start, endDate: d("2026-02-01"), status: "ENDED" }, { startDate: d("2026-02-02"), endDate: null, status: "ACTIVE" }], today)).toBe(true);
    expect(employedAt90(start, [{ startDate: start, endDate: d("2026-04-01"), status: "ENDED" }], today)).toBe(true); // day 90 is 2026-04-01
    expect(employedAt90(d("2026-11-01"), [{ startDate: d("2026-11-01"), endDate: null, status: "ACTIVE" }], today)).toBeNull();
  });

  it("counts enrolled, completed, certified, placed and still employed", () => {
    const outcomes = programmeOutcomes(
      [
        { enrolledOn: d("2019-09-01"), status: "COMPLETED", certificate: "电工证", placements: [{ startDate: d("2020-07-01"), endDate: null, status: "ACTIVE" }] },
        { enrolledOn: d("2019-09-01"), status: "COMPLETED", certificate: null, placements: [{ startDate: d("2020-07-01"), endDate: d("2020-08-01"), status: "ENDED" }] },
        { enrolledOn: d("2019-09-01"), status: "WITHDRAWN", certificate: null, placements: [] },
        { enrolledOn: d("2026-09-01"), status: "COMPLETED", certificate: "证", placements: [{ startDate: d("2026-11-20"), endDate: null, status: "ACTIVE" }] },
      ],
      today,
    );
    expect(outcomes).toEqual({ enrolled: 4, completed: 3, certified: 2, placed: 3, placedLongEnough: 2, employedAt90: 1 });
  });
});
