import "server-only";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { chinaToday, isoDate } from "@/lib/placements/rules";
import { loadDivisionLabels, loadDivisionOptions, type CascaderOption } from "@/lib/reference/loaders";
import { regionPath } from "@/lib/reference/regions";
import { figureActuals, listCountedPeople, listReportedFigures, listTargets, regionPrefix, targetActuals } from "@/lib/targets/data";
import { ARTICLE_FIGURES, ARTICLE_YEAR, nestTargets, ORIGIN_LEVEL, periodPreset, presetPeriod, progressOf, whoIsBehind, type PeriodKind, type Progress, type TargetMetric } from "@/lib/targets/rules";
import { peopleQuerySchema, targetListQuerySchema } from "@/lib/targets/schema";

// Session + reads for the target pages. "Today" is China's calendar day (chinaToday): the share
// of a period elapsed turns over at midnight in Beijing, whatever the server's clock says.

type Params = Record<string, string | string[] | undefined>;
const first = (params: Params) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

/** "江苏省 苏州市" from a region code (names to county level, kept in memory). */
export function regionLabel(code: string): string {
  return regionPath(code).join(" ") || code;
}

/**
 * The picker's choices cut to the writer's region: a Wuxi supervisor sees 江苏省 › 无锡市 and
 * Wuxi's districts only (the server checks it again; this only spares them a refused choice).
 */
function limitToRegion(options: CascaderOption[], prefix: string): CascaderOption[] {
  if (!prefix) return options;
  return options
    .filter((o) => prefix.startsWith(o.value) || o.value.startsWith(prefix))
    .map((o) => (o.children && o.value.length < prefix.length ? { ...o, children: limitToRegion(o.children, prefix) } : o));
}

/** People shown per page of a target's drill-down. */
export const PEOPLE_PAGE_SIZE = 50;

export type TargetView = {
  id: number;
  regionCode: string;
  regionLabel: string;
  metric: TargetMetric;
  periodStart: string;
  periodEnd: string;
  preset: ReturnType<typeof periodPreset>;
  value: number;
  note: string | null;
  version: number;
  officeName: string;
  recorded: number;
  reported: number;
  actual: number;
  progress: Progress;
  canEdit: boolean;
};
export type TargetNode = TargetView & { children: TargetNode[] };

/**
 * The targets page: the year's targets in scope (filtered by metric), each with its recorded and
 * reported counts and progress against the share of the period elapsed, nested province > city >
 * county, who is behind, and the reported figures of the year.
 */
export async function loadTargets(params: Params, today: Date = chinaToday()) {
  const { scope, user } = await requireActor("target.view");
  const locale = await getLocale();
  const query = targetListQuerySchema.parse(first(params));
  const year = query.year ?? today.getUTCFullYear();
  const [kind, index] = (query.period?.split("-") ?? []) as [PeriodKind?, string?];
  const period = kind ? presetPeriod(kind, year, Number(index ?? 1)) : undefined;
  const canManage = can(user.role, "target.manage");
  const filter = { year, period, metric: query.metric };
  const [rows, figures, prefix] = await Promise.all([listTargets(scope, filter), listReportedFigures(scope, filter), regionPrefix(scope)]);
  const [actuals, origins] = await Promise.all([targetActuals(scope, rows.map((r) => r.id)), loadDivisionLabels(figures.map((f) => f.originCode))]);
  const targets: TargetView[] = rows.map((r) => {
    const { recorded, reported } = actuals.get(r.id) ?? { recorded: 0, reported: 0 };
    return {
      id: r.id,
      regionCode: r.regionCode,
      regionLabel: regionLabel(r.regionCode),
      metric: r.metric,
      periodStart: isoDate(r.periodStart),
      periodEnd: isoDate(r.periodEnd),
      preset: periodPreset({ start: r.periodStart, end: r.periodEnd }),
      value: r.value,
      note: r.note,
      version: r.version,
      officeName: locale === "en" ? r.office.nameEn : r.office.name,
      recorded,
      reported,
      actual: recorded + reported,
      progress: progressOf(r, recorded + reported, today),
      canEdit: canManage && prefix !== null && r.regionCode.startsWith(prefix),
    };
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const tree = nestTargets(targets.map((t) => ({ ...t, periodStart: byId.get(t.id)!.periodStart, periodEnd: byId.get(t.id)!.periodEnd })));
  // Back to plain strings for the client.
  const plain = (nodes: typeof tree): TargetNode[] => nodes.map((n) => ({ ...n, periodStart: isoDate(n.periodStart), periodEnd: isoDate(n.periodEnd), children: plain(n.children as typeof tree) }));
  return {
    today: isoDate(today),
    year,
    period: query.period ?? null,
    metric: query.metric ?? null,
    tree: plain(tree),
    count: targets.length,
    behind: whoIsBehind(targets),
    figures: figures.map((f) => ({
      id: f.id,
      regionCode: f.regionCode,
      regionLabel: regionLabel(f.regionCode),
      originCode: f.originCode,
      originLabel: f.originCode ? (origins.get(f.originCode) ?? f.originCode) : null,
      metric: f.metric,
      asOf: isoDate(f.asOf),
      value: f.value,
      source: f.source,
      createdBy: f.createdBy,
    })),
    canManage,
    managedRegion: canManage && prefix ? { code: prefix, label: regionLabel(prefix) } : null,
    regionOptions: canManage ? limitToRegion(await loadDivisionOptions(prefix ? [prefix] : [], 3), prefix ?? "") : [],
    // A reported figure's origin may be anywhere (people come from other provinces), down to a town.
    originOptions: canManage ? await loadDivisionOptions([], ORIGIN_LEVEL) : [],
  };
}
export type TargetsData = Awaited<ReturnType<typeof loadTargets>>;

/** The people a target's recorded count is made of (those the reader may see by name), a keyset page at a time. */
export async function loadTargetPeople(targetId: number, params: Params, today: Date = chinaToday()) {
  const { scope } = await requireActor("target.view");
  const { after } = peopleQuerySchema.parse(first(params));
  const page = await listCountedPeople(scope, targetId, after, PEOPLE_PAGE_SIZE);
  if (!page) notFound();
  const { target } = page;
  const actual = (await targetActuals(scope, [targetId])).get(targetId) ?? { recorded: 0, reported: 0 };
  const last = page.rows[page.rows.length - 1];
  return {
    target: {
      id: target.id,
      regionLabel: regionLabel(target.regionCode),
      metric: target.metric,
      periodStart: isoDate(target.periodStart),
      periodEnd: isoDate(target.periodEnd),
      value: target.value,
      recorded: actual.recorded,
      reported: actual.reported,
      progress: progressOf(target, actual.recorded + actual.reported, today),
    },
    visibleCount: page.visibleCount,
    rows: page.rows.map((r) => ({ ...r, countedOn: isoDate(r.countedOn), origin: regionLabel(r.originDivisionCode), where: r.where ? regionLabel(r.where) : null })),
    next: page.hasMore && last ? `${last.personId}-${last.refId}` : null,
    first: after === null,
  };
}
export type TargetPeopleData = Awaited<ReturnType<typeof loadTargetPeople>>;

/** The article's figures beside what JobBridge holds: recorded + reported, and how far from the article's number. */
export async function loadArticleReport() {
  const { scope } = await requireActor("target.view");
  const actuals = await figureActuals(
    scope,
    ARTICLE_FIGURES.map((f) => ({ key: f.key, metric: f.metric, regionCode: f.regionCode, start: f.period.start, end: f.period.end, originPrefix: f.originPrefix })),
  );
  return {
    year: ARTICLE_YEAR,
    figures: ARTICLE_FIGURES.filter((f) => actuals.has(f.key)).map((f) => {
      const { recorded, reported } = actuals.get(f.key)!;
      return {
        key: f.key,
        metric: f.metric,
        regionLabel: regionLabel(f.regionCode),
        periodStart: isoDate(f.period.start),
        periodEnd: isoDate(f.period.end),
        article: f.value,
        orMore: f.orMore,
        origin: f.originPrefix ? regionLabel(f.originPrefix) : null,
        recorded,
        reported,
        total: recorded + reported,
      };
    }),
  };
}
export type ArticleReportData = Awaited<ReturnType<typeof loadArticleReport>>;
