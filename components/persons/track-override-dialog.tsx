"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Alert, Form, Input, Modal, Select } from "antd";
import type { FormResult } from "@/lib/persons/types";
import { TRACKS } from "@/lib/persons/schema";
import { showFieldErrors } from "@/components/forms/apply-result";

type Values = { track: string | null; note: string | null };

export function TrackOverrideDialog(props: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
  version: number;
  current: string | null;
  note: string | null;
  submit: (values: unknown) => Promise<FormResult<{ version: number }>>;
}) {
  const t = useTranslations("person");
  const tEnum = useTranslations("enums");
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: Values) {
    setPending(true);
    setError(null);
    const result = await props.submit({ ...values, track: values.track ?? "", version: props.version });
    setPending(false);
    if (result.status === "ok") return props.onSaved();
    showFieldErrors(form, result);
    setError(result.message ?? null);
  }

  return (
    <Modal open={props.open} title={t("overrideTrack")} onCancel={props.onClose} okText={t("save")} cancelText={t("cancel")} confirmLoading={pending} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="track-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={{ track: props.current, note: props.note }} onFinish={onFinish}>
        <Form.Item label={t("overrideTrackLabel")} name="track" extra={t("overrideTrackHelp")}>
          <Select allowClear options={TRACKS.map((v) => ({ value: v, label: tEnum(`track.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t("overrideNote")} name="note">
          <Input.TextArea rows={3} maxLength={300} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
