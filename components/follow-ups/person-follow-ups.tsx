"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Modal, Space, Switch, Tag, Typography } from "antd";
import { CalendarOutlined, WarningOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { PersonFollowUpsData } from "@/lib/follow-ups/loaders";
import { showFieldErrors } from "@/components/forms/apply-result";
import { Attempts } from "@/components/follow-ups/record-contact";
import { DueLine, useReasonText } from "@/components/follow-ups/due-line";

type Submit = (values: unknown) => Promise<FormResult<{ id: number }>>;
type FollowUp = PersonFollowUpsData["followUps"][number];

const STATUS_COLOR: Record<string, string> = { OPEN: "blue", DONE: "green", CANCELLED: "default" };

/**
 * The person's follow-ups on their page: what is due (one tap to record it) and what was done,
 * each with its attempts; schedule a call-back; flag them as unstable / at risk, which keeps
 * them under follow-up when no placement plan runs.
 */
export function PersonFollowUps({ data, schedule, setAtRisk }: { data: PersonFollowUpsData; schedule: Submit; setAtRisk: Submit }) {
  const t = useTranslations("followUps");
  const [scheduling, setScheduling] = useState(false);
  const [flagging, setFlagging] = useState(false);
  const due = data.followUps.filter((f) => f.status === "OPEN").sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const done = data.followUps.filter((f) => f.status !== "OPEN");

  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("cardTitle")}</h2>}
      data-testid="person-follow-ups"
      extra={
        data.canRecord && (
          <Button size="small" icon={<CalendarOutlined />} onClick={() => setScheduling(true)}>
            {t("schedule")}
          </Button>
        )
      }
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap size={4}>
          {data.atRisk ? (
            <Tag color="volcano" icon={<WarningOutlined />} data-testid="at-risk">
              {t("atRiskTag")}
            </Tag>
          ) : (
            <Typography.Text type="secondary">{t("atRiskOff")}</Typography.Text>
          )}
          {data.atRisk && data.atRiskNote && <Typography.Text>{data.atRiskNote}</Typography.Text>}
        </Space>
        {data.canRecord && (
          <Button size="small" onClick={() => setFlagging(true)}>
            {data.atRisk ? t("atRiskClear") : t("atRiskSet")}
          </Button>
        )}
      </Flex>
      {data.monitored && <Typography.Paragraph type="secondary">{t("monitoredHelp")}</Typography.Paragraph>}

      <h3 style={{ fontSize: 15, margin: "8px 0" }}>{t("dueTitle", { count: due.length })}</h3>
      {due.length ? due.map((f) => <FollowUpItem key={f.id} f={f} canRecord={data.canRecord} />) : <Typography.Text type="secondary">{t("noneDue")}</Typography.Text>}

      <h3 style={{ fontSize: 15, margin: "16px 0 8px" }}>{t("doneListTitle", { count: done.length })}</h3>
      {done.length ? done.map((f) => <FollowUpItem key={f.id} f={f} canRecord={false} />) : <Typography.Text type="secondary">{t("noneDone")}</Typography.Text>}

      {scheduling && <ScheduleDialog submit={schedule} today={data.today} onClose={() => setScheduling(false)} />}
      {flagging && <AtRiskDialog submit={setAtRisk} atRisk={data.atRisk} note={data.atRiskNote} onClose={() => setFlagging(false)} />}
    </Card>
  );
}

function FollowUpItem({ f, canRecord }: { f: FollowUp; canRecord: boolean }) {
  const t = useTranslations("followUps");
  const tEnum = useTranslations("enums");
  const reasonText = useReasonText();
  const job = f.placement ? [f.placement.title, f.placement.employer.name].join(" · ") : null;
  return (
    <div style={{ borderTop: "1px solid #f0f0f0", padding: "8px 0" }} data-testid="person-follow-up">
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <div style={{ minWidth: 0 }}>
          <Space wrap size={4}>
            <Tag color={STATUS_COLOR[f.status]}>{tEnum(`followUpStatus.${f.status}`)}</Tag>
            <Typography.Text strong>{reasonText(f)}</Typography.Text>
            {f.outcome && <Tag>{tEnum(`followUpOutcome.${f.outcome}`)}</Tag>}
            {f.status === "OPEN" && f.failedAttempts >= 3 && <Tag color="red">{t("escalatedTag")}</Tag>}
          </Space>
          <div>
            <DueLine dueDate={f.dueDate} daysLeft={f.daysLeft} open={f.status === "OPEN"} />
            {f.caseworker && <Typography.Text type="secondary"> · {f.caseworker.displayName}</Typography.Text>}
          </div>
          {job && <div>{job}</div>}
          {f.note && <div>{f.note}</div>}
        </div>
        {canRecord && (
          <Link href={`/follow-ups/${f.id}`}>
            <Button type="primary" size="small" tabIndex={-1}>
              {t("record")}
            </Button>
          </Link>
        )}
      </Flex>
      {f.contacts.length > 0 && <Attempts contacts={f.contacts} />}
    </div>
  );
}

type ScheduleValues = { dueDate: Dayjs | null; note: string | null };

function ScheduleDialog({ submit, today, onClose }: { submit: Submit; today: string; onClose: () => void }) {
  const t = useTranslations("followUps");
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScheduleValues>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: ScheduleValues) {
    setPending(true);
    setError(null);
    const result = await submit({ dueDate: values.dueDate ? values.dueDate.format("YYYY-MM-DD") : null, note: values.note ?? null });
    setPending(false);
    if (result.status === "ok") {
      message.success(t("scheduled"));
      onClose();
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    setError(result.message ?? null);
  }

  return (
    <Modal open title={t("schedule")} onCancel={onClose} okText={t("save")} cancelText={t("cancel")} confirmLoading={pending} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="schedule-error" />}
      <Form<ScheduleValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ dueDate: dayjs(today).add(7, "day"), note: null }}>
        <Form.Item label={t("scheduleDate")} name="dueDate" rules={[{ required: true, message: t("required") }]}>
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isBefore(dayjs(today), "day")} />
        </Form.Item>
        <Form.Item label={t("scheduleNote")} name="note" extra={t("scheduleNoteHelp")}>
          <Input.TextArea rows={2} maxLength={300} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type AtRiskValues = { atRisk: boolean; note: string | null };

function AtRiskDialog({ submit, atRisk, note, onClose }: { submit: Submit; atRisk: boolean; note: string | null; onClose: () => void }) {
  const t = useTranslations("followUps");
  const router = useRouter();
  const [form] = Form.useForm<AtRiskValues>();
  const flagged = Form.useWatch("atRisk", form);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: AtRiskValues) {
    setPending(true);
    setError(null);
    const result = await submit({ atRisk: Boolean(values.atRisk), note: values.note ?? null });
    setPending(false);
    if (result.status === "ok") {
      onClose();
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    setError(result.message ?? null);
  }

  return (
    <Modal open title={t("atRiskTitle")} onCancel={onClose} okText={t("save")} cancelText={t("cancel")} confirmLoading={pending} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="at-risk-error" />}
      <Typography.Paragraph type="secondary">{t("atRiskHelp")}</Typography.Paragraph>
      <Form<AtRiskValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ atRisk: !atRisk, note: atRisk ? note : null }}>
        <Form.Item label={t("atRiskLabel")} name="atRisk" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label={t("atRiskNote")} name="note" rules={flagged ? [{ required: true, whitespace: true, message: t("atRiskNoteRequired") }] : []}>
          <Input.TextArea rows={3} maxLength={300} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
