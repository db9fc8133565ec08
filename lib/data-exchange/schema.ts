// zod schemas of the data exchange's inputs (the upload's fields, export filters, decisions on
// conflicts, expected cadences). Messages are i18n keys under "validation.*".
import { z } from "zod";
import { CADENCES } from "@/lib/data-exchange/rules";

const id = z.coerce.number({ message: "validation.required" }).int().positive({ message: "validation.required" });

export const uploadSchema = z.object({ partnerOfficeId: id });

const optionalDay = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (v ? v.trim() : ""))
  .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v), { message: "validation.date" })
  .transform((v) => (v ? v : null));

export const exportSchema = z
  .object({
    partnerOfficeId: id,
    // A region prefix (province 2, city 4, county 6 digits, or finer); blank: the partner's whole region.
    region: z
      .union([z.string(), z.null()])
      .optional()
      .transform((v) => (v ? v.trim() : ""))
      .refine((v) => v === "" || /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/.test(v), { message: "validation.division" }),
    from: optionalDay,
    to: optionalDay,
    format: z.enum(["CSV", "XLSX"]).default("XLSX"),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "validation.endBeforeStart", path: ["to"] });
export type ExportInput = z.output<typeof exportSchema>;

export const decisionSchema = z.object({
  decision: z.enum(["TAKE_FILE", "KEEP_OURS"]),
  // Row numbers, or every undecided conflict when absent.
  rows: z.array(z.number().int().positive()).max(1000).optional(),
});
export type DecisionInput = z.output<typeof decisionSchema>;

export const expectationSchema = z.object({
  officeId: id,
  partnerOfficeId: id,
  cadence: z.enum(CADENCES, { message: "validation.required" }),
  graceDays: z.coerce.number({ message: "validation.number" }).int({ message: "validation.number" }).min(0, { message: "validation.range" }).max(60, { message: "validation.range" }),
  active: z.boolean().default(true),
});
export type ExpectationInput = z.output<typeof expectationSchema>;

export const rowQuerySchema = z.object({
  filter: z.enum(["ALL", "NEW", "UPDATE", "UNCHANGED", "ERROR", "CONFLICT"]).catch("ALL"),
  page: z.coerce.number().int().positive().catch(1),
});
