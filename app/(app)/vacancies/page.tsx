import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadVacancyList } from "@/lib/vacancies/loaders";
import { VacancyList } from "@/components/vacancies/vacancy-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vacancies"))("title") };
}

export default async function VacanciesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <VacancyList data={await loadVacancyList(await searchParams)} />;
}
