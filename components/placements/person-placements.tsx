"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Space, Tag, Timeline, Typography, type FormInstance } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { PersonPlacementsData, PlacementStep } from "@/lib/placements/loaders";
import { showFieldErrors } from "@/components/forms/apply-result";
import { EndFields, TermsFields, endPayload, placeJobErrors, termsPayload, type EndValues, type TermsValues } from "@/components/placements/placement-fields";

type Submit = (values: unknown) => Promise<FormResult<unknown>>;

/** Actions bound by the page to the one placement each applies to (the active one, the reopenable one). */
export type PlacementActions = { update?: Submit; end?: Submit; reopen?: Submit };

/**
 * The person's placements as a timeline, oldest first, told as a story: each employer, job, place,
 * dates, pay and support, how it ended and who moved them on. The running one is highlighted and
 * can be edited, ended or reassigned; a supervisor can undo the latest end.
 */
export function PersonPlacements({ data, actions }: { data: PersonPlacementsData; actions: PlacementActions }) {
  const t = useTranslations("placements");
  const router = useRouter();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<"edit" | "end" | "reopen" | null>(null);
  const active = data.placements.find((p) => p.id === data.activeId) ?? null;
  const reopenable = data.placements.find((p) => p.id === data.reopenableId) ?? null;
  const done = (text: string) => {
    setDialog(null);
    message.success(text);
    router.refresh();
  };

  return (
    <Card
      id="placements"
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("title")}</h2>}
      extra={
        data.canManage &&
        !active && (
          <Link href={`/persons/${data.personId}/placements/new`}>
            <Button size="small" type="primary" icon={<PlusOutlined />} tabIndex={-1}>
              {t("record")}
            </Button>
          </Link>
        )
      }
    >
      {data.referralsToPlace.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t("readyToPlace")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {data.referralsToPlace.map((r) => (
                <li key={r.id}>
                  {r.title} · {r.employerName} ·{" "}
                  <Link href={`/persons/${data.personId}/placements/new?referral=${r.id}`} style={{ textDecoration: "underline" }} aria-label={t("placeInto", { title: r.title })}>
                    {t("place")}
                  </Link>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {data.placements.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("none")} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="placements-summary">
            {t("summary", { count: data.placements.length, moves: data.placements.filter((p) => p.previous).length })}
          </Typography.Paragraph>
          <Timeline
            data-testid="placements-timeline"
            items={data.placements.map((p, index) => ({
              key: p.id,
              color: p.status === "ACTIVE" ? "green" : "gray",
              content: (
                <Step
                  step={p}
                  index={index}
                  actions={
                    p.id === data.activeId && data.canManage ? (
                      <Space wrap>
                        {actions.update && <Button size="small" onClick={() => setDialog("edit")}>{t("edit")}</Button>}
                        {actions.end && <Button size="small" onClick={() => setDialog("end")}>{t("end")}</Button>}
                        <Link href={`/placements/${p.id}/reassign`}>
                          <Button size="small" type="primary" tabIndex={-1}>
                            {t("reassign")}
                          </Button>
                        </Link>
                      </Space>
                    ) : p.id === data.reopenableId && data.canReopen && actions.reopen ? (
                      <Button size="small" onClick={() => setDialog("reopen")}>
                        {t("reopen")}
                      </Button>
                    ) : null
                  }
                />
              ),
            }))}
          />
        </>
      )}
      {dialog === "edit" && active && actions.update && (
        <PlacementDialog<TermsValues>
          title={t("editTitle", { title: active.title })}
          okText={t("save")}
          initialValues={{
            monthlyWage: active.monthlyWage,
            contractType: active.contractType,
            roomAndBoard: active.roomAndBoard,
            supports: active.supports.map((s) => ({ kind: s.kind, monthlyAmount: s.monthlyAmount, startDate: dayjs(s.startDate), endDate: s.endDate ? dayjs(s.endDate) : null, note: s.note })),
          }}
          payload={(v) => ({ ...termsPayload(v), version: active.version })}
          submit={actions.update}
          onClose={() => setDialog(null)}
          onDone={() => done(t("saved"))}
          render={() => <TermsFields prefix={[]} />}
          width={900}
        />
      )}
      {dialog === "end" && active && actions.end && (
        <PlacementDialog<EndValues>
          title={t("endTitle", { title: active.title })}
          okText={t("end")}
          initialValues={{ endDate: dayjs() }}
          payload={(v) => ({ ...endPayload(v), version: active.version })}
          submit={actions.end}
          onClose={() => setDialog(null)}
          onDone={() => done(t("ended"))}
          render={(form) => <EndFields form={form} />}
        />
      )}
      {dialog === "reopen" && reopenable && actions.reopen && (
        <PlacementDialog<{ note?: string }>
          title={t("reopenTitle", { title: reopenable.title })}
          okText={t("reopen")}
          initialValues={{}}
          payload={(v) => ({ note: v.note ?? "", version: reopenable.version })}
          submit={actions.reopen}
          onClose={() => setDialog(null)}
          onDone={() => done(t("reopened"))}
          render={() => (
            <>
              <Typography.Paragraph type="secondary">{t("reopenHelp")}</Typography.Paragraph>
              <Form.Item label={t("reopenNote")} name="note" rules={[{ required: true, whitespace: true, message: t("required") }]}>
                <Input.TextArea rows={3} maxLength={500} showCount />
              </Form.Item>
            </>
          )}
        />
      )}
    </Card>
  );
}

/** One placement, as sentences a caseworker would say. */
function Step({ step: p, index, actions }: { step: PlacementStep; index: number; actions: React.ReactNode }) {
  const t = useTranslations("placements");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const locale = useLocale();
  const date = (iso: string) => format.dateTime(new Date(iso), "short");
  const running = p.status === "ACTIVE";
  return (
    <div
      id={`placement-${p.id}`}
      data-testid="placement-step"
      data-status={p.status}
      style={running ? { border: "1px solid #95de64", background: "#f6ffed", borderRadius: 6, padding: "8px 12px" } : undefined}
    >
      <Space wrap size={[8, 4]}>
        <Typography.Text strong>
          {t("stepHeading", { n: index + 1, title: p.title })}
        </Typography.Text>
        <Link href={`/employers/${p.employer.id}`}>{p.employer.name}</Link>
        {running ? <Tag color="green">{t("running")}</Tag> : <Tag>{t("endedTag")}</Tag>}
      </Space>
      <div>
        {p.previous ? (
          <Typography.Text type="secondary">
            {t.rich("movedFrom", {
              title: p.previous.title,
              employer: p.previous.employerName,
              link: (chunks) => (
                <a href={`#placement-${p.previous!.id}`} style={{ textDecoration: "underline" }}>
                  {chunks}
                </a>
              ),
            })}
            {p.createdBy ? ` · ${t("movedBy", { name: p.createdBy })}` : ""}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">
            {p.fromReferral ? t("placedFromReferral") : t("placedDirectly")}
            {p.createdBy ? ` · ${t("placedBy", { name: p.createdBy })}` : ""}
          </Typography.Text>
        )}
      </div>
      <div>
        {running ? t("since", { start: date(p.startDate), days: p.days }) : t("period", { start: date(p.startDate), end: date(p.endDate!), days: p.days })}
        {p.place ? ` · ${p.place}` : ""}
        {p.occupation ? ` · ${locale === "en" ? (p.occupation.titleEn ?? p.occupation.title) : p.occupation.title}` : ""}
      </div>
      <div>
        {p.monthlyWage !== null ? t("wage", { amount: format.number(p.monthlyWage, "yuan") }) : t("wageUnknown")} · {tEnum(`contractType.${p.contractType}`)}
        {p.roomAndBoard ? ` · ${t("roomAndBoard")}` : ""}
      </div>
      {p.supports.length > 0 && (
        <ul style={{ margin: "2px 0", paddingInlineStart: 18 }} aria-label={t("supports")}>
          {p.supports.map((s) => (
            <li key={s.id}>
              {t("supportLine", {
                kind: tEnum(`supportKind.${s.kind}`),
                amount: format.number(s.monthlyAmount, "yuan"),
                from: date(s.startDate),
                until: s.endDate ? date(s.endDate) : t("open"),
              })}
              {s.note ? ` · ${s.note}` : ""}
            </li>
          ))}
        </ul>
      )}
      {p.endReason && p.endDate && (
        <div data-testid="end-reason">
          <Typography.Text>
            {t("endedOn", { date: date(p.endDate), reason: tEnum(`endReason.${p.endReason}`) })}
            {p.endNote ? t("endNoteQuoted", { note: p.endNote }) : ""}
          </Typography.Text>
          {p.endedBy && <Typography.Text type="secondary"> · {t("recordedBy", { name: p.endedBy })}</Typography.Text>}
        </div>
      )}
      {actions && <div style={{ marginTop: 6 }}>{actions}</div>}
    </div>
  );
}

/** A dialog with one form that calls one bound action; errors stay next to their fields. */
function PlacementDialog<V extends object>(props: {
  title: string;
  okText: string;
  initialValues: V;
  payload: (values: V) => unknown;
  submit: Submit;
  onClose: () => void;
  onDone: () => void;
  render: (form: FormInstance<V>) => React.ReactNode;
  width?: number;
}) {
  const t = useTranslations("placements");
  const [form] = Form.useForm<V>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: V) {
    setPending(true);
    setError(null);
    const result = await props.submit(props.payload(values));
    setPending(false);
    if (result.status === "ok") return props.onDone();
    if (result.status === "conflict") return setError(t("conflict"));
    const { result: fields, formError } = placeJobErrors(result, undefined, "");
    showFieldErrors(form, fields);
    setError(formError ?? ("message" in result && result.message ? result.message : t("fixErrors")));
  }

  return (
    <Modal open title={props.title} onCancel={props.onClose} okText={props.okText} cancelText={t("cancel")} confirmLoading={pending} onOk={() => form.submit()} width={props.width} destroyOnHidden>
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="dialog-alert" />
      )}
      <Form<V> form={form} layout="vertical" initialValues={props.initialValues as never} onFinish={onFinish}>
        {props.render(form)}
      </Form>
    </Modal>
  );
}
