"use client";
import { useEffect, useState, useTransition } from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Col, Empty, Flex, Pagination, Popconfirm, Progress, Radio, Result, Row, Segmented, Space, Statistic, Table, Tag, Typography } from "antd";
import type { ImportBatchData } from "@/lib/data-exchange/loaders";
import type { FormResult } from "@/lib/persons/types";
import { COMMITTED_ROWS_KEPT_DAYS, UNFINISHED_IMPORT_KEPT_DAYS, type DiffEntry, type RowError } from "@/lib/data-exchange/rules";
import { columnLabel, displayValue, errorText, langOf } from "@/components/exchange/values";

type Act<T = unknown> = (values?: unknown) => Promise<FormResult<T>>;
export type ImportBatchActions = { decide: Act; commit: Act; discard: Act; recheck: Act; resume: Act };

type Progress = { status: string; phase: string | null; processedRows: number; totalRows: number; stalled: boolean };

const RUNNING = new Set(["VALIDATING", "COMMITTING"]);
const FILTERS = ["ALL", "NEW", "UPDATE", "UNCHANGED", "ERROR", "CONFLICT"] as const;
const RESULT_COLOURS: Record<string, string> = { NEW: "green", UPDATE: "blue", UNCHANGED: "default", ERROR: "red" };

/** Where a running batch is, as a share of the whole: reading, checking, comparing, saving. */
function percent(p: Progress): number {
  const share = p.totalRows ? Math.min(1, p.processedRows / p.totalRows) : 0;
  switch (p.phase) {
    case "reading":
      return 5;
    case "checking":
      return Math.round(5 + 45 * share);
    case "comparing":
      return 55;
    case "saving":
      return Math.round(60 + 39 * share);
    case "writing":
      return 99;
    default:
      return 0;
  }
}

/** Steps 2-4 of an import: progress while checking, the preview with errors, diffs and conflict decisions, confirm, and the outcome. */
export function ImportBatchView({ data, actions }: { data: ImportBatchData; actions: ImportBatchActions }) {
  const t = useTranslations("exchange.batch");
  const tx = useTranslations("exchange");
  const tAll = useTranslations();
  const format = useFormatter();
  const locale = useLocale();
  const lang = langOf(locale);
  const router = useRouter();
  const pathname = usePathname();
  const { message } = App.useApp();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<string | null>(null);
  const { batch } = data;
  const [progress, setProgress] = useState<Progress>({ status: batch.status, phase: batch.phase, processedRows: batch.processedRows, totalRows: batch.totalRows, stalled: batch.stalled });

  // Poll while the background work runs; once it is done, the page reloads its data (and the
  // page keys this component by the batch's state, so the polled progress starts afresh).
  useEffect(() => {
    if (!RUNNING.has(batch.status)) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const response = await fetch(`/api/exchange/imports/${batch.id}`, { cache: "no-store" });
        if (response.ok) {
          const next = (await response.json()) as Progress;
          if (stopped) return;
          setProgress(next);
          if (!RUNNING.has(next.status)) {
            router.refresh();
            return;
          }
        }
      } catch {
        // A dropped poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(tick, 1000);
    };
    timer = setTimeout(tick, 400);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batch.id, batch.status, router]);

  async function run(name: string, action: Act, values?: unknown, after?: () => void) {
    setBusy(name);
    const result = await action(values);
    setBusy(null);
    if (result.status !== "ok") {
      message.error(result.status === "invalid" ? Object.values(result.fieldErrors)[0] ?? result.message ?? "" : result.message);
      router.refresh();
      return;
    }
    if (after) after();
    else router.refresh();
  }

  function go(filter: string, page = 1) {
    const params = new URLSearchParams();
    if (filter !== "ALL") params.set("filter", filter);
    if (page > 1) params.set("page", String(page));
    startTransition(() => router.push(params.size ? `${pathname}?${params}` : pathname));
  }

  const partner = lang === "en" ? batch.partnerOffice.nameEn : batch.partnerOffice.name;
  const header = (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t("title", { file: batch.fileName })}
      </Typography.Title>
      <Typography.Text type="secondary">
        {t("from", { partner, user: batch.createdBy?.displayName ?? "—", at: format.dateTime(new Date(batch.createdAt), "long") })}
        {batch.encoding ? ` · ${t("encoding", { encoding: batch.encoding.toUpperCase() })}` : ""}
      </Typography.Text>
    </div>
  );

  if (RUNNING.has(progress.status)) {
    return (
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        {header}
        <Card size="small">
          <Typography.Paragraph strong id="import-progress-label" style={{ marginBottom: 8 }}>
            {t(`phase.${progress.phase ?? "queued"}`)}
          </Typography.Paragraph>
          <Progress percent={percent(progress)} status="active" aria-labelledby="import-progress-label" data-testid="import-progress" />
          {progress.totalRows > 0 && progress.phase !== "writing" && (
            <Typography.Text type="secondary">{t("progress", { done: format.number(progress.processedRows), total: format.number(progress.totalRows) })}</Typography.Text>
          )}
          {progress.stalled && batch.canResume && (
            <Alert
              type="warning"
              style={{ marginTop: 12 }}
              message={t("stalled")}
              action={
                <Button size="small" loading={busy === "resume"} onClick={() => run("resume", actions.resume)}>
                  {t("resume")}
                </Button>
              }
            />
          )}
        </Card>
      </Space>
    );
  }

  if (batch.status === "FAILED") {
    return (
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        {header}
        <Result
          status="error"
          title={t("failed")}
          subTitle={<span data-testid="import-failure">{safeT(tAll, batch.errorKey ?? "exchange.commitErrors.failed", batch.errorParams as Record<string, string>)}</span>}
          extra={
            <Link href="/exchange/import">
              <Button type="primary" tabIndex={-1}>
                {t("reupload")}
              </Button>
            </Link>
          }
        />
      </Space>
    );
  }

  const counts = { NEW: batch.newRows, UPDATE: batch.updatedRows, UNCHANGED: batch.unchangedRows, ERROR: batch.errorRows, CONFLICT: batch.conflictRows };
  const canCommit = batch.status === "PREVIEW" && batch.errorRows === 0 && data.undecidedCount === 0;
  const notices = (batch.notices as { key: string; params?: Record<string, string> }[]) ?? [];

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {header}
      {batch.status === "COMMITTED" && (
        <Alert type="success" showIcon data-testid="import-committed" message={t("committed", { new: batch.newRows, updated: batch.updatedRows, unchanged: batch.unchangedRows })} />
      )}
      {batch.status === "DISCARDED" && <Alert type="info" showIcon message={batch.rowsPurgedAt ? t("expired", { days: UNFINISHED_IMPORT_KEPT_DAYS }) : t("discarded")} />}
      {batch.status === "COMMITTED" && batch.rowsPurgedAt && (
        <Alert type="info" showIcon data-testid="import-rows-purged" message={t("rowsPurged", { days: COMMITTED_ROWS_KEPT_DAYS, date: format.dateTime(batch.rowsPurgedAt, { dateStyle: "medium" }) })} />
      )}
      {batch.status === "PREVIEW" && batch.errorKey && (
        <Alert
          type="error"
          showIcon
          data-testid="import-commit-error"
          message={safeT(tAll, batch.errorKey, batch.errorParams as Record<string, string>)}
          action={
            <Button size="small" loading={busy === "recheck"} onClick={() => run("recheck", actions.recheck)}>
              {t("recheck")}
            </Button>
          }
        />
      )}
      {batch.status === "PREVIEW" && batch.duplicateOfId && <Alert type="info" showIcon data-testid="import-duplicate" message={t("duplicateOf", { batch: batch.duplicateOfId })} />}
      {notices.map((n) => (
        <Alert key={n.key} type="info" showIcon message={safeT(tAll, n.key, n.params)} />
      ))}

      <Row gutter={[12, 12]}>
        {(["NEW", "UPDATE", "UNCHANGED", "ERROR", "CONFLICT"] as const).map((k) => (
          <Col key={k} xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic title={t(`counts.${k}`)} value={counts[k]} valueStyle={k === "ERROR" && counts[k] ? { color: "#cf1322" } : k === "CONFLICT" && counts[k] ? { color: "#d46b08" } : undefined} />
            </Card>
          </Col>
        ))}
      </Row>

      {batch.status === "PREVIEW" && batch.errorRows > 0 && <Alert type="error" showIcon data-testid="import-errors-hint" message={t("errorsHint", { count: batch.errorRows })} />}
      {batch.status === "PREVIEW" && batch.conflictRows > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t("conflictHint", { count: batch.conflictRows })}
          description={data.undecidedCount ? t("undecided", { count: data.undecidedCount }) : undefined}
          action={
            data.undecidedCount > 0 && (
              <Space direction="vertical">
                <Button size="small" loading={busy === "takeAll"} onClick={() => run("takeAll", actions.decide, { decision: "TAKE_FILE" })}>
                  {t("takeAll")}
                </Button>
                <Button size="small" loading={busy === "keepAll"} onClick={() => run("keepAll", actions.decide, { decision: "KEEP_OURS" })}>
                  {t("keepAll")}
                </Button>
              </Space>
            )
          }
        />
      )}

      {!batch.rowsPurgedAt && (
        <Card size="small">
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
            {/* On a phone the filters scroll sideways on their own, not the whole page. */}
            <div style={{ maxWidth: "100%", overflowX: "auto" }}>
              <Segmented
                aria-label={t("columns.result")}
                value={data.query.filter}
                onChange={(v) => go(String(v))}
                options={FILTERS.map((f) => ({ value: f, label: f === "ALL" ? t("filterAll") : `${t(`counts.${f}`)} ${counts[f]}` }))}
              />
            </div>
            {batch.status === "PREVIEW" && (
              <Space wrap>
                <Popconfirm title={t("discardConfirm")} onConfirm={() => run("discard", actions.discard, undefined, () => router.push("/exchange"))} okText={t("discard")} cancelText={tx("expectation.cancel")}>
                  <Button danger loading={busy === "discard"}>
                    {t("discard")}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t("confirmTitle")}
                  description={t("confirmBody", { new: batch.newRows, updated: batch.updatedRows })}
                  onConfirm={() => run("commit", actions.commit)}
                  okText={t("confirm")}
                  cancelText={tx("expectation.cancel")}
                  disabled={!canCommit}
                >
                  <Button type="primary" disabled={!canCommit} loading={busy === "commit"}>
                    {t("confirm")}
                  </Button>
                </Popconfirm>
              </Space>
            )}
          </Flex>
          <Table
            rowKey="rowNumber"
            size="small"
            loading={pending}
            pagination={false}
            scroll={{ x: 900 }}
            dataSource={data.rows}
            locale={{ emptyText: <Empty description={t("empty")} /> }}
            columns={[
              { title: t("columns.row"), dataIndex: "rowNumber", width: 70 },
              { title: t("columns.name"), dataIndex: "name", width: 120, render: (v: string | null, r) => (r.personId && r.status !== "ERROR" ? <Link href={`/persons/${r.personId}`}>{v}</Link> : v) },
              { title: t("columns.id"), dataIndex: "idMasked", width: 190, render: (v: string | null) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
              {
                title: t("columns.result"),
                dataIndex: "status",
                width: 130,
                render: (s: string, r) => {
                  // Once committed, a conflict kept as ours changed nothing: it reads as unchanged, with the decision.
                  const shown = batch.status === "COMMITTED" && r.conflict && r.decision === "KEEP_OURS" ? "UNCHANGED" : s;
                  return (
                    <Space size={4} wrap>
                      <Tag color={RESULT_COLOURS[shown]}>{t(`counts.${shown}`)}</Tag>
                      {r.conflict && <Tag color="orange">{t("counts.CONFLICT")}</Tag>}
                      {r.conflict && r.decision && batch.status !== "PREVIEW" && <Tag data-testid={`decision-${r.rowNumber}`}>{t(r.decision === "KEEP_OURS" ? "keepOurs" : "takeFile")}</Tag>}
                    </Space>
                  );
                },
              },
              { title: t("columns.details"), render: (_, r) => rowDetails(r.errors, r.diff) },
              ...(batch.status === "PREVIEW" && batch.conflictRows
                ? [
                    {
                      title: t("columns.decision"),
                      width: 220,
                      render: (_: unknown, r: ImportBatchData["rows"][number]) =>
                        r.conflict ? (
                          <Radio.Group
                            aria-label={`${t("columns.decision")} · ${t("columns.row")} ${r.rowNumber}`}
                            value={r.decision}
                            onChange={(e) => run(`decide-${r.rowNumber}`, actions.decide, { decision: e.target.value, rows: [r.rowNumber] })}
                            options={[
                              { value: "TAKE_FILE", label: t("takeFile") },
                              { value: "KEEP_OURS", label: t("keepOurs") },
                            ]}
                          />
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
          {data.total > data.pageSize && (
            <Flex justify="flex-end" style={{ marginTop: 12 }}>
              <Pagination current={data.query.page} pageSize={data.pageSize} total={data.total} showSizeChanger={false} onChange={(page) => go(data.query.filter, page)} />
            </Flex>
          )}
        </Card>
      )}
      <Link href="/exchange">{t("back")}</Link>
    </Space>
  );

  function rowDetails(errors: RowError[], diff: DiffEntry[]) {
    if (errors.length) {
      return (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {errors.map((e, i) => (
            <li key={i}>
              <Typography.Text type="danger">
                {e.column ? <strong>{columnLabel(e.column, lang)}：</strong> : null}
                {errorText(e, (key, values) => safeT(tAll, key, values), lang)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      );
    }
    if (!diff.length) return null;
    const none = t("none");
    return (
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {diff.map((d) => (
          <li key={d.column}>
            <strong>{columnLabel(d.column, lang)}</strong>：<span aria-label={t("ours")}>{displayValue(d.column, d.ours, lang, none)}</span> → <span aria-label={t("fileValue")}>{displayValue(d.column, d.file, lang, none)}</span>
          </li>
        ))}
      </ul>
    );
  }
}

type AnyTranslate = (key: string, values?: Record<string, string | number>) => string;

/** Keys come from the server; one the catalogue lacks shows as itself rather than breaking the page. */
function safeT(t: unknown, key: string, values?: Record<string, string | number> | null): string {
  try {
    return (t as AnyTranslate)(key, values ?? undefined);
  } catch {
    return key;
  }
}
