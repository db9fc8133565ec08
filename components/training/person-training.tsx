"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Card, Empty, List, Space, Tag, Typography } from "antd";
import type { PersonTrainingData } from "@/lib/training/loaders";

const STATUS_COLOURS: Record<string, string> = { ENROLLED: "blue", COMPLETED: "green", WITHDRAWN: "orange", FAILED: "red" };

/** 培训 on a person's page: each course they were on, how it went, the certificate and the allowance paid. */
export function PersonTraining({ data }: { data: PersonTrainingData }) {
  const t = useTranslations("training");
  const format = useFormatter();
  return (
    <Card id="training" size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("personCard")}</h2>} extra={data.canManage ? <Link href="/training">{t("findCourse")}</Link> : null}>
      {data.enrolments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("personNone")} />
      ) : (
        <List
          data-testid="person-training"
          dataSource={data.enrolments}
          renderItem={(e) => (
            <List.Item key={e.id} data-testid="person-enrolment">
              <Space direction="vertical" size={2} style={{ width: "100%" }}>
                <Space wrap>
                  <Link href={`/training/cohorts/${e.cohort.id}`}>
                    {e.programme.title} · {e.cohort.name}
                  </Link>
                  <Tag color={STATUS_COLOURS[e.status]}>{t(`enrolmentStatus.${e.status}`)}</Tag>
                  <Tag>{t(`kinds.${e.programme.kind}`)}</Tag>
                </Space>
                <Typography.Text type="secondary">
                  {t("personDates", { from: e.enrolledOn, to: e.endedOn ?? e.cohort.endDate })} · {e.programme.providerName} · {t(`deliveries.${e.programme.delivery}`)}
                </Typography.Text>
                <Typography.Text>
                  {t("attendanceRate")}: {e.rate === null ? "—" : format.number(e.rate, { style: "percent", maximumFractionDigits: 0 })}
                  {e.cohort.monthlyAllowance > 0 && <> · {t("monthsPaid", { months: e.paid.months, amount: format.number(e.paid.amount, "yuan") })}</>}
                  {e.cohort.tuitionFree && <> · {t("tuitionFree")}</>}
                </Typography.Text>
                {e.certificate && (
                  <Typography.Text>
                    {t("certificate")}: {e.certificate}
                    {e.certificateNumber ? ` · ${e.certificateNumber}` : ""}
                  </Typography.Text>
                )}
                {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
