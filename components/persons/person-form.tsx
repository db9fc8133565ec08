"use client";
import { useMemo, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Typography } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { PersonFormOptions } from "@/lib/persons/loaders";
import { EDUCATION, EMPLOYMENT_STATUS, HEALTH, MIGRATION, POVERTY_STATUS, RELATIONS, SKILL_LEVELS } from "@/lib/persons/schema";
import { NEEDS, SECTORS, TRAINING_PROGRAMMES } from "@/lib/persons/rules";
import { RegionPicker } from "@/components/region-picker";
import { showFieldErrors } from "@/components/forms/apply-result";

export type PersonFormValues = {
  name?: string;
  nationalId?: string;
  phone?: string | null;
  ethnicity?: string | null;
  education?: string | null;
  health?: string;
  healthNote?: string | null;
  originDivisionCode?: string | null;
  originAddressDetail?: string | null;
  currentDivisionCode?: string | null;
  currentAddressDetail?: string | null;
  employmentStatus?: string;
  workHistory?: string | null;
  migration?: string;
  migrationNote?: string | null;
  preferredSectors?: string[];
  preferredRegions?: string[];
  expectedWage?: number | null;
  needs?: string[];
  trainingWishes?: string[];
  trainingWishNote?: string | null;
  caseworkerId?: number | null;
  notes?: string | null;
  skills?: { skillId?: number | null; customName?: string | null; level?: string; certificate?: string | null }[];
  consentGiven?: boolean;
  relation?: string;
  household?: {
    povertyStatus?: string;
    povertyStatusSince?: Dayjs | null;
    perCapitaIncome?: number | null;
    members?: { name?: string; relation?: string; birthYear?: number | null; isLabourer?: boolean; note?: string | null }[];
  };
};

type Props = {
  mode: "create" | "edit";
  options: PersonFormOptions & { regionChoices: { value: string; label: string }[] };
  initialValues: PersonFormValues;
  version?: number;
  maskedId?: string;
  joinHousehold?: { id: number; members: string[] } | null;
  submit: (values: unknown) => Promise<FormResult<{ id: number; version?: number }>>;
  cancelHref: string;
};

type Conflict = Extract<FormResult, { status: "conflict" }>;
type ConflictRow = { field: string; theirs: unknown; mine: unknown; clash: boolean };

/** Fields the conflict panel compares, in the order the form shows them. */
const COMPARED = [
  "name", "phone", "ethnicity", "education", "health", "healthNote", "originDivisionCode", "originAddressDetail",
  "currentDivisionCode", "currentAddressDetail", "employmentStatus", "migration", "migrationNote", "expectedWage",
  "preferredSectors", "preferredRegions", "needs", "trainingWishes", "trainingWishNote", "workHistory", "caseworkerId", "notes", "skills",
] as const;

function same(a: unknown, b: unknown) {
  const norm = (v: unknown): unknown => (v === undefined || v === "" ? null : Array.isArray(v) ? v.map(norm) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)])) : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

export function PersonForm({ mode, options, initialValues, version: initialVersion, maskedId, joinHousehold, submit, cancelHref }: Props) {
  const t = useTranslations("personForm");
  const tField = useTranslations("person.fields");
  const tEnum = useTranslations("enums");
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonFormValues>();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<{ message: string; existing?: { id: number; name: string } | null } | null>(null);
  const [conflict, setConflict] = useState<{ result: Conflict; rows: ConflictRow[] } | null>(null);
  const version = useRef(initialVersion ?? 1);
  // The values the user started from: what "changed by someone else" is measured against.
  const base = useRef<PersonFormValues>(initialValues);

  const enumOptions = (group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: tEnum(`${group}.${v}`) }));
  const skillOptions = useMemo(
    () => options.skills.map((s) => ({ value: s.id, label: `${s.nameZh} / ${s.nameEn}` })),
    [options.skills],
  );

  function payload(values: PersonFormValues) {
    const household = values.household
      ? { ...values.household, povertyStatusSince: values.household.povertyStatusSince ? values.household.povertyStatusSince.format("YYYY-MM-DD") : null }
      : undefined;
    return {
      ...values,
      skills: (values.skills ?? []).map((s) => ({ ...s, skillId: s.skillId ?? null, customName: s.customName ?? null })),
      ...(mode === "create" ? { household: joinHousehold ? null : household, joinHouseholdId: joinHousehold?.id ?? null } : { version: version.current }),
    };
  }

  async function onFinish(values: PersonFormValues) {
    setPending(true);
    setAlert(null);
    const result = await submit(payload(values));
    setPending(false);
    switch (result.status) {
      case "ok":
        setConflict(null);
        message.success(mode === "create" ? t("created") : t("saved"));
        router.push(`/persons/${result.data.id}`);
        router.refresh();
        return;
      case "invalid":
        showFieldErrors(form, result);
        setAlert({ message: result.message ?? t("fixErrors") });
        return;
      case "duplicate":
        form.setFields([{ name: "nationalId", errors: [result.message] }]);
        setAlert({ message: result.message, existing: result.existing });
        return;
      case "conflict": {
        // Measured against what the user started from: what the other person changed, and
        // which of those fields the user changed too (shown in bold).
        const theirs = result.current as Record<string, unknown>;
        const started = base.current as Record<string, unknown>;
        const rows = COMPARED.filter((f) => !same(theirs[f], started[f])).map((f) => ({
          field: f,
          theirs: theirs[f],
          mine: form.getFieldValue(f),
          clash: !same(form.getFieldValue(f), started[f]),
        }));
        setConflict({ result, rows });
        return;
      }
      default:
        setAlert({ message: result.message });
    }
  }

  const showValue = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "skills" && Array.isArray(value)) {
      return value.map((s: { skillId?: number | null; customName?: string | null }) => options.skills.find((o) => o.id === s.skillId)?.nameZh ?? s.customName ?? "").join("、") || "—";
    }
    if (field === "caseworkerId") return options.caseworkers.find((c) => c.id === value)?.displayName ?? String(value);
    const groups: Record<string, string> = { education: "education", health: "health", employmentStatus: "employmentStatus", migration: "migration", preferredSectors: "sector", needs: "need", trainingWishes: "training" };
    const group = groups[field];
    if (Array.isArray(value)) return value.map((v) => (group ? tEnum(`${group}.${v}`) : String(v))).join("、") || "—";
    return group ? tEnum(`${group}.${String(value)}`) : String(value);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {mode === "create" ? t("createTitle") : t("editTitle", { name: initialValues.name ?? "" })}
      </Typography.Title>

      {alert && (
        <Alert
          type="error"
          showIcon
          data-testid="form-alert"
          message={alert.message}
          description={
            alert.existing ? (
              <Link href={`/persons/${alert.existing.id}`}>{t("openExisting", { name: alert.existing.name })}</Link>
            ) : alert.existing === null ? (
              t("existingElsewhere")
            ) : undefined
          }
        />
      )}

      {conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="conflict"
          message={conflict.result.message}
          description={
            <Space direction="vertical" style={{ width: "100%" }}>
              <span>{t("conflictIntro", { who: conflict.result.changedBy ?? t("someone") })}</span>
              <table style={{ borderCollapse: "collapse", width: "100%" }}>
                <thead>
                  <tr>
                    <th scope="col" style={{ textAlign: "left" }}>{t("conflictField")}</th>
                    <th scope="col" style={{ textAlign: "left" }}>{t("conflictTheirs")}</th>
                    <th scope="col" style={{ textAlign: "left" }}>{t("conflictMine")}</th>
                  </tr>
                </thead>
                <tbody>
                  {conflict.rows.map((row) => (
                    <tr key={row.field} style={{ fontWeight: row.clash ? 600 : 400 }}>
                      <td>{tField(row.field)}</td>
                      <td>{showValue(row.field, row.theirs)}</td>
                      <td>{showValue(row.field, row.mine)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Space wrap>
                <Button
                  type="primary"
                  onClick={() => {
                    version.current = conflict.result.currentVersion;
                    base.current = { ...base.current, ...(conflict.result.current as PersonFormValues) };
                    setConflict(null);
                    form.submit();
                  }}
                >
                  {t("keepMine")}
                </Button>
                <Button
                  onClick={() => {
                    version.current = conflict.result.currentVersion;
                    base.current = { ...base.current, ...(conflict.result.current as PersonFormValues) };
                    form.setFieldsValue(conflict.result.current as PersonFormValues);
                    setConflict(null);
                  }}
                >
                  {t("takeTheirs")}
                </Button>
              </Space>
            </Space>
          }
        />
      )}

      <Form<PersonFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} scrollToFirstError onFinishFailed={() => setAlert({ message: t("fixErrors") })}>
        <Card title={t("sections.identity")} size="small" style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item label={tField("name")} name="name" rules={[{ required: true, whitespace: true, message: t("required") }]} style={{ flex: "1 1 200px" }}>
              <Input maxLength={60} autoComplete="off" />
            </Form.Item>
            {mode === "create" ? (
              <Form.Item label={tField("nationalId")} name="nationalId" rules={[{ required: true, whitespace: true, message: t("required") }]} style={{ flex: "1 1 240px" }} extra={t("nationalIdHelp")}>
                <Input maxLength={18} autoComplete="off" style={{ fontFamily: "monospace" }} />
              </Form.Item>
            ) : (
              // Not a form field (the number cannot change), so the label is tied to the input by hand.
              <Form.Item label={tField("nationalId")} htmlFor="nationalIdMasked" style={{ flex: "1 1 240px" }} extra={t("nationalIdFixed")}>
                <Input id="nationalIdMasked" value={maskedId} disabled style={{ fontFamily: "monospace" }} />
              </Form.Item>
            )}
            <Form.Item label={tField("phone")} name="phone" style={{ flex: "1 1 180px" }} extra={t("phoneHelp")}>
              <Input maxLength={13} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item label={tField("ethnicity")} name="ethnicity" style={{ flex: "1 1 140px" }}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item label={tField("education")} name="education" style={{ flex: "1 1 160px" }}>
              <Select allowClear options={enumOptions("education", EDUCATION)} />
            </Form.Item>
            <Form.Item label={tField("health")} name="health" style={{ flex: "1 1 160px" }}>
              <Select options={enumOptions("health", HEALTH)} />
            </Form.Item>
            <Form.Item label={tField("healthNote")} name="healthNote" style={{ flex: "2 1 200px" }}>
              <Input maxLength={200} />
            </Form.Item>
          </Flex>
        </Card>

        <Card title={t("sections.places")} size="small" style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item label={tField("origin")} name="originDivisionCode" rules={[{ required: true, message: t("required") }]} style={{ flex: "2 1 320px" }} extra={t("originHelp")}>
              <RegionPicker options={options.divisions} placeholder={t("pickRegion")} changeOnSelect />
            </Form.Item>
            <Form.Item label={tField("originAddressDetail")} name="originAddressDetail" style={{ flex: "1 1 240px" }}>
              <Input maxLength={200} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item label={tField("current")} name="currentDivisionCode" style={{ flex: "2 1 320px" }}>
              <RegionPicker options={options.divisions} placeholder={t("pickRegion")} changeOnSelect />
            </Form.Item>
            <Form.Item label={tField("currentAddressDetail")} name="currentAddressDetail" style={{ flex: "1 1 240px" }}>
              <Input maxLength={200} />
            </Form.Item>
          </Flex>
        </Card>

        <Card title={t("sections.employment")} size="small" style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item label={tField("employmentStatus")} name="employmentStatus" style={{ flex: "1 1 180px" }}>
              <Select options={enumOptions("employmentStatus", EMPLOYMENT_STATUS)} />
            </Form.Item>
            <Form.Item label={tField("migration")} name="migration" style={{ flex: "1 1 180px" }}>
              <Select options={enumOptions("migration", MIGRATION)} />
            </Form.Item>
            <Form.Item label={tField("migrationNote")} name="migrationNote" style={{ flex: "2 1 240px" }}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label={tField("expectedWage")} name="expectedWage" style={{ flex: "1 1 160px" }}>
              <InputNumber min={0} max={100000} step={100} style={{ width: "100%" }} addonAfter={t("yuanPerMonth")} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item label={tField("preferredSectors")} name="preferredSectors" style={{ flex: "1 1 280px" }}>
              <Select mode="multiple" allowClear options={enumOptions("sector", SECTORS)} />
            </Form.Item>
            <Form.Item label={tField("preferredRegions")} name="preferredRegions" style={{ flex: "1 1 280px" }}>
              <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={options.regionChoices} />
            </Form.Item>
          </Flex>
          <Form.Item label={tField("workHistory")} name="workHistory">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Card>

        <Card title={t("sections.skills")} size="small" style={{ marginBottom: 16 }}>
          <Form.List name="skills">
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} wrap align="flex-start">
                    <Form.Item label={t("skillFromCatalogue", { n: index + 1 })} name={[field.name, "skillId"]} style={{ flex: "2 1 220px", marginBottom: 8 }}>
                      <Select allowClear showSearch optionFilterProp="label" options={skillOptions} />
                    </Form.Item>
                    <Form.Item label={t("skillCustom", { n: index + 1 })} name={[field.name, "customName"]} style={{ flex: "1 1 160px", marginBottom: 8 }}>
                      <Input maxLength={80} />
                    </Form.Item>
                    <Form.Item label={t("skillLevel", { n: index + 1 })} name={[field.name, "level"]} style={{ flex: "1 1 120px", marginBottom: 8 }}>
                      <Select options={enumOptions("skillLevel", SKILL_LEVELS)} />
                    </Form.Item>
                    <Form.Item label={t("skillCertificate", { n: index + 1 })} name={[field.name, "certificate"]} style={{ flex: "1 1 160px", marginBottom: 8 }}>
                      <Input maxLength={120} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("removeSkill", { n: index + 1 })} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ level: "BASIC" })}>
                  {t("addSkill")}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t("sections.needs")} size="small" style={{ marginBottom: 16 }}>
          <Form.Item label={tField("needs")} name="needs">
            <Checkbox.Group options={enumOptions("need", NEEDS)} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item label={tField("trainingWishes")} name="trainingWishes" style={{ flex: "1 1 280px" }}>
              <Select mode="multiple" allowClear options={enumOptions("training", TRAINING_PROGRAMMES)} />
            </Form.Item>
            <Form.Item label={tField("trainingWishNote")} name="trainingWishNote" style={{ flex: "1 1 280px" }}>
              <Input maxLength={200} />
            </Form.Item>
          </Flex>
        </Card>

        {mode === "create" && joinHousehold && (
          <Card title={t("sections.household")} size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph>{t("joiningHousehold", { members: joinHousehold.members.join("、") })}</Typography.Paragraph>
            <Form.Item label={t("relationToHousehold")} name="relation" rules={[{ required: true, message: t("required") }]} style={{ maxWidth: 240 }}>
              <Select options={enumOptions("relation", RELATIONS)} />
            </Form.Item>
          </Card>
        )}

        {mode === "create" && !joinHousehold && (
          <Card title={t("sections.household")} size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t("householdHelp")}</Typography.Paragraph>
            <Flex gap={16} wrap>
              <Form.Item label={t("povertyStatus")} name={["household", "povertyStatus"]} style={{ flex: "1 1 200px" }}>
                <Select options={enumOptions("povertyStatus", POVERTY_STATUS)} />
              </Form.Item>
              <Form.Item label={t("povertyStatusSince")} name={["household", "povertyStatusSince"]} style={{ flex: "1 1 180px" }}>
                <DatePicker style={{ width: "100%" }} />
              </Form.Item>
              <Form.Item label={t("perCapitaIncome")} name={["household", "perCapitaIncome"]} style={{ flex: "1 1 200px" }}>
                <InputNumber min={0} style={{ width: "100%" }} addonAfter={t("yuanPerYear")} />
              </Form.Item>
            </Flex>
            <Typography.Text strong>{t("otherMembers")}</Typography.Text>
            <Form.List name={["household", "members"]}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <Flex key={field.key} gap={8} wrap align="flex-start" style={{ marginTop: 8 }}>
                      <Form.Item label={t("memberName", { n: index + 1 })} name={[field.name, "name"]} rules={[{ required: true, whitespace: true, message: t("required") }]} style={{ flex: "1 1 140px", marginBottom: 8 }}>
                        <Input maxLength={60} />
                      </Form.Item>
                      <Form.Item label={t("memberRelation", { n: index + 1 })} name={[field.name, "relation"]} rules={[{ required: true, message: t("required") }]} style={{ flex: "1 1 120px", marginBottom: 8 }}>
                        <Select options={enumOptions("relation", RELATIONS.filter((r) => r !== "SELF"))} />
                      </Form.Item>
                      <Form.Item label={t("memberBirthYear", { n: index + 1 })} name={[field.name, "birthYear"]} style={{ flex: "0 1 110px", marginBottom: 8 }}>
                        <InputNumber min={1900} max={2100} style={{ width: "100%" }} />
                      </Form.Item>
                      <Form.Item label={t("memberIsLabourer", { n: index + 1 })} name={[field.name, "isLabourer"]} valuePropName="checked" style={{ flex: "0 1 90px", marginBottom: 8 }}>
                        <Checkbox />
                      </Form.Item>
                      <Form.Item label={t("memberNote", { n: index + 1 })} name={[field.name, "note"]} style={{ flex: "1 1 140px", marginBottom: 8 }}>
                        <Input maxLength={200} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("removeMember", { n: index + 1 })} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                    </Flex>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ relation: "CHILD", isLabourer: false })} style={{ marginTop: 8 }}>
                    {t("addMember")}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
        )}

        <Card title={t("sections.case")} size="small" style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item label={tField("caseworker")} name="caseworkerId" style={{ flex: "1 1 220px" }}>
              <Select allowClear showSearch optionFilterProp="label" options={options.caseworkers.map((c) => ({ value: c.id, label: c.displayName }))} />
            </Form.Item>
            <Form.Item label={tField("notes")} name="notes" style={{ flex: "3 1 320px" }}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Flex>
          {mode === "create" && (
            <Form.Item name="consentGiven" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t("consentRequired")))) }]}>
              <Checkbox>{t("consent")}</Checkbox>
            </Form.Item>
          )}
        </Card>

        <Space>
          <Button type="primary" htmlType="submit" loading={pending}>
            {mode === "create" ? t("create") : t("save")}
          </Button>
          <Link href={cancelHref}>
            <Button tabIndex={-1}>{t("cancel")}</Button>
          </Link>
        </Space>
      </Form>
    </Space>
  );
}
