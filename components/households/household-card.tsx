"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Select, Space, Statistic, Table, Tag, Timeline, Typography } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import type { PersonPageData } from "@/lib/persons/loaders";
import type { FormResult } from "@/lib/persons/types";
import { POVERTY_STATUS, RELATIONS } from "@/lib/persons/schema";
import { showFieldErrors } from "@/components/forms/apply-result";

type Household = NonNullable<PersonPageData["household"]>;
type Submit = (values: unknown) => Promise<FormResult<{ version: number }>>;

export function HouseholdCard(props: { household: Household; personId: number; canEdit: boolean; save: Submit; changeStatus: Submit }) {
  const { household } = props;
  const t = useTranslations("household");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const [editing, setEditing] = useState(false);
  const [changingStatus, setChangingStatus] = useState(false);

  return (
    <Card
      title={t("title")}
      size="small"
      extra={
        props.canEdit && (
          <Space>
            <Button size="small" onClick={() => setChangingStatus(true)}>
              {t("changeStatus")}
            </Button>
            <Button size="small" onClick={() => setEditing(true)}>
              {t("edit")}
            </Button>
          </Space>
        )
      }
    >
      <Flex gap={24} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t("size")} value={household.figures.size} data-testid="household-size" />
        <Statistic title={t("labourers")} value={household.figures.labourers} data-testid="household-labourers" />
        <Statistic title={t("dependants")} value={household.figures.dependants} data-testid="household-dependants" />
      </Flex>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("povertyStatus")}>
          <Tag color={household.povertyStatus === "NONE" ? "default" : "orange"} style={household.povertyStatus === "NONE" ? undefined : { color: "#ad4e00" }} data-testid="poverty-status">
            {tEnum(`povertyStatus.${household.povertyStatus}`)}
          </Tag>
          {household.povertyStatusSince && t("since", { date: format.dateTime(new Date(household.povertyStatusSince), "short") })}
        </Descriptions.Item>
        <Descriptions.Item label={t("perCapitaIncome")}>
          {household.perCapitaIncome !== null ? t("perYear", { amount: format.number(household.perCapitaIncome, "yuan") }) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("address")}>
          {household.divisionLabel ?? "—"}
          {household.addressDetail ? ` · ${household.addressDetail}` : ""}
        </Descriptions.Item>
      </Descriptions>
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={household.members}
        aria-label={t("members")}
        columns={[
          { title: t("memberName"), dataIndex: "name", render: (name: string, m) => (m.personId && m.personId !== props.personId ? <a href={`/persons/${m.personId}`}>{name}</a> : name) },
          { title: t("relation"), dataIndex: "relation", render: (v: string) => tEnum(`relation.${v}`) },
          { title: t("birthYear"), dataIndex: "birthYear" },
          { title: t("isLabourer"), dataIndex: "isLabourer", render: (v: boolean) => (v ? t("yes") : t("no")) },
          { title: t("note"), dataIndex: "note" },
        ]}
      />
      {household.povertyHistory.length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 14, marginTop: 16 }}>
            {t("statusHistory")}
          </Typography.Title>
          <Timeline
            items={household.povertyHistory.map((h) => ({
              key: h.id,
              children: (
                <span>
                  {format.dateTime(new Date(h.effectiveDate), "short")} · {tEnum(`povertyStatus.${h.status}`)}
                  {h.note ? ` · ${h.note}` : ""}
                  {h.changedBy ? ` · ${h.changedBy.displayName}` : ""}
                </span>
              ),
            }))}
          />
        </>
      )}
      {editing && <HouseholdEditor household={household} save={props.save} onClose={() => setEditing(false)} />}
      {changingStatus && <PovertyStatusDialog household={household} submit={props.changeStatus} onClose={() => setChangingStatus(false)} />}
    </Card>
  );
}

type MemberValues = { id?: number; name: string; relation: string; birthYear: number | null; isLabourer: boolean; note: string | null; personId?: number | null };
type EditorValues = { divisionCode: string | null; addressDetail: string | null; perCapitaIncome: number | null; registrationNote: string | null; members: MemberValues[] };

function HouseholdEditor({ household, save, onClose }: { household: Household; save: Submit; onClose: () => void }) {
  const t = useTranslations("household");
  const tEnum = useTranslations("enums");
  const router = useRouter();
  const [form] = Form.useForm<EditorValues>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: EditorValues) {
    setPending(true);
    setError(null);
    const result = await save({ ...values, divisionCode: household.divisionCode, version: household.version });
    setPending(false);
    if (result.status === "ok") {
      onClose();
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    const membersError = result.status === "invalid" ? result.fieldErrors.members : undefined;
    setError(result.status === "conflict" ? t("conflict") : (membersError ?? result.message ?? null));
  }

  return (
    <Modal open title={t("edit")} width={760} onCancel={onClose} okText={t("save")} cancelText={t("cancel")} confirmLoading={pending} onOk={() => form.submit()}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="household-error" />}
      <Form<EditorValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          addressDetail: household.addressDetail,
          perCapitaIncome: household.perCapitaIncome,
          registrationNote: household.registrationNote,
          members: household.members.map((m) => ({ id: m.id, name: m.name, relation: m.relation, birthYear: m.birthYear, isLabourer: m.isLabourer, note: m.note, personId: m.personId })),
        }}
      >
        <Flex gap={12} wrap>
          <Form.Item label={t("perCapitaIncome")} name="perCapitaIncome" style={{ flex: "1 1 200px" }}>
            <InputNumber min={0} style={{ width: "100%" }} addonAfter={t("yuanPerYear")} />
          </Form.Item>
          <Form.Item label={t("addressDetail")} name="addressDetail" style={{ flex: "2 1 300px" }}>
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Form.Item label={t("registrationNote")} name="registrationNote">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Typography.Text strong>{t("members")}</Typography.Text>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => {
                const linked = Boolean(form.getFieldValue(["members", field.name, "personId"]));
                return (
                  <Flex key={field.key} gap={8} wrap align="flex-start" style={{ borderBottom: "1px dashed #e5e6eb", paddingTop: 8 }}>
                    <Form.Item label={t("memberName")} name={[field.name, "name"]} rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 120px", marginBottom: 8 }}>
                      <Input disabled={linked} aria-label={`${t("memberName")} ${index + 1}`} />
                    </Form.Item>
                    <Form.Item label={t("relation")} name={[field.name, "relation"]} rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 110px", marginBottom: 8 }}>
                      <Select aria-label={`${t("relation")} ${index + 1}`} options={RELATIONS.map((r) => ({ value: r, label: tEnum(`relation.${r}`) }))} />
                    </Form.Item>
                    <Form.Item label={t("birthYear")} name={[field.name, "birthYear"]} style={{ flex: "0 1 100px", marginBottom: 8 }}>
                      <InputNumber min={1900} max={2100} style={{ width: "100%" }} aria-label={`${t("birthYear")} ${index + 1}`} />
                    </Form.Item>
                    <Form.Item label={t("isLabourer")} name={[field.name, "isLabourer"]} valuePropName="checked" style={{ flex: "0 1 80px", marginBottom: 8 }}>
                      <Checkbox aria-label={`${t("isLabourer")} ${index + 1}`} />
                    </Form.Item>
                    <Form.Item label={t("note")} name={[field.name, "note"]} style={{ flex: "1 1 120px", marginBottom: 8 }}>
                      <Input aria-label={`${t("note")} ${index + 1}`} />
                    </Form.Item>
                    {!linked && (
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("removeMember", { n: index + 1 })} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                    )}
                  </Flex>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ relation: "CHILD", isLabourer: false })} style={{ marginTop: 8 }}>
                {t("addMember")}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

type StatusValues = { status: string; effectiveDate: dayjs.Dayjs; note: string | null };

function PovertyStatusDialog({ household, submit, onClose }: { household: Household; submit: Submit; onClose: () => void }) {
  const t = useTranslations("household");
  const tEnum = useTranslations("enums");
  const router = useRouter();
  const [form] = Form.useForm<StatusValues>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: StatusValues) {
    setPending(true);
    setError(null);
    const result = await submit({ status: values.status, effectiveDate: values.effectiveDate?.format("YYYY-MM-DD") ?? "", note: values.note, version: household.version });
    setPending(false);
    if (result.status === "ok") {
      onClose();
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    setError(result.status === "conflict" ? t("conflict") : (result.message ?? null));
  }

  return (
    <Modal open title={t("changeStatus")} onCancel={onClose} okText={t("save")} cancelText={t("cancel")} confirmLoading={pending} onOk={() => form.submit()}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form<StatusValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ status: household.povertyStatus, effectiveDate: dayjs() }}>
        <Form.Item label={t("povertyStatus")} name="status" rules={[{ required: true, message: t("required") }]} extra={t("statusHelp")}>
          <Select options={POVERTY_STATUS.map((s) => ({ value: s, label: tEnum(`povertyStatus.${s}`) }))} />
        </Form.Item>
        <Form.Item label={t("effectiveDate")} name="effectiveDate" rules={[{ required: true, message: t("required") }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label={t("note")} name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
