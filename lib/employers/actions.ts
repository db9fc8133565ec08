"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { employerInputSchema, updateEmployerSchema } from "@/lib/employers/schema";
import { createEmployer, updateEmployer } from "@/lib/employers/mutations";

export async function createEmployerAction(values: unknown) {
  const { scope } = await requireActor("employer.manage", "throw");
  return runFormAction(async () => {
    const employer = await createEmployer(scope, employerInputSchema.parse(values));
    revalidatePath("/employers");
    return employer;
  });
}

export async function updateEmployerAction(id: number, values: unknown) {
  const { scope } = await requireActor("employer.manage", "throw");
  return runFormAction(async () => {
    const employer = await updateEmployer(scope, id, updateEmployerSchema.parse(values));
    revalidatePath(`/employers/${id}`);
    return employer;
  });
}
