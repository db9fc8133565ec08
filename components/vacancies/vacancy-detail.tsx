"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Space, Tag, Typography } from "antd";
import { EditOutlined } from "@ant-design/icons";
import type { loadVacancyPage } from "@/lib/vacancies/loaders";
import type { VacancyCandidatesData } from "@/lib/matching/loaders";
import type { FormResult } from "@/lib/persons/types";
import { TrackTag } from "@/components/persons/track-tag";
import { ExplanationView, ScoreBar } from "@/components/matching/explanation";
import { DismissDialog } from "@/components/matching/person-suggestions";

type Page = Awaited<ReturnType<typeof loadVacancyPage>>;
type Refer = (personId: number, score: number | null, values: unknown) => Promise<FormResult<{ id: number; status: string }>>;
type Dismiss = (personId: number, values: unknown) => Promise<FormResult<unknown>>;

export function VacancyDetail({ page, candidates, refer, dismiss }: { page: Page; candidates: VacancyCandidatesData; refer: Refer; dismiss: Dismiss }) {
  const t = useTranslations("vacancies");
  const tm = useTranslations("matching");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, startTransition] = useTransition();
  const [dismissing, setDismissing] = useState<{ id: number; name: string } | null>(null);
  const v = page.vacancy;
  const skillsOf = (requirement: string) => v.skills.filter((s) => s.requirement === requirement).map((s) => (locale === "en" ? s.skill.nameEn : s.skill.nameZh));

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {v.title}
          </Typography.Title>
          <Typography.Text type="secondary">
            <Link href={`/employers/${v.employer.id}`}>{v.employer.name}</Link> · {page.place}
          </Typography.Text>
        </div>
        {page.canManage && (
          <Link href={`/vacancies/${v.id}/edit`}>
            <Button type="primary" icon={<EditOutlined />} tabIndex={-1}>
              {t("edit")}
            </Button>
          </Link>
        )}
      </Flex>
      {v.genderRequirement !== "NONE" && <Alert type="warning" showIcon message={t("genderFlagged", { gender: tEnum(`genderRequirement.${v.genderRequirement}`) })} data-testid="gender-flag" />}
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t("status")}>
            <Tag>{tEnum(`vacancyStatus.${v.status}`)}</Tag>
            {tEnum(`vacancyKind.${v.kind}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("openings")}>{t("openingsFilled", { filled: v.filled, openings: v.openings })}</Descriptions.Item>
          <Descriptions.Item label={t("occupation")}>{page.occupation ? `${v.occupationCode} ${locale === "en" ? (page.occupation.titleEn ?? page.occupation.title) : page.occupation.title}` : "—"}</Descriptions.Item>
          <Descriptions.Item label={t("wage")}>{v.wageMin === null && v.wageMax === null ? "—" : `${format.number(v.wageMin ?? 0, "yuan")} – ${format.number(v.wageMax ?? v.wageMin ?? 0, "yuan")}`}</Descriptions.Item>
          <Descriptions.Item label={t("roomAndBoard")}>{v.roomAndBoard ? t("yes") : t("no")}</Descriptions.Item>
          <Descriptions.Item label={t("trainingProvided")}>{v.trainingProvided ? `${v.trainingDescription ?? ""}${v.trainingDays ? ` (${t("days", { days: v.trainingDays })})` : ""}` : t("no")}</Descriptions.Item>
          <Descriptions.Item label={t("age")}>{v.ageMin || v.ageMax ? `${v.ageMin ?? "—"} – ${v.ageMax ?? "—"}` : "—"}</Descriptions.Item>
          <Descriptions.Item label={t("startDate")}>{v.startDate ? format.dateTime(new Date(v.startDate), "short") : "—"}</Descriptions.Item>
          <Descriptions.Item label={t("requiredSkills")}>{skillsOf("REQUIRED").join("、") || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("niceSkills")}>{skillsOf("NICE_TO_HAVE").join("、") || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("certificates")}>{skillsOf("CERTIFICATE").join("、") || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("description")}>{v.description ?? "—"}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={tm("candidatesTitle")} extra={<Typography.Text type="secondary">{tm("algorithm", { version: candidates.algorithmVersion })}</Typography.Text>}>
        {candidates.candidates.length === 0 ? (
          <Empty description={tm("noCandidates")} />
        ) : (
          <Space direction="vertical" size="small" style={{ width: "100%" }} aria-label={tm("candidatesTitle")}>
            {candidates.candidates.map((c) => (
              <Card key={c.person.id} size="small" type="inner" data-testid="candidate">
                <Flex justify="space-between" align="center" wrap gap={8}>
                  <Space wrap>
                    <Typography.Text type="secondary">#{c.rank}</Typography.Text>
                    <Link href={`/persons/${c.person.id}`}>{c.person.name}</Link>
                    <Typography.Text type="secondary">
                      {tEnum(`gender.${c.person.gender}`)} · {t("ageYears", { age: c.person.age })} · {c.person.origin}
                    </Typography.Text>
                    <TrackTag track={c.person.track} />
                  </Space>
                  <Space>
                    <Typography.Text strong>{tm("score", { score: c.explanation.score })}</Typography.Text>
                    <ScoreBar score={c.explanation.score} label={tm("scoreLabel", { title: c.person.name })} />
                  </Space>
                </Flex>
                <ExplanationView explanation={c.explanation} skillNames={candidates.skillNames} />
                {candidates.canAct && (
                  <Flex justify="flex-end" gap={8} style={{ marginTop: 8 }}>
                    <Button
                      size="small"
                      type="primary"
                      disabled={pending}
                      aria-label={tm("referPerson", { name: c.person.name })}
                      onClick={() =>
                        startTransition(async () => {
                          const result = await refer(c.person.id, c.explanation.score, { status: "REFERRED" });
                          if (result.status === "ok") {
                            message.success(tm("referred"));
                            router.refresh();
                          } else message.error("message" in result ? result.message : tm("failed"));
                        })
                      }
                    >
                      {tm("refer")}
                    </Button>
                    <Button size="small" danger disabled={pending} onClick={() => setDismissing({ id: c.person.id, name: c.person.name })} aria-label={tm("dismissPerson", { name: c.person.name })}>
                      {tm("dismiss")}
                    </Button>
                  </Flex>
                )}
              </Card>
            ))}
          </Space>
        )}
      </Card>
      {dismissing && (
        <DismissDialog
          title={dismissing.name}
          onClose={() => setDismissing(null)}
          submit={(values) => dismiss(dismissing.id, values)}
          onDone={() => {
            setDismissing(null);
            message.success(tm("dismissed"));
            router.refresh();
          }}
        />
      )}
    </Space>
  );
}
