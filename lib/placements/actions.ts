"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { endPlacementSchema, placementInputSchema, reassignSchema, reopenSchema, updatePlacementSchema } from "@/lib/placements/schema";
import { createPlacement, endPlacement, reassignPlacement, reopenPlacement, updatePlacement } from "@/lib/placements/mutations";

// Server actions of placements. Record ids are bound by the page (`action.bind(null, id)`), never
// read from the posted values; the person's id only says which page to revalidate (the mutation
// finds the placement within the actor's scope by its own id). A placement changes the person
// (employment status, timeline) and the vacancy's openings, so those pages are revalidated.

function revalidatePlacementPages(personId: number) {
  revalidatePath(`/persons/${personId}`);
  revalidatePath("/vacancies/[id]", "page");
  revalidatePath("/vacancies");
}

export async function createPlacementAction(personId: number, values: unknown) {
  const { scope } = await requireActor("placement.manage", "throw");
  return runFormAction(async () => {
    const placement = await createPlacement(scope, personId, placementInputSchema.parse(values));
    revalidatePlacementPages(personId);
    return { ...placement, personId };
  });
}

export async function updatePlacementAction(personId: number, placementId: number, values: unknown) {
  const { scope } = await requireActor("placement.manage", "throw");
  return runFormAction(async () => {
    const placement = await updatePlacement(scope, placementId, updatePlacementSchema.parse(values));
    revalidatePlacementPages(personId);
    return placement;
  });
}

export async function endPlacementAction(personId: number, placementId: number, values: unknown) {
  const { scope } = await requireActor("placement.manage", "throw");
  return runFormAction(async () => {
    const placement = await endPlacement(scope, placementId, endPlacementSchema.parse(values));
    revalidatePlacementPages(personId);
    return placement;
  });
}

/** Ends the placement and starts the next in one transaction; returns the new placement's id. */
export async function reassignPlacementAction(personId: number, placementId: number, values: unknown) {
  const { scope } = await requireActor("placement.manage", "throw");
  return runFormAction(async () => {
    const placement = await reassignPlacement(scope, placementId, reassignSchema.parse(values));
    revalidatePlacementPages(personId);
    return { ...placement, personId };
  });
}

export async function reopenPlacementAction(personId: number, placementId: number, values: unknown) {
  const { scope } = await requireActor("placement.reopen", "throw");
  return runFormAction(async () => {
    const placement = await reopenPlacement(scope, placementId, reopenSchema.parse(values));
    revalidatePlacementPages(personId);
    return placement;
  });
}
