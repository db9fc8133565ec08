import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadProgrammePage } from "@/lib/training/loaders";
import { createCohortAction } from "@/lib/training/actions";
import { ProgrammeDetail } from "@/components/training/programme-detail";

type Props = { params: Promise<{ id: string }> };

function parseId(raw: string) {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await loadProgrammePage(parseId((await params).id));
  return { title: page.programme.title };
}

export default async function ProgrammePage({ params }: Props) {
  const id = parseId((await params).id);
  return <ProgrammeDetail data={await loadProgrammePage(id)} createCohort={createCohortAction.bind(null, id)} />;
}
