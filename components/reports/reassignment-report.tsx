"use client";
import { useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Button, Card, Col, DatePicker, Empty, Flex, Form, Progress, Row, Space, Statistic, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { ReassignmentReportData } from "@/lib/follow-ups/loaders";

type Filters = { from: Dayjs | null; to: Dayjs | null };

/**
 * Reassignments among the people first placed in a period: how many needed one, how many moves,
 * why jobs were left, how many placements each person went through, and how long it took the
 * reassigned to reach a job that lasted. Bars are plain progress bars (no chart library).
 */
export function ReassignmentReport({ data }: { data: ReassignmentReportData }) {
  const t = useTranslations("reports");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const { report } = data;
  const year = dayjs(data.to).year();

  function go(from: Dayjs | null, to: Dayjs | null) {
    const params = new URLSearchParams();
    if (from) params.set("from", from.format("YYYY-MM-DD"));
    if (to) params.set("to", to.format("YYYY-MM-DD"));
    startTransition(() => router.push(params.size ? `${pathname}?${params}` : pathname));
  }

  const share = (n: number, of: number) => (of ? format.number(n / of, { style: "percent", maximumFractionDigits: 0 }) : "—");
  const maxReason = Math.max(1, ...report.reasons.map((r) => r.count));
  const maxChain = Math.max(1, ...report.chainLengths.map((c) => c.people));
  const days = (v: number | null) => (v === null ? "—" : t("daysValue", { days: Math.round(v) }));

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("reassignments.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
          {t("reassignments.help")}
        </Typography.Paragraph>
      </div>

      <Card size="small">
        <Form<Filters>
          layout="vertical"
          initialValues={{ from: dayjs(data.from), to: dayjs(data.to) }}
          onFinish={(v) => go(v.from, v.to)}
          role="search"
          aria-label={t("period")}
          key={`${data.from}-${data.to}`}
        >
          <Flex wrap gap={12} align="flex-end">
            <Form.Item label={t("from")} name="from" style={{ flex: "1 1 150px", marginBottom: 0 }}>
              <DatePicker style={{ width: "100%" }} allowClear={false} />
            </Form.Item>
            <Form.Item label={t("to")} name="to" style={{ flex: "1 1 150px", marginBottom: 0 }}>
              <DatePicker style={{ width: "100%" }} allowClear={false} />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={pending}>
                {t("apply")}
              </Button>
              <Button onClick={() => go(dayjs(`${year - 1}-01-01`), dayjs(`${year - 1}-12-31`))}>{t("previousYear", { year: year - 1 })}</Button>
              <Button onClick={() => go(null, null)}>{t("thisYear")}</Button>
            </Space>
          </Flex>
        </Form>
      </Card>

      {report.people === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("reassignments.empty")} />
        </Card>
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("reassignments.people")} value={report.people} data-testid="report-people" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("reassignments.reassigned")} value={report.peopleReassigned} suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{share(report.peopleReassigned, report.people)}</Typography.Text>} data-testid="report-reassigned" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("reassignments.moves")} value={report.moves} data-testid="report-moves" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("reassignments.movesPerPerson")} value={report.peopleReassigned ? format.number(report.moves / report.peopleReassigned, { maximumFractionDigits: 1 }) : "—"} />
              </Card>
            </Col>
          </Row>

          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("reassignments.reasons")}</h2>}>
                {report.reasons.length ? (
                  <Bars rows={report.reasons.map((r) => ({ key: r.reason, label: tEnum.has(`endReason.${r.reason}`) ? tEnum(`endReason.${r.reason}`) : r.reason, value: r.count, max: maxReason }))} unit={(n) => t("movesCount", { count: n })} testId="report-reasons" />
                ) : (
                  <Typography.Text type="secondary">{t("reassignments.noMoves")}</Typography.Text>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("reassignments.chain")}</h2>}>
                <Bars
                  rows={report.chainLengths.map((c) => ({ key: String(c.placements), label: c.placements >= 6 ? t("placementsOrMore", { count: c.placements }) : t("placements", { count: c.placements }), value: c.people, max: maxChain }))}
                  unit={(n) => t("peopleCount", { count: n })}
                  testId="report-chain"
                />
              </Card>
            </Col>
          </Row>

          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("reassignments.lastingTitle", { days: data.lastingDays })}</h2>}>
            <Typography.Paragraph type="secondary">{t("reassignments.lastingHelp", { days: data.lastingDays })}</Typography.Paragraph>
            <Flex wrap gap={32}>
              <Statistic title={t("reassignments.median")} value={days(report.daysToLasting.median)} data-testid="report-median" />
              <Statistic title={t("reassignments.mean")} value={days(report.daysToLasting.mean)} data-testid="report-mean" />
              <Statistic title={t("reassignments.lastingCount")} value={report.daysToLasting.count} suffix={`/ ${report.peopleReassigned}`} />
            </Flex>
          </Card>
        </>
      )}
    </Space>
  );
}

/** A labelled horizontal bar per row, as a list a screen reader reads as "label: value". */
function Bars({ rows, unit, testId }: { rows: { key: string; label: string; value: number; max: number }[]; unit: (n: number) => string; testId: string }) {
  return (
    <ul style={{ listStyle: "none", margin: 0, padding: 0 }} data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key} style={{ marginBottom: 8 }}>
          <Flex justify="space-between" gap={8}>
            <span>{r.label}</span>
            <Typography.Text strong>{unit(r.value)}</Typography.Text>
          </Flex>
          <div aria-hidden>
            <Progress percent={Math.round((r.value / r.max) * 100)} showInfo={false} size="small" />
          </div>
        </li>
      ))}
    </ul>
  );
}
