"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Typography } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { ProgrammeFormData } from "@/lib/training/loaders";
import { SKILL_LEVELS, TRAINING_DELIVERIES, TRAINING_KINDS } from "@/lib/training/rules";
import { RegionPicker } from "@/components/region-picker";
import { showFieldErrors } from "@/components/forms/apply-result";

export type ProgrammeFormValues = {
  kind?: string;
  title?: string;
  providerOfficeId?: number | null;
  providerName?: string | null;
  delivery?: string;
  divisionCode?: string | null;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  capacity?: number;
  subsidyPerPerson?: number | null;
  description?: string | null;
  skills?: { skillId?: number; level?: string }[];
};

/** Create or edit a programme; an edit carries the version it started from (a stale save is a conflict). */
export function ProgrammeForm(props: { data: ProgrammeFormData; initial: ProgrammeFormValues; version?: number; submit: (values: unknown) => Promise<FormResult<{ id: number }>>; cancelHref: string }) {
  const t = useTranslations("training");
  const tEnum = useTranslations("enums");
  const locale = useLocale();
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgrammeFormValues>();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const providerOfficeId = Form.useWatch("providerOfficeId", form);

  async function onFinish(values: ProgrammeFormValues) {
    setPending(true);
    setAlert(null);
    const payload = {
      ...values,
      startDate: values.startDate ? values.startDate.format("YYYY-MM-DD") : "",
      endDate: values.endDate ? values.endDate.format("YYYY-MM-DD") : "",
      subsidyPerPerson: values.subsidyPerPerson ?? 0,
      skills: values.skills ?? [],
      ...(props.version ? { version: props.version } : {}),
    };
    const result = await props.submit(payload);
    setPending(false);
    if (result.status === "ok") {
      message.success(t("saved"));
      router.push(`/training/${result.data.id}`);
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    setAlert(result.status === "conflict" ? t("conflict") : (result.message ?? t("fixErrors")));
  }

  const skillOptions = props.data.skills.map((s) => ({ value: s.id, label: locale === "en" ? s.nameEn : s.nameZh }));
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 1000 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {props.version ? t("editProgramme") : t("newProgramme")}
      </Typography.Title>
      {alert && <Alert type="error" showIcon message={alert} data-testid="form-alert" />}
      <Form<ProgrammeFormValues> form={form} layout="vertical" initialValues={props.initial} onFinish={onFinish} onFinishFailed={() => setAlert(t("fixErrors"))}>
        <Card size="small" title={t("sections.programme")} style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item label={t("programmeTitle")} name="title" rules={[{ required: true, whitespace: true, message: t("required") }]} style={{ flex: "2 1 280px" }}>
              <Input maxLength={120} />
            </Form.Item>
            <Form.Item label={t("kind")} name="kind" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 180px" }}>
              <Select options={TRAINING_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item label={t("providerOffice")} name="providerOfficeId" style={{ flex: "1 1 240px" }} extra={t("providerOfficeHelp")}>
              <Select allowClear options={props.data.providers.map((o) => ({ value: o.id, label: locale === "en" ? o.nameEn : o.name }))} />
            </Form.Item>
            {!providerOfficeId && (
              <Form.Item label={t("providerName")} name="providerName" style={{ flex: "1 1 240px" }}>
                <Input maxLength={120} />
              </Form.Item>
            )}
          </Flex>
          <Form.Item label={t("description")} name="description">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Card>

        <Card size="small" title={t("sections.where")} style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item label={t("delivery")} name="delivery" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 220px" }} extra={t("deliveryHelp")}>
              <Select options={TRAINING_DELIVERIES.map((k) => ({ value: k, label: t(`deliveries.${k}`) }))} />
            </Form.Item>
            <Form.Item label={t("place")} name="divisionCode" rules={[{ required: true, message: t("required") }]} style={{ flex: "2 1 320px" }}>
              <RegionPicker options={props.data.divisions} changeOnSelect placeholder={t("pickRegion")} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item label={t("startDate")} name="startDate" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 160px" }}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item label={t("endDate")} name="endDate" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 160px" }}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item label={t("capacity")} name="capacity" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 140px" }} extra={t("capacityHelp")}>
              <InputNumber min={1} max={100000} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item label={t("subsidyPerPerson")} name="subsidyPerPerson" style={{ flex: "1 1 160px" }} extra={t("subsidyHelp")}>
              <InputNumber min={0} max={1000000} step={100} style={{ width: "100%" }} addonAfter={t("yuan")} />
            </Form.Item>
          </Flex>
        </Card>

        <Card size="small" title={t("sections.skills")} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t("skillsHelp")}</Typography.Paragraph>
          <Form.List name="skills">
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} wrap align="flex-start">
                    <Form.Item label={t("skillN", { n: index + 1 })} name={[field.name, "skillId"]} rules={[{ required: true, message: t("required") }]} style={{ flex: "2 1 240px", marginBottom: 8 }}>
                      <Select showSearch optionFilterProp="label" options={skillOptions} />
                    </Form.Item>
                    <Form.Item label={t("skillLevelN", { n: index + 1 })} name={[field.name, "level"]} style={{ flex: "1 1 160px", marginBottom: 8 }}>
                      <Select options={SKILL_LEVELS.map((l) => ({ value: l, label: tEnum(`skillLevel.${l}`) }))} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("removeSkill", { n: index + 1 })} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ level: "SKILLED" })}>
                  {t("addSkill")}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Space>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t("save")}
          </Button>
          <Link href={props.cancelHref}>
            <Button tabIndex={-1}>{t("cancel")}</Button>
          </Link>
        </Space>
      </Form>
    </Space>
  );
}
