"use client";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { App, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Typography } from "antd";
import type { FormResult } from "@/lib/persons/types";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { showFieldErrors } from "@/components/forms/apply-result";
import { signOutToLogin } from "@/components/auth/sign-out";

type Account = { id: number; username: string; displayName: string; role: string; office: { name: string; nameEn: string } };

export function AccountSettings(props: { account: Account; changePassword: (v: unknown) => Promise<FormResult<{ id: number }>>; logoutEverywhere: () => Promise<void> }) {
  const t = useTranslations("account");
  const tEnum = useTranslations("enums");
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [pending, setPending] = useState(false);

  async function onFinish(values: { password: string }) {
    setPending(true);
    const result = await props.changePassword({ password: values.password });
    setPending(false);
    if (result.status === "ok") {
      message.success(t("passwordChanged"));
      await signOutToLogin();
      return;
    }
    showFieldErrors(form, result);
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t("title")}
      </Typography.Title>
      <Card title={t("profile")} size="small">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t("username")}>{props.account.username}</Descriptions.Item>
          <Descriptions.Item label={t("role")}>{tEnum(`role.${props.account.role}`)}</Descriptions.Item>
          <Descriptions.Item label={t("office")}>{locale === "en" ? props.account.office.nameEn : props.account.office.name}</Descriptions.Item>
          <Descriptions.Item label={t("language")}>
            <LocaleSwitcher />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("changePassword")} size="small">
        <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 360 }}>
          <Form.Item label={t("newPassword")} name="password" rules={[{ required: true, min: 10, message: t("newPassword") }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t("confirmPassword")}
            name="confirm"
            dependencies={["password"]}
            rules={[
              { required: true, message: t("confirmPassword") },
              ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue("password") ? Promise.resolve() : Promise.reject(new Error(t("mismatch")))) }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t("save")}
          </Button>
        </Form>
      </Card>
      <Card title={t("security")} size="small">
        <Typography.Paragraph>{t("logoutEverywhereHelp")}</Typography.Paragraph>
        <Popconfirm
          title={t("logoutEverywhereConfirm")}
          onConfirm={async () => {
            await props.logoutEverywhere();
            await signOutToLogin();
          }}
        >
          <Button danger>{t("logoutEverywhere")}</Button>
        </Popconfirm>
      </Card>
    </Space>
  );
}
