"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { changePovertyStatusSchema, saveHouseholdSchema } from "@/lib/households/schema";
import { changePovertyStatus, saveHousehold } from "@/lib/households/mutations";

export async function saveHouseholdAction(householdId: number, personId: number, values: unknown) {
  const { scope } = await requireActor();
  return runFormAction(async () => {
    const result = await saveHousehold(scope, householdId, saveHouseholdSchema.parse(values));
    revalidatePath(`/persons/${personId}`);
    return result;
  });
}

export async function changePovertyStatusAction(householdId: number, personId: number, values: unknown) {
  const { scope } = await requireActor();
  return runFormAction(async () => {
    const result = await changePovertyStatus(scope, householdId, changePovertyStatusSchema.parse(values));
    revalidatePath(`/persons/${personId}`);
    return result;
  });
}
