"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { dismissSchema, referSchema } from "@/lib/matching/schema";
import { dismissSuggestion, referPerson } from "@/lib/matching/mutations";

export async function referAction(personId: number, vacancyId: number, score: number | null, values: unknown) {
  const { scope } = await requireActor("match.act", "throw");
  return runFormAction(async () => {
    const referral = await referPerson(scope, personId, vacancyId, { ...referSchema.parse(values), score });
    revalidatePath(`/persons/${personId}/suggestions`);
    revalidatePath(`/vacancies/${vacancyId}`);
    return referral;
  });
}

export async function dismissAction(personId: number, vacancyId: number, values: unknown) {
  const { scope } = await requireActor("match.act", "throw");
  return runFormAction(async () => {
    const result = await dismissSuggestion(scope, personId, vacancyId, dismissSchema.parse(values));
    revalidatePath(`/persons/${personId}/suggestions`);
    revalidatePath(`/vacancies/${vacancyId}`);
    return result;
  });
}

/** The same steps from the vacancy's side (the vacancy id bound first). */
export async function referCandidateAction(vacancyId: number, personId: number, score: number | null, values: unknown) {
  return referAction(personId, vacancyId, score, values);
}

export async function dismissCandidateAction(vacancyId: number, personId: number, values: unknown) {
  return dismissAction(personId, vacancyId, values);
}
