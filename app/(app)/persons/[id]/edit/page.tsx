import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { loadPersonEdit } from "@/lib/persons/loaders";
import { updatePersonAction } from "@/lib/persons/actions";
import { preferredRegionChoices } from "@/lib/reference/choices";
import { PersonForm } from "@/components/persons/person-form";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("personForm"))("editShort") };
}

export default async function EditPersonPage({ params }: Props) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const { person, options } = await loadPersonEdit(id);
  return (
    <PersonForm
      mode="edit"
      options={{ ...options, regionChoices: preferredRegionChoices() }}
      version={person.version}
      maskedId={person.maskedId}
      initialValues={{
        name: person.name,
        phone: person.phone,
        ethnicity: person.ethnicity,
        education: person.education,
        health: person.health,
        healthNote: person.healthNote,
        originDivisionCode: person.originDivisionCode,
        originAddressDetail: person.originAddressDetail,
        currentDivisionCode: person.currentDivisionCode,
        currentAddressDetail: person.currentAddressDetail,
        employmentStatus: person.employmentStatus,
        workHistory: person.workHistory,
        migration: person.migration,
        migrationNote: person.migrationNote,
        preferredSectors: person.preferredSectors,
        preferredRegions: person.preferredRegions,
        expectedWage: person.expectedWage,
        needs: person.needs,
        trainingWishes: person.trainingWishes,
        trainingWishNote: person.trainingWishNote,
        caseworkerId: person.caseworkerId,
        notes: person.notes,
        skills: person.skills.map((s) => ({ skillId: s.skillId, customName: s.customName, level: s.level, certificate: s.certificate })),
      }}
      submit={updatePersonAction.bind(null, id)}
      cancelHref={`/persons/${id}`}
    />
  );
}
