"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert, App, Button, Card, Flex, Form, Input, Select, Space, Typography } from "antd";
import type { FormResult } from "@/lib/persons/types";
import type { CascaderOption } from "@/lib/reference/loaders";
import { SECTORS } from "@/lib/persons/rules";
import { RegionPicker } from "@/components/region-picker";
import { showFieldErrors } from "@/components/forms/apply-result";

type Values = { name?: string; uscc?: string; industry?: string | null; divisionCode?: string | null; addressDetail?: string | null; contactName?: string | null; contactPhone?: string | null; notes?: string | null };

export function EmployerForm(props: { initial: Values; version?: number; divisions: CascaderOption[]; submit: (values: unknown) => Promise<FormResult<{ id: number }>>; cancelHref: string }) {
  const t = useTranslations("employers");
  const tEnum = useTranslations("enums");
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<{ text: string; existing?: { id: number; name: string } | null } | null>(null);

  async function onFinish(values: Values) {
    setPending(true);
    setAlert(null);
    const result = await props.submit(props.version ? { ...values, version: props.version } : values);
    setPending(false);
    if (result.status === "ok") {
      message.success(t("saved"));
      router.push(`/employers/${result.data.id}`);
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    if (result.status === "duplicate") {
      form.setFields([{ name: "uscc", errors: [t("duplicateUscc")] }]);
      setAlert({ text: t("duplicateUscc"), existing: result.existing });
    } else setAlert({ text: result.status === "conflict" ? t("conflict") : (result.message ?? t("fixErrors")) });
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 900 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {props.version ? t("editTitle") : t("newTitle")}
      </Typography.Title>
      {alert && (
        <Alert type="error" showIcon data-testid="form-alert" message={alert.text} description={alert.existing ? <Link href={`/employers/${alert.existing.id}`}>{t("openExisting", { name: alert.existing.name })}</Link> : undefined} />
      )}
      <Card size="small">
        <Form<Values> form={form} layout="vertical" initialValues={props.initial} onFinish={onFinish} onFinishFailed={() => setAlert({ text: t("fixErrors") })}>
          <Flex gap={16} wrap>
            <Form.Item label={t("name")} name="name" rules={[{ required: true, whitespace: true, message: t("required") }]} style={{ flex: "2 1 280px" }}>
              <Input maxLength={120} />
            </Form.Item>
            <Form.Item label={t("uscc")} name="uscc" rules={[{ required: true, whitespace: true, message: t("required") }]} style={{ flex: "1 1 240px" }} extra={t("usccHelp")}>
              <Input maxLength={18} style={{ fontFamily: "monospace" }} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item label={t("industry")} name="industry" style={{ flex: "1 1 200px" }}>
              <Select allowClear options={SECTORS.map((s) => ({ value: s, label: tEnum(`sector.${s}`) }))} />
            </Form.Item>
            <Form.Item label={t("place")} name="divisionCode" rules={[{ required: true, message: t("required") }]} style={{ flex: "2 1 320px" }}>
              <RegionPicker options={props.divisions} changeOnSelect placeholder={t("pickRegion")} />
            </Form.Item>
          </Flex>
          <Form.Item label={t("addressDetail")} name="addressDetail">
            <Input maxLength={200} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item label={t("contactName")} name="contactName" style={{ flex: "1 1 200px" }}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item label={t("contactPhone")} name="contactPhone" style={{ flex: "1 1 200px" }}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Flex>
          <Form.Item label={t("notes")} name="notes">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={pending}>
              {t("save")}
            </Button>
            <Link href={props.cancelHref}>
              <Button tabIndex={-1}>{t("cancel")}</Button>
            </Link>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
