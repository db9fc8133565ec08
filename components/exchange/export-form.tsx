"use client";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Alert, Button, Card, DatePicker, Flex, Form, Radio, Select, Space, Typography } from "antd";
import { CloudDownloadOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import type { ExportPageData } from "@/lib/data-exchange/loaders";
import type { FormResult } from "@/lib/persons/types";
import { RegionPicker } from "@/components/region-picker";

type Values = { partnerOfficeId?: number; region?: string | null; from?: Dayjs | null; to?: Dayjs | null; format: "XLSX" | "CSV"; language: "zh" | "en" };

/**
 * An export for a partner office: the template filled with the people in the user's scope from
 * the partner's region (or part of it), optionally only those changed in a period. The file
 * downloads; the log and audit rows are written by the server before it is sent.
 */
export function ExportForm({ data }: { data: ExportPageData }) {
  const t = useTranslations("exchange.export");
  const en = useLocale() === "en";
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onFinish(values: Values) {
    setPending(true);
    setError(null);
    setDone(null);
    form.setFields([{ name: "region", errors: [] }]);
    const body = new FormData();
    if (values.partnerOfficeId) body.set("partnerOfficeId", String(values.partnerOfficeId));
    else if (data.isPartner && data.partners[0]) body.set("partnerOfficeId", String(data.partners[0].id));
    body.set("region", values.region ?? "");
    body.set("from", values.from ? values.from.format("YYYY-MM-DD") : "");
    body.set("to", values.to ? values.to.format("YYYY-MM-DD") : "");
    body.set("format", values.format);
    body.set("language", values.language);
    try {
      const response = await fetch("/api/exchange/export", { method: "POST", body });
      if (!response.ok) {
        const result = (await response.json()) as FormResult<unknown>;
        if (result.status === "invalid") form.setFields(Object.entries(result.fieldErrors).map(([name, message]) => ({ name: name as keyof Values, errors: [message] })));
        setError(result.status === "ok" ? t("failed") : (result.message ?? t("failed")));
        return;
      }
      const fileName = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "export");
      const rows = Number(response.headers.get("X-Export-Rows") ?? 0);
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(t("done", { rows, file: fileName }));
    } catch {
      setError(t("failed"));
    } finally {
      setPending(false);
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 900 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
          {t("intro")}
        </Typography.Paragraph>
      </div>
      <Card size="small">
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="export-error" />}
        {done && <Alert type="success" message={done} style={{ marginBottom: 12 }} data-testid="export-done" />}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ partnerOfficeId: data.partners.length === 1 ? data.partners[0]!.id : undefined, format: "XLSX", language: en ? "en" : "zh" }}
        >
          {!data.isPartner && (
            <Form.Item label={t("partner")} name="partnerOfficeId" rules={[{ required: true, message: t("partner") }]}>
              <Select showSearch optionFilterProp="label" options={data.partners.map((p) => ({ value: p.id, label: en ? p.nameEn : p.name }))} style={{ maxWidth: 480 }} />
            </Form.Item>
          )}
          <Form.Item label={t("region")} name="region" extra={t("regionHelp")}>
            <RegionPicker options={data.divisions} maxLevel={3} changeOnSelect />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item label={t("from")} name="from" extra={t("periodHelp")} style={{ flex: "1 1 200px" }}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item label={t("to")} name="to" style={{ flex: "1 1 200px" }}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Flex>
          <Flex gap={24} wrap>
            <Form.Item label={t("format")} name="format">
              <Radio.Group options={[{ value: "XLSX", label: "Excel (.xlsx)" }, { value: "CSV", label: "CSV (UTF-8)" }]} />
            </Form.Item>
            <Form.Item label={t("language")} name="language">
              <Radio.Group options={[{ value: "zh", label: t("languageZh") }, { value: "en", label: t("languageEn") }]} />
            </Form.Item>
          </Flex>
          <Typography.Paragraph type="secondary">{t("neutralised")}</Typography.Paragraph>
          <Button type="primary" htmlType="submit" icon={<CloudDownloadOutlined />} loading={pending}>
            {t("submit")}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
