"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge, Card, Empty, Flex, Space, Table, Tag, Typography } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import type { CaseworkerLoad } from "@/lib/placements/data";
import type { DayCard, MyDayData } from "@/lib/follow-ups/loaders";
import { DueLine, useReasonText } from "@/components/follow-ups/due-line";
import styles from "@/components/follow-ups/choices.module.css";

/**
 * "My day": overdue, today and this week as cards, each one tap to its record page. A
 * supervisor sees every caseworker's counts first (a name opens that caseworker's day) and the
 * cases that went to them after three failed attempts.
 */
export function MyDay({ data }: { data: MyDayData }) {
  const t = useTranslations("myDay");
  const format = useFormatter();
  const { counts } = data;
  const nothingDue = counts.overdue + counts.today + counts.week === 0;
  const supervising = data.overview !== null;

  const sections = (
    <>
      <DaySection id="overdue" title={t("overdue")} count={counts.overdue} items={data.overdue} empty={t("emptyOverdue")} limit={data.listLimit} danger />
      <DaySection id="today" title={t("today")} count={counts.today} items={data.dueToday} empty={t("emptyToday")} limit={data.listLimit} />
      <DaySection id="week" title={t("thisWeek")} count={counts.week} items={data.thisWeek} empty={t("emptyWeek")} limit={data.listLimit} />
    </>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <div>
        {data.viewing && (
          <Link href="/my-day">
            <ArrowLeftOutlined /> {t("backToTeam")}
          </Link>
        )}
        <Typography.Title level={1} style={{ fontSize: 22, margin: "4px 0 0" }}>
          {data.viewing ? t("titleFor", { name: data.viewing.displayName }) : t("title")}
        </Typography.Title>
        <Typography.Text type="secondary">
          {format.dateTime(new Date(data.today), { year: "numeric", month: "long", day: "numeric", weekday: "long" })}
          {data.viewing ? ` · ${data.viewing.officeName}` : ""}
        </Typography.Text>
      </div>

      {supervising && <TeamTable rows={data.overview!} />}
      {supervising && data.escalations && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("escalationsTitle", { count: data.escalations.length })}</h2>}>
          {data.escalations.length ? (
            <ul className={styles.cards} aria-label={t("escalationsTitle", { count: data.escalations.length })}>
              {data.escalations.map((item) => (
                <li key={item.id}>
                  <DayCardLink item={item} caseworkerName={item.caseworkerName ?? t("unassigned")} />
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Text type="secondary">{t("escalationsEmpty")}</Typography.Text>
          )}
        </Card>
      )}

      {supervising && (
        <Typography.Title level={2} style={{ fontSize: 18, margin: "8px 0 0" }}>
          {t("ownTitle")}
        </Typography.Title>
      )}
      {nothingDue ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={data.viewing ? t("emptyAllFor", { name: data.viewing.displayName }) : t("emptyAll")} />
        </Card>
      ) : (
        sections
      )}
    </Space>
  );
}

function DaySection(props: { id: string; title: string; count: number; items: DayCard[]; empty: string; limit: number; danger?: boolean }) {
  const t = useTranslations("myDay");
  const headingId = `day-${props.id}`;
  return (
    <section aria-labelledby={headingId}>
      <Flex align="center" gap={8} style={{ margin: "4px 0 8px" }}>
        <h2 id={headingId} style={{ fontSize: 17, margin: 0 }}>
          {props.title} <span className="jb-visually-hidden">{t("countLabel", { count: props.count })}</span>
        </h2>
        <Badge count={props.count} showZero color={props.danger && props.count > 0 ? "#cf1322" : "#595959"} aria-hidden />
      </Flex>
      {props.items.length ? (
        <ul className={styles.cards} aria-labelledby={headingId}>
          {props.items.map((item) => (
            <li key={item.id}>
              <DayCardLink item={item} />
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Text type="secondary">{props.empty}</Typography.Text>
      )}
      {props.count > props.items.length && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t("more", { shown: props.items.length, count: props.count })}
        </Typography.Paragraph>
      )}
    </section>
  );
}

/** One follow-up as a card that is a single link to its record page. */
function DayCardLink({ item, caseworkerName }: { item: DayCard; caseworkerName?: string }) {
  const t = useTranslations("myDay");
  const reasonText = useReasonText();
  return (
    <Link href={`/follow-ups/${item.id}`} className={styles.cardLink} data-testid="day-card">
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {item.personName}
        </Typography.Text>
        {item.escalated && <Tag color="red">{t("escalated")}</Tag>}
      </Flex>
      <div>{item.jobTitle ? [item.jobTitle, item.employerName].filter(Boolean).join(" · ") : <Typography.Text type="secondary">{t("noJob")}</Typography.Text>}</div>
      <div>
        {reasonText(item)}
        {item.note ? `：${item.note}` : ""}
      </div>
      <Flex wrap gap={8} style={{ fontSize: 13 }}>
        <DueLine dueDate={item.dueDate} daysLeft={item.daysLeft} />
        {item.failedAttempts > 0 && <Typography.Text type="secondary">{t("attempts", { count: item.failedAttempts })}</Typography.Text>}
        {caseworkerName && <Typography.Text type="secondary">{caseworkerName}</Typography.Text>}
      </Flex>
    </Link>
  );
}

/** Every caseworker's open follow-ups, most overdue first; a name opens that caseworker's day. */
function TeamTable({ rows }: { rows: CaseworkerLoad[] }) {
  const t = useTranslations("myDay");
  const alarming = (v: number) => (v > 0 ? <Typography.Text type="danger" strong>{v}</Typography.Text> : v);
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("teamTitle")}</h2>}>
      <Table<CaseworkerLoad>
        size="small"
        rowKey={(r) => `${r.caseworkerId ?? "none"}-${r.officeId}`}
        pagination={false}
        dataSource={rows}
        aria-label={t("teamTitle")}
        locale={{ emptyText: t("teamEmpty") }}
        columns={[
          {
            title: t("columns.caseworker"),
            key: "caseworker",
            render: (_, r) => (
              <div style={{ minWidth: 0, wordBreak: "break-word" }}>
                {r.caseworkerId ? <Link href={`/my-day?caseworker=${r.caseworkerId}`}>{r.displayName}</Link> : <Typography.Text italic>{t("unassigned")}</Typography.Text>}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.officeName}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { title: t("columns.overdue"), dataIndex: "overdue", align: "right", render: alarming },
          { title: t("columns.today"), dataIndex: "today", align: "right" },
          { title: t("columns.week"), dataIndex: "week", align: "right" },
          { title: t("columns.escalated"), dataIndex: "escalated", align: "right", render: alarming },
        ]}
      />
    </Card>
  );
}
