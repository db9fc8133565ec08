"use client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Progress, Space, Tag, Tooltip, Typography } from "antd";
import type { Exclusion, Explanation, Note } from "@/lib/matching/rules";

type SkillNames = Record<number, { zh: string; en: string }>;

/** A score's reasons in the caseworker's words: factors with weight and value, checks in green,
 *  warnings and history adjustments in amber. */
export function ExplanationView({ explanation, skillNames, compact }: { explanation: Explanation; skillNames: SkillNames; compact?: boolean }) {
  const t = useTranslations("matching");
  const format = useFormatter();
  const locale = useLocale();
  const names = (ids: readonly (string | number)[]) => ids.map((id) => skillNames[Number(id)]?.[locale === "en" ? "en" : "zh"] ?? `#${id}`).join("、");
  const text = (group: string, note: Note) => t(`${group}.${note.code}`, paramsFor(note, names, format));
  return (
    <Space direction="vertical" size={4} style={{ width: "100%" }}>
      {!compact && (
        <ul style={{ margin: 0, paddingInlineStart: 18 }} aria-label={t("factorsLabel")}>
          {explanation.factors.map((f) => (
            <li key={f.code}>
              <Typography.Text>{t(`factor.${f.code}.${factorVariant(f)}`, paramsFor({ code: f.code, params: f.params }, names, format))}</Typography.Text>{" "}
              <Typography.Text type="secondary">
                {t("factorWeight", { weight: Math.round(f.weight * 100), value: Math.round(f.value * 100) })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      <Space size={[4, 4]} wrap>
        {explanation.checks.map((c) => (
          <Tag key={c.code} color="green">
            {text("check", c)}
          </Tag>
        ))}
        {explanation.warnings.map((w) => (
          <Tag key={w.code} color="orange">
            {text("warning", w)}
          </Tag>
        ))}
        {explanation.adjustments.map((a) => (
          <Tooltip key={a.code} title={t("adjustmentFactor", { factor: Number(a.params.factor) })}>
            <Tag color="volcano">{text("adjustment", a)}</Tag>
          </Tooltip>
        ))}
      </Space>
    </Space>
  );
}

export function ScoreBar({ score, label }: { score: number; label: string }) {
  return <Progress percent={score} size="small" showInfo={false} aria-label={label} status="normal" style={{ width: 120, margin: 0 }} />;
}

export function ExclusionText({ exclusion, skillNames }: { exclusion: Exclusion; skillNames: SkillNames }) {
  const t = useTranslations("matching");
  const format = useFormatter();
  const locale = useLocale();
  const names = (ids: readonly (string | number)[]) => ids.map((id) => skillNames[Number(id)]?.[locale === "en" ? "en" : "zh"] ?? `#${id}`).join("、");
  return <>{t(`exclusion.${exclusion.code}`, paramsFor(exclusion, names, format))}</>;
}

function factorVariant(f: Explanation["factors"][number]): string {
  switch (f.code) {
    case "OCCUPATION":
      return String(f.params.match);
    case "LOCATION":
      return String(f.params.relation);
    case "SKILLS":
      return Number(f.params.required) === 0 ? "NONE_REQUIRED" : f.params.trainedByEmployer && (f.params.missing as unknown[]).length ? "TRAINED" : "COVERED";
    case "WAGE":
      return Number(f.params.offered) === 0 ? "UNKNOWN" : Number(f.params.roomAndBoardValue) > 0 ? "WITH_BOARD" : "PLAIN";
    case "HOUSING":
      return !f.params.needed ? "NOT_NEEDED" : f.params.provided ? "PROVIDED" : "MISSING";
  }
}

function paramsFor(note: { code: string; params: Record<string, unknown> }, names: (ids: readonly (string | number)[]) => string, format: ReturnType<typeof useFormatter>) {
  const p = note.params;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) {
    if (Array.isArray(v)) out[k] = names(v);
    else if (typeof v === "number" && ["need", "offered", "roomAndBoardValue", "previousWage"].includes(k)) out[k] = format.number(v, "yuan");
    else if (typeof v === "boolean") out[k] = v ? 1 : 0;
    else out[k] = v as string | number;
  }
  out.skills = Array.isArray(p.skillIds) ? names(p.skillIds as number[]) : Array.isArray(p.missing) ? names(p.missing as number[]) : "";
  return out;
}
