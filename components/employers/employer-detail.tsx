"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button, Card, Descriptions, Flex, Space, Table, Tag, Typography } from "antd";
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import type { loadEmployerPage } from "@/lib/employers/loaders";

type Data = Awaited<ReturnType<typeof loadEmployerPage>>;

export function EmployerDetail({ data }: { data: Data }) {
  const t = useTranslations("employers");
  const tEnum = useTranslations("enums");
  const e = data.employer;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {e.name}
        </Typography.Title>
        {data.canManage && (
          <Space>
            <Link href={`/vacancies/new?employer=${e.id}`}>
              <Button icon={<PlusOutlined />} tabIndex={-1}>
                {t("newVacancy")}
              </Button>
            </Link>
            <Link href={`/employers/${e.id}/edit`}>
              <Button type="primary" icon={<EditOutlined />} tabIndex={-1}>
                {t("edit")}
              </Button>
            </Link>
          </Space>
        )}
      </Flex>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t("uscc")}>
            <span style={{ fontFamily: "monospace" }}>{e.uscc}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("industry")}>{e.industry ? tEnum(`sector.${e.industry}`) : "—"}</Descriptions.Item>
          <Descriptions.Item label={t("place")}>
            {data.place}
            {e.addressDetail ? ` · ${e.addressDetail}` : ""}
          </Descriptions.Item>
          <Descriptions.Item label={t("contact")}>{[e.contactName, e.contactPhone].filter(Boolean).join(" · ") || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("office")}>{e.office.name}</Descriptions.Item>
          <Descriptions.Item label={t("notes")}>{e.notes ?? "—"}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t("vacancies")}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.vacancies}
          columns={[
            { title: t("vacancyTitle"), dataIndex: "title", render: (v: string, r) => <Link href={`/vacancies/${r.id}`}>{v}</Link> },
            { title: t("kind"), dataIndex: "kind", render: (v: string) => tEnum(`vacancyKind.${v}`) },
            { title: t("status"), dataIndex: "status", render: (v: string) => <Tag>{tEnum(`vacancyStatus.${v}`)}</Tag> },
            { title: t("openings"), render: (_, r) => `${r.filled} / ${r.openings}` },
          ]}
        />
      </Card>
    </Space>
  );
}
