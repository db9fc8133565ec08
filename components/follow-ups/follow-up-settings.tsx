"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert, App, Button, Card, Empty, Flex, Form, Input, InputNumber, Pagination, Select, Space, Typography } from "antd";
import type { FormResult } from "@/lib/persons/types";
import type { FollowUpSettingsData } from "@/lib/follow-ups/loaders";
import { showFieldErrors } from "@/components/forms/apply-result";

type Office = FollowUpSettingsData[number] & { save: (values: unknown) => Promise<FormResult<{ id: number }>> };
type Values = { followUpCadence: (string | number)[]; monitoringIntervalDays: number | null };

/**
 * Each office's follow-up cadence (days after a placement starts) and how often people under
 * monitoring are contacted. A change applies to placements recorded afterwards; plans already
 * made keep their dates.
 */
/** Offices per page: a province's supervisor covers dozens. */
const PAGE_SIZE = 10;

export function FollowUpSettings({ offices }: { offices: Office[] }) {
  const t = useTranslations("followUps.settings");
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(1);
  const q = query.trim().toLowerCase();
  const shown = q ? offices.filter((o) => o.name.toLowerCase().includes(q) || o.code.toLowerCase().includes(q)) : offices;
  const pageItems = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 900 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
          {t("help")}
        </Typography.Paragraph>
      </div>
      {offices.length > 1 ? (
        <Input.Search
          allowClear
          aria-label={t("find")}
          placeholder={t("find")}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(1);
          }}
          style={{ maxWidth: 360 }}
        />
      ) : null}
      {pageItems.length ? pageItems.map((office) => <OfficeSettings key={office.id} office={office} />) : <Empty />}
      {shown.length > PAGE_SIZE ? <Pagination current={page} pageSize={PAGE_SIZE} total={shown.length} onChange={setPage} showSizeChanger={false} /> : null}
    </Space>
  );
}

function OfficeSettings({ office }: { office: Office }) {
  const t = useTranslations("followUps.settings");
  const tEnum = useTranslations("enums");
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `office-${office.id}`;

  async function onFinish(values: Values) {
    setPending(true);
    setError(null);
    const result = await office.save({ followUpCadence: values.followUpCadence.map((v) => String(v).trim()).filter(Boolean), monitoringIntervalDays: values.monitoringIntervalDays });
    setPending(false);
    if (result.status === "ok") {
      message.success(t("saved", { office: office.name }));
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    setError(result.message ?? null);
  }

  return (
    <Card size="small" role="region" aria-labelledby={headingId} title={<h2 id={headingId} style={{ fontSize: 16, margin: 0, whiteSpace: "normal" }}>{office.name}</h2>} extra={<Typography.Text type="secondary">{tEnum(`officeKind.${office.kind}`)}</Typography.Text>}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ followUpCadence: office.followUpCadence.map(String), monitoringIntervalDays: office.monitoringIntervalDays }}
      >
        <Flex gap={16} wrap align="flex-end">
          <Form.Item label={t("cadence")} name="followUpCadence" extra={t("cadenceHelp")} rules={[{ required: true, message: t("required") }]} style={{ flex: "2 1 260px" }}>
            <Select mode="tags" tokenSeparators={[",", "，", " ", "、"]} open={false} suffixIcon={null} aria-label={`${t("cadence")} · ${office.name}`} />
          </Form.Item>
          <Form.Item label={t("monitoring")} name="monitoringIntervalDays" extra={t("monitoringHelp")} rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 160px" }}>
            <InputNumber min={7} max={366} style={{ width: "100%" }} suffix={t("days")} aria-label={`${t("monitoring")} · ${office.name}`} />
          </Form.Item>
          <Form.Item style={{ flex: "0 0 auto" }}>
            <Button type="primary" htmlType="submit" loading={pending}>
              {t("save")}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
    </Card>
  );
}
