import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadImportPage } from "@/lib/data-exchange/loaders";
import { ImportUpload } from "@/components/exchange/import-upload";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exchange"))("import.title") };
}

export default async function ImportPage() {
  return <ImportUpload data={await loadImportPage()} />;
}
