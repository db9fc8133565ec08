"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Alert, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Modal } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import { showFieldErrors } from "@/components/forms/apply-result";

export type CohortFormValues = { name?: string; startDate?: Dayjs | null; endDate?: Dayjs | null; capacity?: number; tuitionFree?: boolean; monthlyAllowance?: number | null };

export function cohortInitial(c: { name: string; startDate: string; endDate: string; capacity: number; tuitionFree: boolean; monthlyAllowance: number }): CohortFormValues {
  return { name: c.name, startDate: dayjs(c.startDate), endDate: dayjs(c.endDate), capacity: c.capacity, tuitionFree: c.tuitionFree, monthlyAllowance: c.monthlyAllowance };
}

/** A cohort's name, dates (within the programme's), places, free tuition and monthly living allowance. */
export function CohortDialog(props: {
  title: string;
  initial: CohortFormValues;
  version?: number;
  submit: (values: unknown) => Promise<FormResult<{ id: number }>>;
  onDone: (id: number) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("training");
  const [form] = Form.useForm<CohortFormValues>();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  async function onFinish(values: CohortFormValues) {
    setPending(true);
    setAlert(null);
    const result = await props.submit({
      ...values,
      startDate: values.startDate ? values.startDate.format("YYYY-MM-DD") : "",
      endDate: values.endDate ? values.endDate.format("YYYY-MM-DD") : "",
      monthlyAllowance: values.monthlyAllowance ?? 0,
      tuitionFree: Boolean(values.tuitionFree),
      ...(props.version ? { version: props.version } : {}),
    });
    setPending(false);
    if (result.status === "ok") return props.onDone(result.data.id);
    showFieldErrors(form, result);
    setAlert(result.status === "conflict" ? t("conflict") : (result.message ?? t("fixErrors")));
  }

  return (
    <Modal open title={props.title} okText={t("save")} cancelText={t("cancel")} confirmLoading={pending} onOk={() => form.submit()} onCancel={props.onCancel} destroyOnHidden width={640}>
      {alert && <Alert type="error" showIcon message={alert} data-testid="cohort-form-alert" style={{ marginBottom: 12 }} />}
      <Form<CohortFormValues> form={form} layout="vertical" initialValues={props.initial} onFinish={onFinish}>
        <Form.Item label={t("cohortName")} name="name" rules={[{ required: true, whitespace: true, message: t("required") }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item label={t("startDate")} name="startDate" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 160px" }}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item label={t("endDate")} name="endDate" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 160px" }}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item label={t("cohortCapacity")} name="capacity" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 140px" }}>
            <InputNumber min={1} max={10000} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item label={t("monthlyAllowance")} name="monthlyAllowance" style={{ flex: "1 1 180px" }} extra={t("monthlyAllowanceHelp")}>
            <InputNumber min={0} max={100000} step={100} style={{ width: "100%" }} addonAfter={t("yuanPerMonth")} />
          </Form.Item>
        </Flex>
        <Form.Item name="tuitionFree" valuePropName="checked">
          <Checkbox>{t("tuitionFree")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
