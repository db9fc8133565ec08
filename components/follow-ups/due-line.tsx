"use client";
import { useFormatter, useTranslations } from "next-intl";
import { Typography } from "antd";

/** Why the follow-up is due: the placement's cadence day, monitoring, or a call-back someone set. */
export function useReasonText() {
  const t = useTranslations("followUps.reason");
  return (f: { reason: string; cadenceDay: number | null }) =>
    f.reason === "PLACEMENT" && f.cadenceDay !== null ? t("PLACEMENT", { day: f.cadenceDay }) : t(f.reason === "MONITORING" ? "MONITORING" : "MANUAL");
}

/** "Due 2026/11/20 · 3 days overdue" (overdue in the error colour, which passes contrast). */
export function DueLine({ dueDate, daysLeft, open = true }: { dueDate: string; daysLeft: number; open?: boolean }) {
  const t = useTranslations("followUps");
  const format = useFormatter();
  const date = t("dueOn", { date: format.dateTime(new Date(dueDate), "short") });
  if (!open) return <Typography.Text type="secondary">{date}</Typography.Text>;
  if (daysLeft < 0)
    return (
      <Typography.Text type="danger">
        {date} · {t("overdueBy", { days: -daysLeft })}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary">
      {date} · {daysLeft === 0 ? t("dueToday") : t("dueIn", { days: daysLeft })}
    </Typography.Text>
  );
}
