import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { loadTargetPeople } from "@/lib/targets/loaders";
import { TargetPeople } from "@/components/targets/target-people";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("targets"))("people.listTitle") };
}

export default async function TargetPeoplePage({ params, searchParams }: Props) {
  return <TargetPeople data={await loadTargetPeople(parseId((await params).id), await searchParams)} />;
}
