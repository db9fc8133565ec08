"use client";
import { useMemo, useTransition } from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Button, Card, Col, DatePicker, Flex, Form, Row, Select, Space, Statistic, Typography } from "antd";
import { FilePdfOutlined, FileExcelOutlined, SwapOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { RegionPicker } from "@/components/region-picker";
import { Chart, type ChartDatum } from "@/components/reports/chart";
import { FigureTable, type FigureRow } from "@/components/reports/figure-table";
import { drillHref, filterParams } from "@/components/reports/links";
import type { DashboardData } from "@/lib/reports/loaders";
import type { CascaderOption } from "@/lib/reference/loaders";
import { PERIOD_PRESETS } from "@/lib/reports/rules";

type Filters = { preset: string | null; from: Dayjs | null; to: Dayjs | null; region: string | null };

/**
 * The dashboard: KPIs, then one card per panel with a chart and the same numbers as a table. Every
 * number opens the people behind it (/reports/people); the filters live in the address bar.
 */
export function Dashboard({ data, divisions }: { data: DashboardData; divisions: CascaderOption[] }) {
  const t = useTranslations("dashboard");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const f = data.filters;
  const href = (panel: string, key: string) => drillHref(f, panel, key);
  const pct = (part: number, whole: number) => (whole ? format.number(part / whole, { style: "percent", maximumFractionDigits: 1 }) : "—");
  const yuan = (v: number | null) => (v === null ? "—" : t("yuan", { value: format.number(Math.round(v)) }));

  function go(next: Partial<Filters>) {
    const merged = { preset: f.preset, from: dayjs(f.from), to: dayjs(f.to), region: f.region, ...next };
    const params = new URLSearchParams();
    if (merged.preset) params.set("preset", merged.preset);
    else {
      if (merged.from) params.set("from", merged.from.format("YYYY-MM-DD"));
      if (merged.to) params.set("to", merged.to.format("YYYY-MM-DD"));
    }
    if (merged.region) params.set("region", merged.region.slice(0, 6));
    startTransition(() => router.push(params.size ? `${pathname}?${params}` : pathname));
  }

  const panels = useMemo(() => {
    const rows = (items: { key: string; label: string; count: number; panel: string }[]): FigureRow[] => items.map((i) => ({ key: i.key, label: i.label, value: i.count, href: href(i.panel, i.key) }));
    return {
      status: rows(data.status.map((r) => ({ key: r.key, label: tEnum(`employmentStatus.${r.key}`), count: r.count, panel: "status" }))),
      track: rows(data.track.map((r) => ({ key: r.key, label: tEnum(`track.${r.key}`), count: r.count, panel: "track" }))),
      origin: rows(data.origin.map((r) => ({ key: r.code, label: r.name, count: r.count, panel: "origin" }))),
      destination: rows(data.destination.map((r) => ({ key: r.code, label: r.name, count: r.count, panel: "destination" }))),
      wage: rows(data.wage.bands.map((b) => ({ key: b.key, label: t(`wageBands.${b.key}`), count: b.count, panel: "wage" }))),
      reasons: rows(data.reasons.map((r) => ({ key: r.key, label: tEnum(`endReason.${r.key}`), count: r.count, panel: "reasons" }))),
      overdueByOffice: rows(data.overdue.byOffice.map((o) => ({ key: `office:${o.officeId}`, label: o.name, count: o.count, panel: "overdue" }))),
      overdueByCaseworker: data.overdue.byCaseworker
        ? rows(data.overdue.byCaseworker.map((c) => ({ key: `caseworker:${c.caseworkerId ?? "none"}`, label: `${c.name ?? t("unassigned")} · ${c.officeName}`, count: c.count, panel: "overdue" })))
        : null,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  const chartData = (rows: FigureRow[], top = 12): ChartDatum[] => rows.slice(0, top).map((r) => ({ label: r.label, value: r.value, href: r.href }));
  const spoken = (title: string, rows: FigureRow[]) => `${title}: ${rows.length ? rows.map((r) => `${r.label} ${r.value}`).join(", ") : t("noData")}`;

  const retentionRows = data.retention.map((r) => ({ ...r, rate: r.eligible ? (r.retained / r.eligible) * 100 : 0 }));
  const training = data.training;
  const trainingRows: FigureRow[] = [
    { key: "completed", label: t("training.completed"), value: training.completed, href: href("training", "completed") },
    { key: "placed", label: t("training.placed"), value: training.placed, href: href("training", "placed") },
    { key: "retained", label: t("training.retained", { days: 90 }), value: training.retained, href: href("training", "retained") },
  ];

  const panel = (id: string, title: string, body: React.ReactNode, extra?: React.ReactNode) => (
    <Card size="small" title={<h2 id={`panel-${id}`} style={{ fontSize: 16, margin: 0 }}>{title}</h2>} extra={extra} style={{ height: "100%" }} data-testid={`panel-${id}`}>
      {body}
    </Card>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t("title")}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
            {t("help")}
          </Typography.Paragraph>
        </div>
        <Link href="/reports/reassignments">
          <SwapOutlined /> {t("reassignmentReport")}
        </Link>
      </Flex>

      <Card size="small">
        <Form<Filters>
          layout="vertical"
          role="search"
          aria-label={t("filters")}
          initialValues={{ preset: f.preset, from: dayjs(f.from), to: dayjs(f.to), region: f.region }}
          key={`${f.preset}-${f.from}-${f.to}-${f.region}`}
          onFinish={(v) => go({ preset: null, from: v.from, to: v.to, region: v.region })}
        >
          <Flex wrap gap={12} align="flex-end">
            <Form.Item label={t("preset")} name="preset" style={{ flex: "1 1 160px", marginBottom: 0 }}>
              <Select
                placeholder={t("custom")}
                options={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`presets.${p}`) }))}
                onChange={(preset: string) => go({ preset })}
              />
            </Form.Item>
            <Form.Item label={t("from")} name="from" style={{ flex: "1 1 150px", marginBottom: 0 }}>
              <DatePicker style={{ width: "100%" }} allowClear={false} />
            </Form.Item>
            <Form.Item label={t("to")} name="to" style={{ flex: "1 1 150px", marginBottom: 0 }}>
              <DatePicker style={{ width: "100%" }} allowClear={false} />
            </Form.Item>
            <Form.Item label={t("region")} name="region" style={{ flex: "2 1 240px", marginBottom: 0 }}>
              <RegionPicker options={divisions} maxLevel={3} changeOnSelect placeholder={t("allRegions")} />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={pending}>
                {t("apply")}
              </Button>
              {f.region && <Button onClick={() => go({ region: null })}>{t("clearRegion")}</Button>}
            </Space>
          </Flex>
        </Form>
      </Card>

      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" data-testid="dashboard-scope">
          {t("showing", { from: f.from, to: f.to, region: f.regionName ?? t("allRegions") })} · {t("asOf", { at: format.dateTime(new Date(data.asOf), { dateStyle: "short", timeStyle: "short" }) })}
        </Typography.Text>
        {data.canExport && (
          <Space wrap>
            {(["xlsx", "pdf"] as const).map((fmt) => (
              <form key={fmt} method="post" action="/api/reports/export">
                <input type="hidden" name="format" value={fmt} />
                {Object.entries(filterParams(f)).map(([k, v]) => (
                  <input key={k} type="hidden" name={k} value={v} />
                ))}
                <Button htmlType="submit" icon={fmt === "xlsx" ? <FileExcelOutlined /> : <FilePdfOutlined />}>
                  {t(fmt === "xlsx" ? "exportXlsx" : "exportPdf")}
                </Button>
              </form>
            ))}
          </Space>
        )}
      </Flex>

      <section aria-labelledby="kpis-title">
        <h2 id="kpis-title" className="sr-only" style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>
          {t("kpis")}
        </h2>
        <Row gutter={[12, 12]}>
          {[
            { key: "people", title: t("kpi.people"), value: format.number(data.kpis.people), link: href("people", "all") },
            { key: "placed", title: t("kpi.placed"), value: format.number(data.kpis.placed), link: href("placed", "all") },
            { key: "overdue", title: t("kpi.overdue"), value: format.number(data.kpis.overdue), link: href("overdue", "all") },
            { key: "medianWage", title: t("kpi.medianWage"), value: yuan(data.kpis.medianWage), link: null },
          ].map((k) => (
            <Col xs={12} md={6} key={k.key}>
              <Card size="small">
                <Statistic
                  title={k.title}
                  valueRender={() =>
                    k.link ? (
                      <Link href={k.link} data-testid={`kpi-${k.key}`}>
                        {k.value}
                      </Link>
                    ) : (
                      <span data-testid={`kpi-${k.key}`}>{k.value}</span>
                    )
                  }
                />
              </Card>
            </Col>
          ))}
        </Row>
      </section>

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          {panel(
            "status",
            t("panels.status"),
            <>
              <Chart label={spoken(t("panels.status"), panels.status)} data={chartData(panels.status)} testId="chart-status" />
              <FigureTable caption={t("panels.status")} head={[t("table.status"), t("table.people")]} rows={panels.status} total={data.kpis.people} />
            </>,
          )}
        </Col>
        <Col xs={24} lg={12}>
          {panel(
            "track",
            t("panels.track"),
            <>
              <Chart kind="ring" label={spoken(t("panels.track"), panels.track)} data={chartData(panels.track)} testId="chart-track" />
              <FigureTable caption={t("panels.track")} head={[t("table.track"), t("table.people")]} rows={panels.track} total={data.kpis.people} />
            </>,
          )}
        </Col>
        <Col xs={24} lg={12}>
          {panel(
            "origin",
            t("panels.origin"),
            <>
              <Chart label={spoken(t("panels.origin"), panels.origin.slice(0, 12))} data={chartData(panels.origin)} testId="chart-origin" />
              <FigureTable caption={t("panels.origin")} head={[t("table.origin"), t("table.placements")]} rows={panels.origin} total={data.kpis.placed} />
            </>,
          )}
        </Col>
        <Col xs={24} lg={12}>
          {panel(
            "destination",
            t("panels.destination"),
            <>
              <Chart label={spoken(t("panels.destination"), panels.destination.slice(0, 12))} data={chartData(panels.destination)} testId="chart-destination" />
              <FigureTable caption={t("panels.destination")} head={[t("table.destination"), t("table.placements")]} rows={panels.destination} total={data.kpis.placed} />
            </>,
          )}
        </Col>
        <Col xs={24} lg={12}>
          {panel(
            "wage",
            t("panels.wage"),
            <>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                {t("wageSummary", { median: yuan(data.wage.median), recorded: data.wage.recorded })}
              </Typography.Paragraph>
              <Chart kind="column" label={spoken(t("panels.wage"), panels.wage)} data={chartData(panels.wage)} testId="chart-wage" />
              <FigureTable caption={t("panels.wage")} head={[t("table.band"), t("table.placements")]} rows={panels.wage} total={data.kpis.placed} />
            </>,
          )}
        </Col>
        <Col xs={24} lg={12}>
          {panel(
            "retention",
            t("panels.retention"),
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t("retention.help")}
              </Typography.Paragraph>
              <Chart
                kind="column"
                label={`${t("panels.retention")}: ${retentionRows.map((r) => `${t("retention.day", { days: r.days })} ${pct(r.retained, r.eligible)}`).join(", ")}`}
                data={retentionRows.map((r) => ({ label: t("retention.day", { days: r.days }), value: Math.round(r.rate * 10) / 10, href: href("retention", `${r.days}:retained`) }))}
                percent
                testId="chart-retention"
              />
              <table className="figure-table" style={{ width: "100%", borderCollapse: "collapse", marginTop: 8 }}>
                <caption style={{ textAlign: "left", fontWeight: 500, padding: "4px 0" }}>{t("panels.retention")}</caption>
                <thead>
                  <tr>
                    <th scope="col" style={th}>{t("retention.at")}</th>
                    <th scope="col" style={{ ...th, textAlign: "right" }}>{t("retention.eligible")}</th>
                    <th scope="col" style={{ ...th, textAlign: "right" }}>{t("retention.retained")}</th>
                    <th scope="col" style={{ ...th, textAlign: "right" }}>{t("retention.lost")}</th>
                    <th scope="col" style={{ ...th, textAlign: "right" }}>{t("retention.rate")}</th>
                  </tr>
                </thead>
                <tbody>
                  {retentionRows.map((r) => (
                    <tr key={r.days}>
                      <th scope="row" style={td}>{t("retention.day", { days: r.days })}</th>
                      <td style={tdNum}>{format.number(r.eligible)}</td>
                      <td style={tdNum}>
                        <Link href={href("retention", `${r.days}:retained`)}>{format.number(r.retained)}</Link>
                      </td>
                      <td style={tdNum}>
                        <Link href={href("retention", `${r.days}:lost`)}>{format.number(r.eligible - r.retained)}</Link>
                      </td>
                      <td style={tdNum}>{pct(r.retained, r.eligible)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>,
          )}
        </Col>
        <Col xs={24} lg={12}>
          {panel(
            "overdue",
            t("panels.overdue"),
            <>
              <Chart label={spoken(t("panels.overdueByOffice"), panels.overdueByOffice.slice(0, 12))} data={chartData(panels.overdueByOffice)} testId="chart-overdue" />
              <FigureTable caption={t("panels.overdueByOffice")} head={[t("table.office"), t("table.followUps")]} rows={panels.overdueByOffice} total={data.overdue.total} />
              {panels.overdueByCaseworker && (
                <FigureTable caption={t("panels.overdueByCaseworker")} head={[t("table.caseworker"), t("table.followUps")]} rows={panels.overdueByCaseworker} total={data.overdue.total} />
              )}
            </>,
          )}
        </Col>
        <Col xs={24} lg={12}>
          {panel(
            "reasons",
            t("panels.reasons"),
            <>
              <Chart label={spoken(t("panels.reasons"), panels.reasons)} data={chartData(panels.reasons)} testId="chart-reasons" />
              <FigureTable caption={t("panels.reasons")} head={[t("table.reason"), t("table.placements")]} rows={panels.reasons} total={panels.reasons.reduce((n, r) => n + r.value, 0)} />
            </>,
          )}
        </Col>
        <Col xs={24}>
          {panel(
            "training",
            t("panels.training"),
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t("training.help", { days: 90 })}
              </Typography.Paragraph>
              <Chart kind="column" label={spoken(t("panels.training"), trainingRows)} data={chartData(trainingRows)} testId="chart-training" height={200} />
              <FigureTable caption={t("panels.training")} head={[t("table.stage"), t("table.people")]} rows={trainingRows} total={training.completed} />
              <Typography.Text type="secondary">{t("training.due", { days: 90 })}: {format.number(training.due)} · {t("training.rate")}: {pct(training.retained, training.due)}</Typography.Text>
            </>,
          )}
        </Col>
      </Row>
    </Space>
  );
}

const th: React.CSSProperties = { textAlign: "left", fontWeight: 500, borderBottom: "1px solid #f0f0f0", padding: "4px 8px" };
const td: React.CSSProperties = { textAlign: "left", fontWeight: 400, borderBottom: "1px solid #f0f0f0", padding: "4px 8px" };
const tdNum: React.CSSProperties = { ...td, textAlign: "right" };
