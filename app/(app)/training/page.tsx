import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadProgrammeList } from "@/lib/training/loaders";
import { ProgrammeList } from "@/components/training/programme-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("training"))("title") };
}

export default async function TrainingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <ProgrammeList data={await loadProgrammeList(await searchParams)} />;
}
