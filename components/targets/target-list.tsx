"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Empty, Flex, Form, InputNumber, List, Modal, Select, Space, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { TargetNode, TargetsData, TargetView } from "@/lib/targets/loaders";
import { TARGET_METRICS, type PeriodKind } from "@/lib/targets/rules";
import { FigureForm, TargetForm, type TargetFormValues } from "@/components/targets/target-form";
import { ProgressBar, StatusTag } from "@/components/targets/target-progress";

type Submit = (values: unknown) => Promise<FormResult<unknown>>;
export type TargetActions = {
  create?: Submit;
  report?: Submit;
  /** Per target the user may change, bound by the page to its id. */
  update: Record<number, Submit>;
  remove: Record<number, Submit>;
};

/** "2026年" / "2026年第3季度" / "2018-01-01 至 2020-12-31". */
export function usePeriodLabel() {
  const t = useTranslations("targets");
  return (target: Pick<TargetView, "preset" | "periodStart" | "periodEnd">) =>
    target.preset ? t(`presetLabel.${target.preset.kind}`, { year: target.preset.year, index: target.preset.index }) : t("customPeriod", { start: target.periodStart, end: target.periodEnd });
}

/** The period filter's choices: any, the year, its halves, quarters and months. */
const PERIOD_FILTERS = ["", "YEAR", "HALF-1", "HALF-2", ...[1, 2, 3, 4].map((q) => `QUARTER-${q}`), ...Array.from({ length: 12 }, (_, m) => `MONTH-${m + 1}`)];

type Row = Omit<TargetNode, "children"> & { children?: Row[] };
const toRows = (nodes: TargetNode[]): Row[] => nodes.map((n) => ({ ...n, children: n.children.length ? toRows(n.children) : undefined }));

/**
 * The targets of a year in the reader's regions: each with its progress beside the share of the
 * period elapsed, its status, recorded and reported counts apart, its cities and counties
 * beneath it; who is behind; the reported figures. Supervisors set, change and delete targets
 * and report figures for their region.
 */
export function TargetList({ data, actions }: { data: TargetsData; actions: TargetActions }) {
  const t = useTranslations("targets");
  const format = useFormatter();
  const router = useRouter();
  const pathname = usePathname();
  const { message } = App.useApp();
  const [pending, startTransition] = useTransition();
  const [editing, setEditing] = useState<TargetView | "new" | null>(null);
  const [reporting, setReporting] = useState(false);
  const [deleting, setDeleting] = useState<TargetView | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const periodLabel = usePeriodLabel();
  const n = (v: number) => format.number(v);

  function go(year: number | null, period: string | null, metric: string | null) {
    const params = new URLSearchParams();
    if (year) params.set("year", String(year));
    if (period) params.set("period", period);
    if (metric) params.set("metric", metric);
    startTransition(() => router.push(params.size ? `${pathname}?${params}` : pathname));
  }

  const done = (text: string) => {
    setEditing(null);
    setReporting(false);
    setDeleting(null);
    message.success(text);
    router.refresh();
  };

  async function confirmDelete(target: TargetView) {
    const result = await actions.remove[target.id]!({ version: target.version });
    if (result.status === "ok") return done(t("deleted"));
    setDeleteError(result.status === "conflict" ? t("deleteConflict") : "message" in result ? (result.message ?? t("error")) : t("error"));
  }

  const newInitial: TargetFormValues = {
    regionCode: data.managedRegion?.code ?? null,
    metric: data.metric,
    kind: "YEAR",
    year: data.year,
    index: 1,
    periodStart: dayjs(`${data.year}-01-01`),
    periodEnd: dayjs(`${data.year}-12-31`),
    value: null,
    note: null,
  };
  const editInitial = (target: TargetView): TargetFormValues => ({
    regionCode: target.regionCode,
    metric: target.metric,
    kind: (target.preset?.kind ?? "CUSTOM") as PeriodKind | "CUSTOM",
    year: target.preset?.year ?? Number(target.periodStart.slice(0, 4)),
    index: target.preset?.index ?? 1,
    periodStart: dayjs(target.periodStart),
    periodEnd: dayjs(target.periodEnd),
    value: target.value,
    note: target.note,
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t("title")}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0", maxWidth: 760 }}>
            {t("help")}
          </Typography.Paragraph>
        </div>
        <Space wrap>
          <Link href="/targets/article">{t("article.link")}</Link>
          {actions.report && <Button onClick={() => setReporting(true)}>{t("figures.add")}</Button>}
          {actions.create && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
              {t("new")}
            </Button>
          )}
        </Space>
      </Flex>

      <Card size="small">
        <Form layout="inline" name="targetFilter" role="search" aria-label={t("filters")} initialValues={{ year: data.year, period: data.period ?? "", metric: data.metric ?? "" }} key={`${data.year}-${data.period}-${data.metric}`} onFinish={(v: { year: number | null; period: string; metric: string }) => go(v.year, v.period || null, v.metric || null)}>
          <Form.Item label={t("year")} name="year">
            <InputNumber min={2000} max={2100} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t("period")} name="period">
            <Select style={{ width: 160 }} options={PERIOD_FILTERS.map((p) => ({ value: p, label: !p ? t("allPeriods") : p === "YEAR" ? t("periodKinds.YEAR") : t(`periodIndexValue.${p.split("-")[0]}`, { index: Number(p.split("-")[1]) }) }))} />
          </Form.Item>
          <Form.Item label={t("metricLabel")} name="metric">
            <Select style={{ width: 220 }} options={[{ value: "", label: t("allMetrics") }, ...TARGET_METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))]} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t("apply")}
          </Button>
        </Form>
      </Card>

      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("behind.title")}</h2>} data-testid="who-is-behind">
        {data.behind.length ? (
          <List
            size="small"
            dataSource={data.behind}
            renderItem={(b) => (
              <List.Item>
                <Flex justify="space-between" wrap gap={8} style={{ width: "100%" }}>
                  <span>
                    <Typography.Text strong>{b.regionLabel}</Typography.Text> · {t(`metric.${b.metric}`)} · {periodLabel(b)}
                  </span>
                  <Typography.Text type="danger">{t("behind.gap", { gap: n(b.progress.gap) })}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">{t("behind.none")}</Typography.Text>
        )}
      </Card>

      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("listTitle", { year: data.year, count: data.count })}</h2>}>
        {data.tree.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("empty")} />
        ) : (
          <Table<Row>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={toRows(data.tree)}
            expandable={{ defaultExpandAllRows: true }}
            scroll={{ x: 1000 }}
            onRow={(r) => ({ "data-testid": "target-row", "data-region": r.regionCode }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t("region"), dataIndex: "regionLabel", render: (v: string, r) => <span><Typography.Text strong>{v}</Typography.Text><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.officeName}</Typography.Text></span> },
              { title: t("metricLabel"), dataIndex: "metric", render: (m: string) => t(`metric.${m}`) },
              { title: t("period"), key: "period", render: (_, r) => periodLabel(r) },
              { title: t("value"), dataIndex: "value", align: "right", render: (v: number) => n(v) },
              {
                title: t("actual"),
                key: "actual",
                align: "right",
                render: (_, r) => (
                  <span data-testid="target-actual">
                    <Typography.Text strong>{n(r.actual)}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <Link href={`/targets/${r.id}/people`} aria-label={t("recordedLink", { count: n(r.recorded), region: r.regionLabel })}>{t("recorded", { count: n(r.recorded) })}</Link>
                      {" + "}
                      {t("reported", { count: n(r.reported) })}
                    </Typography.Text>
                  </span>
                ),
              },
              { title: t("progress"), key: "progress", width: 220, render: (_, r) => <ProgressBar progress={r.progress} /> },
              {
                title: t("statusLabel"),
                key: "status",
                render: (_, r) => (
                  <span>
                    <StatusTag status={r.progress.status} />
                    {r.progress.gap > 0 && <Typography.Text type="secondary" style={{ fontSize: 12, display: "block" }}>{t("behind.gap", { gap: n(r.progress.gap) })}</Typography.Text>}
                  </span>
                ),
              },
              {
                title: t("actions"),
                key: "actions",
                render: (_, r) =>
                  r.canEdit && actions.update[r.id] ? (
                    <Space size={4} wrap>
                      <Button size="small" onClick={() => setEditing(r)} aria-label={t("editOf", { region: r.regionLabel, metric: t(`metric.${r.metric}`) })}>
                        {t("edit")}
                      </Button>
                      <Button size="small" danger onClick={() => { setDeleteError(null); setDeleting(r); }} aria-label={t("deleteOf", { region: r.regionLabel, metric: t(`metric.${r.metric}`) })}>
                        {t("delete")}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>

      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("figures.title", { year: data.year })}</h2>}>
        <Typography.Paragraph type="secondary">{t("figures.help")}</Typography.Paragraph>
        {data.figures.length ? (
          <Table
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={data.figures}
            scroll={{ x: 820 }}
            columns={[
              { title: t("figures.asOf"), dataIndex: "asOf" },
              { title: t("region"), dataIndex: "regionLabel" },
              { title: t("metricLabel"), dataIndex: "metric", render: (m: string) => t(`metric.${m}`) },
              { title: t("figures.originColumn"), dataIndex: "originLabel", render: (v: string | null) => v ?? t("figures.anyOrigin") },
              { title: t("figures.value"), dataIndex: "value", align: "right", render: (v: number) => n(v) },
              { title: t("figures.source"), dataIndex: "source" },
              { title: t("figures.by"), dataIndex: "createdBy", render: (v: string | null) => v ?? "—" },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t("figures.none")}</Typography.Text>
        )}
      </Card>

      {editing && (
        <TargetForm
          title={editing === "new" ? t("new") : t("editTitle")}
          okText={t("save")}
          initial={editing === "new" ? newInitial : editInitial(editing)}
          version={editing === "new" ? undefined : editing.version}
          regionOptions={data.regionOptions}
          submit={editing === "new" ? actions.create! : actions.update[editing.id]!}
          onDone={() => done(editing === "new" ? t("created") : t("saved"))}
          onClose={() => setEditing(null)}
        />
      )}
      {reporting && actions.report && (
        <FigureForm regionOptions={data.regionOptions} originOptions={data.originOptions} submit={actions.report} defaultRegion={data.managedRegion?.code ?? null} onDone={() => done(t("figures.saved"))} onClose={() => setReporting(false)} />
      )}
      {deleting && (
        <Modal open title={t("deleteTitle")} okText={t("delete")} okButtonProps={{ danger: true }} cancelText={t("cancel")} onOk={() => confirmDelete(deleting)} onCancel={() => setDeleting(null)}>
          {deleteError && <Alert type="error" showIcon message={deleteError} style={{ marginBottom: 12 }} />}
          <Typography.Paragraph>{t("deleteConfirm", { region: deleting.regionLabel, metric: t(`metric.${deleting.metric}`), period: periodLabel(deleting), value: n(deleting.value) })}</Typography.Paragraph>
        </Modal>
      )}
    </Space>
  );
}
