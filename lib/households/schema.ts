import { z } from "zod";
import { householdMemberSchema, POVERTY_STATUS } from "@/lib/persons/schema";

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : (v ?? null)),
    z.string().max(max, { message: "validation.tooLong" }).nullable(),
  );

export const saveHouseholdSchema = z.object({
  version: z.number().int().positive(),
  divisionCode: z.preprocess((v) => (v === "" ? null : (v ?? null)), z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, { message: "validation.division" }).nullable()),
  addressDetail: optionalText(200),
  perCapitaIncome: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : Number(v)),
    z.number({ message: "validation.number" }).int({ message: "validation.number" }).min(0, { message: "validation.range" }).max(10_000_000, { message: "validation.range" }).nullable(),
  ),
  registrationNote: optionalText(500),
  // Members with an id are edited, without one added; members left out are removed (except
  // those who have a person record: they leave a household by joining another).
  members: z.array(householdMemberSchema.extend({ id: z.number().int().positive().optional() })).max(20),
});

export const changePovertyStatusSchema = z.object({
  version: z.number().int().positive(),
  status: z.enum(POVERTY_STATUS),
  effectiveDate: z.coerce.date({ message: "validation.date" }).refine((d) => d.getTime() <= Date.now() + 86_400_000, { message: "validation.dateFuture" }),
  note: optionalText(500),
});
