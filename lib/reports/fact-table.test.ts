import { describe, expect, it } from "vitest";
import { FactTable, type FactFilter } from "@/lib/reports/fact-table";
import { dayNumber } from "@/lib/reports/rules";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

function table() {
  const t = new FactTable();
  // Office 1 (Wuxi), office 2 (Suzhou).
  t.upsertPerson({ id: 1, officeId: 1, status: "EMPLOYED", track: "TRANSFER", origin: "520625" });
  t.upsertPerson({ id: 2, officeId: 1, status: "UNEMPLOYED", track: "LOCAL", origin: "630225" });
  t.upsertPerson({ id: 3, officeId: 2, status: "EMPLOYED", track: "TRANSFER", origin: "520602" });
  t.upsertPerson({ id: 5, officeId: 1, status: "EMPLOYED", track: "TRAIN_THEN_PLACE", origin: "610729" });
  // Person 1: a job in Wuxi from 2026-01-10, still running.
  t.upsertPlacement({ id: 10, personId: 1, startDate: d("2026-01-10"), endDate: null, monthlyWage: 4500, countyCode: "320206", endReason: null, previousPlacementId: null });
  // Person 2: a job in Suzhou that ended after 30 days.
  t.upsertPlacement({ id: 11, personId: 2, startDate: d("2026-02-01"), endDate: d("2026-03-03"), monthlyWage: 3200, countyCode: "320505", endReason: "WAGE", previousPlacementId: null });
  // Person 3 (Suzhou's): in Suzhou.
  t.upsertPlacement({ id: 12, personId: 3, startDate: d("2026-02-01"), endDate: null, monthlyWage: 6000, countyCode: "320505", endReason: null, previousPlacementId: null });
  // Person 5: reassigned on day 40 (did not adapt) to a job still running.
  t.upsertPlacement({ id: 13, personId: 5, startDate: d("2026-03-01"), endDate: d("2026-04-10"), monthlyWage: null, countyCode: "320206", endReason: "DID_NOT_ADAPT", previousPlacementId: null });
  t.upsertPlacement({ id: 14, personId: 5, startDate: d("2026-04-10"), endDate: null, monthlyWage: 5000, countyCode: "320211", endReason: null, previousPlacementId: 13 });
  // Training: person 1 completed before their job (in work at day 90), person 2 before theirs
  // (gone by day 90), person 5 after their first job started (placed by the reassignment), person 3 withdrew.
  t.upsertEnrolment({ id: 1, personId: 1, status: "COMPLETED", endedOn: d("2026-01-05") });
  t.upsertEnrolment({ id: 2, personId: 2, status: "COMPLETED", endedOn: d("2026-01-20") });
  t.upsertEnrolment({ id: 3, personId: 5, status: "COMPLETED", endedOn: d("2026-03-20") });
  t.upsertEnrolment({ id: 4, personId: 3, status: "WITHDRAWN", endedOn: d("2026-01-20") });
  return t;
}

const filter = (overrides: Partial<FactFilter> = {}): FactFilter => ({
  scopeOffices: null,
  peopleOffices: null,
  region: null,
  from: dayNumber(d("2026-01-01")),
  to: dayNumber(d("2026-12-31")),
  today: dayNumber(d("2026-12-06")),
  ...overrides,
});

describe("FactTable", () => {
  it("counts people, placements, wages, retention and end reasons for an admin", () => {
    const s = table().summarise(filter());
    expect(s.people).toBe(4);
    expect(s.status).toMatchObject({ EMPLOYED: 3, UNEMPLOYED: 1 });
    expect(s.track).toMatchObject({ TRANSFER: 2, LOCAL: 1, TRAIN_THEN_PLACE: 1 });
    expect(s.placed).toBe(5);
    expect(s.origin).toEqual({ "5206": 2, "6302": 1, "6107": 2 });
    expect(s.destination).toEqual({ "3202": 3, "3205": 2 });
    expect(s.wage).toMatchObject({ "3000": 1, "4000": 1, "5000": 1, "6000": 1, none: 1 });
    expect(s.wageMedian).toBe(4750);
    // Four episodes (14 continues 13); person 2 left on day 30; person 5 was reassigned and is in work.
    expect(s.retention.find((r) => r.days === 90)).toEqual({ days: 90, eligible: 4, retained: 3 });
    expect(s.retention.find((r) => r.days === 365)).toEqual({ days: 365, eligible: 0, retained: 0 });
    expect(s.reasons).toMatchObject({ WAGE: 1, DID_NOT_ADAPT: 1, HOUSING: 0 });
    // Person 5's first start after the course is the reassignment's (2026-04-10), in work at day 90.
    expect(s.training).toEqual({ completed: 3, placed: 3, due: 3, retained: 2 });
  });

  it("a Wuxi view counts Wuxi's people only; a region filters people by office and placements by the job", () => {
    const t = table();
    const wuxi = t.summarise(filter({ scopeOffices: new Set([1]), peopleOffices: new Set([1]) }));
    expect(wuxi.people).toBe(3);
    expect(wuxi.placed).toBe(4);
    expect(wuxi.destination).toEqual({ "3202": 3, "3205": 1 });
    const jobsInWuxi = t.summarise(filter({ scopeOffices: new Set([1]), peopleOffices: new Set([1]), region: "3202" }));
    expect(jobsInWuxi.placed).toBe(3);
    expect(jobsInWuxi.reasons).toMatchObject({ WAGE: 0, DID_NOT_ADAPT: 1 });
  });

  it("the drill-down lists exactly what the number counted", () => {
    const t = table();
    const f = filter();
    const s = t.summarise(f);
    const check = (drill: Parameters<FactTable["drill"]>[1], expected: number[], count: number) => {
      const r = t.drill(f, drill, 0, 50);
      expect(r.ids).toEqual(expected);
      expect(r.total).toBe(count);
    };
    check({ panel: "status", key: "EMPLOYED" }, [1, 3, 5], s.status.EMPLOYED!);
    check({ panel: "origin", key: "5206" }, [10, 12], s.origin["5206"]!);
    check({ panel: "destination", key: "3205" }, [11, 12], s.destination["3205"]!);
    check({ panel: "wage", key: "none" }, [13], 1);
    check({ panel: "retention", days: 90, retained: true }, [10, 12, 13], 3);
    check({ panel: "retention", days: 90, retained: false }, [11], 1);
    check({ panel: "reasons", key: "WAGE" }, [11], 1);
    check({ panel: "training", key: "completed" }, [1, 2, 3], s.training.completed);
    check({ panel: "training", key: "retained" }, [1, 3], s.training.retained);
    // Pages: after an id, at most `limit`.
    expect(t.drill(f, { panel: "placed", key: "all" }, 11, 2)).toEqual({ kind: "placement", ids: [12, 13], total: 5 });
  });

  it("an update replaces a row's facts; the period and today bound what counts", () => {
    const t = table();
    t.upsertPerson({ id: 2, officeId: 1, status: "EMPLOYED", track: "LOCAL", origin: "630225" });
    expect(t.summarise(filter()).status.EMPLOYED).toBe(4);
    const early = t.summarise(filter({ today: dayNumber(d("2026-04-30")) }));
    // Only person 1's episode (started 2026-01-10) has reached day 90 by 2026-04-30.
    expect(early.retention.find((r) => r.days === 90)).toEqual({ days: 90, eligible: 1, retained: 1 });
  });
});
