"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Empty, Flex, Form, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { CloudDownloadOutlined, CloudUploadOutlined } from "@ant-design/icons";
import type { ExchangeOverviewData } from "@/lib/data-exchange/loaders";
import type { FormResult } from "@/lib/persons/types";
import { CADENCES } from "@/lib/data-exchange/rules";
import { showFieldErrors } from "@/components/forms/apply-result";

type SaveExpectation = (values: unknown) => Promise<FormResult<{ id: number }>>;

const STATUS_COLOURS: Record<string, string> = { VALIDATING: "processing", PREVIEW: "gold", COMMITTING: "processing", COMMITTED: "green", FAILED: "red", DISCARDED: "default" };

/** The exchange page: late lists first, then recent imports, the log, and the expected cadences. */
export function ExchangeOverview({ data, saveExpectation }: { data: ExchangeOverviewData; saveExpectation: SaveExpectation }) {
  const t = useTranslations("exchange");
  const format = useFormatter();
  const en = useLocale() === "en";
  const name = (o: { name: string; nameEn: string } | null | undefined) => (o ? (en ? o.nameEn : o.name) : "");
  const when = (d: Date | string | null) => (d ? format.dateTime(new Date(d), "long") : t("overview.never"));
  const day = (d: Date | string) => format.dateTime(new Date(d), "short");
  const overdue = data.expectations.filter((e) => e.active && e.state.overdue);
  const [editing, setEditing] = useState<null | Partial<ExchangeOverviewData["expectations"][number]>>(null);

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t("title")}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0", maxWidth: 820 }}>
            {t("overview.intro")}
          </Typography.Paragraph>
        </div>
        <Space wrap>
          {data.permissions.import && (
            <Link href="/exchange/import">
              <Button type="primary" icon={<CloudUploadOutlined />} tabIndex={-1}>
                {t("overview.import")}
              </Button>
            </Link>
          )}
          {data.permissions.export && (
            <Link href="/exchange/export">
              <Button icon={<CloudDownloadOutlined />} tabIndex={-1}>
                {t("overview.export")}
              </Button>
            </Link>
          )}
        </Space>
      </Flex>

      {overdue.map((e) => (
        <Alert
          key={e.id}
          type="warning"
          showIcon
          data-testid="exchange-overdue"
          message={t("overview.overdue", { partner: name(e.partnerOffice), due: day(e.state.due), days: e.state.daysLate, last: when(e.lastReceivedAt) })}
        />
      ))}

      {data.permissions.import && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("overview.recentImports")}</h2>}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 900 }}
            dataSource={data.batches}
            locale={{ emptyText: <Empty description={t("overview.noImports")} /> }}
            columns={[
              { title: t("columns.file"), dataIndex: "fileName", render: (v: string, b) => <Link href={`/exchange/imports/${b.id}`}>{v}</Link> },
              { title: t("columns.partner"), render: (_, b) => name(b.partnerOffice) },
              { title: t("columns.status"), dataIndex: "status", render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{t(`status.${s}`)}</Tag> },
              { title: t("columns.rows"), dataIndex: "totalRows", align: "right" },
              { title: t("columns.new"), dataIndex: "newRows", align: "right" },
              { title: t("columns.updated"), dataIndex: "updatedRows", align: "right" },
              { title: t("columns.errors"), dataIndex: "errorRows", align: "right", render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
              { title: t("columns.conflicts"), dataIndex: "conflictRows", align: "right" },
              { title: t("columns.user"), render: (_, b) => b.createdBy?.displayName },
              { title: t("columns.at"), dataIndex: "createdAt", render: (d: Date) => when(d) },
            ]}
          />
        </Card>
      )}

      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("overview.log")}</h2>}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 1000 }}
          dataSource={data.log}
          locale={{ emptyText: <Empty description={t("overview.noLog")} /> }}
          columns={[
            { title: t("columns.at"), dataIndex: "at", render: (d: Date) => when(d) },
            { title: t("columns.direction"), dataIndex: "direction", render: (d: string) => <Tag color={d === "RECEIVED" ? "blue" : "purple"}>{t(`direction.${d}`)}</Tag> },
            { title: t("columns.partner"), render: (_, l) => name(l.partnerOffice) },
            { title: t("columns.office"), render: (_, l) => name(l.office) },
            { title: t("columns.user"), render: (_, l) => l.user?.displayName },
            { title: t("columns.file"), render: (_, l) => (l.batchId ? <Link href={`/exchange/imports/${l.batchId}`}>{l.fileName}</Link> : l.fileName) },
            { title: t("columns.rows"), dataIndex: "rows", align: "right" },
            { title: t("columns.new"), dataIndex: "newRows", align: "right", render: (n: number, l) => (l.direction === "RECEIVED" ? n : "—") },
            { title: t("columns.updated"), dataIndex: "updatedRows", align: "right", render: (n: number, l) => (l.direction === "RECEIVED" ? n : "—") },
            { title: t("columns.unchanged"), dataIndex: "unchangedRows", align: "right", render: (n: number, l) => (l.direction === "RECEIVED" ? n : "—") },
            {
              title: t("columns.filters"),
              render: (_, l) => (l.direction === "SENT" ? [l.filters.region, [l.filters.from, l.filters.to].filter(Boolean).join(" ~ ")].filter(Boolean).join(" · ") : null),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("overview.expectations")}</h2>}
        extra={data.permissions.configure && <Button onClick={() => setEditing({ cadence: "MONTHLY", graceDays: 5, active: true })}>{t("expectation.add")}</Button>}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 800 }}
          dataSource={data.expectations}
          locale={{ emptyText: <Empty description={t("overview.noExpectations")} /> }}
          columns={[
            { title: t("columns.office"), render: (_, e) => name(e.office) },
            { title: t("columns.partner"), render: (_, e) => name(e.partnerOffice) },
            { title: t("columns.cadence"), dataIndex: "cadence", render: (c: string) => t(`cadence.${c}`) },
            { title: t("columns.graceDays"), dataIndex: "graceDays", align: "right" },
            { title: t("columns.lastReceived"), dataIndex: "lastReceivedAt", render: (d: Date | null) => when(d) },
            { title: t("columns.nextDue"), render: (_, e) => day(e.state.due) },
            {
              title: t("columns.state"),
              render: (_, e) =>
                !e.active ? <Tag>{t("expectation.inactive")}</Tag> : e.state.overdue ? <Tag color="red">{t("expectation.overdue", { days: e.state.daysLate })}</Tag> : <Tag color="green">{t("expectation.onTime")}</Tag>,
            },
            ...(data.permissions.configure
              ? [{ title: t("expectation.edit"), key: "edit", render: (_: unknown, e: ExchangeOverviewData["expectations"][number]) => <Button size="small" onClick={() => setEditing(e)}>{t("expectation.edit")}</Button> }]
              : []),
          ]}
        />
      </Card>
      {editing && <ExpectationDialog initial={editing} data={data} save={saveExpectation} onClose={() => setEditing(null)} />}
    </Space>
  );
}

type ExpectationValues = { officeId?: number; partnerOfficeId?: number; cadence?: string; graceDays?: number; active?: boolean };

function ExpectationDialog({ initial, data, save, onClose }: { initial: ExpectationValues; data: ExchangeOverviewData; save: SaveExpectation; onClose: () => void }) {
  const t = useTranslations("exchange");
  const en = useLocale() === "en";
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm<ExpectationValues>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: ExpectationValues) {
    setPending(true);
    setError(null);
    const result = await save(values);
    setPending(false);
    if (result.status === "ok") {
      message.success(t("expectation.saved"));
      onClose();
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    setError(result.message ?? null);
  }

  return (
    <Modal open title={t("expectation.add")} onCancel={onClose} okText={t("expectation.save")} cancelText={t("expectation.cancel")} confirmLoading={pending} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form<ExpectationValues> form={form} layout="vertical" initialValues={{ officeId: data.offices[0]?.id, partnerOfficeId: data.partners[0]?.id, ...initial }} onFinish={onFinish}>
        <Form.Item label={t("expectation.office")} name="officeId" rules={[{ required: true }]}>
          <Select options={data.offices.map((o) => ({ value: o.id, label: en ? o.nameEn : o.name }))} />
        </Form.Item>
        <Form.Item label={t("expectation.partner")} name="partnerOfficeId" rules={[{ required: true }]}>
          <Select options={data.partners.map((o) => ({ value: o.id, label: en ? o.nameEn : o.name }))} />
        </Form.Item>
        <Form.Item label={t("expectation.cadence")} name="cadence" rules={[{ required: true }]}>
          <Select options={CADENCES.map((c) => ({ value: c, label: t(`cadence.${c}`) }))} />
        </Form.Item>
        <Form.Item label={t("expectation.graceDays")} name="graceDays" extra={t("expectation.graceHelp")} rules={[{ required: true }]}>
          <InputNumber min={0} max={60} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label={t("expectation.active")} name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
