import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadFollowUpSettings } from "@/lib/follow-ups/loaders";
import { updateOfficeCadenceAction } from "@/lib/follow-ups/actions";
import { FollowUpSettings } from "@/components/follow-ups/follow-up-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("followUps.settings"))("title") };
}

export default async function FollowUpSettingsPage() {
  const offices = await loadFollowUpSettings();
  // Each office's save has its id bound here: the form never posts which office it changes.
  return <FollowUpSettings offices={offices.map((o) => ({ ...o, save: updateOfficeCadenceAction.bind(null, o.id) }))} />;
}
