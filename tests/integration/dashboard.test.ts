// The dashboard against PostgreSQL: figures on crafted rows read back equal the expected ones
// (people by status and track, placements by origin and destination, wages, retention through a
// reassignment, end reasons, overdue follow-ups, training conversion); a Wuxi caseworker's view
// does not count Suzhou's people; a supervisor's covers their region; each drill-down lists exactly
// what its number counted; an export writes its audit row and returns a real XLSX or PDF; partners
// and other offices get nothing. The in-memory fact table catches up with the rows written here.
import { randomInt } from "node:crypto";
import ExcelJS from "exceljs";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { buildDashboard, drillDown, type DashboardView } from "@/lib/reports/dashboard";
import { exportDashboard } from "@/lib/reports/export";
import { loadDashboard, loadDrillDown } from "@/lib/reports/loaders";
import { parseDrillKey } from "@/lib/reports/rules";
import { createTestEmployer, createTestPerson } from "../factories";
import { actorIn, auditBy, expectAppError, freshOffice, uniqueName } from "./helpers";
import { signIn } from "./session-gate";

vi.mock("@/lib/auth/session", async () => (await import("./session-gate")).sessionGate);
vi.mock("next-intl/server", () => ({ getLocale: async () => "zh-CN" }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT:${to}`);
  },
}));


// A past year of its own per run (retention needs day N to have come), well before the demo's
// years: the database is shared with the targets' read-back of the article's 2018-2020 figures,
// which a job of these people still running in 2020 would change (so every job here also ends
// in January of Y + 2, after the 365 days retention looks at).
const Y = 2001 + randomInt(14);
const LATER = new Date(Date.UTC(Y + 2, 0, 15));
const day = (month: number, d: number) => new Date(Date.UTC(Y, month - 1, d));
const period = { from: `${Y}-01-01`, to: `${Y}-12-31` };
const parse = (s: string) => new Date(`${s}T00:00:00Z`);
const input = (extra: Record<string, string> = {}) => ({ from: parse(period.from), to: parse(period.to), ...extra });

type PlacementSpec = { personId: number; officeId: number; employerId: number; start: Date; end?: Date; reason?: "WAGE" | "DID_NOT_ADAPT" | "FOUND_ANOTHER_JOB"; wage?: number | null; county: string; previous?: number };
async function placement(p: PlacementSpec) {
  return db().placement.create({
    data: {
      personId: p.personId, officeId: p.officeId, employerId: p.employerId, title: "装配工", countyCode: p.county, monthlyWage: p.wage === undefined ? 4000 : p.wage,
      startDate: p.start, endDate: p.end ?? null, endReason: p.reason ?? null, status: p.end ? "ENDED" : "ACTIVE", previousPlacementId: p.previous ?? null,
    },
    select: { id: true },
  });
}

/**
 * Wuxi (3202) with three people and Suzhou (3205) with one:
 *  - A: employed, transfer, from Yinjiang (5206); in work in Huishan (320206) from Feb 1 at 4,500;
 *  - B: unemployed, local, from Haidong (6302); a Suzhou job (320505) Mar 1-31 at 3,200, left for the wage;
 *  - C: employed, train-then-place, from Liuba (6107); did not adapt to a Huishan job (Apr 1 - May 11,
 *    no wage recorded), reassigned the same day to a Xishan job (320205) at 5,000, still there;
 *  - D (Suzhou's): employed, from Tongren city (5206); in work in Suzhou since Feb 1 at 6,000.
 * Follow-ups: two overdue for A, one done; one overdue for D. Training: A completed Jan 20 and was
 * placed Feb 1 (in work at day 90), B completed Feb 15 and was placed Mar 1 (gone by day 90),
 * C withdrew.
 */
async function world() {
  const wuxi = await freshOffice("3202");
  const suzhou = await freshOffice("3205");
  const wuxiCw = await actorIn(wuxi.id, "CASEWORKER");
  const suzhouCw = await actorIn(suzhou.id, "CASEWORKER");
  const employerId = (await createTestEmployer(wuxiCw.scope)).id;
  const a = await createTestPerson(wuxiCw.scope, { name: uniqueName(), employmentStatus: "EMPLOYED", originDivisionCode: "520625", migration: "WILLING" });
  const b = await createTestPerson(wuxiCw.scope, { name: uniqueName(), employmentStatus: "UNEMPLOYED", originDivisionCode: "630225", migration: "UNWILLING" });
  const c = await createTestPerson(wuxiCw.scope, { name: uniqueName(), employmentStatus: "EMPLOYED", originDivisionCode: "610729", migration: "WILLING", needs: ["TRAINING"], trainingWishes: ["MANUFACTURING"] });
  const d = await createTestPerson(suzhouCw.scope, { name: uniqueName(), employmentStatus: "EMPLOYED", originDivisionCode: "520602", migration: "WILLING" });
  // The track each person got, as the app derived it (the figures are checked against these).
  const tracks = new Map((await db().person.findMany({ where: { id: { in: [a.id, b.id, c.id, d.id] } }, select: { id: true, track: true } })).map((p) => [p.id, p.track]));

  const pa = await placement({ personId: a.id, officeId: wuxi.id, employerId, start: day(2, 1), end: LATER, reason: "FOUND_ANOTHER_JOB", wage: 4500, county: "320206" });
  const pb = await placement({ personId: b.id, officeId: wuxi.id, employerId, start: day(3, 1), end: day(3, 31), reason: "WAGE", wage: 3200, county: "320505" });
  const pc1 = await placement({ personId: c.id, officeId: wuxi.id, employerId, start: day(4, 1), end: day(5, 11), reason: "DID_NOT_ADAPT", wage: null, county: "320206" });
  const pc2 = await placement({ personId: c.id, officeId: wuxi.id, employerId, start: day(5, 11), end: LATER, reason: "FOUND_ANOTHER_JOB", wage: 5000, county: "320205", previous: pc1.id });
  const pd = await placement({ personId: d.id, officeId: suzhou.id, employerId, start: day(2, 1), end: LATER, reason: "FOUND_ANOTHER_JOB", wage: 6000, county: "320505" });

  const followUp = (personId: number, officeId: number, caseworkerId: number, due: Date, done = false) =>
    db().followUp.create({
      data: { personId, officeId, caseworkerId, reason: "MANUAL", dueDate: due, status: done ? "DONE" : "OPEN", completedAt: done ? due : null, outcome: done ? "SETTLED" : null },
    });
  await followUp(a.id, wuxi.id, wuxiCw.user.id, day(6, 1));
  await followUp(a.id, wuxi.id, wuxiCw.user.id, day(7, 1));
  await followUp(a.id, wuxi.id, wuxiCw.user.id, day(5, 1), true);
  await followUp(d.id, suzhou.id, suzhouCw.user.id, day(6, 1));

  const programme = await db().trainingProgramme.create({
    data: { officeId: wuxi.id, providerName: "惠山区职业培训中心", title: `电子商务${uniqueName(2)}`, kind: "E_COMMERCE", delivery: "IN_DESTINATION", divisionCode: "320206", startDate: day(1, 2), endDate: day(2, 28), capacity: 30 },
  });
  const cohort = await db().trainingCohort.create({ data: { programmeId: programme.id, officeId: wuxi.id, name: "第一期", startDate: day(1, 2), endDate: day(2, 28), capacity: 30 } });
  await db().enrolment.create({ data: { cohortId: cohort.id, personId: a.id, status: "COMPLETED", enrolledOn: day(1, 2), endedOn: day(1, 20) } });
  await db().enrolment.create({ data: { cohortId: cohort.id, personId: b.id, status: "COMPLETED", enrolledOn: day(1, 2), endedOn: day(2, 15) } });
  await db().enrolment.create({ data: { cohortId: cohort.id, personId: c.id, status: "WITHDRAWN", enrolledOn: day(1, 2), endedOn: day(1, 10) } });

  return { wuxi, suzhou, wuxiCw, suzhouCw, people: { a, b, c, d }, tracks, placements: { pa, pb, pc1, pc2, pd } };
}

const count = (rows: { key?: string; code?: string; count: number }[], key: string) => rows.find((r) => (r.key ?? r.code) === key)?.count ?? 0;

/** Every number of a view that has a drill-down, as [panel, key, count]. */
function drillable(v: DashboardView): [string, string, number][] {
  return [
    ["people", "all", v.kpis.people],
    ["placed", "all", v.kpis.placed],
    ["overdue", "all", v.kpis.overdue],
    ...v.status.map((r) => ["status", r.key, r.count] as [string, string, number]),
    ...v.track.map((r) => ["track", r.key, r.count] as [string, string, number]),
    ...v.origin.map((r) => ["origin", r.code, r.count] as [string, string, number]),
    ...v.destination.map((r) => ["destination", r.code, r.count] as [string, string, number]),
    ...v.wage.bands.map((r) => ["wage", r.key, r.count] as [string, string, number]),
    ...v.retention.flatMap((r) => [["retention", `${r.days}:retained`, r.retained], ["retention", `${r.days}:lost`, r.eligible - r.retained]] as [string, string, number][]),
    ...v.reasons.map((r) => ["reasons", r.key, r.count] as [string, string, number]),
    ...v.overdue.byOffice.map((r) => ["overdue", `office:${r.officeId}`, r.count] as [string, string, number]),
    ["training", "completed", v.training.completed],
    ["training", "placed", v.training.placed],
    ["training", "retained", v.training.retained],
  ];
}

describe("dashboard figures", () => {
  it("a Wuxi caseworker's view counts Wuxi's people and their placements, not Suzhou's", async () => {
    const w = await world();
    const v = await buildDashboard(w.wuxiCw.scope, input(), "zh-CN");
    expect(v.kpis.people).toBe(3);
    expect(count(v.status, "EMPLOYED")).toBe(2);
    expect(count(v.status, "UNEMPLOYED")).toBe(1);
    for (const track of ["TRANSFER", "TRAIN_THEN_PLACE", "LOCAL"]) {
      expect(count(v.track, track)).toBe([w.people.a, w.people.b, w.people.c].filter((p) => w.tracks.get(p.id) === track).length);
    }
    // Five placements started in the year, four of them Wuxi's people's (C's reassignment included).
    expect(v.kpis.placed).toBe(4);
    expect(v.origin.map((o) => [o.code, o.count])).toEqual([["6107", 2], ["5206", 1], ["6302", 1]]);
    expect(v.origin.find((o) => o.code === "6107")?.name).toBe("汉中市");
    expect(v.destination.map((o) => [o.code, o.count])).toEqual([["3202", 3], ["3205", 1]]);
    expect(count(v.wage.bands, "4000")).toBe(1);
    expect(count(v.wage.bands, "3000")).toBe(1);
    expect(count(v.wage.bands, "5000")).toBe(1);
    expect(count(v.wage.bands, "none")).toBe(1);
    expect(count(v.wage.bands, "6000")).toBe(0);
    expect(v.wage.median).toBe(4500);
    expect(v.kpis.medianWage).toBe(4500);
    // Three episodes (C's second job continues the first): A and C in work at 90 and 180 days, B not.
    expect(v.retention).toEqual([
      { days: 90, eligible: 3, retained: 2 },
      { days: 180, eligible: 3, retained: 2 },
      { days: 365, eligible: 0, retained: 0 },
    ]);
    expect(v.reasons).toEqual([
      { key: "DID_NOT_ADAPT", count: 1 },
      { key: "WAGE", count: 1 },
    ]);
    const overdueInDb = await db().followUp.count({ where: { officeId: w.wuxi.id, status: "OPEN", dueDate: { lt: new Date(`${v.today}T00:00:00Z`) } } });
    expect(v.kpis.overdue).toBe(overdueInDb);
    expect(v.kpis.overdue).toBeGreaterThanOrEqual(2);
    expect(v.overdue.byOffice).toEqual([{ officeId: w.wuxi.id, name: w.wuxi.name, count: overdueInDb }]);
    // A caseworker sees offices, not colleagues.
    expect(v.overdue.byCaseworker).toBeNull();
    expect(v.training).toEqual({ completed: 2, placed: 2, due: 2, retained: 1 });

    const suzhou = await buildDashboard(w.suzhouCw.scope, input(), "zh-CN");
    expect(suzhou.kpis.people).toBe(1);
    expect(suzhou.kpis.placed).toBe(1);
    expect(suzhou.wage.median).toBe(6000);
    expect(suzhou.training.completed).toBe(0);
  });

  it("a region narrows people to offices there and placements to jobs there; a period to what started in it", async () => {
    const w = await world();
    const inWuxi = await buildDashboard(w.wuxiCw.scope, input({ region: "3202" }), "zh-CN");
    expect(inWuxi.filters.regionName).toBe("无锡市");
    expect(inWuxi.kpis.people).toBe(3);
    expect(inWuxi.kpis.placed).toBe(3);
    expect(inWuxi.reasons).toEqual([{ key: "DID_NOT_ADAPT", count: 1 }]);
    const inSuzhou = await buildDashboard(w.wuxiCw.scope, input({ region: "3205" }), "zh-CN");
    // Wuxi's office is not in Suzhou: no people, no overdue follow-ups; B's Suzhou job still counts.
    expect(inSuzhou.kpis.people).toBe(0);
    expect(inSuzhou.kpis.overdue).toBe(0);
    expect(inSuzhou.kpis.placed).toBe(1);
    const spring = await buildDashboard(w.wuxiCw.scope, { from: day(3, 1), to: day(4, 30) }, "zh-CN");
    expect(spring.kpis.placed).toBe(2);
    expect(spring.retention[0]).toEqual({ days: 90, eligible: 0, retained: 0 });
  });

  it("a supervisor's view covers the offices of their region, with overdue follow-ups by caseworker", async () => {
    const region = await freshOffice("3704");
    const county = await freshOffice("370402");
    const supervisor = await actorIn(region.id, "SUPERVISOR");
    const caseworker = await actorIn(county.id, "CASEWORKER");
    const person = await createTestPerson(caseworker.scope, { name: uniqueName(), employmentStatus: "UNEMPLOYED" });
    await db().followUp.create({ data: { personId: person.id, officeId: county.id, caseworkerId: caseworker.user.id, reason: "MANUAL", dueDate: day(3, 3) } });
    const v = await buildDashboard(supervisor.scope, input(), "zh-CN");
    expect(v.kpis.people).toBe(1);
    expect(v.kpis.overdue).toBe(1);
    expect(v.overdue.byCaseworker).toEqual([{ caseworkerId: caseworker.user.id, name: caseworker.user.displayName, officeName: county.name, count: 1 }]);
    const d = await drillDown(supervisor.scope, input(), parseDrillKey("overdue", `caseworker:${caseworker.user.id}`)!, 0, "zh-CN");
    expect(d.rows.map((r) => r.personId)).toEqual([person.id]);
  });
});

describe("drill-down", () => {
  it("lists exactly the records its number counted, for every number of the view", async () => {
    const w = await world();
    const v = await buildDashboard(w.wuxiCw.scope, input(), "zh-CN");
    const ours = new Set([w.people.a.id, w.people.b.id, w.people.c.id]);
    for (const [panel, key, n] of drillable(v)) {
      const drill = parseDrillKey(panel, key);
      expect(drill, `${panel}=${key}`).not.toBeNull();
      const d = await drillDown(w.wuxiCw.scope, input(), drill!, 0, "zh-CN");
      expect(d.total, `${panel}=${key}`).toBe(n);
      expect(d.rows.length, `${panel}=${key}`).toBe(Math.min(n, 50));
      for (const r of d.rows) expect(ours.has(r.personId), `${panel}=${key}: ${r.personId}`).toBe(true);
    }
    const retained = await drillDown(w.wuxiCw.scope, input(), parseDrillKey("retention", "90:retained")!, 0, "zh-CN");
    expect(retained.kind).toBe("placement");
    expect(retained.rows.map((r) => r.cursor)).toEqual([w.placements.pa.id, w.placements.pc1.id]);
    const lost = await drillDown(w.wuxiCw.scope, input(), parseDrillKey("retention", "90:lost")!, 0, "zh-CN");
    expect(lost.rows.map((r) => r.personId)).toEqual([w.people.b.id]);
    const trained = await drillDown(w.wuxiCw.scope, input(), parseDrillKey("training", "retained")!, 0, "zh-CN");
    expect(trained.rows.map((r) => r.personId)).toEqual([w.people.a.id]);
  });

  it("pages by id: the next page starts after the last row and nothing repeats", async () => {
    const office = await freshOffice("3206");
    const cw = await actorIn(office.id, "CASEWORKER");
    const made: number[] = [];
    for (let i = 0; i < 53; i++) made.push((await createTestPerson(cw.scope, { name: uniqueName(), employmentStatus: "STUDENT" })).id);
    const drill = parseDrillKey("status", "STUDENT")!;
    const first = await drillDown(cw.scope, input(), drill, 0, "zh-CN");
    expect(first.total).toBe(53);
    expect(first.rows).toHaveLength(50);
    expect(first.next).toBe(first.rows[49]!.cursor);
    const second = await drillDown(cw.scope, input(), drill, first.next!, "zh-CN");
    expect(second.rows).toHaveLength(3);
    expect(second.next).toBeNull();
    expect([...first.rows, ...second.rows].map((r) => r.personId)).toEqual(made.sort((x, y) => x - y));
  });
});

describe("who may see what", () => {
  it("another office's caseworker finds none of Wuxi's records behind any number, even by Wuxi's office id", async () => {
    const w = await world();
    const theirs = new Set([w.people.a.id, w.people.b.id, w.people.c.id]);
    const v = await buildDashboard(w.suzhouCw.scope, input(), "zh-CN");
    for (const [panel, key] of drillable(v)) {
      const d = await drillDown(w.suzhouCw.scope, input(), parseDrillKey(panel, key)!, 0, "zh-CN");
      for (const r of d.rows) expect(theirs.has(r.personId)).toBe(false);
    }
    const byOffice = await drillDown(w.suzhouCw.scope, input(), parseDrillKey("overdue", `office:${w.wuxi.id}`)!, 0, "zh-CN");
    expect(byOffice.total).toBe(0);
    expect(byOffice.rows).toEqual([]);
    const byCaseworker = await drillDown(w.suzhouCw.scope, input(), parseDrillKey("overdue", `caseworker:${w.wuxiCw.user.id}`)!, 0, "zh-CN");
    expect(byCaseworker.total).toBe(0);
  });

  it("a partner has no dashboard, no drill-down and no export; the data layer refuses too", async () => {
    const origin = await freshOffice("520625", "ORIGIN_BUREAU");
    const partner = await actorIn(origin.id, "PARTNER");
    await signIn(partner);
    await expectAppError(loadDashboard({}), "FORBIDDEN");
    await expectAppError(loadDrillDown({ panel: "people", key: "all" }), "FORBIDDEN");
    await expectAppError(buildDashboard(partner.scope, input(), "zh-CN"), "FORBIDDEN");
    await expectAppError(exportDashboard(partner.scope, { ...input(), format: "xlsx" }, "zh-CN", (k) => k), "FORBIDDEN");
    expect((await auditBy(partner.user.id)).filter((e) => e.action === "report.exported")).toEqual([]);
  });

  it("the pages' loaders read with the signed-in user's scope; a bad drill-down key is not found", async () => {
    const w = await world();
    await signIn(w.wuxiCw);
    const page = await loadDashboard({ from: period.from, to: period.to });
    expect(page.kpis.people).toBe(3);
    expect(page.canExport).toBe(true);
    const drill = await loadDrillDown({ from: period.from, to: period.to, panel: "status", key: "UNEMPLOYED" });
    expect(drill.rows.map((r) => r.personId)).toEqual([w.people.b.id]);
    await expect(loadDrillDown({ panel: "status", key: "RICH" })).rejects.toThrow("NEXT_NOT_FOUND");
  });
});

describe("exports", () => {
  it("an XLSX export writes report.exported first and holds the view's figures", async () => {
    const w = await world();
    const file = await exportDashboard(w.wuxiCw.scope, { ...input(), format: "xlsx" }, "zh-CN", (k) => k);
    const audit = (await auditBy(w.wuxiCw.user.id)).filter((e) => e.action === "report.exported");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: "report", entityId: "dashboard", officeId: w.wuxi.id });
    expect(audit[0]!.changes).toMatchObject({ format: "xlsx", from: period.from, to: period.to, region: null });
    expect(file.contentType).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    const cell = (label: string) => rows.find((r) => r[1] === label)?.[2];
    expect(cell("dashboard.kpi.people")).toBe(3);
    expect(cell("dashboard.kpi.placed")).toBe(4);
    expect(cell("dashboard.kpi.medianWage")).toBe(4500);
    expect(cell("汉中市")).toBe(2);
  });

  it("a PDF export is a PDF and is audited with its region", async () => {
    const w = await world();
    const file = await exportDashboard(w.wuxiCw.scope, { ...input(), region: "3202", format: "pdf" }, "zh-CN", (k, values) => (values ? `${k} ${JSON.stringify(values)}` : `${k} 看板`));
    expect(file.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(file.bytes.length).toBeGreaterThan(1000);
    const audit = (await auditBy(w.wuxiCw.user.id)).filter((e) => e.action === "report.exported");
    expect(audit.map((e) => (e.changes as { format: string; region: string }).region)).toEqual(["3202"]);
  });
});
