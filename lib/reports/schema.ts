import { z } from "zod";
import { PANELS, PERIOD_PRESETS } from "@/lib/reports/rules";

// The dashboard's filters and drill-down live in the address bar (?preset=thisYear&region=3202,
// ?panel=status&key=EMPLOYED&after=120), so a view can be linked. Bad values are dropped, not
// refused: a stale link opens the default view.

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((v) => new Date(`${v}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100);

export const dashboardFilterSchema = z.object({
  preset: z.enum(PERIOD_PRESETS).optional().catch(undefined),
  from: isoDay.optional().catch(undefined),
  to: isoDay.optional().catch(undefined),
  // A province, city or county (GB/T 2260: 2, 4 or 6 digits).
  region: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6})$/)
    .optional()
    .catch(undefined),
});
export type DashboardFilterInput = z.output<typeof dashboardFilterSchema>;

export const drillDownSchema = dashboardFilterSchema.extend({
  panel: z.enum(PANELS).optional().catch(undefined),
  key: z.string().max(40).optional().catch(undefined),
  after: z.coerce.number().int().min(0).optional().catch(undefined),
});

/** An export: the view's filters, the format and the language of the file. */
export const exportSchema = dashboardFilterSchema.extend({
  format: z.enum(["xlsx", "pdf"]),
});
