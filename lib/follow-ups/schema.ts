import { z } from "zod";
import { optionalText } from "@/lib/validation";

// Forms of follow-up work that are not in lib/placements/schema.ts (where the contact, the
// manual follow-up and the office cadence live, next to the writes that take them).

/** Flag someone as unstable / at risk (kept under follow-up), or clear the flag. */
export const atRiskSchema = z
  .object({ atRisk: z.boolean({ message: "validation.required" }), note: optionalText(300) })
  .superRefine((v, ctx) => {
    // A flag without a reason tells the next caseworker nothing.
    if (v.atRisk && !v.note) ctx.addIssue({ code: "custom", message: "validation.atRiskNote", path: ["note"] });
  });
export type AtRiskInput = z.output<typeof atRiskSchema>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).transform((v) => new Date(`${v}T00:00:00Z`)).refine((d) => !Number.isNaN(d.getTime()));

/** The report's period from the address bar (?from=2026-01-01&to=2026-12-31); bad values are ignored. */
export const reportPeriodSchema = z.object({ from: isoDay.optional().catch(undefined), to: isoDay.optional().catch(undefined) });

/** Whose day a supervisor opens (?caseworker=12). */
export const myDayQuerySchema = z.object({ caseworker: z.coerce.number().int().positive().optional().catch(undefined) });
