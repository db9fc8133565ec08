import { notFound } from "next/navigation";
import { loadEmployerForm } from "@/lib/employers/loaders";
import { updateEmployerAction } from "@/lib/employers/actions";
import { EmployerForm } from "@/components/employers/employer-form";

export default async function EditEmployerPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const { employer, divisions } = await loadEmployerForm(id);
  if (!employer) notFound();
  const { name, uscc, industry, divisionCode, addressDetail, contactName, contactPhone, notes } = employer;
  return (
    <EmployerForm
      initial={{ name, uscc, industry, divisionCode, addressDetail, contactName, contactPhone, notes }}
      version={employer.version}
      divisions={divisions}
      submit={updateEmployerAction.bind(null, id)}
      cancelHref={`/employers/${id}`}
    />
  );
}
