"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useFormatter, useTranslations } from "next-intl";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { LocaleSwitcher } from "@/components/locale-switcher";

type Values = { username: string; password: string };

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("login");
  const format = useFormatter();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onFinish(values: Values) {
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace(next);
      router.refresh();
      return;
    }
    const code = result?.error ?? "";
    if (code.startsWith("LOCKED")) {
      const until = new Date(code.slice("LOCKED:".length));
      setError(t("locked", { until: Number.isNaN(until.getTime()) ? "" : format.dateTime(until, { hour: "2-digit", minute: "2-digit" }) }));
    } else {
      setError(t("invalid"));
    }
  }

  return (
    <main style={{ minHeight: "100vh", display: "grid", placeItems: "center", padding: 16 }}>
      <Card style={{ width: "100%", maxWidth: 400 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
            {t("title")}
          </Typography.Title>
          <LocaleSwitcher />
        </div>
        <Typography.Paragraph type="secondary">{t("subtitle")}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} role="alert" aria-label={t("errorLabel")} data-testid="login-error" style={{ marginBottom: 16 }} />}
        <Form<Values> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label={t("username")} name="username" rules={[{ required: true, message: t("usernameRequired") }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t("password")} name="password" rules={[{ required: true, message: t("passwordRequired") }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={pending}>
            {t("submit")}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
