"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { scheduleImportCheck, scheduleImportCommit } from "@/lib/data-exchange/jobs";
import { decisionSchema, expectationSchema } from "@/lib/data-exchange/schema";
import {
  decideConflicts,
  discardImportBatch,
  recheckImportBatch,
  releaseStalledCommit,
  requestCommit,
  saveExpectation,
} from "@/lib/data-exchange/mutations";

// Server actions of the import wizard and the exchange settings. The batch id is bound by the
// page, never posted; the heavy work (checking a file, writing it) runs after the response, in
// this process's exchange queue, and the page polls the batch's progress.

export async function decideConflictsAction(batchId: number, values: unknown) {
  const { scope } = await requireActor("exchange.import", "throw");
  return runFormAction(async () => {
    const result = await decideConflicts(scope, batchId, decisionSchema.parse(values));
    revalidatePath(`/exchange/imports/${batchId}`);
    return result;
  });
}

export async function commitImportAction(batchId: number) {
  const { scope } = await requireActor("exchange.import", "throw");
  return runFormAction(async () => {
    await requestCommit(scope, batchId);
    scheduleImportCommit(scope, batchId);
    revalidatePath(`/exchange/imports/${batchId}`);
    return { id: batchId };
  });
}

export async function discardImportAction(batchId: number) {
  const { scope } = await requireActor("exchange.import", "throw");
  return runFormAction(async () => {
    await discardImportBatch(scope, batchId);
    revalidatePath("/exchange");
    return { id: batchId };
  });
}

/** After a commit found people changed meanwhile: read the file again against today's records. */
export async function recheckImportAction(batchId: number) {
  const { scope } = await requireActor("exchange.import", "throw");
  return runFormAction(async () => {
    await recheckImportBatch(scope, batchId);
    scheduleImportCheck(scope, batchId);
    return { id: batchId };
  });
}

/** A check or commit whose worker died (a restart): the check starts again, a commit returns to the preview. */
export async function resumeImportAction(batchId: number) {
  const { scope } = await requireActor("exchange.import", "throw");
  return runFormAction(async () => {
    await releaseStalledCommit(scope, batchId);
    scheduleImportCheck(scope, batchId);
    revalidatePath(`/exchange/imports/${batchId}`);
    return { id: batchId };
  });
}

export async function saveExpectationAction(values: unknown) {
  const { scope } = await requireActor("exchange.configure", "throw");
  return runFormAction(async () => {
    const saved = await saveExpectation(scope, expectationSchema.parse(values));
    revalidatePath("/exchange");
    return saved;
  });
}
