import { loadVacancyForm } from "@/lib/vacancies/loaders";
import { createVacancyAction } from "@/lib/vacancies/actions";
import { VacancyForm } from "@/components/vacancies/vacancy-form";

export default async function NewVacancyPage({ searchParams }: { searchParams: Promise<{ employer?: string }> }) {
  const data = await loadVacancyForm();
  const employer = Number((await searchParams).employer);
  return (
    <VacancyForm
      data={data}
      initial={{ kind: "REGULAR", status: "OPEN", openings: 1, genderRequirement: "NONE", roomAndBoard: false, trainingProvided: false, skills: [], employerId: data.employers.some((e) => e.id === employer) ? employer : undefined }}
      submit={createVacancyAction}
      cancelHref="/vacancies"
    />
  );
}
