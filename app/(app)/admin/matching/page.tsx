import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { MATCHING_CONFIG } from "@/lib/matching/config";
import { matchIndexStats } from "@/lib/matching/index-store";
import { MatchingConfigView } from "@/components/matching/config-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("matchingConfig"))("title") };
}

export default async function MatchingConfigPage() {
  await requireActor("matching.config.view");
  return <MatchingConfigView config={MATCHING_CONFIG} stats={matchIndexStats()} />;
}
