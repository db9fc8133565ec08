"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Alert, Button, Card, Form, Select, Space, Typography, Upload } from "antd";
import { InboxOutlined } from "@ant-design/icons";
import type { ImportPageData } from "@/lib/data-exchange/loaders";
import type { FormResult } from "@/lib/persons/types";
import { TemplateColumns } from "@/components/exchange/template-columns";

/**
 * Step 1 of an import: which partner the file came from, and the file. The upload returns at
 * once; the check runs in the background and the next page shows its progress.
 */
export function ImportUpload({ data }: { data: ImportPageData }) {
  const t = useTranslations("exchange");
  const en = useLocale() === "en";
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [partnerOfficeId, setPartner] = useState<number | undefined>(data.partners.length === 1 ? data.partners[0]!.id : undefined);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function submit() {
    setError(null);
    setFieldErrors({});
    if (!file) return setFieldErrors({ file: t("import.noFile") });
    if (!data.isPartner && !partnerOfficeId) return setFieldErrors({ partnerOfficeId: t("import.partner") });
    const body = new FormData();
    body.set("file", file);
    if (partnerOfficeId) body.set("partnerOfficeId", String(partnerOfficeId));
    setPending(true);
    try {
      const response = await fetch("/api/exchange/upload", { method: "POST", body });
      const result = (await response.json()) as FormResult<{ id: number }>;
      if (result.status === "ok") {
        router.push(`/exchange/imports/${result.data.id}`);
        return;
      }
      if (result.status === "invalid") setFieldErrors(result.fieldErrors);
      setError(result.message ?? null);
    } catch {
      setError(t("commitErrors.failed"));
    }
    setPending(false);
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 1100 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t("import.title")}
      </Typography.Title>
      <Card size="small">
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="upload-error" />}
        <Form layout="vertical" onFinish={submit}>
          {!data.isPartner && (
            <Form.Item label={t("import.partner")} htmlFor="exchange-partner" extra={t("import.partnerHelp")} validateStatus={fieldErrors.partnerOfficeId ? "error" : undefined} help={fieldErrors.partnerOfficeId}>
              <Select
                id="exchange-partner"
                value={partnerOfficeId}
                onChange={setPartner}
                showSearch
                optionFilterProp="label"
                options={data.partners.map((p) => ({ value: p.id, label: en ? p.nameEn : p.name }))}
                style={{ maxWidth: 480 }}
              />
            </Form.Item>
          )}
          <Form.Item label={t("import.file")} extra={t("import.fileHelp")} validateStatus={fieldErrors.file ? "error" : undefined} help={fieldErrors.file}>
            <Upload.Dragger
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{file ? t("import.chosen", { name: file.name }) : t("import.drop")}</p>
            </Upload.Dragger>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t("import.submit")}
          </Button>
        </Form>
      </Card>
      <TemplateColumns />
    </Space>
  );
}
