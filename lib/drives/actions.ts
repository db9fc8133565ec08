"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { acceptDriveSchema, createDriveSchema } from "@/lib/drives/schema";
import { acceptDriveLines, createDrive } from "@/lib/drives/mutations";

export async function createDriveAction(values: unknown) {
  const { scope } = await requireActor("drive.run", "throw");
  return runFormAction(async () => {
    const drive = await createDrive(scope, createDriveSchema.parse(values));
    revalidatePath("/drives");
    return drive;
  });
}

export async function acceptDriveAction(driveId: number, values: unknown) {
  const { scope } = await requireActor("drive.run", "throw");
  return runFormAction(async () => {
    const result = await acceptDriveLines(scope, driveId, acceptDriveSchema.parse(values));
    revalidatePath(`/drives/${driveId}`);
    return result;
  });
}
