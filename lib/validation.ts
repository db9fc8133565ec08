// zod building blocks shared by every form schema. Forms send "" or null for empty inputs;
// these store null. Messages are i18n keys under "validation.*".
import { z } from "zod";

export const optionalText = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => (v && v.trim() ? v.trim() : null))
    .pipe(z.string().max(max, { message: "validation.tooLong" }).nullable());

export const optionalInt = (min: number, max: number) =>
  z
    .union([z.number(), z.string(), z.null()])
    .optional()
    .transform((v) => (v === "" || v === undefined || v === null ? null : Number(v)))
    .pipe(
      z
        .number({ message: "validation.number" })
        .int({ message: "validation.number" })
        .min(min, { message: "validation.range" })
        .max(max, { message: "validation.range" })
        .nullable(),
    );

/** Province (2), city (4), county (6), town (9) or village (12) code. */
export const divisionCode = z.string().trim().regex(/^\d{6}(\d{3}(\d{3})?)?$/, { message: "validation.division" });

export const optionalDivisionCode = z
  .string()
  .nullish()
  .transform((v) => (v && v.trim() ? v.trim() : null))
  .pipe(divisionCode.nullable());

export const optionalDate = z
  .union([z.string(), z.date(), z.null()])
  .optional()
  .transform((v) => (v === "" || v === undefined || v === null ? null : new Date(v)))
  .refine((d) => d === null || !Number.isNaN(d.getTime()), { message: "validation.date" });
