"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor, requireActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";
import { createUserSchema, resetPasswordSchema, updateUserSchema } from "@/lib/users/schema";
import { createUser, logoutEverywhere, resetUserPassword, setUserLocale, updateUser } from "@/lib/users/mutations";

export async function setLocaleAction(locale: string) {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 86400, sameSite: "lax" });
  const actor = await getActor();
  if (actor) await setUserLocale(actor.scope, locale);
  revalidatePath("/", "layout");
}

export async function logoutEverywhereAction() {
  const { scope } = await requireActor();
  await logoutEverywhere(scope);
}

export async function createUserAction(values: unknown) {
  const { scope } = await requireActor("user.manage", "throw");
  return runFormAction(async () => {
    const user = await createUser(scope, createUserSchema.parse(values));
    revalidatePath("/admin/users");
    return user;
  });
}

export async function updateUserAction(userId: number, values: unknown) {
  const { scope } = await requireActor("user.manage", "throw");
  return runFormAction(async () => {
    const user = await updateUser(scope, userId, updateUserSchema.parse(values));
    revalidatePath("/admin/users");
    return user;
  });
}

export async function resetPasswordAction(userId: number, values: unknown) {
  const { scope } = await requireActor();
  return runFormAction(() => resetUserPassword(scope, userId, resetPasswordSchema.parse(values)));
}
