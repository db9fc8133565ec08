import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadDriveList } from "@/lib/drives/loaders";
import { DriveList } from "@/components/drives/drive-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("drives"))("title") };
}

export default async function DrivesPage() {
  return <DriveList data={await loadDriveList()} />;
}
