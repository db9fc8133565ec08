import "server-only";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { buildDashboard, drillDown } from "@/lib/reports/dashboard";
import { parseDrillKey } from "@/lib/reports/rules";
import { dashboardFilterSchema, drillDownSchema } from "@/lib/reports/schema";

// Session + reads for the dashboard pages. Partners have no report.view: the pages are "not found".

type Params = Record<string, string | string[] | undefined>;
const first = (params: Params) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

/** The dashboard at /reports with the filters of the address bar. */
export async function loadDashboard(params: Params) {
  const { scope, user } = await requireActor("report.view");
  const view = await buildDashboard(scope, dashboardFilterSchema.parse(first(params)), await getLocale());
  return { ...view, canExport: can(user.role, "report.export") };
}
export type DashboardData = Awaited<ReturnType<typeof loadDashboard>>;

/** The people behind one number: /reports/people?panel=&key=&after= with the dashboard's filters. */
export async function loadDrillDown(params: Params) {
  const { scope } = await requireActor("report.view");
  const query = drillDownSchema.parse(first(params));
  const drill = query.panel && query.key ? parseDrillKey(query.panel, query.key) : null;
  if (!drill) notFound();
  const { panel, key, after, ...filters } = query;
  const view = await drillDown(scope, filters, drill, after ?? 0, await getLocale());
  return { ...view, panel: panel!, key: key! };
}
export type DrillDownData = Awaited<ReturnType<typeof loadDrillDown>>;
