"use client";
import { useTransition } from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Button, Card, Empty, Flex, Form, Input, Select, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import type { PersonListData } from "@/lib/persons/loaders";
import { EMPLOYMENT_STATUS, POVERTY_STATUS, TRACKS } from "@/lib/persons/schema";
import { TrackTag } from "@/components/persons/track-tag";
import { RegionPicker } from "@/components/region-picker";

type Filters = { q?: string; employmentStatus?: string; povertyStatus?: string; track?: string; origin?: string; caseworkerId?: string };

export function PersonList({ data }: { data: PersonListData }) {
  const t = useTranslations("persons");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [form] = Form.useForm<Filters>();

  function go(filters: Filters, after?: number | null) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && String(v).trim() !== "") params.set(k, String(v).trim());
    if (after) params.set("after", String(after));
    startTransition(() => router.push(params.size ? `${pathname}?${params}` : pathname));
  }

  const current: Filters = {
    q: data.query.q,
    employmentStatus: data.query.employmentStatus,
    povertyStatus: data.query.povertyStatus,
    track: data.query.track,
    origin: data.query.origin,
    caseworkerId: data.query.caseworkerId ? String(data.query.caseworkerId) : undefined,
  };
  const total = data.total.capped
    ? t("totalCapped", { count: format.number(data.total.count) })
    : t("total", { count: data.total.count });
  const enumOptions = (group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: tEnum(`${group}.${v}`) }));

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("title")}
        </Typography.Title>
        {data.canCreate && (
          <Link href="/persons/new">
            <Button type="primary" icon={<PlusOutlined />} tabIndex={-1}>
              {t("new")}
            </Button>
          </Link>
        )}
      </Flex>
      <Card size="small">
        <Form<Filters> form={form} layout="vertical" initialValues={current} onFinish={(values) => go(values)} role="search" aria-label={t("searchForm")}>
          <Flex wrap gap={12} align="flex-end">
            <Form.Item label={t("search")} name="q" style={{ flex: "2 1 240px", marginBottom: 0 }} extra={t("searchHelp")}>
              <Input allowClear placeholder={t("searchPlaceholder")} />
            </Form.Item>
            <Form.Item label={t("filters.employmentStatus")} name="employmentStatus" style={{ flex: "1 1 150px", marginBottom: 0 }}>
              <Select allowClear options={enumOptions("employmentStatus", EMPLOYMENT_STATUS)} />
            </Form.Item>
            <Form.Item label={t("filters.povertyStatus")} name="povertyStatus" style={{ flex: "1 1 150px", marginBottom: 0 }}>
              <Select allowClear options={enumOptions("povertyStatus", POVERTY_STATUS)} />
            </Form.Item>
            <Form.Item label={t("filters.track")} name="track" style={{ flex: "1 1 150px", marginBottom: 0 }}>
              <Select allowClear options={enumOptions("track", TRACKS)} />
            </Form.Item>
            <Form.Item label={t("filters.origin")} name="origin" style={{ flex: "1 1 220px", marginBottom: 0 }}>
              <RegionPicker options={data.originOptions} maxLevel={3} changeOnSelect placeholder={t("filters.originHelp")} />
            </Form.Item>
            <Form.Item label={t("filters.caseworker")} name="caseworkerId" style={{ flex: "1 1 150px", marginBottom: 0 }}>
              <Select allowClear showSearch optionFilterProp="label" options={data.caseworkers.map((c) => ({ value: String(c.id), label: c.displayName }))} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={pending}>
                {t("apply")}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ q: undefined, employmentStatus: undefined, povertyStatus: undefined, track: undefined, origin: undefined, caseworkerId: undefined });
                  go({});
                }}
              >
                {t("reset")}
              </Button>
            </Space>
          </Flex>
        </Form>
      </Card>
      <Card size="small" title={<span data-testid="person-total">{total}</span>}>
        <Table
          rowKey="id"
          size="middle"
          loading={pending}
          dataSource={data.rows}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t("empty")} /> }}
          columns={[
            { title: t("columns.name"), dataIndex: "name", render: (name: string, row) => <Link href={`/persons/${row.id}`}>{name}</Link>, fixed: "left" },
            { title: t("columns.genderAge"), render: (_, row) => `${tEnum(`gender.${row.gender}`)} · ${t("age", { age: row.age })}` },
            { title: t("columns.idNumber"), dataIndex: "maskedId", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
            { title: t("columns.phone"), dataIndex: "phone" },
            { title: t("columns.origin"), dataIndex: "origin" },
            { title: t("columns.track"), dataIndex: "track", render: (v: string) => <TrackTag track={v} /> },
            { title: t("columns.employmentStatus"), dataIndex: "employmentStatus", render: (v: string) => tEnum(`employmentStatus.${v}`) },
            { title: t("columns.povertyStatus"), dataIndex: "povertyStatus", render: (v: string | null) => (v && v !== "NONE" ? <Tag>{tEnum(`povertyStatus.${v}`)}</Tag> : null) },
            { title: t("columns.caseworker"), dataIndex: "caseworkerName" },
          ]}
        />
        <Flex justify="flex-end" gap={8} style={{ marginTop: 12 }}>
          {data.query.after && <Button onClick={() => go(current)}>{t("firstPage")}</Button>}
          {data.nextAfter && (
            <Button onClick={() => go(current, data.nextAfter)} loading={pending}>
              {t("nextPage")}
            </Button>
          )}
        </Flex>
      </Card>
    </Space>
  );
}
