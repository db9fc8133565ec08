import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { loadPersonSuggestions } from "@/lib/matching/loaders";
import { dismissAction, referAction } from "@/lib/matching/actions";
import { PersonSuggestions } from "@/components/matching/person-suggestions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("matching"))("title") };
}

export default async function SuggestionsPage({ params }: Props) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const data = await loadPersonSuggestions(id);
  return (
    <PersonSuggestions
      data={data}
      refer={referAction.bind(null, id)}
      dismiss={dismissAction.bind(null, id)}
    />
  );
}
