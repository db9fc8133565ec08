import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { loadNewPlacement } from "@/lib/placements/loaders";
import { createPlacementAction } from "@/lib/placements/actions";
import { NewPlacementForm } from "@/components/placements/new-placement-form";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ referral?: string; vacancy?: string }> };

const positiveId = (raw: string | undefined) => {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("placements"))("newPageTitle") };
}

export default async function NewPlacementPage({ params, searchParams }: Props) {
  const id = positiveId((await params).id);
  if (!id) notFound();
  const query = await searchParams;
  const data = await loadNewPlacement(id, { referralId: positiveId(query.referral), vacancyId: positiveId(query.vacancy) });
  return <NewPlacementForm data={data} submit={createPlacementAction.bind(null, id)} />;
}
