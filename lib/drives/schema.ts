import { z } from "zod";
import { TRACKS } from "@/lib/persons/schema";

export const createDriveSchema = z.object({
  name: z.string().trim().min(1, { message: "validation.required" }).max(120, { message: "validation.tooLong" }),
  vacancyIds: z.array(z.coerce.number().int().positive()).min(1, { message: "validation.driveVacancies" }).max(5000),
  originPrefix: z.string().regex(/^\d{2,12}$/, { message: "validation.division" }).or(z.literal("")).nullish().transform((v) => v || null),
  track: z.enum(TRACKS).or(z.literal("")).nullish().transform((v) => v || null),
});

export const acceptDriveSchema = z.object({ lineIds: z.array(z.number().int().positive()).min(1, { message: "validation.required" }) });
