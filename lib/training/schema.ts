import { z } from "zod";
import { divisionCode, optionalText } from "@/lib/validation";
import { ATTENDANCE_STATUSES, COHORT_STATUSES, SKILL_LEVELS, TRAINING_DELIVERIES, TRAINING_KINDS } from "@/lib/training/rules";

// Forms of training, shared by the form and the server. Messages are i18n keys: "validation.*"
// for the common ones, "training.errors.*" for this domain's own.

const date = z
  .union([z.string(), z.date()])
  .transform((v) => (typeof v === "string" ? new Date(v.slice(0, 10)) : v))
  .refine((d) => !Number.isNaN(d.getTime()), { message: "validation.date" });

const requiredDate = z.union([z.string().min(1, { message: "validation.required" }), z.date()], { message: "validation.required" }).pipe(date);

const int = (min: number, max: number) =>
  z.coerce.number({ message: "validation.number" }).int({ message: "validation.number" }).min(min, { message: "validation.range" }).max(max, { message: "validation.range" });

const version = z.number().int().positive();

export const programmeInputSchema = z
  .object({
    kind: z.enum(TRAINING_KINDS, { message: "validation.required" }),
    title: z.string().trim().min(1, { message: "validation.required" }).max(120, { message: "validation.tooLong" }),
    // The provider: one of our training institutions, or a name typed freely.
    providerOfficeId: z.coerce.number().int().positive().nullish().transform((v) => v ?? null),
    providerName: optionalText(120),
    delivery: z.enum(TRAINING_DELIVERIES, { message: "validation.required" }),
    divisionCode,
    startDate: requiredDate,
    endDate: requiredDate,
    capacity: int(1, 100_000),
    subsidyPerPerson: int(0, 1_000_000).default(0),
    description: optionalText(2000),
    skills: z
      .array(z.object({ skillId: z.coerce.number().int().positive({ message: "validation.required" }), level: z.enum(SKILL_LEVELS).default("SKILLED") }))
      .max(20)
      .default([]),
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "training.errors.endBeforeStart" });
    if (!v.providerOfficeId && !v.providerName) ctx.addIssue({ code: "custom", path: ["providerName"], message: "training.errors.providerRequired" });
    if (new Set(v.skills.map((s) => s.skillId)).size !== v.skills.length) ctx.addIssue({ code: "custom", path: ["skills"], message: "validation.skillDuplicate" });
  });
export type ProgrammeInput = z.output<typeof programmeInputSchema>;

export const updateProgrammeSchema = z.intersection(programmeInputSchema, z.object({ version }));
export type UpdateProgrammeInput = z.output<typeof updateProgrammeSchema>;

export const cohortInputSchema = z
  .object({
    name: z.string().trim().min(1, { message: "validation.required" }).max(120, { message: "validation.tooLong" }),
    startDate: requiredDate,
    endDate: requiredDate,
    capacity: int(1, 10_000),
    tuitionFree: z.boolean().default(false),
    monthlyAllowance: int(0, 100_000).default(0),
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "training.errors.endBeforeStart" });
  });
export type CohortInput = z.output<typeof cohortInputSchema>;

export const updateCohortSchema = z.intersection(cohortInputSchema, z.object({ version }));
export type UpdateCohortInput = z.output<typeof updateCohortSchema>;

export const cohortStatusSchema = z.object({ status: z.enum(COHORT_STATUSES), version });
export type CohortStatusInput = z.output<typeof cohortStatusSchema>;

export const enrolSchema = z.object({ personId: z.coerce.number().int().positive({ message: "validation.required" }), enrolledOn: requiredDate.optional() });
export type EnrolInput = z.output<typeof enrolSchema>;

/** Withdrawing or failing someone: the day and why. */
export const endEnrolmentSchema = z.object({
  status: z.enum(["WITHDRAWN", "FAILED"]),
  endedOn: requiredDate,
  note: z.string().trim().min(1, { message: "training.errors.noteRequired" }).max(500, { message: "validation.tooLong" }),
  version,
});
export type EndEnrolmentInput = z.output<typeof endEnrolmentSchema>;

/** Completing one or several people at once: the day, and the certificate they obtained. */
export const completeSchema = z
  .object({
    enrolmentIds: z.array(z.coerce.number().int().positive()).min(1, { message: "training.errors.pickPeople" }).max(500),
    completedOn: requiredDate,
    certificate: optionalText(120),
    // One number per person when certificates are individual; a list typed in the order picked.
    certificateNumbers: z.record(z.string(), z.string().trim().max(60, { message: "validation.tooLong" })).default({}),
  })
  .superRefine((v, ctx) => {
    const numbered = Object.values(v.certificateNumbers).some((n) => n);
    if (numbered && !v.certificate) ctx.addIssue({ code: "custom", path: ["certificate"], message: "training.errors.certificateName" });
  });
export type CompleteInput = z.output<typeof completeSchema>;

export const attendanceSchema = z.object({
  day: requiredDate,
  marks: z.array(z.object({ enrolmentId: z.coerce.number().int().positive(), status: z.enum(ATTENDANCE_STATUSES) })).min(1, { message: "training.errors.pickPeople" }).max(2000),
});
export type AttendanceInput = z.output<typeof attendanceSchema>;

export const paySchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/, { message: "training.errors.month" }),
  enrolmentIds: z.array(z.coerce.number().int().positive()).min(1, { message: "training.errors.pickPeople" }).max(2000),
  paidOn: requiredDate,
  reference: optionalText(80),
});
export type PayInput = z.output<typeof paySchema>;

export const programmeListQuerySchema = z.object({
  kind: z.enum(TRAINING_KINDS).optional(),
  delivery: z.enum(TRAINING_DELIVERIES).optional(),
  officeId: z.coerce.number().int().positive().optional(),
  q: z.string().max(60).optional(),
  after: z.coerce.number().int().positive().optional(),
});
export type ProgrammeListQuery = z.output<typeof programmeListQuerySchema>;
