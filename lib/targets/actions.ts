"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { deleteTargetSchema, reportedFigureSchema, targetInputSchema, updateTargetSchema } from "@/lib/targets/schema";
import { createTarget, deleteTarget, reportFigure, updateTarget } from "@/lib/targets/mutations";

// Server actions of targets. A target's id is bound by the page (`action.bind(null, id)`), never
// read from the posted values; the mutation finds it within the regions the writer manages.

function revalidateTargets() {
  revalidatePath("/targets");
  revalidatePath("/targets/article");
}

export async function createTargetAction(values: unknown) {
  const { scope } = await requireActor("target.manage", "throw");
  return runFormAction(async () => {
    const target = await createTarget(scope, targetInputSchema.parse(values));
    revalidateTargets();
    return target;
  });
}

export async function updateTargetAction(targetId: number, values: unknown) {
  const { scope } = await requireActor("target.manage", "throw");
  return runFormAction(async () => {
    const target = await updateTarget(scope, targetId, updateTargetSchema.parse(values));
    revalidateTargets();
    return target;
  });
}

export async function deleteTargetAction(targetId: number, values: unknown) {
  const { scope } = await requireActor("target.manage", "throw");
  return runFormAction(async () => {
    const target = await deleteTarget(scope, targetId, deleteTargetSchema.parse(values));
    revalidateTargets();
    return target;
  });
}

export async function reportFigureAction(values: unknown) {
  const { scope } = await requireActor("target.manage", "throw");
  return runFormAction(async () => {
    const figure = await reportFigure(scope, reportedFigureSchema.parse(values));
    revalidateTargets();
    return figure;
  });
}
