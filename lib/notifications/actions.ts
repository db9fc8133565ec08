"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/mutations";

// Server actions of the notification list (the bell reads its count from a GET route). Every one acts for the signed-in
// user only; the id posted is checked against that user in the mutation.

const idSchema = z.number().int().positive();

export async function markNotificationReadAction(id: unknown) {
  const { scope } = await requireActor(undefined, "throw");
  return runFormAction(async () => {
    const result = await markNotificationRead(scope, idSchema.parse(id));
    revalidatePath("/notifications");
    return result;
  });
}

export async function markAllNotificationsReadAction() {
  const { scope } = await requireActor(undefined, "throw");
  return runFormAction(async () => {
    const result = await markAllNotificationsRead(scope);
    revalidatePath("/notifications");
    return result;
  });
}
