"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Card, Empty, Flex, Space, Typography } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import type { DrillDownData } from "@/lib/reports/loaders";
import { dashboardHref, drillHref } from "@/components/reports/links";

/** The records behind one number of the dashboard, a page at a time, each with a link to the person. */
export function DrillDown({ data }: { data: DrillDownData }) {
  const t = useTranslations("dashboard");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const f = data.filters;

  const keyLabel = (() => {
    const [a, b] = data.key.split(":");
    switch (data.panel) {
      case "people":
      case "placed":
        return t("drill.all");
      case "status":
        return tEnum(`employmentStatus.${data.key}`);
      case "track":
        return tEnum(`track.${data.key}`);
      case "wage":
        return t(`wageBands.${data.key}`);
      case "reasons":
        return tEnum.has(`endReason.${data.key}`) ? tEnum(`endReason.${data.key}`) : data.key;
      case "retention":
        return t(b === "retained" ? "drill.retained" : "drill.lost", { days: Number(a) });
      case "training":
        return t(data.key === "retained" ? "training.retained" : `training.${data.key}`, { days: 90 });
      case "overdue":
        if (data.key === "all") return t("drill.all");
        if (data.key === "caseworker:none") return t("unassigned");
        return data.keyLabel ?? data.key;
      default:
        return data.keyLabel ?? data.key;
    }
  })();
  const title = `${t(`drill.panels.${data.panel}`)} · ${keyLabel}`;
  const person = (id: number, name: string) => <Link href={`/persons/${id}`}>{name}</Link>;

  const head: string[] =
    data.kind === "person"
      ? [t("drill.name"), t("table.status"), t("table.track"), t("table.origin"), t("table.office"), t("table.caseworker")]
      : data.kind === "placement"
        ? [t("drill.name"), t("drill.job"), t("drill.place"), t("drill.start"), t("drill.end"), t("drill.wage")]
        : data.kind === "followUp"
          ? [t("drill.name"), t("drill.due"), t("table.caseworker"), t("table.office")]
          : [t("drill.name"), t("drill.completedOn"), t("drill.firstStart")];

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Link href={dashboardHref(f)}>
        <ArrowLeftOutlined /> {t("drill.back")}
      </Link>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
          {t("showing", { from: f.from, to: f.to, region: f.regionName ?? t("allRegions") })}
        </Typography.Paragraph>
      </div>
      <Card size="small">
        <Typography.Paragraph strong data-testid="drill-total">
          {t(`drill.total.${data.kind}`, { count: data.total })}
        </Typography.Paragraph>
        {data.rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noData")} />
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table style={{ width: "100%", borderCollapse: "collapse" }} data-testid="drill-rows">
              <caption style={{ textAlign: "left", padding: "4px 0", color: "rgba(0,0,0,0.65)" }}>{title}</caption>
              <thead>
                <tr>
                  {head.map((h) => (
                    <th key={h} scope="col" style={th}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.kind === "person" &&
                  data.rows.map((r) => (
                    <tr key={r.cursor}>
                      <td style={td}>{person(r.personId, r.name)}</td>
                      <td style={td}>{tEnum(`employmentStatus.${r.status}`)}</td>
                      <td style={td}>{tEnum(`track.${r.track}`)}</td>
                      <td style={td}>{r.origin}</td>
                      <td style={td}>{r.office}</td>
                      <td style={td}>{r.caseworker ?? "—"}</td>
                    </tr>
                  ))}
                {data.kind === "placement" &&
                  data.rows.map((r) => (
                    <tr key={r.cursor}>
                      <td style={td}>{person(r.personId, r.name)}</td>
                      <td style={td}>
                        {r.title} · {r.employer}
                      </td>
                      <td style={td}>{r.place}</td>
                      <td style={td}>{r.startDate}</td>
                      <td style={td}>{r.endDate ? `${r.endDate}${r.endReason ? ` (${tEnum(`endReason.${r.endReason}`)})` : ""}` : t("drill.running")}</td>
                      <td style={{ ...td, textAlign: "right" }}>{r.wage === null ? "—" : t("yuan", { value: format.number(r.wage) })}</td>
                    </tr>
                  ))}
                {data.kind === "followUp" &&
                  data.rows.map((r) => (
                    <tr key={r.cursor}>
                      <td style={td}>{person(r.personId, r.name)}</td>
                      <td style={td}>{r.dueDate}</td>
                      <td style={td}>{r.caseworker ?? t("unassigned")}</td>
                      <td style={td}>{r.office}</td>
                    </tr>
                  ))}
                {data.kind === "training" &&
                  data.rows.map((r) => (
                    <tr key={r.cursor}>
                      <td style={td}>{person(r.personId, r.name)}</td>
                      <td style={td}>{r.endedOn}</td>
                      <td style={td}>{r.firstStart ?? "—"}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label={t("drill.pages")}>
          <Flex gap={16} style={{ marginTop: 12 }}>
            {data.after > 0 && <Link href={drillHref(f, data.panel, data.key)}>{t("drill.firstPage")}</Link>}
            {data.next !== null && <Link href={drillHref(f, data.panel, data.key, data.next)}>{t("drill.nextPage")}</Link>}
          </Flex>
        </nav>
      </Card>
    </Space>
  );
}

const th: React.CSSProperties = { textAlign: "left", fontWeight: 500, borderBottom: "1px solid #f0f0f0", padding: "6px 8px", whiteSpace: "nowrap" };
const td: React.CSSProperties = { borderBottom: "1px solid #f0f0f0", padding: "6px 8px" };
