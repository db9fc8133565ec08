import { notFound } from "next/navigation";
import dayjs from "dayjs";
import { loadProgrammeForm } from "@/lib/training/loaders";
import { updateProgrammeAction } from "@/lib/training/actions";
import { ProgrammeForm } from "@/components/training/programme-form";

export default async function EditProgrammePage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const data = await loadProgrammeForm(id);
  const p = data.programme;
  if (!p) notFound();
  return (
    <ProgrammeForm
      data={data}
      version={p.version}
      initial={{
        kind: p.kind, title: p.title, providerOfficeId: p.providerOfficeId, providerName: p.providerOfficeId ? null : p.providerName, delivery: p.delivery,
        divisionCode: p.divisionCode, startDate: dayjs(p.startDate), endDate: dayjs(p.endDate), capacity: p.capacity, subsidyPerPerson: p.subsidyPerPerson,
        description: p.description, skills: p.skills.map((s) => ({ skillId: s.skillId, level: s.level })),
      }}
      submit={updateProgrammeAction.bind(null, id)}
      cancelHref={`/training/${id}`}
    />
  );
}
