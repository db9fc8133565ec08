"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Segmented } from "antd";
import { setLocaleAction } from "@/lib/users/actions";

export function LocaleSwitcher() {
  const locale = useLocale();
  const t = useTranslations("app");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Segmented
      size="small"
      aria-label={t("language")}
      disabled={pending}
      value={locale}
      options={[
        { label: "中文", value: "zh-CN" },
        { label: "English", value: "en" },
      ]}
      onChange={(value) =>
        startTransition(async () => {
          await setLocaleAction(String(value));
          router.refresh();
        })
      }
    />
  );
}
