"use client";
import { useFormatter, useTranslations } from "next-intl";
import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, TreeSelect, Typography, type FormInstance } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { JobOptions, VacancyChoice } from "@/lib/placements/loaders";
import { CONTRACT_TYPES, END_REASONS, SUPPORT_KINDS } from "@/lib/placements/rules";
import { RegionPicker } from "@/components/region-picker";

// The parts of the placement forms: the job (from a referral, an open vacancy, or recorded
// directly), its terms and support measures, and the end of a placement. The new-placement page,
// the reassignment page and the dialogs on the person page share them, so a field reads and
// checks the same everywhere.

export type SupportValues = { kind?: string; monthlyAmount?: number | null; startDate?: Dayjs | null; endDate?: Dayjs | null; note?: string | null };
export type TermsValues = { monthlyWage?: number | null; contractType?: string; roomAndBoard?: boolean; supports?: SupportValues[] };
export type JobSource = "referral" | "vacancy" | "direct";
export type JobValues = TermsValues & {
  source?: JobSource;
  referralId?: number | null;
  vacancyId?: number | null;
  employerId?: number | null;
  title?: string | null;
  divisionCode?: string | null;
  occupationCode?: string | null;
  startDate?: Dayjs | null;
};
export type EndValues = { endDate?: Dayjs | null; endReason?: string; endNote?: string | null };

const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

export function termsPayload(v: TermsValues) {
  return {
    monthlyWage: v.monthlyWage ?? null,
    contractType: v.contractType ?? null,
    roomAndBoard: Boolean(v.roomAndBoard),
    supports: (v.supports ?? []).map((s) => ({ kind: s.kind ?? null, monthlyAmount: s.monthlyAmount ?? null, startDate: day(s.startDate), endDate: day(s.endDate), note: s.note ?? null })),
  };
}

/** What the server is sent for the job: only the fields of the chosen source. */
export function jobPayload(v: JobValues) {
  const terms = { ...termsPayload(v), startDate: day(v.startDate) };
  if (v.source === "referral") return { ...terms, referralId: v.referralId ?? null };
  if (v.source === "vacancy") return { ...terms, vacancyId: v.vacancyId ?? null };
  return { ...terms, employerId: v.employerId ?? null, title: v.title ?? null, divisionCode: v.divisionCode ?? null, occupationCode: v.occupationCode ?? null };
}

export function endPayload(v: EndValues) {
  return { endDate: day(v.endDate), endReason: v.endReason ?? null, endNote: v.endNote ?? null };
}

/**
 * The server names the vacancy when it is full ("vacancyId"), whichever way it was chosen: from a
 * referral, the error belongs next to the referral. Form-wide errors ("_form") go to the alert.
 */
export function placeJobErrors<T>(result: FormResult<T>, source: JobSource | undefined, prefix: string): { result: FormResult<T>; formError: string | null } {
  if (result.status !== "invalid") return { result, formError: null };
  const fieldErrors: Record<string, string> = {};
  let formError: string | null = null;
  for (const [key, message] of Object.entries(result.fieldErrors)) {
    if (key === "_form") formError = message;
    else if (source === "referral" && key === `${prefix}vacancyId`) fieldErrors[`${prefix}referralId`] = message;
    else if (source === "vacancy" && key === `${prefix}referralId`) fieldErrors[`${prefix}vacancyId`] = message;
    else fieldErrors[key] = message;
  }
  return { result: { ...result, fieldErrors }, formError };
}

type Path = (string | number)[];

/** What a vacancy offers, under the picker: openings left, wage range, room and board. */
function VacancyTerms({ vacancy }: { vacancy: VacancyChoice | null | undefined }) {
  const t = useTranslations("placements");
  const format = useFormatter();
  if (!vacancy) return null;
  if (!vacancy.open || vacancy.openingsLeft === 0) return <Alert type="warning" showIcon message={t("vacancyFullWarning")} style={{ marginBottom: 12 }} data-testid="vacancy-full-warning" />;
  const low = vacancy.wageMin ?? vacancy.wageMax;
  const wage =
    low === null ? t("wageUnknown") : `${format.number(low, "yuan")}${vacancy.wageMax !== null && vacancy.wageMax !== low ? ` – ${format.number(vacancy.wageMax, "yuan")}` : ""}`;
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
      {t("vacancyTerms", { left: vacancy.openingsLeft, wage })}
      {vacancy.roomAndBoard ? ` · ${t("roomAndBoard")}` : ""}
    </Typography.Paragraph>
  );
}

/** The job: where it comes from, and the fields of that source. */
export function JobFields({ form, prefix, options }: { form: FormInstance; prefix: Path; options: JobOptions }) {
  const t = useTranslations("placements");
  const name = (field: string): Path => [...prefix, field];
  const source = Form.useWatch(name("source"), form) as JobSource | undefined;
  const referralId = Form.useWatch(name("referralId"), form) as number | undefined;
  const vacancyId = Form.useWatch(name("vacancyId"), form) as number | undefined;
  const referral = options.referrals.find((r) => r.id === referralId);
  const vacancy = options.vacancies.find((v) => v.value === vacancyId);
  const required = [{ required: true, message: t("required") }];

  /** A chosen vacancy fills in what it provides and, if empty, its lowest wage. */
  function prefill(choice: VacancyChoice | null | undefined) {
    if (!choice) return;
    form.setFieldValue(name("roomAndBoard"), choice.roomAndBoard);
    if (!form.getFieldValue(name("monthlyWage")) && choice.wageMin) form.setFieldValue(name("monthlyWage"), choice.wageMin);
  }

  return (
    <>
      <Form.Item label={t("source")} name={name("source")}>
        <Radio.Group
          optionType="button"
          options={[
            { value: "referral", label: t("sources.referral"), disabled: options.referrals.length === 0 },
            { value: "vacancy", label: t("sources.vacancy") },
            { value: "direct", label: t("sources.direct") },
          ]}
        />
      </Form.Item>
      {source === "referral" && (
        <>
          <Form.Item label={t("referral")} name={name("referralId")} rules={required}>
            <Select
              options={options.referrals.map((r) => ({ value: r.id, label: r.label }))}
              onChange={(id: number) => prefill(options.referrals.find((r) => r.id === id)?.vacancy)}
              notFoundContent={t("noReferrals")}
            />
          </Form.Item>
          <VacancyTerms vacancy={referral?.vacancy} />
        </>
      )}
      {source === "vacancy" && (
        <>
          <Form.Item label={t("vacancy")} name={name("vacancyId")} rules={required} extra={t("vacancyHelp")}>
            <Select showSearch optionFilterProp="label" options={options.vacancies.map((v) => ({ value: v.value, label: v.label }))} onChange={(id: number) => prefill(options.vacancies.find((v) => v.value === id))} />
          </Form.Item>
          <VacancyTerms vacancy={vacancy} />
        </>
      )}
      {source === "direct" && (
        <>
          <Flex gap={16} wrap>
            <Form.Item label={t("employer")} name={name("employerId")} rules={required} style={{ flex: "2 1 260px" }}>
              <Select showSearch optionFilterProp="label" options={options.employers} />
            </Form.Item>
            <Form.Item label={t("jobTitle")} name={name("title")} rules={[{ required: true, whitespace: true, message: t("required") }]} style={{ flex: "2 1 220px" }}>
              <Input maxLength={120} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item label={t("place")} name={name("divisionCode")} rules={required} style={{ flex: "2 1 280px" }} extra={t("placeHelp")}>
              <RegionPicker options={options.divisions} maxLevel={3} placeholder={t("pickRegion")} />
            </Form.Item>
            <Form.Item label={t("occupation")} name={name("occupationCode")} style={{ flex: "2 1 280px" }}>
              <TreeSelect showSearch allowClear treeNodeFilterProp="title" treeData={options.occupations} popupMatchSelectWidth={false} />
            </Form.Item>
          </Flex>
        </>
      )}
      <Flex gap={16} wrap>
        <Form.Item label={t("startDate")} name={name("startDate")} rules={required} style={{ flex: "1 1 160px" }}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
      </Flex>
      <TermsFields prefix={prefix} />
    </>
  );
}

/** Wage, contract, room and board, support measures: what may change while the job runs. */
export function TermsFields({ prefix }: { prefix: Path }) {
  const t = useTranslations("placements");
  const tEnum = useTranslations("enums");
  const form = Form.useFormInstance();
  const name = (field: string): Path => [...prefix, field];
  const required = [{ required: true, message: t("required") }];
  return (
    <>
      <Flex gap={16} wrap align="flex-start">
        <Form.Item label={t("monthlyWage")} name={name("monthlyWage")} rules={required} style={{ flex: "1 1 180px" }}>
          <InputNumber min={300} max={200000} step={100} style={{ width: "100%" }} addonAfter={t("yuanPerMonth")} />
        </Form.Item>
        <Form.Item label={t("contractType")} name={name("contractType")} rules={required} style={{ flex: "1 1 200px" }}>
          <Select options={CONTRACT_TYPES.map((c) => ({ value: c, label: tEnum(`contractType.${c}`) }))} />
        </Form.Item>
        <Form.Item name={name("roomAndBoard")} valuePropName="checked" style={{ flex: "1 1 140px", marginTop: 30 }}>
          <Checkbox>{t("roomAndBoard")}</Checkbox>
        </Form.Item>
      </Flex>
      <Form.List name={name("supports")}>
        {(fields, { add, remove }) => (
          <fieldset style={{ border: 0, padding: 0, margin: "0 0 16px" }}>
            <legend style={{ fontSize: 14, marginBottom: 8 }}>{t("supports")}</legend>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} wrap align="flex-start" data-testid="support-row">
                <Form.Item label={t("supportKind", { n: index + 1 })} name={[field.name, "kind"]} rules={required} style={{ flex: "2 1 180px", marginBottom: 8 }}>
                  <Select options={SUPPORT_KINDS.map((k) => ({ value: k, label: tEnum(`supportKind.${k}`) }))} />
                </Form.Item>
                <Form.Item label={t("supportAmount", { n: index + 1 })} name={[field.name, "monthlyAmount"]} rules={required} style={{ flex: "1 1 140px", marginBottom: 8 }}>
                  <InputNumber min={0} max={100000} step={50} style={{ width: "100%" }} addonAfter={t("yuanPerMonth")} />
                </Form.Item>
                <Form.Item label={t("supportFrom", { n: index + 1 })} name={[field.name, "startDate"]} rules={required} style={{ flex: "1 1 140px", marginBottom: 8 }}>
                  <DatePicker style={{ width: "100%" }} />
                </Form.Item>
                <Form.Item label={t("supportUntil", { n: index + 1 })} name={[field.name, "endDate"]} style={{ flex: "1 1 140px", marginBottom: 8 }}>
                  <DatePicker style={{ width: "100%" }} />
                </Form.Item>
                <Form.Item label={t("supportNote", { n: index + 1 })} name={[field.name, "note"]} style={{ flex: "2 1 200px", marginBottom: 8 }}>
                  <Input maxLength={200} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("removeSupport", { n: index + 1 })} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
              </Flex>
            ))}
            {/* A measure usually runs from the start of the job. */}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: "RENT_WAIVER", startDate: form.getFieldValue(name("startDate")) ?? null })}>
              {t("addSupport")}
            </Button>
          </fieldset>
        )}
      </Form.List>
    </>
  );
}

/** The end of a placement: the date, a reason from the closed list, a note ("other" needs one). */
export function EndFields({ form, prefix = [] }: { form: FormInstance; prefix?: Path }) {
  const t = useTranslations("placements");
  const tEnum = useTranslations("enums");
  const name = (field: string): Path => [...prefix, field];
  const reason = Form.useWatch(name("endReason"), form) as string | undefined;
  return (
    <>
      <Flex gap={16} wrap>
        <Form.Item label={t("endDate")} name={name("endDate")} rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 160px" }}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label={t("endReason")} name={name("endReason")} rules={[{ required: true, message: t("required") }]} style={{ flex: "2 1 220px" }}>
          <Select options={END_REASONS.map((r) => ({ value: r, label: tEnum(`endReason.${r}`) }))} />
        </Form.Item>
      </Flex>
      <Form.Item
        label={t("endNote")}
        name={name("endNote")}
        rules={[{ required: reason === "OTHER", whitespace: true, message: t("endNoteRequired") }]}
        extra={reason === "OTHER" ? t("endNoteHelpOther") : t("endNoteHelp")}
      >
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </>
  );
}
