import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadReassignmentReport } from "@/lib/follow-ups/loaders";
import { ReassignmentReport } from "@/components/reports/reassignment-report";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("reassignments.title") };
}

export default async function ReassignmentReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <ReassignmentReport data={await loadReassignmentReport(await searchParams)} />;
}
