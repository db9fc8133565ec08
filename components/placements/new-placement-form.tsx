"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert, App, Button, Card, Flex, Form, Space, Typography } from "antd";
import dayjs from "dayjs";
import type { FormResult } from "@/lib/persons/types";
import type { NewPlacementData } from "@/lib/placements/loaders";
import { showFieldErrors } from "@/components/forms/apply-result";
import { JobFields, jobPayload, placeJobErrors, type JobValues } from "@/components/placements/placement-fields";

type Submit = (values: unknown) => Promise<FormResult<{ id: number; personId: number }>>;

/** Records a placement for a person: the job, its start and terms, support measures. */
export function NewPlacementForm({ data, submit }: { data: NewPlacementData; submit: Submit }) {
  const t = useTranslations("placements");
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm<JobValues>();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<{ message: string; detail: string[] } | null>(null);
  const { person, options } = data;

  const chosen =
    data.initial.source === "referral"
      ? options.referrals.find((r) => r.id === data.initial.referralId)?.vacancy
      : data.initial.source === "vacancy"
        ? options.vacancies.find((v) => v.value === data.initial.vacancyId)
        : undefined;
  const initial: JobValues = {
    ...data.initial,
    startDate: dayjs(data.today),
    contractType: "FIXED_TERM",
    roomAndBoard: chosen?.roomAndBoard ?? false,
    monthlyWage: chosen?.wageMin ?? null,
    supports: [],
  };

  async function onFinish(values: JobValues) {
    setPending(true);
    setAlert(null);
    const result = await submit(jobPayload(values));
    setPending(false);
    if (result.status === "ok") {
      message.success(t("placed"));
      router.push(`/persons/${person.id}#placements`);
      router.refresh();
      return;
    }
    const { result: placed, formError } = placeJobErrors(result, values.source, "");
    showFieldErrors(form, placed);
    // The reason the job could not be taken (full, already placed) is said in the alert too.
    const detail = placed.status === "invalid" ? [...new Set(Object.entries(placed.fieldErrors).filter(([k]) => k === "vacancyId" || k === "referralId").map(([, v]) => v))] : [];
    setAlert({ message: formError ?? ("message" in placed && placed.message ? placed.message : t("fixErrors")), detail });
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 1000 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("newTitle", { name: person.name })}
        </Typography.Title>
        <Link href={`/persons/${person.id}`}>{t("backToPerson")}</Link>
      </Flex>
      {data.active ? (
        <Alert
          type="info"
          showIcon
          data-testid="already-placed"
          message={t("alreadyInJob", { title: data.active.title, employer: data.active.employerName })}
          description={
            <Link href={`/placements/${data.active.id}/reassign`} style={{ textDecoration: "underline" }}>
              {t("reassignInstead")}
            </Link>
          }
        />
      ) : (
        <>
          {alert && <Alert type="error" showIcon message={alert.message} description={alert.detail.length ? alert.detail.join(" ") : undefined} data-testid="form-alert" />}
          <Form<JobValues> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} onFinishFailed={() => setAlert({ message: t("fixErrors"), detail: [] })}>
            <Card size="small" title={t("sections.job")} style={{ marginBottom: 16 }}>
              <JobFields form={form} prefix={[]} options={options} />
            </Card>
            <Space>
              <Button type="primary" htmlType="submit" loading={pending}>
                {t("save")}
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
