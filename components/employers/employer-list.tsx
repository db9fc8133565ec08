"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button, Card, Flex, Input, Space, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import type { loadEmployerList } from "@/lib/employers/loaders";

type Data = Awaited<ReturnType<typeof loadEmployerList>>;

export function EmployerList({ data }: { data: Data }) {
  const t = useTranslations("employers");
  const tEnum = useTranslations("enums");
  const router = useRouter();
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("title")}
        </Typography.Title>
        {data.canManage && (
          <Link href="/employers/new">
            <Button type="primary" icon={<PlusOutlined />} tabIndex={-1}>
              {t("new")}
            </Button>
          </Link>
        )}
      </Flex>
      <Card size="small">
        <div role="search" aria-label={t("search")}>
          <label htmlFor="employer-q" className="jb-visually-hidden">{t("search")}</label>
          <Input.Search id="employer-q" name="q" defaultValue={data.q} placeholder={t("searchPlaceholder")} enterButton={t("searchButton")} allowClear style={{ maxWidth: 480 }} onSearch={(q) => router.push(q ? `/employers?q=${encodeURIComponent(q)}` : "/employers")} />
        </div>
      </Card>
      <Card size="small">
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 800 }}
          dataSource={data.rows}
          columns={[
            { title: t("name"), dataIndex: "name", render: (name: string, r) => <Link href={`/employers/${r.id}`}>{name}</Link> },
            { title: t("uscc"), dataIndex: "uscc", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
            { title: t("industry"), dataIndex: "industry", render: (v: string | null) => (v ? tEnum(`sector.${v}`) : "—") },
            { title: t("place"), dataIndex: "divisionCode", render: (v: string) => data.labels[v] ?? v },
            { title: t("contact"), render: (_, r) => [r.contactName, r.contactPhone].filter(Boolean).join(" · ") || "—" },
            { title: t("vacancies"), render: (_, r) => r._count.vacancies },
          ]}
        />
        {data.nextAfter && (
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Button onClick={() => router.push(`/employers?${new URLSearchParams({ ...(data.q ? { q: data.q } : {}), after: String(data.nextAfter) })}`)}>{t("nextPage")}</Button>
          </Flex>
        )}
      </Card>
    </Space>
  );
}
