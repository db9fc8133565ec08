"use client";
import { useTranslations } from "next-intl";
import { Tag } from "antd";

const COLORS: Record<string, string> = { TRANSFER: "blue", TRAIN_THEN_PLACE: "gold", LOCAL: "green" };

export function TrackTag({ track }: { track: string }) {
  const t = useTranslations("enums.track");
  return <Tag color={COLORS[track]}>{t(track)}</Tag>;
}
