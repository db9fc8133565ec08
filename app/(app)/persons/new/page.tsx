import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadNewPerson } from "@/lib/persons/loaders";
import { createPersonAction } from "@/lib/persons/actions";
import { preferredRegionChoices } from "@/lib/reference/choices";
import { PersonForm } from "@/components/persons/person-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("personForm"))("createTitle") };
}

export default async function NewPersonPage({ searchParams }: { searchParams: Promise<{ household?: string }> }) {
  const household = Number((await searchParams).household);
  const { options, joinHousehold } = await loadNewPerson(Number.isSafeInteger(household) && household > 0 ? household : null);
  return (
    <PersonForm
      mode="create"
      options={{ ...options, regionChoices: preferredRegionChoices() }}
      joinHousehold={joinHousehold}
      initialValues={{
        health: "HEALTHY",
        employmentStatus: "UNEMPLOYED",
        migration: "UNDECIDED",
        skills: [],
        needs: [],
        trainingWishes: [],
        preferredSectors: [],
        preferredRegions: [],
        consentGiven: false,
        relation: joinHousehold ? "SPOUSE" : "SELF",
        originDivisionCode: joinHousehold?.originDivisionCode ?? null,
        household: { povertyStatus: "NONE", members: [] },
      }}
      submit={createPersonAction}
      cancelHref="/persons"
    />
  );
}
