"use client";
import { useFormatter, useTranslations } from "next-intl";
import { Flex, Tag, Typography } from "antd";
import type { Progress, TargetStatus } from "@/lib/targets/rules";

const STATUS_COLOUR: Record<TargetStatus, string> = { COMPLETED: "success", AHEAD: "processing", ON_SCHEDULE: "default", BEHIND: "error" };

export function StatusTag({ status }: { status: TargetStatus }) {
  const t = useTranslations("targets");
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="target-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

/**
 * Completion as a bar with a marker where the share of the period elapsed (时序进度) stands, and
 * both as text: the bar is drawn for the eye, the text is what a screen reader reads.
 */
export function ProgressBar({ progress }: { progress: Progress }) {
  const t = useTranslations("targets");
  const format = useFormatter();
  const pct = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const done = Math.min(1, progress.completion);
  const colour = { COMPLETED: "#237804", AHEAD: "#0958d9", ON_SCHEDULE: "#595959", BEHIND: "#cf1322" }[progress.status];
  return (
    <div style={{ minWidth: 160 }}>
      <div aria-hidden style={{ position: "relative", height: 10, background: "#f0f0f0", borderRadius: 5, margin: "6px 0" }}>
        <div style={{ width: `${done * 100}%`, height: "100%", background: colour, borderRadius: 5 }} />
        <div title={t("elapsedMarker")} style={{ position: "absolute", top: -4, bottom: -4, left: `calc(${progress.elapsed * 100}% - 1px)`, width: 2, background: "#262626" }} />
      </div>
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text style={{ fontSize: 12 }} data-testid="target-completion">
          {t("completion", { pct: pct(progress.completion) })}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 12 }} type="secondary" data-testid="target-elapsed">
          {t("elapsed", { pct: pct(progress.elapsed) })}
        </Typography.Text>
      </Flex>
    </div>
  );
}
