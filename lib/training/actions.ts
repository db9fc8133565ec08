"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import {
  attendanceSchema,
  cohortInputSchema,
  cohortStatusSchema,
  completeSchema,
  endEnrolmentSchema,
  enrolSchema,
  paySchema,
  programmeInputSchema,
  updateCohortSchema,
  updateProgrammeSchema,
} from "@/lib/training/schema";
import {
  completeEnrolments,
  createCohort,
  createProgramme,
  endEnrolment,
  enrol,
  payAllowances,
  recordAttendance,
  setCohortStatus,
  updateCohort,
  updateProgramme,
} from "@/lib/training/mutations";

// Server actions of training. Record ids (programme, cohort, enrolment) are bound by the page,
// never posted; values are validated here and every mutation checks permission and scope again.

export async function createProgrammeAction(values: unknown) {
  const { scope } = await requireActor("training.manage", "throw");
  return runFormAction(async () => {
    const programme = await createProgramme(scope, programmeInputSchema.parse(values));
    revalidatePath("/training");
    return programme;
  });
}

export async function updateProgrammeAction(id: number, values: unknown) {
  const { scope } = await requireActor("training.manage", "throw");
  return runFormAction(async () => {
    const programme = await updateProgramme(scope, id, updateProgrammeSchema.parse(values));
    revalidatePath(`/training/${id}`);
    return programme;
  });
}

export async function createCohortAction(programmeId: number, values: unknown) {
  const { scope } = await requireActor("training.manage", "throw");
  return runFormAction(async () => {
    const cohort = await createCohort(scope, programmeId, cohortInputSchema.parse(values));
    revalidatePath(`/training/${programmeId}`);
    return cohort;
  });
}

export async function updateCohortAction(cohortId: number, values: unknown) {
  const { scope } = await requireActor("training.manage", "throw");
  return runFormAction(async () => {
    const cohort = await updateCohort(scope, cohortId, updateCohortSchema.parse(values));
    revalidatePath(`/training/cohorts/${cohortId}`);
    return cohort;
  });
}

export async function setCohortStatusAction(cohortId: number, values: unknown) {
  const { scope } = await requireActor("training.manage", "throw");
  return runFormAction(async () => {
    const cohort = await setCohortStatus(scope, cohortId, cohortStatusSchema.parse(values));
    revalidatePath(`/training/cohorts/${cohortId}`);
    return cohort;
  });
}

export async function enrolAction(cohortId: number, values: unknown) {
  const { scope } = await requireActor("training.manage", "throw");
  return runFormAction(async () => {
    const enrolment = await enrol(scope, cohortId, enrolSchema.parse(values));
    revalidatePath(`/training/cohorts/${cohortId}`);
    revalidatePath(`/persons/${enrolment.personId}`);
    return enrolment;
  });
}

export async function endEnrolmentAction(cohortId: number, enrolmentId: number, values: unknown) {
  const { scope } = await requireActor("training.manage", "throw");
  return runFormAction(async () => {
    const result = await endEnrolment(scope, enrolmentId, endEnrolmentSchema.parse(values));
    revalidatePath(`/training/cohorts/${cohortId}`);
    return result;
  });
}

export async function completeEnrolmentsAction(cohortId: number, values: unknown) {
  const { scope } = await requireActor("training.manage", "throw");
  return runFormAction(async () => {
    const result = await completeEnrolments(scope, cohortId, completeSchema.parse(values));
    revalidatePath(`/training/cohorts/${cohortId}`);
    return result;
  });
}

export async function recordAttendanceAction(cohortId: number, values: unknown) {
  const { scope } = await requireActor("training.manage", "throw");
  return runFormAction(async () => {
    const result = await recordAttendance(scope, cohortId, attendanceSchema.parse(values));
    revalidatePath(`/training/cohorts/${cohortId}`);
    return result;
  });
}

export async function payAllowancesAction(cohortId: number, values: unknown) {
  const { scope } = await requireActor("training.pay", "throw");
  return runFormAction(async () => {
    const result = await payAllowances(scope, cohortId, paySchema.parse(values));
    revalidatePath(`/training/cohorts/${cohortId}`);
    return result;
  });
}
