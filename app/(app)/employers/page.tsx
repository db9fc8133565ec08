import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadEmployerList } from "@/lib/employers/loaders";
import { EmployerList } from "@/components/employers/employer-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("employers"))("title") };
}

export default async function EmployersPage({ searchParams }: { searchParams: Promise<{ q?: string; after?: string }> }) {
  return <EmployerList data={await loadEmployerList(await searchParams)} />;
}
