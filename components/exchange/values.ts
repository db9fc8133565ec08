import { COLUMN_BY_KEY, enumLabel, type ColumnKey } from "@/lib/data-exchange/template";
import type { RowError } from "@/lib/data-exchange/rules";

export type Lang = "zh" | "en";

export const langOf = (locale: string): Lang => (locale === "en" ? "en" : "zh");

/** A column's header in the reader's language. */
export function columnLabel(key: ColumnKey | null, lang: Lang): string {
  if (!key) return "";
  const column = COLUMN_BY_KEY.get(key);
  return column ? column[lang] : key;
}

/** A value of a diff as the template writes it: labels for choices, 是/否, dates as they are. */
export function displayValue(key: ColumnKey, value: string | number | boolean | null, lang: Lang, none: string): string {
  if (value === null || value === "") return none;
  if (typeof value === "boolean") return value ? (lang === "zh" ? "是" : "yes") : lang === "zh" ? "否" : "no";
  const column = COLUMN_BY_KEY.get(key);
  if (column?.kind.type === "enum") return enumLabel(column, String(value), lang);
  return String(value);
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A row error in plain words; an unknown choice also lists the column's choices. */
export function errorText(error: RowError, t: Translate, lang: Lang): string {
  let text: string;
  try {
    text = t(error.key, error.params);
  } catch {
    text = error.key;
  }
  const column = error.column ? COLUMN_BY_KEY.get(error.column) : undefined;
  if (error.key === "exchange.rowErrors.unknownChoice" && column?.kind.type === "enum") {
    const choices = Object.values(column.kind.labels).map((l) => l[lang === "zh" ? 0 : 1]);
    text += `（${t("exchange.batch.choices", { choices: choices.join(lang === "zh" ? "、" : ", ") })}）`;
  }
  return text;
}
