import { notFound } from "next/navigation";
import { loadEmployerPage } from "@/lib/employers/loaders";
import { EmployerDetail } from "@/components/employers/employer-detail";

export default async function EmployerPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return <EmployerDetail data={await loadEmployerPage(id)} />;
}
