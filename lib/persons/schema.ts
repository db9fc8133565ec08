// zod schemas shared by the person forms (types) and the server (validation). Messages are
// i18n keys under "validation.*"; the action translates them for the user's language.
import { z } from "zod";
import { parseNationalId } from "@/lib/persons/national-id";
import { NEEDS, PHONE_PATTERN, SECTORS, TRAINING_PROGRAMMES } from "@/lib/persons/rules";
import { divisionCode, optionalDate, optionalDivisionCode, optionalInt, optionalText } from "@/lib/validation";

export const EDUCATION = ["NONE", "PRIMARY", "JUNIOR_SECONDARY", "SENIOR_SECONDARY", "VOCATIONAL", "COLLEGE", "BACHELOR_OR_ABOVE"] as const;
export const HEALTH = ["HEALTHY", "CHRONIC_ILLNESS", "DISABLED", "SERIOUS_ILLNESS"] as const;
export const EMPLOYMENT_STATUS = ["UNEMPLOYED", "EMPLOYED", "SELF_EMPLOYED", "IN_TRAINING", "STUDENT", "NOT_IN_LABOUR_FORCE"] as const;
export const MIGRATION = ["WILLING", "UNWILLING", "UNDECIDED"] as const;
export const TRACKS = ["TRANSFER", "TRAIN_THEN_PLACE", "LOCAL"] as const;
export const POVERTY_STATUS = ["REGISTERED_POOR", "LIFTED", "LIFTED_UNSTABLE", "MARGINAL_AT_RISK", "EPIDEMIC_RETURNED", "NONE"] as const;
export const RELATIONS = ["SELF", "HEAD", "SPOUSE", "CHILD", "PARENT", "PARENT_IN_LAW", "SIBLING", "GRANDCHILD", "GRANDPARENT", "OTHER"] as const;
export const SKILL_LEVELS = ["BASIC", "SKILLED", "CERTIFIED"] as const;

export const nationalIdField = z.string().superRefine((value, ctx) => {
  const parsed = parseNationalId(value);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: `validation.nationalId.${parsed.error}` });
});

export const personSkillSchema = z
  .object({
    skillId: optionalInt(1, 1_000_000),
    customName: optionalText(80),
    level: z.enum(SKILL_LEVELS).default("BASIC"),
    certificate: optionalText(120),
  })
  .refine((s) => s.skillId !== null || s.customName !== null, { message: "validation.skillRequired", path: ["skillId"] });

export const personFieldsSchema = z.object({
  name: z.string().trim().min(1, { message: "validation.required" }).max(60, { message: "validation.tooLong" }),
  phone: z
    .string()
    .nullish()
    .transform((v) => (v ? v.replace(/[\s-]/g, "") || null : null))
    .pipe(z.string().regex(PHONE_PATTERN, { message: "validation.phone" }).nullable()),
  ethnicity: optionalText(20),
  education: z.enum(EDUCATION).or(z.literal("")).nullish().transform((v) => v || null),
  health: z.enum(HEALTH).default("HEALTHY"),
  healthNote: optionalText(200),
  originDivisionCode: divisionCode,
  originAddressDetail: optionalText(200),
  currentDivisionCode: optionalDivisionCode,
  currentAddressDetail: optionalText(200),
  employmentStatus: z.enum(EMPLOYMENT_STATUS).default("UNEMPLOYED"),
  workHistory: optionalText(2000),
  migration: z.enum(MIGRATION).default("UNDECIDED"),
  migrationNote: optionalText(200),
  preferredSectors: z.array(z.enum(SECTORS)).max(10).default([]),
  // Provinces or cities people would move to (2 or 4 digits), or a county.
  preferredRegions: z.array(z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, { message: "validation.division" })).max(10).default([]),
  expectedWage: optionalInt(0, 100_000),
  needs: z.array(z.enum(NEEDS)).default([]),
  trainingWishes: z.array(z.enum(TRAINING_PROGRAMMES)).default([]),
  trainingWishNote: optionalText(200),
  caseworkerId: optionalInt(1, 1_000_000_000),
  notes: optionalText(2000),
  skills: z.array(personSkillSchema).max(30).default([]),
});

export const householdMemberSchema = z.object({
  name: z.string().trim().min(1, { message: "validation.required" }).max(60, { message: "validation.tooLong" }),
  relation: z.enum(RELATIONS),
  birthYear: optionalInt(1900, 2100),
  isLabourer: z.boolean().default(false),
  note: optionalText(200),
});

export const newHouseholdSchema = z.object({
  divisionCode: optionalDivisionCode,
  addressDetail: optionalText(200),
  povertyStatus: z.enum(POVERTY_STATUS).default("NONE"),
  povertyStatusSince: optionalDate,
  perCapitaIncome: optionalInt(0, 10_000_000),
  members: z.array(householdMemberSchema).max(20).default([]),
});

export const createPersonSchema = personFieldsSchema.extend({
  nationalId: nationalIdField,
  consentGiven: z.literal(true, { message: "validation.consent" }),
  // Either join an existing household (with the relation to it) or register a new one.
  joinHouseholdId: optionalInt(1, 1_000_000_000),
  relation: z.enum(RELATIONS).default("SELF"),
  household: newHouseholdSchema.nullable().default(null),
});

export const updatePersonSchema = personFieldsSchema.extend({
  version: z.number().int().positive(),
});

export const overrideTrackSchema = z.object({
  version: z.number().int().positive(),
  track: z.enum(TRACKS).or(z.literal("")).nullish().transform((v) => v || null),
  note: optionalText(300),
}).refine((v) => v.track === null || (v.note !== null && v.note.length > 0), { message: "validation.overrideNote", path: ["note"] });

export const personListQuerySchema = z.object({
  q: z.string().max(60).optional(),
  employmentStatus: z.enum(EMPLOYMENT_STATUS).optional(),
  povertyStatus: z.enum(POVERTY_STATUS).optional(),
  track: z.enum(TRACKS).optional(),
  origin: z.string().regex(/^\d{2,12}$/).optional(),
  caseworkerId: z.coerce.number().int().positive().optional(),
  after: z.coerce.number().int().positive().optional(),
});

export type CreatePersonInput = z.input<typeof createPersonSchema>;
export type UpdatePersonInput = z.input<typeof updatePersonSchema>;
export type PersonFields = z.output<typeof personFieldsSchema>;
export type PersonListQuery = z.output<typeof personListQuerySchema>;
