"use client";
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Alert, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, type FormInstance } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { CascaderOption } from "@/lib/reference/loaders";
import { ORIGIN_LEVEL, PERIOD_KINDS, presetPeriod, TARGET_METRICS, type PeriodKind } from "@/lib/targets/rules";
import { RegionPicker } from "@/components/region-picker";
import { showFieldErrors } from "@/components/forms/apply-result";

type Submit = (values: unknown) => Promise<FormResult<unknown>>;

export type TargetFormValues = {
  regionCode: string | null;
  metric: string | null;
  kind: PeriodKind | "CUSTOM";
  year: number;
  index: number;
  periodStart: Dayjs | null;
  periodEnd: Dayjs | null;
  value: number | null;
  note: string | null;
};

const INDEXES: Record<PeriodKind, number> = { YEAR: 1, HALF: 2, QUARTER: 4, MONTH: 12 };

/**
 * Create or edit a target: a region (province, city or county), a metric, a period (a preset —
 * year, half, quarter, month — fills the dates; any dates may be typed) and the number. Errors
 * come back next to their fields; what was typed stays. A save on an old version is a conflict,
 * told with the values saved meanwhile.
 */
export function TargetForm(props: {
  title: string;
  okText: string;
  initial: TargetFormValues;
  version?: number;
  regionOptions: CascaderOption[];
  submit: Submit;
  onDone: () => void;
  onClose: () => void;
}) {
  const t = useTranslations("targets");
  const format = useFormatter();
  const [form] = Form.useForm<TargetFormValues>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch("kind", form) ?? props.initial.kind;

  function applyPreset(f: FormInstance<TargetFormValues>) {
    const v = f.getFieldsValue(["kind", "year", "index"]) as Pick<TargetFormValues, "kind" | "year" | "index">;
    if (v.kind === "CUSTOM" || !v.year) return;
    const p = presetPeriod(v.kind, v.year, Math.min(v.index || 1, INDEXES[v.kind]));
    f.setFieldsValue({ periodStart: dayjs(p.start.toISOString().slice(0, 10)), periodEnd: dayjs(p.end.toISOString().slice(0, 10)) });
  }

  async function onFinish(values: TargetFormValues) {
    setPending(true);
    setError(null);
    const result = await props.submit({
      ...(props.version !== undefined ? { version: props.version } : {}),
      regionCode: values.regionCode,
      metric: values.metric,
      periodStart: values.periodStart?.format("YYYY-MM-DD") ?? null,
      periodEnd: values.periodEnd?.format("YYYY-MM-DD") ?? null,
      value: values.value,
      note: values.note,
    });
    setPending(false);
    if (result.status === "ok") return props.onDone();
    if (result.status === "conflict") {
      const c = result.current as { value?: number; periodStart?: string; periodEnd?: string };
      return setError(t("conflict", { value: format.number(Number(c.value ?? 0)), start: String(c.periodStart ?? ""), end: String(c.periodEnd ?? "") }));
    }
    showFieldErrors(form, result);
    setError(result.message ?? null);
  }

  return (
    <Modal open title={props.title} okText={props.okText} cancelText={t("cancel")} onOk={() => form.submit()} onCancel={props.onClose} confirmLoading={pending} destroyOnHidden width={640}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="target-form-alert" />}
      <Form<TargetFormValues> form={form} name="target" layout="vertical" initialValues={props.initial} onFinish={onFinish} onValuesChange={(changed) => {
        if ("kind" in changed || "year" in changed || "index" in changed) applyPreset(form);
      }}>
        <Form.Item label={t("region")} name="regionCode" extra={t("regionHelp")} rules={[{ required: true, message: t("required") }]}>
          <RegionPicker options={props.regionOptions} maxLevel={3} changeOnSelect placeholder={t("regionPlaceholder")} />
        </Form.Item>
        <Form.Item label={t("metricLabel")} name="metric" rules={[{ required: true, message: t("required") }]}>
          <Select options={TARGET_METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item label={t("periodKind")} name="kind" style={{ flex: "1 1 140px" }}>
            <Select options={[...PERIOD_KINDS, "CUSTOM" as const].map((k) => ({ value: k, label: t(`periodKinds.${k}`) }))} />
          </Form.Item>
          {kind !== "CUSTOM" && (
            <Form.Item label={t("year")} name="year" style={{ flex: "1 1 100px" }}>
              <InputNumber min={2000} max={2100} style={{ width: "100%" }} />
            </Form.Item>
          )}
          {kind !== "CUSTOM" && kind !== "YEAR" && (
            <Form.Item label={t(`periodIndex.${kind}`)} name="index" style={{ flex: "1 1 120px" }}>
              <Select options={Array.from({ length: INDEXES[kind] }, (_, i) => ({ value: i + 1, label: t(`periodIndexValue.${kind}`, { index: i + 1 }) }))} />
            </Form.Item>
          )}
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item label={t("periodStart")} name="periodStart" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 160px" }}>
            <DatePicker style={{ width: "100%" }} onChange={() => form.setFieldValue("kind", "CUSTOM")} />
          </Form.Item>
          <Form.Item label={t("periodEnd")} name="periodEnd" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 160px" }}>
            <DatePicker style={{ width: "100%" }} onChange={() => form.setFieldValue("kind", "CUSTOM")} />
          </Form.Item>
        </Flex>
        <Form.Item label={t("value")} name="value" rules={[{ required: true, message: t("required") }]}>
          <InputNumber min={1} max={100_000_000} style={{ width: "100%" }} suffix={t("peopleUnit")} />
        </Form.Item>
        <Form.Item label={t("note")} name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * A reported figure: a count from outside JobBridge, with the day it counts on, its source and,
 * when the return gives it, the origin of the people it counts (province down to town; it lets the
 * figure count in the figures counted by origin, such as "2,930 from Tongren").
 */
export function FigureForm(props: { regionOptions: CascaderOption[]; originOptions: CascaderOption[]; submit: Submit; onDone: () => void; onClose: () => void; defaultRegion: string | null }) {
  const t = useTranslations("targets");
  const [form] = Form.useForm();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: { regionCode: string | null; metric: string | null; asOf: Dayjs | null; value: number | null; source: string | null; originCode?: string | null }) {
    setPending(true);
    setError(null);
    const result = await props.submit({ ...values, originCode: values.originCode ?? null, asOf: values.asOf?.format("YYYY-MM-DD") ?? null });
    setPending(false);
    if (result.status === "ok") return props.onDone();
    showFieldErrors(form, result);
    setError("message" in result ? (result.message ?? null) : null);
  }

  return (
    <Modal open title={t("figures.add")} okText={t("figures.save")} cancelText={t("cancel")} onOk={() => form.submit()} onCancel={props.onClose} confirmLoading={pending} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="figure-form-alert" />}
      <Form form={form} name="figure" layout="vertical" onFinish={onFinish} initialValues={{ regionCode: props.defaultRegion, asOf: dayjs() }}>
        <Form.Item label={t("region")} name="regionCode" rules={[{ required: true, message: t("required") }]}>
          <RegionPicker options={props.regionOptions} maxLevel={3} changeOnSelect />
        </Form.Item>
        <Form.Item label={t("metricLabel")} name="metric" rules={[{ required: true, message: t("required") }]}>
          <Select options={TARGET_METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))} />
        </Form.Item>
        <Form.Item label={t("figures.asOf")} name="asOf" extra={t("figures.asOfHelp")} rules={[{ required: true, message: t("required") }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label={t("figures.value")} name="value" rules={[{ required: true, message: t("required") }]}>
          <InputNumber min={0} max={100_000_000} style={{ width: "100%" }} suffix={t("peopleUnit")} />
        </Form.Item>
        <Form.Item label={t("figures.source")} name="source" extra={t("figures.sourceHelp")} rules={[{ required: true, message: t("required") }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item label={t("figures.origin")} name="originCode" extra={t("figures.originHelp")}>
          <RegionPicker options={props.originOptions} maxLevel={ORIGIN_LEVEL} changeOnSelect placeholder={t("figures.originPlaceholder")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
