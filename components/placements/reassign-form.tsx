"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Descriptions, Flex, Form, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { ReassignData } from "@/lib/placements/loaders";
import { showFieldErrors } from "@/components/forms/apply-result";
import { ExplanationView, ScoreBar } from "@/components/matching/explanation";
import { EndFields, JobFields, endPayload, jobPayload, placeJobErrors, type EndValues, type JobValues } from "@/components/placements/placement-fields";

type Submit = (values: unknown) => Promise<FormResult<{ id: number; personId: number }>>;
type Values = EndValues & { next: JobValues };

/**
 * One page, one submit: the current placement ends (date, reason, note) and the next starts. The
 * person's best next jobs are listed with their reasons; picking one fills in the next job.
 */
export function ReassignForm({ data, submit }: { data: ReassignData; submit: Submit }) {
  const t = useTranslations("placements");
  const tMatch = useTranslations("matching");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<{ message: string; detail: string[] } | null>(null);
  const { person, placement, followUp, options } = data;
  const chosenVacancy = Form.useWatch(["next", "vacancyId"], form) as number | undefined;
  const chosenSource = Form.useWatch(["next", "source"], form) as string | undefined;

  const initial: Values = {
    endDate: dayjs(data.today),
    next: { source: "vacancy", startDate: dayjs(data.today), contractType: "FIXED_TERM", roomAndBoard: false, supports: [] },
  };

  function choose(vacancyId: number) {
    const choice = options.vacancies.find((v) => v.value === vacancyId);
    form.setFieldValue(["next", "source"], "vacancy");
    form.setFieldValue(["next", "vacancyId"], vacancyId);
    if (choice) {
      form.setFieldValue(["next", "roomAndBoard"], choice.roomAndBoard);
      if (!form.getFieldValue(["next", "monthlyWage"]) && choice.wageMin) form.setFieldValue(["next", "monthlyWage"], choice.wageMin);
    }
    form.scrollToField(["next", "vacancyId"], { block: "center" });
  }

  async function onFinish(values: Values) {
    setPending(true);
    setAlert(null);
    const result = await submit({ ...endPayload(values), version: placement.version, next: jobPayload(values.next) });
    setPending(false);
    if (result.status === "ok") {
      message.success(t("reassigned"));
      router.push(`/persons/${person.id}#placements`);
      router.refresh();
      return;
    }
    if (result.status === "conflict") {
      setAlert({ message: t("conflict"), detail: [] });
      return;
    }
    const { result: placed, formError } = placeJobErrors(result, values.next.source, "next.");
    showFieldErrors(form, placed);
    const detail = placed.status === "invalid" ? [...new Set(Object.entries(placed.fieldErrors).filter(([k]) => k === "next.vacancyId" || k === "next.referralId").map(([, v]) => v))] : [];
    setAlert({ message: formError ?? ("message" in placed && placed.message ? placed.message : t("fixErrors")), detail });
  }

  const wage = (min: number | null, max: number | null) =>
    min === null && max === null ? t("wageUnknown") : `${format.number(min ?? max ?? 0, "yuan")}${max !== null && max !== min ? ` – ${format.number(max, "yuan")}` : ""}`;

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 1100 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("reassignTitle", { name: person.name })}
        </Typography.Title>
        <Link href={`/persons/${person.id}`}>{t("backToPerson")}</Link>
      </Flex>

      {followUp && (
        <Card size="small" title={t("promptedBy")} data-testid="prompting-follow-up">
          <Space direction="vertical" size={4}>
            <span>
              {t("followUpDue", { date: format.dateTime(new Date(followUp.dueDate), "short") })}
              {followUp.outcome && (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  {tEnum(`followUpOutcome.${followUp.outcome}`)}
                </Tag>
              )}
            </span>
            {followUp.notes && <Typography.Text>“{followUp.notes}”</Typography.Text>}
            {followUp.income !== null && <Typography.Text type="secondary">{t("incomeHeard", { amount: format.number(followUp.income, "yuan") })}</Typography.Text>}
            <Link href={`/follow-ups/${followUp.id}`} style={{ textDecoration: "underline" }}>
              {t("openFollowUp")}
            </Link>
          </Space>
        </Card>
      )}

      {placement.status !== "ACTIVE" ? (
        <Alert type="info" showIcon message={t("notActive")} data-testid="not-active" />
      ) : (
        <>
          {alert && <Alert type="error" showIcon message={alert.message} description={alert.detail.length ? alert.detail.join(" ") : undefined} data-testid="form-alert" />}
          <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} onFinishFailed={() => setAlert({ message: t("fixErrors"), detail: [] })}>
            <Card size="small" title={t("sections.ending")} style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
                <Descriptions.Item label={t("currentJob")}>
                  {placement.title} · {placement.employerName}
                </Descriptions.Item>
                <Descriptions.Item label={t("place")}>{placement.place || "—"}</Descriptions.Item>
                <Descriptions.Item label={t("startDate")}>{format.dateTime(new Date(placement.startDate), "short")}</Descriptions.Item>
                <Descriptions.Item label={t("monthlyWage")}>{placement.monthlyWage !== null ? format.number(placement.monthlyWage, "yuan") : "—"}</Descriptions.Item>
              </Descriptions>
              <EndFields form={form} />
            </Card>

            <Card size="small" title={t("sections.next")} style={{ marginBottom: 16 }}>
              <section aria-label={t("nextSuggestions")} style={{ marginBottom: 16 }}>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t("nextSuggestionsHelp", { version: data.algorithmVersion })}
                </Typography.Paragraph>
                {data.suggestions.length === 0 && <Typography.Text type="secondary">{tMatch("noSuggestions")}</Typography.Text>}
                <Space direction="vertical" size="small" style={{ width: "100%" }}>
                  {data.suggestions.map((s) => {
                    const picked = chosenSource === "vacancy" && chosenVacancy === s.vacancy.id;
                    return (
                      <Card
                        key={s.vacancy.id}
                        size="small"
                        data-testid="next-suggestion"
                        style={picked ? { borderColor: "#0958d9", boxShadow: "0 0 0 1px #0958d9" } : undefined}
                        title={
                          <Flex justify="space-between" align="center" wrap gap={8}>
                            <span>
                              <Typography.Text type="secondary">#{s.rank} </Typography.Text>
                              <Link href={`/vacancies/${s.vacancy.id}`}>{s.vacancy.title}</Link>
                              <Typography.Text type="secondary"> · {s.vacancy.employer.name}</Typography.Text>
                            </span>
                            <Space>
                              <Typography.Text strong>{tMatch("score", { score: s.explanation.score })}</Typography.Text>
                              <ScoreBar score={s.explanation.score} label={tMatch("scoreLabel", { title: s.vacancy.title })} />
                            </Space>
                          </Flex>
                        }
                      >
                        <Space direction="vertical" size={6} style={{ width: "100%" }}>
                          <Typography.Text>
                            {s.vacancy.place} · {wage(s.vacancy.wageMin, s.vacancy.wageMax)}
                            {s.vacancy.occupationTitle ? ` · ${locale === "en" ? (s.vacancy.occupationTitle.titleEn ?? s.vacancy.occupationTitle.title) : s.vacancy.occupationTitle.title}` : ""}
                          </Typography.Text>
                          <ExplanationView explanation={s.explanation} skillNames={data.skillNames} />
                          <Flex justify="flex-end">
                            <Button size="small" type={picked ? "primary" : "default"} onClick={() => choose(s.vacancy.id)} aria-label={t("chooseJob", { title: s.vacancy.title })} aria-pressed={picked}>
                              {picked ? t("chosen") : t("choose")}
                            </Button>
                          </Flex>
                        </Space>
                      </Card>
                    );
                  })}
                </Space>
              </section>
              <JobFields form={form} prefix={["next"]} options={options} />
            </Card>
            <Space>
              <Button type="primary" htmlType="submit" loading={pending}>
                {t("reassignSubmit")}
              </Button>
              <Link href={`/persons/${person.id}`}>
                <Button tabIndex={-1}>{t("cancel")}</Button>
              </Link>
            </Space>
          </Form>
        </>
      )}
    </Space>
  );
}
