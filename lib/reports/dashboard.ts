import "server-only";
import { AppError } from "@/lib/errors";
import type { Scope } from "@/lib/auth/scope";
import { chinaToday, isoDate } from "@/lib/placements/rules";
import { currentFacts } from "@/lib/reports/facts";
import type { FactFilter } from "@/lib/reports/fact-table";
import { divisionNames, listEnrolmentsByIds, listOverdueFollowUps, listPeopleByIds, listPlacementsByIds, overdueFollowUps, type OfficeFilter } from "@/lib/reports/data";
import { dayNumber, END_REASONS, EMPLOYMENT_STATUSES, resolvePeriod, TRACKS, WAGE_BAND_KEYS, type DrillKey } from "@/lib/reports/rules";
import type { DashboardFilterInput } from "@/lib/reports/schema";

// The dashboard's server work for one view, given a scope (the page's loader, the exports and the
// benchmark all call these): the filters resolved, the in-memory facts counted, follow-ups and
// training read from SQL, labels looked up. Plain values only, ready for a client component.

export const DRILL_PAGE_SIZE = 50;

type Locale = string;

async function viewContext(scope: Scope, input: DashboardFilterInput, today: Date) {
  if (scope.role === "PARTNER") throw new AppError("FORBIDDEN");
  const period = resolvePeriod(input, today);
  const region = input.region ?? null;
  const facts = await currentFacts();
  const scopeOffices = scope.officeIds === "ALL" ? null : new Set(scope.officeIds);
  const inRegion = region ? facts.offices.filter((o) => o.regionCode.startsWith(region)).map((o) => o.id) : null;
  let peopleOffices: number[] | null;
  if (inRegion === null) peopleOffices = scopeOffices ? [...scopeOffices] : null;
  else peopleOffices = scopeOffices ? inRegion.filter((id) => scopeOffices.has(id)) : inRegion;
  const filter: FactFilter = {
    scopeOffices,
    peopleOffices: peopleOffices ? new Set(peopleOffices) : null,
    region,
    from: dayNumber(period.from),
    to: dayNumber(period.to),
    today: dayNumber(today),
  };
  const offices: OfficeFilter = peopleOffices;
  return { period, region, facts, filter, offices };
}

const officeLabel = (o: { name: string; nameEn: string } | undefined, locale: Locale) => (o ? (locale === "en" ? o.nameEn : o.name) : "—");

/** Everything one dashboard view shows. */
export async function buildDashboard(scope: Scope, input: DashboardFilterInput, locale: Locale, today: Date = chinaToday()) {
  const { period, region, facts, filter, offices } = await viewContext(scope, input, today);
  // The database counts overdue follow-ups while this process counts the facts.
  const overduePromise = overdueFollowUps(scope, offices, today);
  overduePromise.catch(() => {});
  const summary = facts.table.summarise(filter);
  const byCount = (r: Record<string, number>) =>
    Object.entries(r)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const origin = byCount(summary.origin);
  const destination = byCount(summary.destination);
  const [overdue, names] = await Promise.all([
    overduePromise,
    divisionNames([...new Set([...origin.map(([c]) => c), ...destination.map(([c]) => c), ...(region ? [region] : [])])]),
  ]);
  const officeById = new Map(facts.offices.map((o) => [o.id, o]));
  return {
    filters: { from: isoDate(period.from), to: isoDate(period.to), preset: period.preset, region, regionName: region ? (names.get(region) ?? region) : null },
    today: isoDate(today),
    asOf: facts.syncedAt.toISOString(),
    showCaseworkers: scope.role !== "CASEWORKER",
    kpis: { people: summary.people, placed: summary.placed, overdue: overdue.total, medianWage: summary.wageMedian },
    status: EMPLOYMENT_STATUSES.map((key) => ({ key, count: summary.status[key] ?? 0 })),
    track: TRACKS.map((key) => ({ key, count: summary.track[key] ?? 0 })),
    origin: origin.map(([code, count]) => ({ code, name: names.get(code) ?? code, count })),
    destination: destination.map(([code, count]) => ({ code, name: names.get(code) ?? code, count })),
    wage: { bands: WAGE_BAND_KEYS.map((key) => ({ key, count: summary.wage[key] })), median: summary.wageMedian, recorded: summary.wageRecorded },
    retention: summary.retention,
    overdue: {
      total: overdue.total,
      byOffice: overdue.byOffice.map((o) => ({ officeId: o.officeId, name: officeLabel(officeById.get(o.officeId), locale), count: o.count })),
      byCaseworker:
        scope.role === "CASEWORKER"
          ? null
          : overdue.byCaseworker.slice(0, 30).map((c) => ({ caseworkerId: c.caseworkerId, name: c.displayName, officeName: officeLabel(officeById.get(c.officeId), locale), count: c.count })),
    },
    reasons: END_REASONS.map((key) => ({ key, count: summary.reasons[key] ?? 0 })).filter((r) => r.count > 0).sort((a, b) => b.count - a.count),
    training: summary.training,
  };
}
export type DashboardView = Awaited<ReturnType<typeof buildDashboard>>;

export type DrillRows =
  | { kind: "person"; rows: { cursor: number; personId: number; name: string; status: string; track: string; origin: string; office: string; caseworker: string | null }[] }
  | { kind: "placement"; rows: { cursor: number; personId: number; name: string; employer: string; title: string; startDate: string; endDate: string | null; wage: number | null; place: string; endReason: string | null }[] }
  | { kind: "followUp"; rows: { cursor: number; personId: number; name: string; dueDate: string; caseworker: string | null; office: string }[] }
  | { kind: "training"; rows: { cursor: number; personId: number; name: string; endedOn: string; firstStart: string | null }[] };

/** The records behind one number of the view, DRILL_PAGE_SIZE at a time after `after`, and how many in all. */
export async function drillDown(scope: Scope, input: DashboardFilterInput, drill: DrillKey, after: number, locale: Locale, today: Date = chinaToday()) {
  const { period, region, facts, filter, offices } = await viewContext(scope, input, today);
  const limit = DRILL_PAGE_SIZE;
  let total: number;
  let result: DrillRows;
  const labels = new Map<string, string>();
  if (drill.panel === "overdue") {
    const page = await listOverdueFollowUps(scope, offices, today, drill, after, limit);
    total = page.total;
    result = { kind: "followUp", rows: page.rows.map((r) => ({ cursor: r.id, personId: r.personId, name: r.personName, dueDate: isoDate(r.dueDate), caseworker: r.caseworkerName, office: locale === "en" ? r.officeNameEn : r.officeName })) };
  } else {
    const found = facts.table.drill(filter, drill, after, limit);
    total = found.total;
    if (found.kind === "enrolment") {
      const rows = await listEnrolmentsByIds(scope, found.ids);
      result = { kind: "training", rows: rows.map((r) => ({ cursor: r.id, personId: r.personId, name: r.personName, endedOn: isoDate(r.endedOn), firstStart: r.firstStart ? isoDate(r.firstStart) : null })) };
    } else if (found.kind === "person") {
      const people = await listPeopleByIds(scope, found.ids);
      const origins = await divisionNames([...new Set(people.map((p) => p.originDivisionCode.slice(0, 6)))]);
      result = {
        kind: "person",
        rows: people.map((p) => ({ cursor: p.id, personId: p.id, name: p.name, status: p.employmentStatus, track: p.track, origin: origins.get(p.originDivisionCode.slice(0, 6)) ?? p.originDivisionCode, office: locale === "en" ? p.office.nameEn : p.office.name, caseworker: p.caseworker?.displayName ?? null })),
      };
    } else {
      const placements = await listPlacementsByIds(scope, found.ids);
      const places = await divisionNames([...new Set(placements.flatMap((q) => [q.countyCode.slice(0, 4), q.countyCode]))]);
      result = {
        kind: "placement",
        rows: placements.map((q) => ({
          cursor: q.id,
          personId: q.person.id,
          name: q.person.name,
          employer: q.employer.name,
          title: q.title,
          startDate: isoDate(q.startDate),
          endDate: q.endDate ? isoDate(q.endDate) : null,
          wage: q.monthlyWage,
          place: [places.get(q.countyCode.slice(0, 4)), places.get(q.countyCode)].filter(Boolean).join(" ") || q.countyCode,
          endReason: q.endReason,
        })),
      };
    }
  }
  // What the heading names: a region's or an office's or a caseworker's name where the key is an id or a code.
  if (drill.panel === "origin" || drill.panel === "destination") {
    const names = await divisionNames([drill.key]);
    labels.set("key", names.get(drill.key) ?? drill.key);
  }
  if (drill.panel === "overdue" && drill.by === "office") labels.set("key", officeLabel(facts.offices.find((o) => o.id === drill.id), locale));
  if (drill.panel === "overdue" && drill.by === "caseworker" && drill.id !== null) {
    const row = result.kind === "followUp" ? result.rows.find(() => true) : undefined;
    labels.set("key", row?.caseworker ?? String(drill.id));
  }
  const regionName = region ? ((await divisionNames([region])).get(region) ?? region) : null;
  const last = result.rows[result.rows.length - 1];
  return {
    filters: { from: isoDate(period.from), to: isoDate(period.to), preset: period.preset, region, regionName },
    total,
    after,
    next: result.rows.length === limit && last ? last.cursor : null,
    keyLabel: labels.get("key") ?? null,
    ...result,
  };
}
export type DrillDownView = Awaited<ReturnType<typeof drillDown>>;
