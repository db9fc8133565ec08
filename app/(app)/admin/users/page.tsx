import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadUsersPage } from "@/lib/users/loaders";
import { createUserAction, resetPasswordAction, updateUserAction } from "@/lib/users/actions";
import { UserAdmin } from "@/components/users/user-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function UsersPage() {
  const data = await loadUsersPage();
  return <UserAdmin data={data} createUser={createUserAction} updateUser={updateUserAction} resetPassword={resetPasswordAction} />;
}
