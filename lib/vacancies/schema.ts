import { z } from "zod";
import { SECTORS } from "@/lib/persons/rules";
import { divisionCode, optionalDate, optionalInt, optionalText } from "@/lib/validation";

export const VACANCY_KINDS = ["REGULAR", "PUBLIC_WELFARE"] as const;
export const VACANCY_STATUSES = ["DRAFT", "OPEN", "FILLED", "CLOSED"] as const;
export const GENDER_REQUIREMENTS = ["NONE", "MALE", "FEMALE"] as const;
export const SKILL_REQUIREMENTS = ["REQUIRED", "NICE_TO_HAVE", "CERTIFICATE"] as const;

export const vacancyInputSchema = z
  .object({
    employerId: z.coerce.number().int().positive({ message: "validation.required" }),
    kind: z.enum(VACANCY_KINDS).default("REGULAR"),
    title: z.string().trim().min(1, { message: "validation.required" }).max(120, { message: "validation.tooLong" }),
    occupationCode: z.string().regex(/^\d(-\d{2}){0,3}$/, { message: "validation.occupation" }).or(z.literal("")).nullish().transform((v) => v || null),
    sector: z.enum(SECTORS).or(z.literal("")).nullish().transform((v) => v || null),
    description: optionalText(4000),
    openings: z.coerce.number({ message: "validation.number" }).int({ message: "validation.number" }).min(1, { message: "validation.range" }).max(10_000, { message: "validation.range" }),
    wageMin: optionalInt(0, 100_000),
    wageMax: optionalInt(0, 100_000),
    divisionCode,
    addressDetail: optionalText(200),
    roomAndBoard: z.boolean().default(false),
    trainingProvided: z.boolean().default(false),
    trainingDescription: optionalText(300),
    trainingDays: optionalInt(1, 365),
    ageMin: optionalInt(16, 70),
    ageMax: optionalInt(16, 70),
    genderRequirement: z.enum(GENDER_REQUIREMENTS).default("NONE"),
    startDate: optionalDate,
    status: z.enum(VACANCY_STATUSES).default("DRAFT"),
    skills: z
      .array(z.object({ skillId: z.coerce.number().int().positive({ message: "validation.required" }), requirement: z.enum(SKILL_REQUIREMENTS).default("REQUIRED") }))
      .max(20)
      .default([]),
  })
  .superRefine((v, ctx) => {
    if (v.wageMin !== null && v.wageMax !== null && v.wageMin > v.wageMax) ctx.addIssue({ code: "custom", path: ["wageMax"], message: "validation.wageRange" });
    if (v.ageMin !== null && v.ageMax !== null && v.ageMin > v.ageMax) ctx.addIssue({ code: "custom", path: ["ageMax"], message: "validation.ageRange" });
    if (v.trainingProvided && !v.trainingDescription) ctx.addIssue({ code: "custom", path: ["trainingDescription"], message: "validation.trainingDescription" });
    if (new Set(v.skills.map((s) => s.skillId)).size !== v.skills.length) ctx.addIssue({ code: "custom", path: ["skills"], message: "validation.skillDuplicate" });
  });

export const updateVacancySchema = z.intersection(vacancyInputSchema, z.object({ version: z.number().int().positive() }));

export const vacancyListQuerySchema = z.object({
  q: z.string().max(60).optional(),
  status: z.enum(VACANCY_STATUSES).optional(),
  kind: z.enum(VACANCY_KINDS).optional(),
  region: z.string().regex(/^\d{2,6}$/).optional(),
  employerId: z.coerce.number().int().positive().optional(),
  after: z.coerce.number().int().positive().optional(),
});
export type VacancyListQuery = z.output<typeof vacancyListQuerySchema>;
