import { z } from "zod";
import { householdMemberSchema, POVERTY_STATUS } from "@/lib/persons/schema";
import { optionalDivisionCode, optionalInt, optionalText } from "@/lib/validation";

export const saveHouseholdSchema = z.object({
  version: z.number().int().positive(),
  divisionCode: optionalDivisionCode,
  addressDetail: optionalText(200),
  perCapitaIncome: optionalInt(0, 10_000_000),
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
