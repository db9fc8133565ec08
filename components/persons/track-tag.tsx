"use client";
import { useTranslations } from "next-intl";
import { Tag } from "antd";

const COLORS: Record<string, string> = { TRANSFER: "blue", TRAIN_THEN_PLACE: "gold", LOCAL: "green" };
// antd writes a tag's text in shade 7 of its colour, below WCAG AA (4.5:1) on the tint for gold
// (2.8:1) and green (3.4:1); these darker shades pass (6.5:1, 5.4:1). Blue-7 passes as it is.
const TEXT: Record<string, string | undefined> = { TRAIN_THEN_PLACE: "#874d00", LOCAL: "#237804" };

export function TrackTag({ track }: { track: string }) {
  const t = useTranslations("enums.track");
  return (
    // A long track ("就近就业（公益性岗位兜底）") wraps inside its column instead of running over the next.
    <Tag color={COLORS[track]} style={{ whiteSpace: "normal", maxWidth: "100%", ...(TEXT[track] ? { color: TEXT[track] } : {}) }}>
      {t(track)}
    </Tag>
  );
}
