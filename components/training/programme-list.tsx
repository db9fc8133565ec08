"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Button, Card, Empty, Flex, Form, Input, Select, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import type { ProgrammeListData } from "@/lib/training/loaders";
import { TRAINING_DELIVERIES, TRAINING_KINDS } from "@/lib/training/rules";

type Filters = { q?: string; kind?: string; delivery?: string; officeId?: number };

/** Programmes, newest first, filtered by kind, delivery and the office that runs them. */
export function ProgrammeList({ data }: { data: ProgrammeListData }) {
  const t = useTranslations("training");
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const go = (f: Filters, after?: number | null) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) params.set(k, String(v));
    if (after) params.set("after", String(after));
    router.push(params.size ? `/training?${params}` : "/training");
  };
  const current: Filters = { q: data.query.q, kind: data.query.kind, delivery: data.query.delivery, officeId: data.query.officeId };
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("title")}
        </Typography.Title>
        {data.canManage && (
          <Link href="/training/new">
            <Button type="primary" icon={<PlusOutlined />} tabIndex={-1}>
              {t("newProgramme")}
            </Button>
          </Link>
        )}
      </Flex>
      <Card size="small">
        <Form<Filters> layout="vertical" initialValues={current} onFinish={(v) => go(v)} role="search" aria-label={t("filters")}>
          <Flex gap={12} wrap align="flex-end">
            <Form.Item label={t("search")} name="q" style={{ flex: "2 1 220px", marginBottom: 0 }}>
              <Input allowClear placeholder={t("searchPlaceholder")} />
            </Form.Item>
            <Form.Item label={t("kind")} name="kind" style={{ flex: "1 1 160px", marginBottom: 0 }}>
              <Select allowClear options={TRAINING_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item label={t("delivery")} name="delivery" style={{ flex: "1 1 160px", marginBottom: 0 }}>
              <Select allowClear options={TRAINING_DELIVERIES.map((k) => ({ value: k, label: t(`deliveries.${k}`) }))} />
            </Form.Item>
            <Form.Item label={t("office")} name="officeId" style={{ flex: "1 1 200px", marginBottom: 0 }}>
              <Select allowClear showSearch optionFilterProp="label" options={data.offices.map((o) => ({ value: o.id, label: locale === "en" ? o.nameEn : o.name }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t("apply")}
            </Button>
          </Flex>
        </Form>
      </Card>
      <Card size="small">
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={data.rows}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noProgrammes")} /> }}
          columns={[
            { title: t("programmeTitle"), dataIndex: "title", render: (v: string, r) => <Link href={`/training/${r.id}`}>{v}</Link> },
            { title: t("kind"), dataIndex: "kind", render: (v: string) => <Tag>{t(`kinds.${v}`)}</Tag> },
            { title: t("delivery"), dataIndex: "delivery", render: (v: string) => t(`deliveries.${v}`) },
            { title: t("provider"), dataIndex: "providerName" },
            { title: t("place"), dataIndex: "place" },
            { title: t("dates"), render: (_, r) => `${r.startDate} – ${r.endDate}` },
            { title: t("capacity"), dataIndex: "capacity" },
            { title: t("subsidyPerPerson"), dataIndex: "subsidyPerPerson", render: (v: number) => (v ? format.number(v, "yuan") : "—") },
            { title: t("cohorts"), dataIndex: "cohorts" },
          ]}
        />
        {data.nextAfter && (
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Button onClick={() => go(current, data.nextAfter)}>{t("nextPage")}</Button>
          </Flex>
        )}
      </Card>
    </Space>
  );
}
