import { loadEmployerForm } from "@/lib/employers/loaders";
import { createEmployerAction } from "@/lib/employers/actions";
import { EmployerForm } from "@/components/employers/employer-form";

export default async function NewEmployerPage() {
  const { divisions } = await loadEmployerForm();
  return <EmployerForm initial={{}} divisions={divisions} submit={createEmployerAction} cancelHref="/employers" />;
}
