import { notFound } from "next/navigation";
import dayjs from "dayjs";
import { loadVacancyForm } from "@/lib/vacancies/loaders";
import { updateVacancyAction } from "@/lib/vacancies/actions";
import { VacancyForm } from "@/components/vacancies/vacancy-form";

export default async function EditVacancyPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const data = await loadVacancyForm(id);
  const v = data.vacancy;
  if (!v) notFound();
  return (
    <VacancyForm
      data={data}
      version={v.version}
      initial={{
        employerId: v.employerId, kind: v.kind, title: v.title, occupationCode: v.occupationCode, sector: v.sector, description: v.description,
        openings: v.openings, wageMin: v.wageMin, wageMax: v.wageMax, divisionCode: v.divisionCode, addressDetail: v.addressDetail,
        roomAndBoard: v.roomAndBoard, trainingProvided: v.trainingProvided, trainingDescription: v.trainingDescription, trainingDays: v.trainingDays,
        ageMin: v.ageMin, ageMax: v.ageMax, genderRequirement: v.genderRequirement, startDate: v.startDate ? dayjs(v.startDate) : null, status: v.status,
        skills: v.skills.map((s) => ({ skillId: s.skillId, requirement: s.requirement })),
      }}
      submit={updateVacancyAction.bind(null, id)}
      cancelHref={`/vacancies/${id}`}
    />
  );
}
