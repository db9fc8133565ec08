import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadDashboard } from "@/lib/reports/loaders";
import { loadDivisionOptions } from "@/lib/reference/loaders";
import { Dashboard } from "@/components/reports/dashboard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

// The dashboard (docs/decisions/013); the reassignment report is linked from it.
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const data = await loadDashboard(await searchParams);
  return <Dashboard data={data} divisions={await loadDivisionOptions([data.filters.region], 3)} />;
}
