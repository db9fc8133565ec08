import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadVacancyPage } from "@/lib/vacancies/loaders";
import { loadVacancyCandidates } from "@/lib/matching/loaders";
import { dismissCandidateAction, referCandidateAction } from "@/lib/matching/actions";
import { VacancyDetail } from "@/components/vacancies/vacancy-detail";

type Props = { params: Promise<{ id: string }> };

function parseId(raw: string) {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await loadVacancyPage(parseId((await params).id));
  return { title: page.vacancy.title };
}

export default async function VacancyPage({ params }: Props) {
  const id = parseId((await params).id);
  const [page, candidates] = await Promise.all([loadVacancyPage(id), loadVacancyCandidates(id)]);
  return <VacancyDetail page={page} candidates={candidates} refer={referCandidateAction.bind(null, id)} dismiss={dismissCandidateAction.bind(null, id)} />;
}
