// Targets against PostgreSQL: each metric counted on crafted rows (and the rows it must not
// count), progress against a controlled "today" (a period half elapsed with 60% done is ahead of
// schedule), nesting province > city > county, recorded + reported kept apart and summed, the
// drill-down listing exactly what the count counts, a version conflict, audit rows, and who may
// read or write whose targets. Rows live in Hainan (46) and in far-future periods, so the other
// test files writing placements beside this one never fall into these counts.
import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { createTarget, deleteTarget, reportFigure, updateTarget } from "@/lib/targets/mutations";
import { deleteTargetSchema, reportedFigureSchema, targetInputSchema, updateTargetSchema } from "@/lib/targets/schema";
import { figureActuals, getTarget, listCountedPeople, listReportedFigures, listTargets, targetActuals } from "@/lib/targets/data";
import { loadArticleReport, loadTargetPeople, loadTargets, type TargetNode } from "@/lib/targets/loaders";
import { createTestEmployer, createTestPerson, createTestVacancy, uniqueNationalId } from "../factories";
import { actorIn, auditOf, expectAppError, freshOffice, uniqueName } from "./helpers";
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


// A year of its own per run: the periods below are days of it.
const Y = 2040 + randomInt(55);
const day = (month: number, d: number) => new Date(Date.UTC(Y, month - 1, d));
const iso = (date: Date) => date.toISOString().slice(0, 10);

/** Hainan's province office with its supervisor, a Haikou office with a caseworker, an employer. */
async function hainan() {
  const province = await freshOffice("46");
  const haikou = await freshOffice("4601");
  const sanya = await freshOffice("4602");
  const caseworker = await actorIn(haikou.id, "CASEWORKER");
  const supervisor = await actorIn(province.id, "SUPERVISOR");
  const employerId = (await createTestEmployer(caseworker.scope)).id;
  return { province, haikou, sanya, caseworker, supervisor, employerId };
}
type Desk = Awaited<ReturnType<typeof hainan>>;

async function person(desk: Desk, origin = "520625") {
  return (await createTestPerson(desk.caseworker.scope, { name: uniqueName(), originDivisionCode: origin, nationalId: uniqueNationalId(origin) })).id;
}

async function place(desk: Desk, personId: number, fields: { county: string; start: Date; end?: Date; contract?: "PUBLIC_WELFARE" | "FIXED_TERM"; vacancyId?: number }) {
  return (
    await db().placement.create({
      data: {
        personId, employerId: desk.employerId, officeId: desk.haikou.id, title: "测试岗位", countyCode: fields.county, startDate: fields.start,
        endDate: fields.end ?? null, endReason: fields.end ? "OTHER" : null, status: fields.end ? "ENDED" : "ACTIVE", contractType: fields.contract ?? "FIXED_TERM", vacancyId: fields.vacancyId ?? null, monthlyWage: 3000,
      },
      select: { id: true },
    })
  ).id;
}

async function target(scope: Scope, fields: { region: string; metric: string; start: Date; end: Date; value: number }) {
  return createTarget(scope, targetInputSchema.parse({ regionCode: fields.region, metric: fields.metric, periodStart: iso(fields.start), periodEnd: iso(fields.end), value: fields.value }));
}

function find(nodes: TargetNode[], id: number): TargetNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = find(n.children, id);
    if (inner) return inner;
  }
  return undefined;
}

describe("progress against the share of the period elapsed", () => {
  it("a period half elapsed with 60% done is ahead of schedule (超时序); NEW_TRANSFERS counts first placements only, of people from outside the province, in the region", async () => {
    const desk = await hainan();
    const start = day(3, 1);
    const end = day(3, 10);
    const t = await target(desk.supervisor.scope, { region: "4601", metric: "NEW_TRANSFERS", start, end, value: 10 });
    const counted: number[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await person(desk);
      counted.push(id);
      await place(desk, id, { county: "460105", start: day(3, 2 + (i % 3)) });
    }
    // Not counted: placed before (the first placement ever was in January); from Hainan itself;
    // placed in the period but outside the region; placed after the period.
    const before = await person(desk);
    await place(desk, before, { county: "460105", start: day(1, 15), end: day(2, 1) });
    await place(desk, before, { county: "460105", start: day(3, 3) });
    await place(desk, await person(desk, "460106"), { county: "460105", start: day(3, 3) });
    await place(desk, await person(desk), { county: "320505", start: day(3, 3) });
    await place(desk, await person(desk), { county: "460105", start: day(3, 11) });

    await signIn(desk.supervisor);
    const page = await loadTargets({ year: String(Y) }, day(3, 5));
    const row = find(page.tree, t.id)!;
    expect(row.recorded).toBe(6);
    expect(row.reported).toBe(0);
    expect(row.progress.elapsed).toBe(0.5);
    expect(row.progress.completion).toBe(0.6);
    expect(row.progress.status).toBe("AHEAD");
    expect(row.progress.gap).toBe(0);

    // The drill-down lists exactly the people the count counts.
    const people = await listCountedPeople(desk.supervisor.scope, t.id, null, 100);
    expect(people!.rows.map((r) => r.personId).sort((a, b) => a - b)).toEqual(counted.sort((a, b) => a - b));
    expect(people!.visibleCount).toBe(6);
  });

  it("behind schedule: ABSORBED counts each person from outside once if any placement in the region overlaps the period; who is behind, sorted by gap", async () => {
    const desk = await hainan();
    const start = day(4, 1);
    const end = day(4, 10);
    const absorbed = await target(desk.supervisor.scope, { region: "460106", metric: "ABSORBED", start, end, value: 10 });
    const small = await target(desk.supervisor.scope, { region: "460108", metric: "ABSORBED", start, end, value: 4 });
    // Counted: running since March; ended inside the period; one person with two placements in it (once).
    await place(desk, await person(desk), { county: "460106", start: day(3, 1) });
    await place(desk, await person(desk), { county: "460106", start: day(3, 20), end: day(4, 2) });
    const twice = await person(desk);
    await place(desk, twice, { county: "460106", start: day(4, 2), end: day(4, 4) });
    await place(desk, twice, { county: "460106", start: day(4, 5) });
    // Not counted: ended before the period; starts after it; from Hainan.
    await place(desk, await person(desk), { county: "460106", start: day(2, 1), end: day(3, 31) });
    await place(desk, await person(desk), { county: "460106", start: day(4, 11) });
    await place(desk, await person(desk, "460105"), { county: "460106", start: day(4, 2) });

    await signIn(desk.supervisor);
    const page = await loadTargets({ year: String(Y), metric: "ABSORBED" }, day(4, 8));
    const row = find(page.tree, absorbed.id)!;
    expect(row.recorded).toBe(3);
    expect(row.progress.elapsed).toBe(0.8);
    expect(row.progress.status).toBe("BEHIND");
    expect(row.progress.gap).toBe(5);
    const other = find(page.tree, small.id)!;
    expect(other.recorded).toBe(0);
    expect(other.progress.gap).toBe(4);
    const behind = page.behind.filter((b) => b.id === absorbed.id || b.id === small.id).map((b) => b.id);
    expect(behind).toEqual([absorbed.id, small.id]);
  });
});

describe("nesting, public-welfare posts, training and reported figures", () => {
  it("a province target holds its city's, the city its county's; PUBLIC_WELFARE counts public-welfare posts by vacancy kind or contract; reported figures add to every level that contains them", async () => {
    const desk = await hainan();
    const start = day(5, 1);
    const end = day(5, 31);
    const province = await target(desk.supervisor.scope, { region: "46", metric: "PUBLIC_WELFARE", start, end, value: 100 });
    const city = await target(desk.supervisor.scope, { region: "4601", metric: "PUBLIC_WELFARE", start, end, value: 50 });
    const county = await target(desk.supervisor.scope, { region: "460105", metric: "PUBLIC_WELFARE", start, end, value: 20 });
    const sanya = await target(desk.supervisor.scope, { region: "4602", metric: "PUBLIC_WELFARE", start, end, value: 20 });

    const post = (await createTestVacancy(desk.caseworker.scope, desk.employerId, { kind: "PUBLIC_WELFARE", divisionCode: "460105", openings: 5 })).id;
    // Counted: a public-welfare vacancy; a public-welfare contract; Hainan's own people too (origin is not asked).
    await place(desk, await person(desk), { county: "460105", start: day(5, 3), vacancyId: post });
    await place(desk, await person(desk, "460106"), { county: "460105", start: day(5, 4), contract: "PUBLIC_WELFARE" });
    await place(desk, await person(desk), { county: "460202", start: day(5, 4), contract: "PUBLIC_WELFARE" });
    // Not counted: an ordinary job; a public-welfare post that started before the period.
    await place(desk, await person(desk), { county: "460105", start: day(5, 4) });
    await place(desk, await person(desk), { county: "460105", start: day(4, 30), contract: "PUBLIC_WELFARE" });

    // Reported: in the county (all three levels), in Sanya (province only); outside the period or of another metric: nowhere.
    const report = (region: string, asOf: Date, value: number, metric = "PUBLIC_WELFARE") =>
      reportFigure(desk.supervisor.scope, reportedFigureSchema.parse({ regionCode: region, metric, asOf: iso(asOf), value, source: "统计报表" }));
    const figure = await report("460105", day(5, 20), 7);
    await report("4602", day(5, 20), 11);
    await report("460105", day(6, 1), 1000);
    await report("460105", day(5, 20), 1000, "ABSORBED");

    const actuals = await targetActuals(desk.supervisor.scope, [province.id, city.id, county.id, sanya.id]);
    expect(actuals.get(province.id)).toEqual({ recorded: 3, reported: 18 });
    expect(actuals.get(city.id)).toEqual({ recorded: 2, reported: 7 });
    expect(actuals.get(county.id)).toEqual({ recorded: 2, reported: 7 });
    expect(actuals.get(sanya.id)).toEqual({ recorded: 1, reported: 11 });

    await signIn(desk.supervisor);
    const page = await loadTargets({ year: String(Y), metric: "PUBLIC_WELFARE" }, day(5, 31));
    const root = find(page.tree, province.id)!;
    expect(page.tree.map((n) => n.id)).toContain(province.id);
    expect(root.actual).toBe(21);
    expect(root.children.map((c) => c.id).sort()).toEqual([city.id, sanya.id].sort());
    expect(find(root.children, city.id)!.children.map((c) => c.id)).toEqual([county.id]);
    expect(page.figures.map((f) => f.id)).toContain(figure.id);
    // The period filter: exactly May's targets, not June's nor the year's.
    const may = await loadTargets({ year: String(Y), period: "MONTH-5", metric: "PUBLIC_WELFARE" }, day(5, 31));
    expect(find(may.tree, province.id)).toBeDefined();
    const june = await loadTargets({ year: String(Y), period: "MONTH-6" }, day(5, 31));
    expect(find(june.tree, province.id)).toBeUndefined();
    expect(june.figures.map((f) => f.id)).not.toContain(figure.id);

    const audit = await auditOf("reported_figure", figure.id);
    expect(audit.map((a) => a.action)).toEqual(["target.figure_reported"]);
    expect(audit[0]!.changes).toMatchObject({ regionCode: "460105", value: 7, source: "统计报表" });
  });

  it("TRAINED counts completed enrolments ended in the period, in cohorts run by offices in the region", async () => {
    const desk = await hainan();
    const start = day(6, 1);
    const end = day(6, 30);
    const haikou = await target(desk.supervisor.scope, { region: "4601", metric: "TRAINED", start, end, value: 4 });
    const programme = await db().trainingProgramme.create({
      data: { officeId: desk.haikou.id, providerName: "海口技师学院", title: "养老护理", kind: "ELDER_CARE", delivery: "IN_DESTINATION", divisionCode: "460105", startDate: day(5, 1), endDate: day(6, 30), capacity: 50 },
    });
    const cohort = (officeId: number) => db().trainingCohort.create({ data: { programmeId: programme.id, officeId, name: `${uniqueName()}班`, startDate: day(5, 1), endDate: day(6, 30), capacity: 30 } });
    const ours = await cohort(desk.haikou.id);
    const sanyas = await cohort(desk.sanya.id);
    const enrol = async (cohortId: number, status: "COMPLETED" | "WITHDRAWN" | "ENROLLED", endedOn: Date | null) =>
      db().enrolment.create({ data: { cohortId, personId: await person(desk), status, enrolledOn: day(5, 1), endedOn } });
    await enrol(ours.id, "COMPLETED", day(6, 20));
    await enrol(ours.id, "COMPLETED", day(6, 30));
    await enrol(ours.id, "WITHDRAWN", day(6, 10));
    await enrol(ours.id, "COMPLETED", day(7, 1));
    await enrol(ours.id, "ENROLLED", null);
    await enrol(sanyas.id, "COMPLETED", day(6, 20));

    expect((await targetActuals(desk.supervisor.scope, [haikou.id])).get(haikou.id)).toEqual({ recorded: 2, reported: 0 });
    await signIn(desk.supervisor);
    const people = await loadTargetPeople(haikou.id, {}, day(6, 15));
    expect(people.rows).toHaveLength(2);
    expect(people.rows.every((r) => r.what?.endsWith("班"))).toBe(true);
    expect(people.target.progress.status).toBe("ON_SCHEDULE");
  });
});

describe("drill-down pages", () => {
  it("keyset pages walk every counted person once", async () => {
    const desk = await hainan();
    const t = await target(desk.supervisor.scope, { region: "460107", metric: "NEW_TRANSFERS", start: day(7, 1), end: day(7, 31), value: 5 });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await person(desk);
      ids.push(id);
      await place(desk, id, { county: "460107", start: day(7, 2) });
    }
    const seen: number[] = [];
    let after: [number, number] | null = null;
    for (let i = 0; i < 5; i++) {
      const page: Awaited<ReturnType<typeof listCountedPeople>> = await listCountedPeople(desk.supervisor.scope, t.id, after, 2);
      seen.push(...page!.rows.map((r) => r.personId));
      if (!page!.hasMore) break;
      const last = page!.rows[page!.rows.length - 1]!;
      after = [last.personId, last.refId];
    }
    expect(seen).toEqual([...ids].sort((a, b) => a - b));
  });
});

describe("who may read or write whose targets", () => {
  async function offices() {
    const wuxi = await freshOffice("3202");
    const suzhou = await freshOffice("3205");
    const yinjiang = await freshOffice("520625", "ORIGIN_BUREAU");
    return {
      wuxiSupervisor: await actorIn(wuxi.id, "SUPERVISOR"),
      wuxiCaseworker: await actorIn(wuxi.id, "CASEWORKER"),
      suzhouSupervisor: await actorIn(suzhou.id, "SUPERVISOR"),
      partner: await actorIn(yinjiang.id, "PARTNER"),
      admin: await actorIn(wuxi.id, "ADMIN"),
    };
  }

  it("a Wuxi supervisor sets Wuxi's and its districts' targets, not Suzhou's; a caseworker sets none", async () => {
    const o = await offices();
    const input = (region: string) => targetInputSchema.parse({ regionCode: region, metric: "NEW_TRANSFERS", periodStart: iso(day(8, 1)), periodEnd: iso(day(8, 31)), value: 10 });
    const error = await expectAppError(createTarget(o.wuxiSupervisor.scope, input("3205")), "VALIDATION");
    expect(error.details).toMatchObject({ fieldErrors: { regionCode: "targets.validation.regionOutside" } });
    await expectAppError(createTarget(o.wuxiSupervisor.scope, input("32")), "VALIDATION");
    await expectAppError(createTarget(o.wuxiCaseworker.scope, input("3202")), "FORBIDDEN");
    await expectAppError(createTarget(o.partner.scope, input("520625")), "FORBIDDEN");
    await expectAppError(reportFigure(o.wuxiCaseworker.scope, reportedFigureSchema.parse({ regionCode: "3202", metric: "ABSORBED", asOf: iso(day(8, 2)), value: 5, source: "x" })), "FORBIDDEN");
    await expectAppError(reportFigure(o.wuxiSupervisor.scope, reportedFigureSchema.parse({ regionCode: "3205", metric: "ABSORBED", asOf: iso(day(8, 2)), value: 5, source: "x" })), "VALIDATION");
    const own = await createTarget(o.wuxiSupervisor.scope, input("320206"));
    expect(own.id).toBeGreaterThan(0);
    // A region that is no province, city or county.
    await expectAppError(createTarget(o.wuxiSupervisor.scope, input("3299")), "VALIDATION");
    // The same region, metric and period twice.
    const dup = await expectAppError(createTarget(o.wuxiSupervisor.scope, input("320206")), "VALIDATION");
    expect(dup.details).toMatchObject({ fieldErrors: { regionCode: "targets.validation.duplicate" } });
  });

  it("another region's target is not found by id or in a list; a caseworker reads their region's but cannot change it; a partner reads none", async () => {
    const o = await offices();
    const suzhouTarget = await createTarget(o.suzhouSupervisor.scope, targetInputSchema.parse({ regionCode: "3205", metric: "ABSORBED", periodStart: iso(day(9, 1)), periodEnd: iso(day(9, 30)), value: 10 }));
    const wuxiTarget = await createTarget(o.admin.scope, targetInputSchema.parse({ regionCode: "3202", metric: "ABSORBED", periodStart: iso(day(9, 1)), periodEnd: iso(day(9, 30)), value: 10 }));

    expect(await getTarget(o.wuxiSupervisor.scope, suzhouTarget.id)).toBeNull();
    expect(await listCountedPeople(o.wuxiSupervisor.scope, suzhouTarget.id, null, 10)).toBeNull();
    expect((await listTargets(o.wuxiSupervisor.scope, { year: Y })).map((t) => t.id)).not.toContain(suzhouTarget.id);
    expect((await targetActuals(o.wuxiSupervisor.scope, [suzhouTarget.id])).size).toBe(0);
    await expectAppError(updateTarget(o.wuxiSupervisor.scope, suzhouTarget.id, updateTargetSchema.parse({ version: 1, regionCode: "3205", metric: "ABSORBED", periodStart: iso(day(9, 1)), periodEnd: iso(day(9, 30)), value: 1 })), "NOT_FOUND");
    await expectAppError(deleteTarget(o.wuxiSupervisor.scope, suzhouTarget.id, { version: 1 }), "NOT_FOUND");

    // The Wuxi caseworker reads Wuxi's target (set by the admin), not Suzhou's, and changes neither.
    const caseworkerList = (await listTargets(o.wuxiCaseworker.scope, { year: Y })).map((t) => t.id);
    expect(caseworkerList).toContain(wuxiTarget.id);
    expect(caseworkerList).not.toContain(suzhouTarget.id);
    await expectAppError(deleteTarget(o.wuxiCaseworker.scope, wuxiTarget.id, { version: 1 }), "FORBIDDEN");

    // Partners read no targets at all: not by the page, not by id, not in a list.
    expect(await listTargets(o.partner.scope, { year: Y })).toEqual([]);
    expect(await getTarget(o.partner.scope, wuxiTarget.id)).toBeNull();
    await signIn(o.partner);
    await expectAppError(loadTargets({ year: String(Y) }), "FORBIDDEN");

    // The admin reads both.
    const adminList = (await listTargets(o.admin.scope, { year: Y })).map((t) => t.id);
    expect(adminList).toEqual(expect.arrayContaining([suzhouTarget.id, wuxiTarget.id]));
  });

  it("a second save on an old version gets a conflict with the current values; edits and deletes are audited", async () => {
    const o = await offices();
    const t = await createTarget(o.wuxiSupervisor.scope, targetInputSchema.parse({ regionCode: "3202", metric: "TRAINED", periodStart: iso(day(10, 1)), periodEnd: iso(day(10, 31)), value: 100, note: "全年培训任务" }));
    const edit = (version: number, value: number) => updateTargetSchema.parse({ version, regionCode: "3202", metric: "TRAINED", periodStart: iso(day(10, 1)), periodEnd: iso(day(10, 31)), value, note: "全年培训任务" });
    const first = await updateTarget(o.wuxiSupervisor.scope, t.id, edit(1, 120));
    expect(first.version).toBe(2);
    const conflict = await expectAppError(updateTarget(o.admin.scope, t.id, edit(1, 150)), "CONFLICT");
    expect(conflict.details).toMatchObject({ currentVersion: 2, current: { value: 120 } });
    expect((await db().target.findUniqueOrThrow({ where: { id: t.id } })).value).toBe(120);
    await expectAppError(deleteTarget(o.admin.scope, t.id, deleteTargetSchema.parse({ version: 1 })), "CONFLICT");
    await deleteTarget(o.admin.scope, t.id, deleteTargetSchema.parse({ version: 2 }));
    expect(await db().target.findUnique({ where: { id: t.id } })).toBeNull();

    const audit = await auditOf("target", t.id);
    expect(audit.map((a) => a.action)).toEqual(["target.created", "target.updated", "target.deleted"]);
    expect(audit[1]!.changes).toEqual({ value: [100, 120] });
    expect(audit[1]!.actorId).toBe(o.wuxiSupervisor.user.id);
    expect(audit[2]!.actorId).toBe(o.admin.user.id);
    expect(audit[2]!.changes).toMatchObject({ regionCode: "3202", metric: "TRAINED", value: 120 });
  });
});

describe("figures defined in code (the article's)", () => {
  it("a figure counted by origin counts only people of that origin and the reported figures naming it; one by destination, and every stored target, takes them all", async () => {
    const desk = await hainan();
    const period = { start: day(11, 1), end: day(11, 30) };
    const tongren = await person(desk, "520602");
    await place(desk, tongren, { county: "460105", start: day(11, 2) });
    await place(desk, await person(desk, "520625"), { county: "460105", start: day(11, 3) });
    await place(desk, await person(desk, "610729"), { county: "460105", start: day(11, 3) });
    const report = (fields: { region?: string; value: number; origin?: string; asOf?: Date }) =>
      reportFigure(desk.supervisor.scope, reportedFigureSchema.parse({ regionCode: fields.region ?? "4601", metric: "NEW_TRANSFERS", asOf: iso(fields.asOf ?? day(11, 15)), value: fields.value, source: "统计报表", originCode: fields.origin ?? "" }));
    // No origin; Tongren (city); Yinjiang county in Tongren; Guizhou without a city (not "from Tongren");
    // Liuba county; Tongren but outside the period; Tongren in the county below the figure's region.
    await report({ value: 40 });
    const fromTongren = await report({ value: 300, origin: "5206" });
    await report({ value: 20, origin: "520625" });
    await report({ value: 7, origin: "52" });
    await report({ value: 5, origin: "610729" });
    await report({ value: 1000, origin: "5206", asOf: day(12, 1) });
    await report({ value: 3, origin: "5206", region: "460105" });
    const t = await target(desk.supervisor.scope, { region: "4601", metric: "NEW_TRANSFERS", start: period.start, end: period.end, value: 500 });
    const figures = [
      { key: "all", metric: "NEW_TRANSFERS" as const, regionCode: "4601", ...period, originPrefix: null },
      { key: "tongren", metric: "NEW_TRANSFERS" as const, regionCode: "4601", ...period, originPrefix: "5206" },
      { key: "yinjiang", metric: "NEW_TRANSFERS" as const, regionCode: "4601", ...period, originPrefix: "520625" },
      { key: "liuba", metric: "NEW_TRANSFERS" as const, regionCode: "460105", ...period, originPrefix: "610729" },
      { key: "elsewhere", metric: "NEW_TRANSFERS" as const, regionCode: "3205", ...period, originPrefix: null },
    ];
    const got = await figureActuals(desk.supervisor.scope, figures);
    expect(got.get("all")).toEqual({ recorded: 3, reported: 40 + 300 + 20 + 7 + 5 + 3 });
    expect(got.get("tongren")).toEqual({ recorded: 2, reported: 300 + 20 + 3 });
    expect(got.get("yinjiang")).toEqual({ recorded: 1, reported: 20 });
    // Liuba's figure was reported for the city, not the county: it does not count in the county.
    expect(got.get("liuba")).toEqual({ recorded: 1, reported: 0 });
    // Outside the reader's region: not computed at all.
    expect(got.has("elsewhere")).toBe(false);
    // A stored target is counted by destination: every reported figure of the region, origin or not.
    expect((await targetActuals(desk.supervisor.scope, [t.id])).get(t.id)).toEqual({ recorded: 3, reported: 375 });

    // The origin is shown in the list of reported figures and kept in the audit row.
    await signIn(desk.supervisor);
    const page = await loadTargets({ year: String(Y), metric: "NEW_TRANSFERS" }, day(11, 30));
    const shown = page.figures.find((f) => f.id === fromTongren.id)!;
    expect(shown).toMatchObject({ originCode: "5206", originLabel: "贵州省 / 铜仁市", value: 300 });
    expect(page.figures.filter((f) => f.originCode === null).length).toBeGreaterThan(0);
    const audit = await auditOf("reported_figure", fromTongren.id);
    expect(audit[0]!.changes).toMatchObject({ regionCode: "4601", originCode: "5206", value: 300 });
  });

  it("a reported figure's origin is a division that exists, outside the province for new transfers and absorbed labour; a malformed one is refused next to its field", async () => {
    const desk = await hainan();
    const input = (metric: string, originCode: string) => ({ regionCode: "4601", metric, asOf: iso(day(11, 20)), value: 5, source: "统计报表", originCode });
    const inside = await expectAppError(reportFigure(desk.supervisor.scope, reportedFigureSchema.parse(input("ABSORBED", "460105"))), "VALIDATION");
    expect(inside.details).toMatchObject({ fieldErrors: { originCode: "targets.validation.originInside" } });
    await expectAppError(reportFigure(desk.supervisor.scope, reportedFigureSchema.parse(input("NEW_TRANSFERS", "46"))), "VALIDATION");
    const unknown = await expectAppError(reportFigure(desk.supervisor.scope, reportedFigureSchema.parse(input("NEW_TRANSFERS", "5299"))), "VALIDATION");
    expect(unknown.details).toMatchObject({ fieldErrors: { originCode: "targets.validation.origin" } });
    await expectAppError(reportFigure(desk.supervisor.scope, reportedFigureSchema.parse(input("NEW_TRANSFERS", "520625999"))), "VALIDATION");
    const malformed = reportedFigureSchema.safeParse(input("NEW_TRANSFERS", "52062"));
    expect(malformed.success).toBe(false);
    expect(malformed.error!.issues[0]!.path).toEqual(["originCode"]);
    // Hainan's own people in a public-welfare post or a course: origin is not asked, any fits.
    const welfare = await reportFigure(desk.supervisor.scope, reportedFigureSchema.parse(input("PUBLIC_WELFARE", "460105")));
    expect((await db().reportedFigure.findUniqueOrThrow({ where: { id: welfare.id } })).originCode).toBe("460105");
    // A town (9 digits) from the divisions table.
    const town = await db().division.findFirstOrThrow({ where: { parentCode: "520625" }, select: { code: true } });
    const byTown = await reportFigure(desk.supervisor.scope, reportedFigureSchema.parse(input("NEW_TRANSFERS", town.code)));
    expect((await db().reportedFigure.findUniqueOrThrow({ where: { id: byTown.id } })).originCode).toBe(town.code);
    // Nothing refused was written.
    expect(await db().reportedFigure.count({ where: { regionCode: "4601", officeId: desk.province.id, asOf: day(11, 20) } })).toBe(2);
  });

  it("reported figures of another region are not listed; a partner reads none and reports none", async () => {
    const wuxi = await actorIn((await freshOffice("3202")).id, "SUPERVISOR");
    const suzhou = await actorIn((await freshOffice("3205")).id, "SUPERVISOR");
    const partner = await actorIn((await freshOffice("520625", "ORIGIN_BUREAU")).id, "PARTNER");
    const figure = await reportFigure(suzhou.scope, reportedFigureSchema.parse({ regionCode: "3205", metric: "NEW_TRANSFERS", asOf: iso(day(12, 5)), value: 9, source: "统计报表", originCode: "5206" }));
    expect((await listReportedFigures(suzhou.scope, { year: Y })).map((f) => f.id)).toContain(figure.id);
    expect((await listReportedFigures(wuxi.scope, { year: Y })).map((f) => f.id)).not.toContain(figure.id);
    expect(await listReportedFigures(partner.scope, { year: Y })).toEqual([]);
    await expectAppError(reportFigure(partner.scope, reportedFigureSchema.parse({ regionCode: "520625", metric: "NEW_TRANSFERS", asOf: iso(day(12, 5)), value: 1, source: "x", originCode: "5206" })), "FORBIDDEN");
    const outside = await expectAppError(reportFigure(wuxi.scope, reportedFigureSchema.parse({ regionCode: "3205", metric: "NEW_TRANSFERS", asOf: iso(day(12, 5)), value: 1, source: "x", originCode: "5206" })), "VALIDATION");
    expect(outside.details).toMatchObject({ fieldErrors: { regionCode: "targets.validation.regionOutside" } });
  });

  it("the article's page shows a reader only the figures of their region", async () => {
    const wuxi = await actorIn((await freshOffice("3202")).id, "SUPERVISOR");
    await signIn(wuxi);
    const report = await loadArticleReport();
    expect(report.year).toBe(2020);
    expect(report.figures.map((f) => f.key)).toEqual(["huishanTrained"]);
    const admin = await actorIn((await freshOffice("32")).id, "ADMIN");
    await signIn(admin);
    const all = await loadArticleReport();
    expect(all.figures.map((f) => f.key)).toEqual(["absorbed", "newTransfers", "suzhouTrained", "huishanTrained", "tongrenInJiangsu", "tongrenInSuzhou", "liubaInQidong"]);
    expect(all.figures.find((f) => f.key === "absorbed")).toMatchObject({ article: 847_500 });
    expect(all.figures.find((f) => f.key === "tongrenInJiangsu")).toMatchObject({ article: 2_930, origin: "贵州省 铜仁市" });
  });
});

describe("the demo's targets", () => {
  it("the article's seven figures add up: recorded + reported = the article's number, the origin-tagged figures part of the province's totals, not added to them", async () => {
    const admin = await actorIn((await freshOffice("32")).id, "ADMIN");
    await signIn(admin);
    const report = await loadArticleReport();
    expect(report.figures.map((f) => [f.key, f.total])).toEqual([
      ["absorbed", 847_500],
      ["newTransfers", 6_125],
      ["suzhouTrained", 10_000],
      ["huishanTrained", 1_000],
      ["tongrenInJiangsu", 2_930],
      ["tongrenInSuzhou", 2_051],
      ["liubaInQidong", 350],
    ]);
    const byKey = Object.fromEntries(report.figures.map((f) => [f.key, f]));
    // The records hold some of each origin-counted figure by name; the rest is reported with the origin.
    for (const key of ["tongrenInJiangsu", "tongrenInSuzhou", "liubaInQidong"]) {
      expect(byKey[key]!.recorded).toBeGreaterThan(0);
      expect(byKey[key]!.reported).toBeGreaterThan(0);
    }
    // Jiangsu's Tongren figure holds Suzhou's: the Tongren reported for the province alone is the rest.
    const tongren = await db().reportedFigure.findMany({ where: { originCode: "5206", metric: "NEW_TRANSFERS", asOf: new Date("2020-10-31") }, select: { regionCode: true, value: true } });
    expect(tongren.map((f) => f.regionCode).sort()).toEqual(["32", "3205"]);
    expect(tongren.reduce((sum, f) => sum + f.value, 0)).toBe(byKey.tongrenInJiangsu!.reported);

    // The cities' 2020 targets still read the totals the demo gives them, Tongren's and Liuba's people inside them.
    const y2020 = { periodStart: new Date("2020-01-01"), periodEnd: new Date("2020-12-31") };
    const demo = await db().target.findMany({ where: { ...y2020, regionCode: { in: ["32", "3205", "320681"] } }, select: { id: true, regionCode: true, metric: true } });
    const actuals = await targetActuals(admin.scope, demo.map((t) => t.id));
    const actual = (region: string, metric: string) => {
      const got = actuals.get(demo.find((t) => t.regionCode === region && t.metric === metric)!.id)!;
      return got.recorded + got.reported;
    };
    expect(actual("3205", "NEW_TRANSFERS")).toBe(2_560);
    expect(actual("320681", "ABSORBED")).toBe(12_600);
    expect(actual("32", "NEW_TRANSFERS")).toBe(6_125);
    expect(actual("32", "ABSORBED")).toBe(847_500);
  });
});
