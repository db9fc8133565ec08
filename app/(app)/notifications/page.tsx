import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadNotificationsPage } from "@/lib/notifications/loaders";
import { NotificationList } from "@/components/notifications/notification-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  return <NotificationList data={await loadNotificationsPage(await searchParams)} />;
}
