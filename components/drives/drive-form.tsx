"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from "antd";
import type { FormResult } from "@/lib/persons/types";
import type { loadNewDrive } from "@/lib/drives/loaders";
import { TRACKS } from "@/lib/persons/schema";
import { RegionPicker } from "@/components/region-picker";
import { showFieldErrors } from "@/components/forms/apply-result";

type Values = { name?: string; vacancyIds?: number[]; originPrefix?: string | null; track?: string | null };

export function DriveForm({ data, submit }: { data: Awaited<ReturnType<typeof loadNewDrive>>; submit: (values: unknown) => Promise<FormResult<{ id: number }>> }) {
  const t = useTranslations("drives");
  const tEnum = useTranslations("enums");
  const router = useRouter();
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 900 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t("newTitle")}
      </Typography.Title>
      {error && <Alert type="error" showIcon message={error} data-testid="form-alert" />}
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={async (values) => {
            setPending(true);
            setError(null);
            const result = await submit(values);
            setPending(false);
            if (result.status === "ok") {
              router.push(`/drives/${result.data.id}`);
              return;
            }
            showFieldErrors(form, result);
            setError("message" in result ? (result.message ?? t("fixErrors")) : t("fixErrors"));
          }}
        >
          <Form.Item label={t("name")} name="name" rules={[{ required: true, whitespace: true, message: t("required") }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item label={t("vacancies")} name="vacancyIds" rules={[{ required: true, message: t("required") }]}>
            <Select mode="multiple" showSearch optionFilterProp="label" options={data.vacancies} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t("poolHelp")}</Typography.Paragraph>
          <Space wrap style={{ width: "100%" }} align="start">
            <Form.Item label={t("poolOrigin")} name="originPrefix" style={{ minWidth: 280 }}>
              <RegionPicker options={data.origins} maxLevel={3} changeOnSelect />
            </Form.Item>
            <Form.Item label={t("poolTrack")} name="track" style={{ minWidth: 220 }}>
              <Select allowClear options={TRACKS.map((v) => ({ value: v, label: tEnum(`track.${v}`) }))} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={pending}>
            {pending ? t("running") : t("run")}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
