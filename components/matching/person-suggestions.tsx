"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Select, Space, Tag, Typography } from "antd";
import type { PersonSuggestionsData } from "@/lib/matching/loaders";
import type { FormResult } from "@/lib/persons/types";
import type { Exclusion, Explanation } from "@/lib/matching/rules";
import { DISMISS_REASONS } from "@/lib/matching/schema";
import { TrackTag } from "@/components/persons/track-tag";
import { ExclusionText, ExplanationView, ScoreBar } from "@/components/matching/explanation";

type Refer = (vacancyId: number, score: number | null, values: unknown) => Promise<FormResult<{ id: number; status: string }>>;
type Dismiss = (vacancyId: number, values: unknown) => Promise<FormResult<{ personId: number; vacancyId: number }>>;
type WhyNotResult = FormResult<{ excluded: Exclusion | null; explanation: Explanation; lowestShown: number | null; inTop: boolean } | null>;

export function PersonSuggestions({ data, refer, dismiss }: { data: PersonSuggestionsData; refer: Refer; dismiss: Dismiss }) {
  const t = useTranslations("matching");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, startTransition] = useTransition();
  const [dismissing, setDismissing] = useState<{ id: number; title: string } | null>(null);

  const wage = (min: number | null, max: number | null) =>
    min === null && max === null ? t("wageUnknown") : `${format.number(min ?? max ?? 0, "yuan")}${max !== null && max !== min ? ` – ${format.number(max, "yuan")}` : ""}`;

  function act(vacancyId: number, score: number, status: "SHORTLISTED" | "REFERRED") {
    startTransition(async () => {
      const result = await refer(vacancyId, score, { status });
      if (result.status === "ok") {
        message.success(status === "REFERRED" ? t("referred") : t("shortlisted"));
        router.refresh();
      } else message.error("message" in result ? result.message : t("failed"));
    });
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t("suggestionsFor", { name: data.person.name })}
          </Typography.Title>
          <Space wrap style={{ marginTop: 4 }}>
            <TrackTag track={data.person.track} />
            <Typography.Text type="secondary">{tEnum(`trackReason.${data.person.trackReason}`)}</Typography.Text>
          </Space>
        </div>
        <Space wrap>
          <Typography.Text type="secondary">{t("algorithm", { version: data.algorithmVersion })}</Typography.Text>
          <Link href={`/persons/${data.person.id}`}>{t("backToProfile")}</Link>
        </Space>
      </Flex>

      {data.suggestions.length === 0 && (
        <Card>
          <Empty description={t("noSuggestions")} />
        </Card>
      )}

      <section aria-label={t("suggestionList")}>
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          {data.suggestions.map((s) => (
            <Card
              key={s.vacancy.id}
              size="small"
              data-testid="suggestion"
              title={
                <Flex justify="space-between" align="center" wrap gap={8}>
                  <span>
                    <Typography.Text type="secondary">#{s.rank} </Typography.Text>
                    <Link href={`/vacancies/${s.vacancy.id}`}>{s.vacancy.title}</Link>
                    <Typography.Text type="secondary"> · {s.vacancy.employer.name}</Typography.Text>
                  </span>
                  <Space>
                    <Typography.Text strong>{t("score", { score: s.explanation.score })}</Typography.Text>
                    <ScoreBar score={s.explanation.score} label={t("scoreLabel", { title: s.vacancy.title })} />
                  </Space>
                </Flex>
              }
            >
              <Space direction="vertical" size={6} style={{ width: "100%" }}>
                <Typography.Text>
                  {s.vacancy.place} · {wage(s.vacancy.wageMin, s.vacancy.wageMax)}
                  {s.vacancy.occupationTitle ? ` · ${locale === "en" ? (s.vacancy.occupationTitle.titleEn ?? s.vacancy.occupationTitle.title) : s.vacancy.occupationTitle.title}` : ""}
                  {s.vacancy.kind === "PUBLIC_WELFARE" ? ` · ${tEnum("vacancyKind.PUBLIC_WELFARE")}` : ""}
                </Typography.Text>
                <ExplanationView explanation={s.explanation} skillNames={data.skillNames} />
                <Flex justify="space-between" align="center" wrap gap={8}>
                  <span>{s.referral && <Tag color="blue">{tEnum(`referralStatus.${s.referral}`)}</Tag>}</span>
                  {data.canAct && (
                    <Space wrap>
                      <Button size="small" disabled={pending || s.referral !== null} onClick={() => act(s.vacancy.id, s.explanation.score, "SHORTLISTED")} aria-label={t("shortlistJob", { title: s.vacancy.title })}>
                        {t("shortlist")}
                      </Button>
                      <Button size="small" type="primary" disabled={pending || s.referral === "REFERRED"} onClick={() => act(s.vacancy.id, s.explanation.score, "REFERRED")} aria-label={t("referJob", { title: s.vacancy.title })}>
                        {t("refer")}
                      </Button>
                      <Button size="small" danger disabled={pending} onClick={() => setDismissing({ id: s.vacancy.id, title: s.vacancy.title })} aria-label={t("dismissJob", { title: s.vacancy.title })}>
                        {t("dismiss")}
                      </Button>
                      {data.canPlace && (
                        <Link href={`/persons/${data.person.id}/placements/new?vacancy=${s.vacancy.id}`} aria-label={t("placeJob", { title: s.vacancy.title })}>
                          <Button size="small" tabIndex={-1}>
                            {t("place")}
                          </Button>
                        </Link>
                      )}
                    </Space>
                  )}
                </Flex>
              </Space>
            </Card>
          ))}
        </Space>
      </section>

      <WhyNotPanel personId={data.person.id} options={data.vacancyOptions} skillNames={data.skillNames} />

      {data.referrals.length > 0 && (
        <Card size="small" title={t("referralsTitle")}>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {data.referrals.map((r) => (
              <li key={r.id}>
                {/* Underlined: a link inside a line of text must not be told apart by colour alone (axe: link-in-text-block). */}
                <Link href={`/vacancies/${r.vacancyId}`} style={{ textDecoration: "underline" }}>
                  {r.vacancy.title}
                </Link>{" "}
                · {r.vacancy.employer.name} · <Tag color="blue">{tEnum(`referralStatus.${r.status}`)}</Tag>
                {format.dateTime(new Date(r.updatedAt), "short")}
                {data.canPlace && r.status === "REFERRED" && (
                  <>
                    {" · "}
                    <Link href={`/persons/${data.person.id}/placements/new?referral=${r.id}`} aria-label={t("placeFromReferral", { title: r.vacancy.title })} style={{ textDecoration: "underline" }}>
                      {t("place")}
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}

      {dismissing && (
        <DismissDialog
          title={dismissing.title}
          onClose={() => setDismissing(null)}
          submit={(values) => dismiss(dismissing.id, values)}
          onDone={() => {
            setDismissing(null);
            message.success(t("dismissed"));
            router.refresh();
          }}
        />
      )}
    </Space>
  );
}

export function DismissDialog({ title, onClose, submit, onDone }: { title: string; onClose: () => void; submit: (values: unknown) => Promise<FormResult<unknown>>; onDone: () => void }) {
  const t = useTranslations("matching");
  const tEnum = useTranslations("enums");
  const [form] = Form.useForm();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal open title={t("dismissTitle", { title })} onCancel={onClose} onOk={() => form.submit()} okText={t("dismiss")} cancelText={t("cancel")} confirmLoading={pending}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          setPending(true);
          const result = await submit(values);
          setPending(false);
          if (result.status === "ok") return onDone();
          if (result.status === "invalid") form.setFields(Object.entries(result.fieldErrors).map(([name, e]) => ({ name, errors: [e] })));
          setError("message" in result ? (result.message ?? null) : null);
        }}
      >
        <Form.Item label={t("dismissReason")} name="reason" rules={[{ required: true, message: t("required") }]}>
          <Select options={DISMISS_REASONS.map((r) => ({ value: r, label: tEnum(`dismissReason.${r}`) }))} />
        </Form.Item>
        <Form.Item label={t("dismissNote")} name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Typography.Text type="secondary">{t("dismissHelp")}</Typography.Text>
      </Form>
    </Modal>
  );
}

/** Asks GET /api/persons/{id}/why-not (a read beside the page, decision 014). */
async function askWhyNot(personId: number, vacancyId: number, messages: { failed: string; signedOut: string }): Promise<WhyNotResult> {
  try {
    const response = await fetch(`/api/persons/${personId}/why-not?vacancy=${vacancyId}`, { cache: "no-store" });
    if (response.ok) return (await response.json()) as WhyNotResult;
    if (response.status === 401) return { status: "error", message: messages.signedOut };
  } catch {
    // said below
  }
  return { status: "error", message: messages.failed };
}

function WhyNotPanel({ personId, options, skillNames }: { personId: number; options: { value: number; label: string }[]; skillNames: Record<number, { zh: string; en: string }> }) {
  const t = useTranslations("matching");
  const tError = useTranslations("errors");
  const [vacancyId, setVacancyId] = useState<number | null>(null);
  const [result, setResult] = useState<WhyNotResult | null>(null);
  const [pending, startTransition] = useTransition();
  const answer = result?.status === "ok" ? result.data : null;
  return (
    <Card size="small" title={t("whyNotTitle")}>
      <Flex gap={8} wrap align="flex-end">
        <div style={{ flex: "1 1 320px" }}>
          <label htmlFor="why-not-vacancy" style={{ display: "block", marginBottom: 4 }}>
            {t("whyNotPick")}
          </label>
          <Select id="why-not-vacancy" showSearch optionFilterProp="label" style={{ width: "100%" }} options={options} value={vacancyId ?? undefined} onChange={(v) => setVacancyId(v)} />
        </div>
        <Button disabled={!vacancyId} loading={pending} onClick={() => vacancyId && startTransition(async () => setResult(await askWhyNot(personId, vacancyId, { failed: tError("INTERNAL"), signedOut: tError("UNAUTHENTICATED") })))}>
          {t("whyNotAsk")}
        </Button>
      </Flex>
      {answer && (
        <div style={{ marginTop: 12 }} data-testid="why-not">
          {answer.excluded ? (
            <Alert type="warning" showIcon message={<ExclusionText exclusion={answer.excluded} skillNames={skillNames} />} />
          ) : (
            <Alert
              type="info"
              showIcon
              message={answer.inTop ? t("whyNotInTop", { score: answer.explanation.score }) : t("whyNotRanked", { score: answer.explanation.score, lowest: answer.lowestShown ?? 0 })}
              description={<ExplanationView explanation={answer.explanation} skillNames={skillNames} />}
            />
          )}
        </div>
      )}
      {result && result.status !== "ok" && <Alert type="error" message={"message" in result ? result.message : ""} style={{ marginTop: 12 }} />}
    </Card>
  );
}
