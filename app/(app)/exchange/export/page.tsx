import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadExportPage } from "@/lib/data-exchange/loaders";
import { ExportForm } from "@/components/exchange/export-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exchange"))("export.title") };
}

export default async function ExportPage() {
  return <ExportForm data={await loadExportPage()} />;
}
