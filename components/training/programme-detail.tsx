"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { App, Button, Card, Descriptions, Empty, Flex, Space, Statistic, Table, Tag, Typography } from "antd";
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import type { FormResult } from "@/lib/persons/types";
import type { ProgrammePageData } from "@/lib/training/loaders";
import { CohortDialog } from "@/components/training/cohort-form";

const STATUS_COLOURS: Record<string, string> = { PLANNED: "blue", RUNNING: "green", COMPLETED: "default", CANCELLED: "red" };

/** A programme: what, where, who provides it, the skills it adds, its cohorts and what it led to. */
export function ProgrammeDetail({ data, createCohort }: { data: ProgrammePageData; createCohort: (values: unknown) => Promise<FormResult<{ id: number }>> }) {
  const t = useTranslations("training");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const p = data.programme;
  const o = data.outcomes;
  const pct = (n: number, of: number) => (of ? format.number(n / of, { style: "percent", maximumFractionDigits: 0 }) : "—");
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {p.title}
        </Typography.Title>
        {data.canManage && (
          <Link href={`/training/${p.id}/edit`}>
            <Button icon={<EditOutlined />} tabIndex={-1}>
              {t("editProgramme")}
            </Button>
          </Link>
        )}
      </Flex>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t("kind")}>{t(`kinds.${p.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t("delivery")}>{t(`deliveries.${p.delivery}`)}</Descriptions.Item>
          <Descriptions.Item label={t("place")}>{p.place}</Descriptions.Item>
          <Descriptions.Item label={t("provider")}>{p.providerName}</Descriptions.Item>
          <Descriptions.Item label={t("office")}>{locale === "en" ? p.office.nameEn : p.office.name}</Descriptions.Item>
          <Descriptions.Item label={t("dates")}>{`${p.startDate} – ${p.endDate}`}</Descriptions.Item>
          <Descriptions.Item label={t("capacity")}>{t("capacityUse", { planned: data.placesPlanned, capacity: p.capacity })}</Descriptions.Item>
          <Descriptions.Item label={t("subsidyPerPerson")}>{p.subsidyPerPerson ? format.number(p.subsidyPerPerson, "yuan") : "—"}</Descriptions.Item>
          <Descriptions.Item label={t("skillsAdded")}>
            <Space size={[4, 4]} wrap>
              {p.skills.length ? p.skills.map((s) => <Tag key={s.id} color="blue">{`${locale === "en" ? s.nameEn : s.nameZh} · ${tEnum(`skillLevel.${s.level}`)}`}</Tag>) : "—"}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        {p.description && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: "pre-wrap" }}>{p.description}</Typography.Paragraph>}
      </Card>

      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("outcomes")}</h2>}>
        <Flex gap={24} wrap data-testid="programme-outcomes">
          <Statistic title={t("outcome.enrolled")} value={o.enrolled} />
          <Statistic title={t("outcome.completed")} value={o.completed} suffix={<small>{pct(o.completed, o.enrolled)}</small>} />
          <Statistic title={t("outcome.certified")} value={o.certified} />
          <Statistic title={t("outcome.placed")} value={o.placed} suffix={<small>{pct(o.placed, o.enrolled)}</small>} />
          <Statistic title={t("outcome.employedAt90")} value={o.employedAt90} suffix={<small>{t("outcome.ofPlaced", { n: o.placedLongEnough })}</small>} />
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t("outcome.help")} {data.scopedOutcomes ? t("outcome.scoped") : ""}
        </Typography.Paragraph>
      </Card>

      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("cohorts")}</h2>}
        extra={
          data.canManage && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t("newCohort")}
            </Button>
          )
        }
      >
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 800 }}
          dataSource={data.cohorts}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noCohorts")} /> }}
          columns={[
            { title: t("cohortName"), dataIndex: "name", render: (v: string, r) => <Link href={`/training/cohorts/${r.id}`}>{v}</Link> },
            { title: t("dates"), render: (_, r) => `${r.startDate} – ${r.endDate}` },
            { title: t("places"), render: (_, r) => `${r.taken} / ${r.capacity}` },
            { title: t("tuition"), dataIndex: "tuitionFree", render: (v: boolean) => (v ? t("tuitionFree") : "—") },
            { title: t("monthlyAllowance"), dataIndex: "monthlyAllowance", render: (v: number) => (v ? format.number(v, "yuan") : "—") },
            { title: t("status"), dataIndex: "status", render: (v: string) => <Tag color={STATUS_COLOURS[v]}>{t(`cohortStatus.${v}`)}</Tag> },
          ]}
        />
      </Card>
      {adding && (
        <CohortDialog
          title={t("newCohort")}
          initial={{ tuitionFree: false, monthlyAllowance: 0, capacity: 30 }}
          submit={createCohort}
          onCancel={() => setAdding(false)}
          onDone={(id) => {
            setAdding(false);
            message.success(t("saved"));
            router.push(`/training/cohorts/${id}`);
          }}
        />
      )}
    </Space>
  );
}
