import { z } from "zod";
import { optionalText } from "@/lib/validation";
import { TARGET_METRICS } from "@/lib/targets/rules";

// Forms and queries of targets and reported figures. Messages are i18n keys under "validation.*".

const requiredDate = z
  .union([z.string(), z.date(), z.null()])
  .optional()
  .transform((v) => (v === "" || v === undefined || v === null ? null : new Date(v)))
  .refine((d): d is Date => d !== null, { message: "validation.required" })
  .refine((d) => d === null || !Number.isNaN(d.getTime()), { message: "validation.date" })
  .transform((d) => new Date(Date.UTC(d!.getUTCFullYear(), d!.getUTCMonth(), d!.getUTCDate())));

const count = (min: number) =>
  z
    .union([z.number(), z.string(), z.null()])
    .optional()
    .transform((v) => (v === "" || v === undefined || v === null ? null : Number(v)))
    .refine((v): v is number => v !== null, { message: "validation.required" })
    .pipe(z.number({ message: "validation.number" }).int({ message: "validation.number" }).min(min, { message: "validation.range" }).max(100_000_000, { message: "validation.range" }));

/** A province (2 digits), city (4) or county (6): targets are not set for towns or villages. */
const regionCode = z
  .string({ message: "validation.required" })
  .trim()
  .regex(/^\d{2}(\d{2}(\d{2})?)?$/, { message: "validation.invalid" });

const metric = z.enum(TARGET_METRICS, { message: "validation.required" });

export const targetInputSchema = z
  .object({
    regionCode,
    metric,
    periodStart: requiredDate,
    periodEnd: requiredDate,
    value: count(1),
    note: optionalText(500),
  })
  .refine((v) => v.periodEnd >= v.periodStart, { message: "validation.endBeforeStart", path: ["periodEnd"] });
export type TargetInput = z.output<typeof targetInputSchema>;

const version = z.coerce.number().int().positive();

export const updateTargetSchema = z
  .object({
    version,
    regionCode,
    metric,
    periodStart: requiredDate,
    periodEnd: requiredDate,
    value: count(1),
    note: optionalText(500),
  })
  .refine((v) => v.periodEnd >= v.periodStart, { message: "validation.endBeforeStart", path: ["periodEnd"] });
export type UpdateTargetInput = z.output<typeof updateTargetSchema>;

export const deleteTargetSchema = z.object({ version });

/**
 * The origin of the people a reported figure counts, when the return gives it: a province (2),
 * city (4), county (6), town (9) or village (12). Empty: not given.
 */
const originCode = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (typeof v === "string" && v.trim() ? v.trim() : null))
  .refine((v) => v === null || /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/.test(v), { message: "validation.invalid" });

export const reportedFigureSchema = z.object({
  regionCode,
  metric,
  asOf: requiredDate,
  value: count(0),
  source: z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(300, { message: "validation.tooLong" }),
  originCode,
});
export type ReportedFigureInput = z.output<typeof reportedFigureSchema>;

/**
 * The list's filters: a year (targets whose period overlaps it), optionally one period of it
 * ("YEAR", "HALF-2", "QUARTER-3", "MONTH-11": targets of exactly that period), and a metric.
 */
export const targetListQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  period: z
    .string()
    .regex(/^(YEAR|HALF-[12]|QUARTER-[1-4]|MONTH-([1-9]|1[0-2]))$/)
    .optional()
    .catch(undefined),
  metric: z.enum(TARGET_METRICS).optional().catch(undefined),
});

/** A page of the people behind a target: after the (person id, counted record id) of the last row. */
export const peopleQuerySchema = z.object({
  after: z
    .string()
    .regex(/^\d+-\d+$/)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? (v.split("-").map(Number) as [number, number]) : null)),
});
