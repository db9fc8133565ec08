"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";

export type FigureRow = { key: string; label: string; value: number; href?: string };

/**
 * A panel's numbers as a table (what screen readers use instead of the chart): each row's label,
 * its count as a link to the people behind it, and its share of `total`.
 */
export function FigureTable({ caption, head, rows, total }: { caption: string; head: [string, string]; rows: FigureRow[]; total: number }) {
  const t = useTranslations("dashboard");
  const format = useFormatter();
  return (
    <table style={{ width: "100%", borderCollapse: "collapse", marginTop: 8 }}>
      <caption style={{ textAlign: "left", fontWeight: 500, padding: "4px 0" }}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" style={th}>{head[0]}</th>
          <th scope="col" style={{ ...th, textAlign: "right" }}>{head[1]}</th>
          <th scope="col" style={{ ...th, textAlign: "right" }}>{t("table.share")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={3} style={{ ...td, color: "rgba(0,0,0,0.65)" }}>
              {t("noData")}
            </td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" style={{ ...td, fontWeight: 400 }}>{r.label}</th>
            <td style={{ ...td, textAlign: "right" }}>{r.href && r.value > 0 ? <Link href={r.href}>{format.number(r.value)}</Link> : format.number(r.value)}</td>
            <td style={{ ...td, textAlign: "right" }}>{total ? format.number(r.value / total, { style: "percent", maximumFractionDigits: 1 }) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const th: React.CSSProperties = { textAlign: "left", fontWeight: 500, borderBottom: "1px solid #f0f0f0", padding: "4px 8px" };
const td: React.CSSProperties = { textAlign: "left", borderBottom: "1px solid #f0f0f0", padding: "4px 8px" };
