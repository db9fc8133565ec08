import { z } from "zod";
import { optionalDate, optionalDivisionCode, optionalInt, optionalText } from "@/lib/validation";
import { CONTACT_CHANNELS, CONTRACT_TYPES, END_REASONS, FOLLOW_UP_OUTCOMES, SUPPORT_KINDS } from "@/lib/placements/rules";

const requiredDate = z
  .union([z.string(), z.date(), z.null()])
  .optional()
  .transform((v) => (v === "" || v === undefined || v === null ? null : new Date(v)))
  .refine((d): d is Date => d !== null, { message: "validation.required" })
  .refine((d) => d === null || !Number.isNaN(d.getTime()), { message: "validation.date" })
  .transform((d) => d as Date);

const requiredInt = (min: number, max: number) =>
  optionalInt(min, max).refine((v): v is number => v !== null, { message: "validation.required" }).transform((v) => v as number);

const id = z.coerce.number().int().positive();
const optionalId = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => (v === "" || v === undefined || v === null ? null : Number(v)))
  .pipe(z.number().int().positive().nullable());

export const supportSchema = z
  .object({
    kind: z.enum(SUPPORT_KINDS, { message: "validation.required" }),
    monthlyAmount: requiredInt(0, 100_000),
    startDate: requiredDate,
    endDate: optionalDate,
    note: optionalText(200),
  })
  .refine((s) => !s.endDate || s.endDate >= s.startDate, { message: "validation.endBeforeStart", path: ["endDate"] })
  .refine((s) => s.kind !== "OTHER" || s.note, { message: "validation.supportNote", path: ["note"] });

/** The job itself: a vacancy, or (recorded directly) an employer, a title and a place. */
const jobFields = {
  vacancyId: optionalId,
  referralId: optionalId,
  employerId: optionalId,
  title: optionalText(120),
  occupationCode: optionalText(16),
  // County or below: the placement keeps the county (a province or city is not a workplace).
  divisionCode: optionalDivisionCode,
  startDate: requiredDate,
  monthlyWage: requiredInt(300, 200_000),
  contractType: z.enum(CONTRACT_TYPES, { message: "validation.required" }),
  roomAndBoard: z.boolean().default(false),
  supports: z.array(supportSchema).max(10).default([]),
};

function checkJob(v: { vacancyId: number | null; referralId: number | null; employerId: number | null; title: string | null; divisionCode: string | null }, ctx: z.RefinementCtx) {
  // A referral names its vacancy.
  if (v.vacancyId || v.referralId) return;
  if (!v.employerId) ctx.addIssue({ code: "custom", message: "validation.required", path: ["employerId"] });
  if (!v.title) ctx.addIssue({ code: "custom", message: "validation.required", path: ["title"] });
  if (!v.divisionCode) ctx.addIssue({ code: "custom", message: "validation.required", path: ["divisionCode"] });
}

export const placementInputSchema = z.object(jobFields).superRefine(checkJob);
export type PlacementInput = z.output<typeof placementInputSchema>;

const endFields = {
  endDate: requiredDate,
  endReason: z.enum(END_REASONS, { message: "validation.required" }),
  endNote: optionalText(500),
};

function checkEnd(v: { endReason: string; endNote: string | null }, ctx: z.RefinementCtx) {
  if (v.endReason === "OTHER" && !v.endNote) ctx.addIssue({ code: "custom", message: "validation.endNote", path: ["endNote"] });
}

export const endPlacementSchema = z.object({ ...endFields, version: id }).superRefine(checkEnd);
export type EndPlacementInput = z.output<typeof endPlacementSchema>;

/** End the current placement and start the next in one step. The new job starts on or after the end. */
export const reassignSchema = z
  .object({ ...endFields, version: id, next: z.object(jobFields).superRefine(checkJob) })
  .superRefine(checkEnd)
  .superRefine((v, ctx) => {
    if (v.next.startDate < v.endDate) ctx.addIssue({ code: "custom", message: "validation.nextStartsBeforeEnd", path: ["next", "startDate"] });
  });
export type ReassignInput = z.output<typeof reassignSchema>;

export const updatePlacementSchema = z.object({
  version: id,
  monthlyWage: requiredInt(300, 200_000),
  contractType: z.enum(CONTRACT_TYPES, { message: "validation.required" }),
  roomAndBoard: z.boolean(),
  supports: z.array(supportSchema).max(10),
});
export type UpdatePlacementInput = z.output<typeof updatePlacementSchema>;

export const reopenSchema = z.object({ version: id, note: z.string().trim().min(1, { message: "validation.required" }).max(500, { message: "validation.tooLong" }) });

export const contactSchema = z
  .object({
    channel: z.enum(CONTACT_CHANNELS, { message: "validation.required" }),
    reached: z.boolean({ message: "validation.required" }),
    outcome: z.enum(FOLLOW_UP_OUTCOMES).nullish().transform((v) => v ?? null),
    income: optionalInt(0, 200_000),
    notes: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.reached && !v.outcome) ctx.addIssue({ code: "custom", message: "validation.required", path: ["outcome"] });
  })
  .transform((v) => ({ ...v, outcome: v.reached ? v.outcome : null, income: v.reached ? v.income : null }));
export type ContactInput = z.output<typeof contactSchema>;

export const manualFollowUpSchema = z.object({ dueDate: requiredDate, note: optionalText(300) });

export const cadenceSchema = z.object({
  followUpCadence: z.array(z.coerce.number().int().min(1, { message: "validation.range" }).max(730, { message: "validation.range" })).min(1, { message: "validation.required" }).max(12),
  monitoringIntervalDays: requiredInt(7, 366),
});
