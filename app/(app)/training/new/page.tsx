import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadProgrammeForm } from "@/lib/training/loaders";
import { createProgrammeAction } from "@/lib/training/actions";
import { ProgrammeForm } from "@/components/training/programme-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("training"))("newProgramme") };
}

export default async function NewProgrammePage() {
  const data = await loadProgrammeForm();
  return <ProgrammeForm data={data} initial={{ delivery: "IN_DESTINATION", capacity: 30, subsidyPerPerson: 0, skills: [] }} submit={createProgrammeAction} cancelHref="/training" />;
}
