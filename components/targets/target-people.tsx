"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Card, Descriptions, Empty, Flex, Space, Table, Typography } from "antd";
import type { TargetPeopleData } from "@/lib/targets/loaders";
import { ProgressBar, StatusTag } from "@/components/targets/target-progress";

/**
 * The people a target's recorded count is made of, from the same query as the count: each with
 * the day they count on and the job or course that counts, linking to their page. Only people the
 * reader may see by name are listed; the count covers the whole region, so the page says how
 * many of the counted are shown.
 */
export function TargetPeople({ data }: { data: TargetPeopleData }) {
  const t = useTranslations("targets");
  const format = useFormatter();
  const n = (v: number) => format.number(v);
  const { target } = data;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <div>
        <Link href="/targets">{t("back")}</Link>
        <Typography.Title level={1} style={{ fontSize: 22, margin: "8px 0 0" }}>
          {t("people.title", { region: target.regionLabel, metric: t(`metric.${target.metric}`) })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
          {t(`definition.${target.metric}`)}
        </Typography.Paragraph>
      </div>
      <Card size="small">
        <Flex wrap gap={24} align="center">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 4 }}
            items={[
              { key: "period", label: t("period"), children: t("customPeriod", { start: target.periodStart, end: target.periodEnd }) },
              { key: "value", label: t("value"), children: n(target.value) },
              { key: "actual", label: t("actual"), children: <span data-testid="people-actual">{t("recordedPlusReported", { recorded: n(target.recorded), reported: n(target.reported) })}</span> },
              { key: "status", label: t("statusLabel"), children: <StatusTag status={target.progress.status} /> },
            ]}
          />
          <ProgressBar progress={target.progress} />
        </Flex>
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("people.listTitle")}</h2>}>
        <Typography.Paragraph type="secondary" data-testid="people-visible">
          {t("people.visible", { visible: n(data.visibleCount), recorded: n(target.recorded) })}
        </Typography.Paragraph>
        {data.rows.length ? (
          <Table
            rowKey={(r) => `${r.personId}-${r.refId}`}
            size="small"
            pagination={false}
            dataSource={data.rows}
            scroll={{ x: 700 }}
            columns={[
              { title: t("people.name"), dataIndex: "name", render: (v: string, r) => <Link href={`/persons/${r.personId}`}>{v}</Link> },
              { title: t("people.origin"), dataIndex: "origin" },
              { title: t("people.countedOn"), dataIndex: "countedOn" },
              { title: t(target.metric === "TRAINED" ? "people.course" : "people.job"), dataIndex: "what", render: (v: string | null) => v ?? "—" },
              { title: t("people.where"), dataIndex: "where", render: (v: string | null) => v ?? "—" },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("people.none")} />
        )}
        <Flex gap={16} style={{ marginTop: 12 }}>
          {!data.first && <Link href={`/targets/${target.id}/people`}>{t("people.firstPage")}</Link>}
          {data.next && <Link href={`/targets/${target.id}/people?after=${data.next}`}>{t("people.next")}</Link>}
        </Flex>
      </Card>
    </Space>
  );
}
