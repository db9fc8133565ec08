import { z } from "zod";

export const ROLES = ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"] as const;

export const passwordField = z
  .string()
  .min(10, { message: "validation.passwordLength" })
  .max(200, { message: "validation.tooLong" });

export const createUserSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{3,60}$/, { message: "validation.username" }),
  displayName: z.string().trim().min(1, { message: "validation.required" }).max(80, { message: "validation.tooLong" }),
  role: z.enum(ROLES),
  officeId: z.coerce.number().int().positive({ message: "validation.required" }),
  password: passwordField,
});

export const updateUserSchema = z.object({
  version: z.number().int().positive(),
  displayName: z.string().trim().min(1, { message: "validation.required" }).max(80, { message: "validation.tooLong" }),
  role: z.enum(ROLES),
  officeId: z.coerce.number().int().positive({ message: "validation.required" }),
  active: z.boolean(),
});

export const resetPasswordSchema = z.object({ password: passwordField });
