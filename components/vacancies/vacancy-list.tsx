"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Button, Card, Flex, Form, Input, Select, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined, WarningOutlined } from "@ant-design/icons";
import type { loadVacancyList } from "@/lib/vacancies/loaders";
import { VACANCY_KINDS, VACANCY_STATUSES } from "@/lib/vacancies/schema";

type Data = Awaited<ReturnType<typeof loadVacancyList>>;
type Filters = { q?: string; status?: string; kind?: string };

export function VacancyList({ data }: { data: Data }) {
  const t = useTranslations("vacancies");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const router = useRouter();
  const go = (f: Filters, after?: number | null) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) params.set(k, String(v));
    if (after) params.set("after", String(after));
    router.push(params.size ? `/vacancies?${params}` : "/vacancies");
  };
  const current: Filters = { q: data.query.q, status: data.query.status, kind: data.query.kind };
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("title")}
        </Typography.Title>
        {data.canManage && (
          <Link href="/vacancies/new">
            <Button type="primary" icon={<PlusOutlined />} tabIndex={-1}>
              {t("new")}
            </Button>
          </Link>
        )}
      </Flex>
      <Card size="small">
        <Form<Filters> layout="vertical" initialValues={current} onFinish={(v) => go(v)} role="search" aria-label={t("search")}>
          <Flex gap={12} wrap align="flex-end">
            <Form.Item label={t("search")} name="q" style={{ flex: "2 1 240px", marginBottom: 0 }}>
              <Input allowClear placeholder={t("searchPlaceholder")} />
            </Form.Item>
            <Form.Item label={t("status")} name="status" style={{ flex: "1 1 140px", marginBottom: 0 }}>
              <Select allowClear options={VACANCY_STATUSES.map((s) => ({ value: s, label: tEnum(`vacancyStatus.${s}`) }))} />
            </Form.Item>
            <Form.Item label={t("kind")} name="kind" style={{ flex: "1 1 140px", marginBottom: 0 }}>
              <Select allowClear options={VACANCY_KINDS.map((s) => ({ value: s, label: tEnum(`vacancyKind.${s}`) }))} />
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
          columns={[
            {
              title: t("vacancyTitle"),
              dataIndex: "title",
              render: (v: string, r) => (
                <Space size={4}>
                  <Link href={`/vacancies/${r.id}`}>{v}</Link>
                  {r.genderRequirement !== "NONE" && <WarningOutlined style={{ color: "#ad4e00" }} aria-label={t("genderFlag")} />}
                </Space>
              ),
            },
            { title: t("employer"), render: (_, r) => <Link href={`/employers/${r.employer.id}`}>{r.employer.name}</Link> },
            { title: t("place"), dataIndex: "place" },
            { title: t("wage"), render: (_, r) => (r.wageMin === null && r.wageMax === null ? "—" : `${format.number(r.wageMin ?? 0, "yuan")} – ${format.number(r.wageMax ?? r.wageMin ?? 0, "yuan")}`) },
            { title: t("openings"), render: (_, r) => `${r.filled} / ${r.openings}` },
            {
              title: t("features"),
              render: (_, r) => (
                <Space size={[4, 4]} wrap>
                  {r.kind === "PUBLIC_WELFARE" && <Tag color="purple">{tEnum("vacancyKind.PUBLIC_WELFARE")}</Tag>}
                  {r.roomAndBoard && <Tag color="green">{t("roomAndBoard")}</Tag>}
                  {r.trainingProvided && <Tag color="blue">{t("training")}</Tag>}
                </Space>
              ),
            },
            { title: t("status"), dataIndex: "status", render: (v: string) => <Tag>{tEnum(`vacancyStatus.${v}`)}</Tag> },
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
