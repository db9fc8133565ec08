import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadPersonList } from "@/lib/persons/loaders";
import { PersonList } from "@/components/persons/person-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("persons"))("title") };
}

export default async function PersonsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const data = await loadPersonList(await searchParams);
  return <PersonList data={data} />;
}
