// Links between the dashboard and its drill-down: the view's filters travel in the address bar.

export type ViewFilters = { from: string; to: string; preset: string | null; region: string | null };

/** The filters of a view as query parameters: a preset when the view is one, else its dates. */
export function filterParams(f: ViewFilters): Record<string, string> {
  const params: Record<string, string> = f.preset ? { preset: f.preset } : { from: f.from, to: f.to };
  if (f.region) params.region = f.region;
  return params;
}

export function drillHref(f: ViewFilters, panel: string, key: string, after?: number): string {
  const params = new URLSearchParams({ ...filterParams(f), panel, key });
  if (after) params.set("after", String(after));
  return `/reports/people?${params}`;
}

export function dashboardHref(f: ViewFilters): string {
  return `/reports?${new URLSearchParams(filterParams(f))}`;
}
