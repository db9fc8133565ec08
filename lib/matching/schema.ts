import { z } from "zod";
import { optionalText } from "@/lib/validation";

export const DISMISS_REASONS = ["NOT_INTERESTED", "WAGE_TOO_LOW", "TOO_FAR", "UNSUITABLE_WORK", "HEALTH", "FAMILY", "OTHER"] as const;

export const referSchema = z.object({
  status: z.enum(["SHORTLISTED", "REFERRED"]),
  note: optionalText(500),
});

export const dismissSchema = z
  .object({ reason: z.enum(DISMISS_REASONS, { message: "validation.required" }), note: optionalText(500) })
  .refine((v) => v.reason !== "OTHER" || v.note, { message: "validation.dismissNote", path: ["note"] });
