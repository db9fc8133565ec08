import { notFound } from "next/navigation";
import { loadDrivePage } from "@/lib/drives/loaders";
import { acceptDriveAction } from "@/lib/drives/actions";
import { DriveDetail } from "@/components/drives/drive-detail";

export default async function DrivePage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return <DriveDetail data={await loadDrivePage(id)} accept={acceptDriveAction.bind(null, id)} />;
}
