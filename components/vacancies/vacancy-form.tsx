"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Select, Space, TreeSelect, Typography } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { VacancyFormData } from "@/lib/vacancies/loaders";
import { GENDER_REQUIREMENTS, SKILL_REQUIREMENTS, VACANCY_KINDS, VACANCY_STATUSES } from "@/lib/vacancies/schema";
import { SECTORS } from "@/lib/persons/rules";
import { RegionPicker } from "@/components/region-picker";
import { showFieldErrors } from "@/components/forms/apply-result";

export type VacancyFormValues = {
  employerId?: number;
  kind?: string;
  title?: string;
  occupationCode?: string | null;
  sector?: string | null;
  description?: string | null;
  openings?: number;
  wageMin?: number | null;
  wageMax?: number | null;
  divisionCode?: string | null;
  addressDetail?: string | null;
  roomAndBoard?: boolean;
  trainingProvided?: boolean;
  trainingDescription?: string | null;
  trainingDays?: number | null;
  ageMin?: number | null;
  ageMax?: number | null;
  genderRequirement?: string;
  startDate?: Dayjs | null;
  status?: string;
  skills?: { skillId?: number; requirement?: string }[];
};

export function VacancyForm(props: { data: VacancyFormData; initial: VacancyFormValues; version?: number; submit: (values: unknown) => Promise<FormResult<{ id: number }>>; cancelHref: string }) {
  const t = useTranslations("vacancies");
  const tEnum = useTranslations("enums");
  const locale = useLocale();
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm<VacancyFormValues>();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const trainingProvided = Form.useWatch("trainingProvided", form);
  const gender = Form.useWatch("genderRequirement", form);

  async function onFinish(values: VacancyFormValues) {
    setPending(true);
    setAlert(null);
    const payload = { ...values, startDate: values.startDate ? values.startDate.format("YYYY-MM-DD") : null, ...(props.version ? { version: props.version } : {}) };
    const result = await props.submit(payload);
    setPending(false);
    if (result.status === "ok") {
      message.success(t("saved"));
      router.push(`/vacancies/${result.data.id}`);
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
        {props.version ? t("editTitle") : t("newTitle")}
      </Typography.Title>
      {alert && <Alert type="error" showIcon message={alert} data-testid="form-alert" />}
      <Form<VacancyFormValues> form={form} layout="vertical" initialValues={props.initial} onFinish={onFinish} onFinishFailed={() => setAlert(t("fixErrors"))}>
        <Card size="small" title={t("sections.job")} style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item label={t("employer")} name="employerId" rules={[{ required: true, message: t("required") }]} style={{ flex: "2 1 260px" }}>
              <Select showSearch optionFilterProp="label" options={props.data.employers.map((e) => ({ value: e.id, label: e.name }))} />
            </Form.Item>
            <Form.Item label={t("kind")} name="kind" style={{ flex: "1 1 180px" }} extra={t("kindHelp")}>
              <Select options={VACANCY_KINDS.map((k) => ({ value: k, label: tEnum(`vacancyKind.${k}`) }))} />
            </Form.Item>
            <Form.Item label={t("status")} name="status" style={{ flex: "1 1 140px" }}>
              <Select options={VACANCY_STATUSES.map((k) => ({ value: k, label: tEnum(`vacancyStatus.${k}`) }))} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item label={t("vacancyTitle")} name="title" rules={[{ required: true, whitespace: true, message: t("required") }]} style={{ flex: "2 1 260px" }}>
              <Input maxLength={120} />
            </Form.Item>
            <Form.Item label={t("occupation")} name="occupationCode" style={{ flex: "2 1 320px" }} extra={t("occupationHelp")}>
              <TreeSelect showSearch allowClear treeNodeFilterProp="title" treeData={props.data.occupations} popupMatchSelectWidth={false} />
            </Form.Item>
            <Form.Item label={t("sector")} name="sector" style={{ flex: "1 1 160px" }}>
              <Select allowClear options={SECTORS.map((s) => ({ value: s, label: tEnum(`sector.${s}`) }))} />
            </Form.Item>
          </Flex>
          <Form.Item label={t("description")} name="description">
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Card>

        <Card size="small" title={t("sections.terms")} style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item label={t("openings")} name="openings" rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 120px" }}>
              <InputNumber min={1} max={10000} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item label={t("wageMin")} name="wageMin" style={{ flex: "1 1 160px" }}>
              <InputNumber min={0} max={100000} step={100} style={{ width: "100%" }} addonAfter={t("yuanPerMonth")} />
            </Form.Item>
            <Form.Item label={t("wageMax")} name="wageMax" style={{ flex: "1 1 160px" }}>
              <InputNumber min={0} max={100000} step={100} style={{ width: "100%" }} addonAfter={t("yuanPerMonth")} />
            </Form.Item>
            <Form.Item label={t("startDate")} name="startDate" style={{ flex: "1 1 160px" }}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item label={t("place")} name="divisionCode" rules={[{ required: true, message: t("required") }]} style={{ flex: "2 1 320px" }} extra={t("placeHelp")}>
              <RegionPicker options={props.data.divisions} changeOnSelect placeholder={t("pickRegion")} />
            </Form.Item>
            <Form.Item label={t("addressDetail")} name="addressDetail" style={{ flex: "1 1 240px" }}>
              <Input maxLength={200} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap align="flex-start">
            <Form.Item name="roomAndBoard" valuePropName="checked" style={{ flex: "1 1 160px" }}>
              <Checkbox>{t("roomAndBoard")}</Checkbox>
            </Form.Item>
            <Form.Item name="trainingProvided" valuePropName="checked" style={{ flex: "1 1 160px" }}>
              <Checkbox>{t("trainingProvided")}</Checkbox>
            </Form.Item>
            {trainingProvided && (
              <>
                <Form.Item label={t("trainingDescription")} name="trainingDescription" style={{ flex: "2 1 240px" }}>
                  <Input maxLength={300} />
                </Form.Item>
                <Form.Item label={t("trainingDays")} name="trainingDays" style={{ flex: "1 1 120px" }}>
                  <InputNumber min={1} max={365} style={{ width: "100%" }} />
                </Form.Item>
              </>
            )}
          </Flex>
        </Card>

        <Card size="small" title={t("sections.requirements")} style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item label={t("ageMin")} name="ageMin" style={{ flex: "1 1 120px" }}>
              <InputNumber min={16} max={70} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item label={t("ageMax")} name="ageMax" style={{ flex: "1 1 120px" }}>
              <InputNumber min={16} max={70} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item label={t("genderRequirement")} name="genderRequirement" style={{ flex: "1 1 160px" }}>
              <Select options={GENDER_REQUIREMENTS.map((g) => ({ value: g, label: tEnum(`genderRequirement.${g}`) }))} />
            </Form.Item>
          </Flex>
          {gender && gender !== "NONE" && <Alert type="warning" showIcon message={t("genderWarning")} style={{ marginBottom: 12 }} />}
          <Form.List name="skills">
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} wrap align="flex-start">
                    <Form.Item label={t("skill", { n: index + 1 })} name={[field.name, "skillId"]} rules={[{ required: true, message: t("required") }]} style={{ flex: "2 1 240px", marginBottom: 8 }}>
                      <Select showSearch optionFilterProp="label" options={skillOptions} />
                    </Form.Item>
                    <Form.Item label={t("skillRequirement", { n: index + 1 })} name={[field.name, "requirement"]} style={{ flex: "1 1 160px", marginBottom: 8 }}>
                      <Select options={SKILL_REQUIREMENTS.map((r) => ({ value: r, label: tEnum(`skillRequirement.${r}`) }))} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("removeSkill", { n: index + 1 })} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ requirement: "REQUIRED" })}>
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
