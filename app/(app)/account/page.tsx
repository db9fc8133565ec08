import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadAccountPage } from "@/lib/users/loaders";
import { logoutEverywhereAction, resetPasswordAction } from "@/lib/users/actions";
import { AccountSettings } from "@/components/users/account-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const account = await loadAccountPage();
  return <AccountSettings account={account} changePassword={resetPasswordAction.bind(null, account.id)} logoutEverywhere={logoutEverywhereAction} />;
}
