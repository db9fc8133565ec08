"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from "antd";
import { EditOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { CohortPageData } from "@/lib/training/loaders";
import type { PaymentOutcome } from "@/lib/training/mutations";
import { showFieldErrors } from "@/components/forms/apply-result";
import { CohortDialog, cohortInitial } from "@/components/training/cohort-form";

type Submit<T = unknown> = (values: unknown) => Promise<FormResult<T>>;

/** Actions bound by the page to this cohort (and, for withdrawing, to each enrolment). */
export type CohortActions = {
  update?: Submit<{ id: number }>;
  setStatus?: Submit;
  enrol?: Submit;
  endEnrolment: Record<number, Submit>;
  complete?: Submit;
  attendance?: Submit;
  pay?: Submit<PaymentOutcome>;
};

const STATUS_COLOURS: Record<string, string> = { PLANNED: "blue", RUNNING: "green", COMPLETED: "default", CANCELLED: "red", ENROLLED: "blue", WITHDRAWN: "orange", FAILED: "red" };

/** A cohort: its details and status, the roster with attendance rates, the day's register and the allowance ledger. */
export function CohortDetail({ data, actions }: { data: CohortPageData; actions: CohortActions }) {
  const t = useTranslations("training");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [statusError, setStatusError] = useState<string | null>(null);
  const c = data.cohort;

  async function move(status: string) {
    if (!actions.setStatus) return;
    setStatusError(null);
    const result = await actions.setStatus({ status, version: c.version });
    if (result.status === "ok") {
      message.success(t("saved"));
      router.refresh();
    } else setStatusError(result.status === "invalid" ? Object.values(result.fieldErrors)[0] ?? result.message ?? "" : result.status === "conflict" ? t("conflict") : result.message);
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Text>
        <Link href={`/training/${c.programme.id}`}>{c.programme.title}</Link>
      </Typography.Text>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {c.name}
        </Typography.Title>
        {data.canManage && (
          <Space wrap>
            {actions.update && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t("editCohort")}
              </Button>
            )}
            {c.nextStatuses.map((s) => (
              <Popconfirm key={s} title={t(`moveConfirm.${s}`)} okText={t("confirm")} cancelText={t("cancel")} onConfirm={() => move(s)}>
                <Button type={s === "CANCELLED" ? "default" : "primary"} danger={s === "CANCELLED"}>
                  {t(`move.${s}`)}
                </Button>
              </Popconfirm>
            ))}
          </Space>
        )}
      </Flex>
      {statusError && <Alert type="error" showIcon message={statusError} data-testid="status-alert" />}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t("status")}>
            <Tag color={STATUS_COLOURS[c.status]} data-testid="cohort-status">{t(`cohortStatus.${c.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("dates")}>{`${c.startDate} – ${c.endDate}`}</Descriptions.Item>
          <Descriptions.Item label={t("places")}>{t("placesTaken", { taken: c.taken, capacity: c.capacity })}</Descriptions.Item>
          <Descriptions.Item label={t("tuition")}>{c.tuitionFree ? t("tuitionFree") : t("tuitionCharged")}</Descriptions.Item>
          <Descriptions.Item label={t("monthlyAllowance")}>{c.monthlyAllowance ? `${format.number(c.monthlyAllowance, "yuan")} ${t("perMonth")}` : "—"}</Descriptions.Item>
          <Descriptions.Item label={t("provider")}>{c.programme.providerName}</Descriptions.Item>
          <Descriptions.Item label={t("skillsAdded")}>
            <Space size={[4, 4]} wrap>
              {c.skills.length ? c.skills.map((s) => <Tag key={s.id} color="blue">{`${locale === "en" ? s.nameEn : s.nameZh} · ${tEnum(`skillLevel.${s.level}`)}`}</Tag>) : "—"}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Roster data={data} actions={actions} />
      {(c.status === "RUNNING" || c.status === "COMPLETED") && <Register key={`${data.register.day}-${data.register.days.length}`} data={data} submit={actions.attendance} />}
      {c.monthlyAllowance > 0 && <Ledger key={data.ledger.month ?? "none"} data={data} pay={actions.pay} />}

      {editing && actions.update && (
        <CohortDialog
          title={t("editCohort")}
          initial={cohortInitial(c)}
          version={c.version}
          submit={actions.update}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            message.success(t("saved"));
            router.refresh();
          }}
        />
      )}
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// Roster: enrol, complete, withdraw

function Roster({ data, actions }: { data: CohortPageData; actions: CohortActions }) {
  const t = useTranslations("training");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const router = useRouter();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<number[]>([]);
  const [completing, setCompleting] = useState(false);
  const [ending, setEnding] = useState<number | null>(null);
  const [enrolError, setEnrolError] = useState<string | null>(null);
  const [pendingEnrol, setPendingEnrol] = useState<number | null>(null);
  const c = data.cohort;
  const takesEnrolments = c.status === "PLANNED" || c.status === "RUNNING";
  const canComplete = data.canManage && (c.status === "RUNNING" || c.status === "COMPLETED");

  async function enrol(personId: number) {
    if (!actions.enrol) return;
    setEnrolError(null);
    setPendingEnrol(personId);
    const result = await actions.enrol({ personId });
    setPendingEnrol(null);
    if (result.status === "ok") {
      message.success(t("enrolled"));
      router.refresh();
    } else setEnrolError(result.status === "invalid" ? Object.values(result.fieldErrors)[0] ?? result.message ?? "" : result.message);
  }

  const search = (q: string) => {
    const params = new URLSearchParams(window.location.search);
    if (q.trim()) params.set("q", q.trim());
    else params.delete("q");
    router.push(`/training/cohorts/${c.id}?${params}`);
  };

  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("roster")}</h2>} id="roster">
      {data.canManage && takesEnrolments && actions.enrol && (
        <div style={{ marginBottom: 16 }}>
          <Form layout="vertical" initialValues={{ q: data.search.q }} onFinish={(v: { q?: string }) => search(v.q ?? "")} role="search" aria-label={t("findPerson")}>
            <Flex gap={8} align="flex-end" wrap>
              <Form.Item label={t("findPerson")} name="q" style={{ flex: "1 1 260px", marginBottom: 0 }} extra={t("findPersonHelp")}>
                <Input allowClear maxLength={60} />
              </Form.Item>
              <Button htmlType="submit">{t("find")}</Button>
            </Flex>
          </Form>
          {enrolError && <Alert type="error" showIcon message={enrolError} style={{ marginTop: 8 }} data-testid="enrol-alert" />}
          {data.search.q && (
            <Table
              style={{ marginTop: 8 }}
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={data.search.rows}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("nobodyFound")} /> }}
              aria-label={t("searchResults")}
              columns={[
                { title: t("name"), dataIndex: "name" },
                { title: t("idLast4"), dataIndex: "idLast4" },
                { title: t("origin"), dataIndex: "origin" },
                { title: t("employmentStatus"), dataIndex: "employmentStatus", render: (v: string) => tEnum(`employmentStatus.${v}`) },
                {
                  title: t("actions"),
                  render: (_, r) =>
                    r.enrolled ? (
                      <Tag>{t("alreadyInCohort")}</Tag>
                    ) : (
                      <Button size="small" type="primary" loading={pendingEnrol === r.id} onClick={() => enrol(r.id)} aria-label={t("enrolName", { name: r.name })}>
                        {t("enrol")}
                      </Button>
                    ),
                },
              ]}
            />
          )}
        </div>
      )}
      {canComplete && actions.complete && (
        <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
          <Button type="primary" disabled={!selected.length} onClick={() => setCompleting(true)}>
            {t("completeSelected", { count: selected.length })}
          </Button>
          <Typography.Text type="secondary">{t("completeHelp")}</Typography.Text>
        </Flex>
      )}
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={data.roster}
        data-testid="roster"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("nobodyEnrolled")} /> }}
        rowSelection={
          canComplete && actions.complete
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (r) => ({ disabled: r.status !== "ENROLLED", "aria-label": t("selectName", { name: r.name }) }),
                columnTitle: <span className="jb-visually-hidden">{t("select")}</span>,
              }
            : undefined
        }
        columns={[
          { title: t("name"), dataIndex: "name", render: (v: string, r) => <Link href={`/persons/${r.personId}`}>{v}</Link> },
          { title: t("origin"), dataIndex: "origin" },
          { title: t("status"), dataIndex: "status", render: (v: string) => <Tag color={STATUS_COLOURS[v]}>{t(`enrolmentStatus.${v}`)}</Tag> },
          { title: t("enrolledOn"), dataIndex: "enrolledOn" },
          { title: t("endedOn"), dataIndex: "endedOn", render: (v: string | null) => v ?? "—" },
          {
            title: t("attendanceRate"),
            render: (_, r) => (
              <span data-testid="attendance-rate">
                {r.rate === null ? "—" : format.number(r.rate, { style: "percent", maximumFractionDigits: 0 })}{" "}
                <Typography.Text type="secondary">{t("attendanceCounts", r.attendance)}</Typography.Text>
              </span>
            ),
          },
          { title: t("certificate"), render: (_, r) => (r.certificate ? `${r.certificate}${r.certificateNumber ? ` · ${r.certificateNumber}` : ""}` : "—") },
          ...(c.monthlyAllowance > 0 ? [{ title: t("allowancePaid"), render: (_: unknown, r: CohortPageData["roster"][number]) => t("monthsPaid", { months: r.paid.months, amount: format.number(r.paid.amount, "yuan") }) }] : []),
          {
            title: t("actions"),
            render: (_, r) =>
              r.status === "ENROLLED" && data.canManage && actions.endEnrolment[r.id] ? (
                <Button size="small" onClick={() => setEnding(r.id)} aria-label={t("withdrawName", { name: r.name })}>
                  {t("withdraw")}
                </Button>
              ) : r.note ? (
                <Typography.Text type="secondary">{r.note}</Typography.Text>
              ) : null,
          },
        ]}
      />
      {completing && actions.complete && (
        <CompleteDialog
          people={data.roster.filter((r) => selected.includes(r.id))}
          today={data.today}
          submit={actions.complete}
          onCancel={() => setCompleting(false)}
          onDone={(n) => {
            setCompleting(false);
            setSelected([]);
            message.success(t("completedN", { count: n }));
            router.refresh();
          }}
        />
      )}
      {ending !== null && actions.endEnrolment[ending] && (
        <EndDialog
          name={data.roster.find((r) => r.id === ending)?.name ?? ""}
          version={data.roster.find((r) => r.id === ending)?.version ?? 0}
          today={data.today}
          submit={actions.endEnrolment[ending]}
          onCancel={() => setEnding(null)}
          onDone={() => {
            setEnding(null);
            message.success(t("saved"));
            router.refresh();
          }}
        />
      )}
    </Card>
  );
}

type CompleteValues = { completedOn?: Dayjs | null; certificate?: string | null; numbers?: Record<string, string> };

function CompleteDialog(props: { people: CohortPageData["roster"]; today: string; submit: Submit; onCancel: () => void; onDone: (n: number) => void }) {
  const t = useTranslations("training");
  const [form] = Form.useForm<CompleteValues>();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  async function onFinish(values: CompleteValues) {
    setPending(true);
    setAlert(null);
    const certificateNumbers = Object.fromEntries(Object.entries(values.numbers ?? {}).filter(([, v]) => v && v.trim()));
    const result = await props.submit({
      enrolmentIds: props.people.map((p) => p.id),
      completedOn: values.completedOn ? values.completedOn.format("YYYY-MM-DD") : "",
      certificate: values.certificate ?? null,
      certificateNumbers,
    });
    setPending(false);
    if (result.status === "ok") return props.onDone(props.people.length);
    showFieldErrors(form, result);
    setAlert(result.status === "invalid" ? (Object.entries(result.fieldErrors).find(([k]) => k === "_form" || k === "enrolmentIds")?.[1] ?? result.message ?? "") : result.message);
  }
  return (
    <Modal open title={t("completeTitle", { count: props.people.length })} okText={t("complete")} cancelText={t("cancel")} confirmLoading={pending} onOk={() => form.submit()} onCancel={props.onCancel} destroyOnHidden width={640}>
      {alert && <Alert type="error" showIcon message={alert} style={{ marginBottom: 12 }} data-testid="complete-alert" />}
      <Form<CompleteValues> form={form} layout="vertical" initialValues={{ completedOn: dayjs(props.today) }} onFinish={onFinish}>
        <Flex gap={16} wrap>
          <Form.Item label={t("completedOn")} name="completedOn" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 160px" }}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item label={t("certificateName")} name="certificate" style={{ flex: "2 1 260px" }} extra={t("certificateHelp")}>
            <Input maxLength={120} />
          </Form.Item>
        </Flex>
        {props.people.map((p) => (
          <Form.Item key={p.id} label={t("certificateNumberOf", { name: p.name })} name={["numbers", String(p.id)]} style={{ marginBottom: 8 }}>
            <Input maxLength={60} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

type EndValues = { status?: string; endedOn?: Dayjs | null; note?: string };

function EndDialog(props: { name: string; version: number; today: string; submit: Submit; onCancel: () => void; onDone: () => void }) {
  const t = useTranslations("training");
  const [form] = Form.useForm<EndValues>();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  async function onFinish(values: EndValues) {
    setPending(true);
    setAlert(null);
    const result = await props.submit({ status: values.status, endedOn: values.endedOn ? values.endedOn.format("YYYY-MM-DD") : "", note: values.note ?? "", version: props.version });
    setPending(false);
    if (result.status === "ok") return props.onDone();
    showFieldErrors(form, result);
    setAlert(result.status === "conflict" ? t("conflict") : (result.message ?? t("fixErrors")));
  }
  return (
    <Modal open title={t("withdrawTitle", { name: props.name })} okText={t("save")} cancelText={t("cancel")} confirmLoading={pending} onOk={() => form.submit()} onCancel={props.onCancel} destroyOnHidden>
      {alert && <Alert type="error" showIcon message={alert} style={{ marginBottom: 12 }} />}
      <Form<EndValues> form={form} layout="vertical" initialValues={{ status: "WITHDRAWN", endedOn: dayjs(props.today) }} onFinish={onFinish}>
        <Form.Item label={t("endAs")} name="status">
          <Radio.Group aria-label={t("endAs")} options={["WITHDRAWN", "FAILED"].map((s) => ({ value: s, label: t(`enrolmentStatus.${s}`) }))} />
        </Form.Item>
        <Form.Item label={t("endedOn")} name="endedOn" rules={[{ required: true, message: t("required") }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label={t("note")} name="note" rules={[{ required: true, whitespace: true, message: t("errors.noteRequired") }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------
// The day's register

function Register({ data, submit }: { data: CohortPageData; submit?: Submit }) {
  const t = useTranslations("training");
  const router = useRouter();
  const { message } = App.useApp();
  const reg = data.register;
  const [marks, setMarks] = useState<Record<number, string>>(() => Object.fromEntries(reg.people.map((p) => [p.enrolmentId, p.status ?? "PRESENT"])));
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const goTo = (day: string) => {
    const params = new URLSearchParams(window.location.search);
    params.set("day", day);
    router.push(`/training/cohorts/${data.cohort.id}?${params}#register`);
  };
  async function save() {
    if (!submit) return;
    setPending(true);
    setAlert(null);
    const result = await submit({ day: reg.day, marks: reg.people.map((p) => ({ enrolmentId: p.enrolmentId, status: marks[p.enrolmentId] ?? "PRESENT" })) });
    setPending(false);
    if (result.status === "ok") {
      message.success(t("registerSaved", { day: reg.day }));
      router.refresh();
    } else setAlert(result.status === "invalid" ? Object.values(result.fieldErrors)[0] ?? result.message ?? "" : result.message);
  }
  return (
    <Card size="small" id="register" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("register")}</h2>}>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <label htmlFor="register-day">{t("registerDay")}</label>
        <DatePicker id="register-day" value={dayjs(reg.day)} allowClear={false} onChange={(d) => d && goTo(d.format("YYYY-MM-DD"))} />
        {reg.days.length > 0 && (
          <Typography.Text type="secondary">
            {t("daysRecorded", { count: reg.days.length })}
          </Typography.Text>
        )}
      </Flex>
      {alert && <Alert type="error" showIcon message={alert} style={{ marginBottom: 12 }} data-testid="register-alert" />}
      {reg.people.length === 0 ? (
        <Typography.Paragraph type="secondary">{t("nobodyThatDay")}</Typography.Paragraph>
      ) : (
        <>
          <Table
            rowKey="enrolmentId"
            size="small"
            pagination={false}
            dataSource={reg.people}
            columns={[
              { title: t("name"), dataIndex: "name" },
              {
                title: t("attendance"),
                render: (_, p) => (
                  <Radio.Group
                    aria-label={t("attendanceOf", { name: p.name })}
                    disabled={!reg.open}
                    value={marks[p.enrolmentId]}
                    onChange={(e) => setMarks((m) => ({ ...m, [p.enrolmentId]: e.target.value as string }))}
                    options={["PRESENT", "ABSENT", "EXCUSED"].map((s) => ({ value: s, label: t(`attendanceStatus.${s}`) }))}
                  />
                ),
              },
              { title: t("recorded"), render: (_, p) => (p.status ? t(`attendanceStatus.${p.status}`) : "—") },
            ]}
          />
          {reg.open && submit && (
            <Button type="primary" style={{ marginTop: 12 }} loading={pending} onClick={save}>
              {t("saveRegister")}
            </Button>
          )}
          {!reg.open && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t("registerClosed")}</Typography.Paragraph>}
        </>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------
// The living-allowance ledger

type PayValues = { paidOn?: Dayjs | null; reference?: string | null };

function Ledger({ data, pay }: { data: CohortPageData; pay?: Submit<PaymentOutcome> }) {
  const t = useTranslations("training");
  const format = useFormatter();
  const router = useRouter();
  const [form] = Form.useForm<PayValues>();
  const led = data.ledger;
  const unpaid = led.due.filter((d) => !d.paidOn).map((d) => d.enrolmentId);
  const [selected, setSelected] = useState<number[]>(unpaid);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<PaymentOutcome | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const goTo = (month: string) => {
    const params = new URLSearchParams(window.location.search);
    params.set("month", month);
    router.push(`/training/cohorts/${data.cohort.id}?${params}#ledger`);
  };
  async function onFinish(values: PayValues) {
    if (!pay || !led.month) return;
    setPending(true);
    setAlert(null);
    setOutcome(null);
    const result = await pay({ month: led.month, enrolmentIds: selected, paidOn: values.paidOn ? values.paidOn.format("YYYY-MM-DD") : "", reference: values.reference ?? null });
    setPending(false);
    if (result.status === "ok") {
      setOutcome(result.data);
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    setAlert(result.status === "invalid" ? Object.values(result.fieldErrors)[0] ?? result.message ?? "" : result.message);
  }
  return (
    <Card size="small" id="ledger" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("ledger")}</h2>}>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <label htmlFor="ledger-month">{t("ledgerMonth")}</label>
        <Select id="ledger-month" style={{ minWidth: 140 }} value={led.month ?? undefined} onChange={goTo} options={[...led.months].reverse().map((m) => ({ value: m, label: m }))} aria-label={t("ledgerMonth")} />
        <Typography.Text type="secondary">{t("allowanceEach", { amount: format.number(data.cohort.monthlyAllowance, "yuan") })}</Typography.Text>
      </Flex>
      {outcome && (
        <Alert
          type={outcome.alreadyPaid.length ? "warning" : "success"}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="pay-outcome"
          message={t("paidN", { count: outcome.paid.length, amount: format.number(outcome.paid.reduce((n, p) => n + p.amount, 0), "yuan") })}
          description={
            outcome.alreadyPaid.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {outcome.alreadyPaid.map((a) => (
                  <li key={a.enrolmentId}>{t("alreadyPaid", { name: a.name, date: a.paidOn, who: a.paidBy ?? "—" })}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {alert && <Alert type="error" showIcon message={alert} style={{ marginBottom: 12 }} data-testid="pay-alert" />}
      {led.month && (
        <>
          <Typography.Title level={3} style={{ fontSize: 14 }}>
            {t("dueIn", { month: led.month })}
          </Typography.Title>
          <Table
            rowKey="enrolmentId"
            size="small"
            pagination={false}
            dataSource={led.due}
            data-testid="due"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("nobodyDue")} /> }}
            rowSelection={
              pay
                ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (r) => ({ "aria-label": t("selectName", { name: r.name }) }), columnTitle: <span className="jb-visually-hidden">{t("select")}</span> }
                : undefined
            }
            columns={[
              { title: t("name"), dataIndex: "name" },
              { title: t("status"), dataIndex: "status", render: (v: string) => t(`enrolmentStatus.${v}`) },
              { title: t("paid"), render: (_, r) => (r.paidOn ? <Tag color="green">{t("paidOnBy", { date: r.paidOn, who: r.paidBy ?? "—" })}</Tag> : <Tag color="orange">{t("unpaid")}</Tag>) },
            ]}
          />
          {pay && (
            <Form<PayValues> form={form} layout="vertical" initialValues={{ paidOn: dayjs(data.today) }} onFinish={onFinish} style={{ marginTop: 12 }}>
              <Flex gap={12} align="flex-end" wrap>
                <Form.Item label={t("paidOn")} name="paidOn" rules={[{ required: true, message: t("required") }]} style={{ marginBottom: 0 }}>
                  <DatePicker />
                </Form.Item>
                <Form.Item label={t("reference")} name="reference" style={{ marginBottom: 0, flex: "1 1 200px" }}>
                  <Input maxLength={80} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={pending} disabled={!selected.length}>
                  {t("payN", { count: selected.length, month: led.month })}
                </Button>
              </Flex>
            </Form>
          )}
        </>
      )}
      <Typography.Title level={3} style={{ fontSize: 14, marginTop: 16 }}>
        {t("ledgerAll")}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        dataSource={led.rows}
        data-testid="ledger"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("nothingPaid")} /> }}
        columns={[
          { title: t("month"), dataIndex: "month" },
          { title: t("name"), dataIndex: "name", render: (v: string, r) => <Link href={`/persons/${r.personId}`}>{v}</Link> },
          { title: t("amount"), dataIndex: "amount", render: (v: number) => format.number(v, "yuan") },
          { title: t("paidOn"), dataIndex: "paidOn" },
          { title: t("paidBy"), dataIndex: "paidBy", render: (v: string | null) => v ?? "—" },
          { title: t("reference"), dataIndex: "reference", render: (v: string | null) => v ?? "—" },
        ]}
        summary={() =>
          led.rows.length ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <strong>{t("ledgerTotal", { people: led.people, payments: led.rows.length })}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} colSpan={4}>
                <strong data-testid="ledger-total">{format.number(led.total, "yuan")}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
