import { z } from "zod";
import { validateUscc } from "@/lib/employers/uscc";
import { divisionCode, optionalText } from "@/lib/validation";
import { SECTORS } from "@/lib/persons/rules";

export const employerInputSchema = z.object({
  name: z.string().trim().min(1, { message: "validation.required" }).max(120, { message: "validation.tooLong" }),
  uscc: z.string().superRefine((value, ctx) => {
    const result = validateUscc(value);
    if (!result.ok) ctx.addIssue({ code: "custom", message: `validation.uscc.${result.error}` });
  }),
  industry: z.enum(SECTORS).or(z.literal("")).nullish().transform((v) => v || null),
  divisionCode,
  addressDetail: optionalText(200),
  contactName: optionalText(60),
  contactPhone: z
    .string()
    .nullish()
    .transform((v) => (v ? v.replace(/[\s-]/g, "") || null : null))
    .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}\d{7,8})$/, { message: "validation.contactPhone" }).nullable()),
  notes: optionalText(2000),
});

export const updateEmployerSchema = employerInputSchema.extend({ version: z.number().int().positive() });
