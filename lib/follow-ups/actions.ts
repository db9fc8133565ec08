"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { cadenceSchema, contactSchema, manualFollowUpSchema } from "@/lib/placements/schema";
import { recordContact, scheduleFollowUp, setAtRisk, updateOfficeCadence } from "@/lib/placements/mutations";
import { atRiskSchema } from "@/lib/follow-ups/schema";
import { requestFollowUpSweep } from "@/lib/jobs/queue";

// Server actions of follow-up work. The follow-up, person and office ids are bound by the page
// (never posted); the values are validated here and the write checks scope and permission again.

/** Pages that show open follow-ups: they must not show one that was just done. */
function revalidateDay(personId: number, followUpId?: number) {
  revalidatePath("/my-day");
  revalidatePath(`/persons/${personId}`);
  if (followUpId) revalidatePath(`/follow-ups/${followUpId}`);
}

/**
 * One attempt to reach the person. The third failure escalates to the supervisor: the sweep
 * that writes the notifications is asked to run now rather than at its next scheduled time.
 */
export async function recordContactAction(followUpId: number, values: unknown) {
  const { scope } = await requireActor("followup.record", "throw");
  return runFormAction(async () => {
    const result = await recordContact(scope, followUpId, contactSchema.parse(values));
    revalidateDay(result.personId, followUpId);
    if (result.escalate) await requestSweepAfterEscalation();
    return result;
  });
}

/**
 * After commit, and never fatal: the contact is saved; if the queue cannot be reached, the
 * scheduled sweep still finds the escalation (follow_ups_to_escalate_idx) on its next run.
 */
async function requestSweepAfterEscalation() {
  try {
    await requestFollowUpSweep();
  } catch (error) {
    console.error("could not request the follow-up sweep after an escalation", error);
  }
}

export async function scheduleFollowUpAction(personId: number, values: unknown) {
  const { scope } = await requireActor("followup.record", "throw");
  return runFormAction(async () => {
    const created = await scheduleFollowUp(scope, personId, manualFollowUpSchema.parse(values));
    revalidateDay(personId);
    return created;
  });
}

export async function setAtRiskAction(personId: number, values: unknown) {
  const { scope } = await requireActor("followup.record", "throw");
  return runFormAction(async () => {
    const result = await setAtRisk(scope, personId, atRiskSchema.parse(values));
    revalidateDay(personId);
    return result;
  });
}

export async function updateOfficeCadenceAction(officeId: number, values: unknown) {
  const { scope } = await requireActor("office.configure", "throw");
  return runFormAction(async () => {
    const result = await updateOfficeCadence(scope, officeId, cadenceSchema.parse(values));
    revalidatePath("/admin/follow-up-settings");
    return result;
  });
}
