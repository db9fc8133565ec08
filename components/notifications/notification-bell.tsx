"use client";
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { Badge } from "antd";
import { BellOutlined } from "@ant-design/icons";
import { BELL_MAX } from "@/lib/notifications/rules";

/** Dispatched on window when the user marked notifications read, so the bell recounts at once. */
export const NOTIFICATIONS_CHANGED = "jb:notifications-changed";

/** The sweep writes notifications every five minutes; a page left open recounts this often. */
const REFRESH_MS = 120_000;

/**
 * The header bell with the unread count. The signed-in layout renders it with the count of the
 * request; the layout is not rendered again on client-side navigation, so the bell recounts
 * after each navigation, every two minutes while the tab is visible, and when the list says so.
 */
export function NotificationBell({ initialCount }: { initialCount: number }) {
  const t = useTranslations("notifications");
  const pathname = usePathname();
  const [count, setCount] = useState(initialCount);
  const firstPath = useRef(pathname);

  useEffect(() => {
    let cancelled = false;
    const recount = () => {
      if (document.visibilityState !== "visible") return;
      // A GET of its own, never a server action: those wait in line with the user's saves.
      fetch("/api/notifications/unread-count", { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<{ count: number }>) : null))
        .then((body) => {
          if (!cancelled && body) setCount(body.count);
        })
        .catch(() => {});
    };
    // The first page came with a fresh count; later pages recount.
    if (pathname !== firstPath.current) recount();
    firstPath.current = "";
    const timer = window.setInterval(recount, REFRESH_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, recount);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, recount);
    };
  }, [pathname]);

  return (
    <Link href="/notifications" aria-label={t("bell", { count })} title={t("title")} data-testid="notification-bell" style={{ display: "inline-flex", padding: 4, color: "inherit" }}>
      <Badge count={count} overflowCount={BELL_MAX} size="small">
        <BellOutlined style={{ fontSize: 18 }} aria-hidden />
      </Badge>
    </Link>
  );
}
