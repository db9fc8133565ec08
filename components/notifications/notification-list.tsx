"use client";
import { useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { App, Button, Card, Empty, Flex, Space, Tag, Typography } from "antd";
import { CheckOutlined } from "@ant-design/icons";
import type { loadNotificationsPage } from "@/lib/notifications/loaders";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/notifications/actions";
import { notificationHref, notificationMessage, type NotificationItem } from "@/lib/notifications/rules";
import { NOTIFICATIONS_CHANGED } from "@/components/notifications/notification-bell";

type Data = Awaited<ReturnType<typeof loadNotificationsPage>>;

const KIND_COLOR = { OVERDUE: "orange", ESCALATION: "red", ESCALATION_RAISED: "gold" } as const;

export function NotificationList({ data }: { data: Data }) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, startTransition] = useTransition();

  const run = (action: () => Promise<{ status: string; message?: string }>) =>
    startTransition(async () => {
      const result = await action();
      if (result.status !== "ok") message.error(result.message);
      window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
      router.refresh();
    });

  const text = (n: NotificationItem) => {
    const { key, values } = notificationMessage(n, t("unknownPerson"));
    return t(`kinds.${key}`, values);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("title")}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary" data-testid="notifications-unread">
            {data.unread ? t("unreadCount", { count: data.unread }) : t("allRead")}
          </Typography.Text>
          <Button icon={<CheckOutlined />} disabled={!data.unread || pending} onClick={() => run(markAllNotificationsReadAction)}>
            {t("markAllRead")}
          </Button>
        </Space>
      </Flex>
      <Card size="small">
        {data.rows.length === 0 ? (
          <Empty description={t("empty")} />
        ) : (
          <ul style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label={t("title")}>
            {data.rows.map((n) => {
              const href = notificationHref(n);
              const unread = n.readAt === null;
              return (
                <li key={n.id} data-testid="notification" data-unread={unread} style={{ padding: "12px 4px", borderBottom: "1px solid #f0f0f0" }}>
                  <Flex justify="space-between" align="flex-start" wrap gap={8}>
                    <Space direction="vertical" size={4} style={{ flex: "1 1 320px", minWidth: 0 }}>
                      <Space wrap size={6}>
                        <Tag color={KIND_COLOR[n.kind]}>{t(`kindLabel.${n.kind}`)}</Tag>
                        {unread && <Tag color="blue">{t("unread")}</Tag>}
                        <Typography.Text type="secondary">{format.dateTime(new Date(n.createdAt), "long")}</Typography.Text>
                      </Space>
                      <Typography.Text strong={unread}>{text(n)}</Typography.Text>
                    </Space>
                    <Space wrap>
                      {href && (
                        <Link href={href} onClick={() => unread && void markNotificationReadAction(n.id).then(() => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED)))}>
                          {t("open")}
                        </Link>
                      )}
                      {n.kind !== "OVERDUE" && n.personId && n.personName !== null && <Link href={`/persons/${n.personId}`}>{t("openPerson")}</Link>}
                      {unread && (
                        <Button size="small" disabled={pending} onClick={() => run(() => markNotificationReadAction(n.id))}>
                          {t("markRead")}
                        </Button>
                      )}
                    </Space>
                  </Flex>
                </li>
              );
            })}
          </ul>
        )}
        {(data.nextBefore || !data.firstPage) && (
          <Flex justify="flex-end" gap={8} style={{ marginTop: 12 }}>
            {!data.firstPage && <Button onClick={() => router.push("/notifications")}>{t("newest")}</Button>}
            {data.nextBefore && <Button onClick={() => router.push(`/notifications?before=${data.nextBefore}`)}>{t("older")}</Button>}
          </Flex>
        )}
      </Card>
    </Space>
  );
}
