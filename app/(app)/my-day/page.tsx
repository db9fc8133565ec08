import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadMyDay } from "@/lib/follow-ups/loaders";
import { MyDay } from "@/components/follow-ups/my-day";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("myDay"))("title") };
}

export default async function MyDayPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <MyDay data={await loadMyDay(await searchParams)} />;
}
