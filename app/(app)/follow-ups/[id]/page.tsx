import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { loadFollowUpPage } from "@/lib/follow-ups/loaders";
import { recordContactAction } from "@/lib/follow-ups/actions";
import { RecordContact } from "@/components/follow-ups/record-contact";

type Props = { params: Promise<{ id: string }> };

function parseId(raw: string) {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadFollowUpPage(parseId((await params).id));
  return { title: `${(await getTranslations("followUps"))("recordTitle")} · ${data.followUp.person.name}` };
}

export default async function FollowUpPage({ params }: Props) {
  const id = parseId((await params).id);
  const data = await loadFollowUpPage(id);
  return <RecordContact data={data} submit={recordContactAction.bind(null, id)} />;
}
