import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { loadReassign } from "@/lib/placements/loaders";
import { reassignPlacementAction } from "@/lib/placements/actions";
import { ReassignForm } from "@/components/placements/reassign-form";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ followUp?: string }> };

const positiveId = (raw: string | undefined) => {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("placements"))("reassignPageTitle") };
}

export default async function ReassignPage({ params, searchParams }: Props) {
  const id = positiveId((await params).id);
  if (!id) notFound();
  const data = await loadReassign(id, positiveId((await searchParams).followUp));
  return <ReassignForm data={data} submit={reassignPlacementAction.bind(null, data.person.id, id)} />;
}
