import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadDrillDown } from "@/lib/reports/loaders";
import { DrillDown } from "@/components/reports/drill-down";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("drill.title") };
}

// The people behind one number of the dashboard (?panel=&key= and the dashboard's filters).
export default async function DrillDownPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <DrillDown data={await loadDrillDown(await searchParams)} />;
}
