"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Card, Empty, Space, Table, Tag, Typography } from "antd";
import type { ArticleReportData } from "@/lib/targets/loaders";

/**
 * The article's figures (the Jiangsu report of 2020 this project is built from) beside what
 * JobBridge holds: the people its records count plus the figures reported into it. Figures the
 * article counts by origin (Tongren's people, Liuba's) take the people of that origin and the
 * reported figures that name it.
 */
export function ArticleReport({ data }: { data: ArticleReportData }) {
  const t = useTranslations("targets");
  const format = useFormatter();
  const n = (v: number) => format.number(v);
  const rows = data.figures;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <div>
        <Link href="/targets">{t("back")}</Link>
        <Typography.Title level={1} style={{ fontSize: 22, margin: "8px 0 0" }}>
          {t("article.title", { year: data.year })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0", maxWidth: 800 }}>
          {t("article.help")}
        </Typography.Paragraph>
      </div>
      <Card size="small">
        {rows.length ? (
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 900 }}
            onRow={(r) => ({ "data-testid": `article-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t("article.figure"),
                key: "figure",
                render: (_, r) => (
                  <span>
                    <Typography.Text strong>{t(`article.figures.${r.key}`)}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`metric.${r.metric}`)} · {r.regionLabel} · {t("customPeriod", { start: r.periodStart, end: r.periodEnd })}
                      {r.origin ? ` · ${t("article.origin", { origin: r.origin })}` : ""}
                    </Typography.Text>
                  </span>
                ),
              },
              { title: t("article.articleValue"), key: "article", align: "right", render: (_, r) => <Typography.Text strong data-testid="article-value">{r.orMore ? t("article.orMore", { value: n(r.article) }) : n(r.article)}</Typography.Text> },
              { title: t("article.recorded"), dataIndex: "recorded", align: "right", render: (v: number) => n(v) },
              { title: t("article.reported"), dataIndex: "reported", align: "right", render: (v: number) => n(v) },
              { title: t("article.total"), dataIndex: "total", align: "right", render: (v: number) => <span data-testid="article-total">{n(v)}</span> },
              {
                title: t("article.check"),
                key: "check",
                render: (_, r) =>
                  r.total === r.article ? (
                    <Tag color="success">{t("article.matches")}</Tag>
                  ) : (
                    <Tag color="warning">{t("article.differs", { diff: n(r.total - r.article) })}</Tag>
                  ),
              },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("article.none")} />
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 800 }}>
        {t("article.notHeld")}
      </Typography.Paragraph>
    </Space>
  );
}
