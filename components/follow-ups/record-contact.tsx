"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Radio, Space, Tag, Timeline, Typography } from "antd";
import { ArrowLeftOutlined, PhoneOutlined, SwapOutlined } from "@ant-design/icons";
import type { FormResult } from "@/lib/persons/types";
import type { FollowUpPageData } from "@/lib/follow-ups/loaders";
import { CONTACT_CHANNELS, FOLLOW_UP_OUTCOMES, suggestsReassignment, type FollowUpOutcome } from "@/lib/placements/rules";
import { showFieldErrors } from "@/components/forms/apply-result";
import { DueLine, useReasonText } from "@/components/follow-ups/due-line";
import styles from "@/components/follow-ups/choices.module.css";

type Values = { channel: string; reached?: boolean; outcome?: FollowUpOutcome; income?: number | null; notes?: string | null };
type Saved = { escalate: boolean; placementId: number | null };

/**
 * Recording a follow-up from the field: who to call (one tap), what job, what was tried; then
 * channel, reached or not, and how they are, as big choices. The page's data comes back from
 * the server after each save, so what it shows next (done, escalated, reassign) is what was
 * stored, also after a reload.
 */
export function RecordContact({ data, submit }: { data: FollowUpPageData; submit: (values: unknown) => Promise<FormResult<Saved>> }) {
  const t = useTranslations("followUps");
  const tEnum = useTranslations("enums");
  const router = useRouter();
  const { message } = App.useApp();
  const reasonText = useReasonText();
  const [form] = Form.useForm<Values>();
  const reached = Form.useWatch("reached", form);
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const f = data.followUp;
  const open = f.status === "OPEN";

  async function onFinish(values: Values) {
    setPending(true);
    setAlert(null);
    const result = await submit({ ...values, income: values.income ?? null, notes: values.notes ?? null });
    setPending(false);
    if (result.status === "ok") {
      message.success(values.reached ? t("savedReached") : t("savedNotReached"));
      form.resetFields(["reached", "outcome", "income", "notes"]);
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    setAlert(result.message ?? t("fixErrors"));
  }

  const job = f.placement ? [f.placement.title, f.placement.employer.name].filter(Boolean).join(" · ") : null;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 720 }}>
      <div>
        <Link href="/my-day">
          <ArrowLeftOutlined /> {t("backToDay")}
        </Link>
        <Typography.Title level={1} style={{ fontSize: 24, margin: "4px 0 0" }}>
          {f.person.name}
        </Typography.Title>
        <Typography.Text type="secondary">{t("recordTitle")}</Typography.Text>
      </div>

      <Card size="small">
        <Space direction="vertical" size={8} style={{ width: "100%" }}>
          {f.person.phone ? (
            <Button type="primary" size="large" block href={`tel:${f.person.phone}`} icon={<PhoneOutlined />} style={{ height: 52, fontSize: 17 }}>
              {t("call", { phone: f.person.phone })}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t("noPhone")}</Typography.Text>
          )}
          <div>
            <Typography.Text strong>{t("job")}：</Typography.Text>
            {job ?? <Typography.Text type="secondary">{t("noJob")}</Typography.Text>}
            {f.placement && f.placement.status !== "ACTIVE" && <Tag style={{ marginInlineStart: 8 }}>{t("placementEnded")}</Tag>}
          </div>
          <div>
            <Typography.Text strong>{t("why")}：</Typography.Text>
            {reasonText(f)}
            {f.note ? `：${f.note}` : ""}
          </div>
          <DueLine dueDate={f.dueDate} daysLeft={f.daysLeft} open={open} />
          <Link href={`/persons/${f.person.id}`}>{t("openPerson")}</Link>
        </Space>
      </Card>

      {open && f.escalated && <Alert type="warning" showIcon data-testid="escalated" message={t("escalatedAlert", { count: f.failedAttempts })} />}

      {!open && <DoneCard data={data} />}

      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("attemptsTitle", { count: f.contacts.length })}</h2>}>
        {f.contacts.length ? <Attempts contacts={f.contacts} /> : <Typography.Text type="secondary">{t("noAttempts")}</Typography.Text>}
      </Card>

      {open && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("recordNew")}</h2>}>
          {alert && <Alert type="error" showIcon message={alert} style={{ marginBottom: 12 }} data-testid="form-alert" />}
          <Form<Values> form={form} layout="vertical" initialValues={{ channel: "PHONE" }} onFinish={onFinish} requiredMark={false}>
            <Form.Item label={t("channel")} name="channel" rules={[{ required: true, message: t("required") }]}>
              <Radio.Group optionType="button" buttonStyle="solid" aria-label={t("channel")} className={styles.choices} options={CONTACT_CHANNELS.map((c) => ({ value: c, label: tEnum(`contactChannel.${c}`) }))} />
            </Form.Item>
            <Form.Item label={t("reachedLabel")} name="reached" rules={[{ required: true, message: t("reachedRequired") }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                aria-label={t("reachedLabel")}
                className={`${styles.choices} ${styles.two}`}
                options={[
                  { value: true, label: t("reached") },
                  { value: false, label: t("notReached") },
                ]}
              />
            </Form.Item>
            {reached === true && (
              <>
                <Form.Item label={t("outcome")} name="outcome" rules={[{ required: true, message: t("outcomeRequired") }]}>
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    aria-label={t("outcome")}
                    className={`${styles.choices} ${styles.stack}`}
                    options={FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: tEnum(`followUpOutcome.${o}`) }))}
                  />
                </Form.Item>
                <Form.Item label={t("income")} name="income" extra={t("incomeHelp")}>
                  <InputNumber min={0} max={200000} step={100} inputMode="numeric" style={{ width: "100%" }} suffix={t("yuanPerMonth")} />
                </Form.Item>
              </>
            )}
            <Form.Item label={t("notes")} name="notes">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={pending} style={{ height: 52, fontSize: 17 }}>
              {t("save")}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}

/** The follow-up is closed: what came of it, and what to do next after "wants a change" or "left". */
function DoneCard({ data }: { data: FollowUpPageData }) {
  const t = useTranslations("followUps");
  const tEnum = useTranslations("enums");
  const f = data.followUp;
  if (f.status === "CANCELLED") return <Alert type="info" showIcon message={t("cancelledTitle")} />;
  const outcome = f.outcome as FollowUpOutcome | null;
  const placementActive = f.placement?.status === "ACTIVE";
  const reassign = outcome !== null && suggestsReassignment(outcome) && f.placementId !== null && placementActive && data.canManagePlacement;
  return (
    <Card size="small" data-testid="follow-up-done" styles={{ body: { display: "flex", flexDirection: "column", gap: 12 } }}>
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t("doneTitle", { outcome: outcome ? tEnum(`followUpOutcome.${outcome}`) : "" })}
      </Typography.Title>
      {reassign && (
        <>
          <Typography.Text>{outcome === "LEFT_JOB" ? t("leftJobNext") : t("wantsChangeNext")}</Typography.Text>
          <Button type="primary" size="large" block href={`/placements/${f.placementId}/reassign?followUp=${f.id}`} icon={<SwapOutlined />} style={{ height: 52, fontSize: 17 }}>
            {t("reassign")}
          </Button>
          <Alert type="info" message={t("endGuidance")} description={<Link href={`/persons/${f.person.id}`}>{t("endGuidanceLink", { name: f.person.name })}</Link>} />
        </>
      )}
      <Flex gap={8} wrap>
        <Link href="/my-day">
          <Button tabIndex={-1}>{t("backToDay")}</Button>
        </Link>
      </Flex>
    </Card>
  );
}

type Contact = FollowUpPageData["followUp"]["contacts"][number];

/** Every attempt, oldest first: channel, reached or not, outcome, income, notes, who and when. */
export function Attempts({ contacts }: { contacts: Contact[] }) {
  const t = useTranslations("followUps");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={contacts.map((c) => ({
        key: c.id,
        color: c.reached ? "green" : "gray",
        children: (
          <div data-testid="attempt">
            <Typography.Text strong>{c.reached ? t("reached") : t("notReached")}</Typography.Text>
            {c.outcome && ` · ${tEnum(`followUpOutcome.${c.outcome}`)}`}
            {c.income !== null && ` · ${t("incomeShown", { amount: format.number(c.income, "yuan") })}`}
            <div>
              <Typography.Text type="secondary">
                {format.dateTime(new Date(c.at), "long")} · {tEnum(`contactChannel.${c.channel}`)}
                {c.recordedBy ? ` · ${c.recordedBy}` : ""}
              </Typography.Text>
            </div>
            {c.notes && <div style={{ whiteSpace: "pre-wrap" }}>{c.notes}</div>}
          </div>
        ),
      }))}
    />
  );
}
