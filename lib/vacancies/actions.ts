"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { updateVacancySchema, vacancyInputSchema } from "@/lib/vacancies/schema";
import { createVacancy, updateVacancy } from "@/lib/vacancies/mutations";

export async function createVacancyAction(values: unknown) {
  const { scope } = await requireActor("vacancy.manage", "throw");
  return runFormAction(async () => {
    const vacancy = await createVacancy(scope, vacancyInputSchema.parse(values));
    revalidatePath("/vacancies");
    return vacancy;
  });
}

export async function updateVacancyAction(id: number, values: unknown) {
  const { scope } = await requireActor("vacancy.manage", "throw");
  return runFormAction(async () => {
    const vacancy = await updateVacancy(scope, id, updateVacancySchema.parse(values));
    revalidatePath(`/vacancies/${id}`);
    return vacancy;
  });
}
