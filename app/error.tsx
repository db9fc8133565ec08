"use client";
import { useTranslations } from "next-intl";
import { Button, Result } from "antd";

// Production hides server error details: show a plain message and a retry, never a stack trace.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <main>
      <Result status="error" title={<h1 style={{ fontSize: 22, margin: 0 }}>{t("title")}</h1>} subTitle={t("body")} extra={<Button onClick={reset}>{t("retry")}</Button>} />
    </main>
  );
}
