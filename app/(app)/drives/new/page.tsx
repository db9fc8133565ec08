import { loadNewDrive } from "@/lib/drives/loaders";
import { createDriveAction } from "@/lib/drives/actions";
import { DriveForm } from "@/components/drives/drive-form";

export default async function NewDrivePage() {
  return <DriveForm data={await loadNewDrive()} submit={createDriveAction} />;
}
