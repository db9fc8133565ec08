"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Button, Card, Flex, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import type { loadDriveList } from "@/lib/drives/loaders";

export function DriveList({ data }: { data: Awaited<ReturnType<typeof loadDriveList>> }) {
  const t = useTranslations("drives");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("title")}
        </Typography.Title>
        <Link href="/drives/new">
          <Button type="primary" icon={<PlusOutlined />} tabIndex={-1}>
            {t("new")}
          </Button>
        </Link>
      </Flex>
      <Card size="small">
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          locale={{ emptyText: t("empty") }}
          dataSource={data.drives}
          columns={[
            { title: t("name"), dataIndex: "name", render: (v: string, r) => <Link href={`/drives/${r.id}`}>{v}</Link> },
            { title: t("status"), dataIndex: "status", render: (v: string) => <Tag>{tEnum(`driveStatus.${v}`)}</Tag> },
            { title: t("vacancies"), render: (_, r) => r.vacancyIds.length },
            { title: t("people"), dataIndex: "poolSize" },
            { title: t("placed"), render: (_, r) => r._count.lines },
            { title: t("total"), render: (_, r) => `${format.number(r.totalScore, { maximumFractionDigits: 1 })} · ${t("gap", { gap: format.number(r.upperBound > 0 ? ((r.upperBound - r.totalScore) / r.upperBound) * 100 : 0, { maximumFractionDigits: 3 }) })}` },
            { title: t("created"), dataIndex: "createdAt", render: (v: Date) => format.dateTime(new Date(v), "long") },
          ]}
        />
      </Card>
    </Space>
  );
}
