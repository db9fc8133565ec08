"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { createPersonSchema, overrideTrackSchema, updatePersonSchema } from "@/lib/persons/schema";
import { createPerson, overridePersonTrack, revealNationalId, updatePerson } from "@/lib/persons/mutations";

export async function createPersonAction(values: unknown) {
  const { scope } = await requireActor();
  return runFormAction(async () => {
    const created = await createPerson(scope, createPersonSchema.parse(values));
    revalidatePath("/persons");
    return created;
  });
}

export async function updatePersonAction(personId: number, values: unknown) {
  const { scope } = await requireActor();
  return runFormAction(async () => {
    const updated = await updatePerson(scope, personId, updatePersonSchema.parse(values));
    revalidatePath(`/persons/${personId}`);
    return updated;
  });
}

export async function overrideTrackAction(personId: number, values: unknown) {
  const { scope } = await requireActor();
  return runFormAction(async () => {
    const result = await overridePersonTrack(scope, personId, overrideTrackSchema.parse(values));
    revalidatePath(`/persons/${personId}`);
    return result;
  });
}

export async function revealNationalIdAction(personId: number) {
  const { scope } = await requireActor();
  return runFormAction(async () => ({ nationalId: await revealNationalId(scope, personId) }));
}
