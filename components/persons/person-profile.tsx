"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Row, Space, Tag, Typography } from "antd";
import { AimOutlined, EditOutlined, EyeOutlined, UserAddOutlined } from "@ant-design/icons";
import type { PersonPageData } from "@/lib/persons/loaders";
import type { FormResult } from "@/lib/persons/types";
import { TrackTag } from "@/components/persons/track-tag";
import { TrackOverrideDialog } from "@/components/persons/track-override-dialog";
import { HouseholdCard } from "@/components/households/household-card";
import { HistoryTimeline } from "@/components/audit/history-timeline";

type Props = {
  data: PersonPageData;
  revealId: () => Promise<FormResult<{ nationalId: string }>>;
  overrideTrack: (values: unknown) => Promise<FormResult<{ version: number }>>;
  saveHousehold: (values: unknown) => Promise<FormResult<{ version: number }>>;
  changePovertyStatus: (values: unknown) => Promise<FormResult<{ version: number }>>;
  /** Cards of other domains (placements, follow-ups), shown above the change history. */
  sections?: React.ReactNode;
};

export function PersonProfile({ data, revealId, overrideTrack, saveHousehold, changePovertyStatus, sections }: Props) {
  const t = useTranslations("person");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const { message } = App.useApp();
  const { person, household, history, permissions } = data;
  const [revealed, setRevealed] = useState<string | null>(null);
  const [revealing, startReveal] = useTransition();
  const [trackOpen, setTrackOpen] = useState(false);

  const list = (group: string, values: string[]) =>
    values.length ? (
      <Space size={[4, 4]} wrap>
        {values.map((v) => (
          <Tag key={v}>{tEnum(`${group}.${v}`)}</Tag>
        ))}
      </Space>
    ) : (
      <Typography.Text type="secondary">{t("none")}</Typography.Text>
    );
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "—" : v);

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Flex justify="space-between" align="flex-start" wrap gap={12}>
          <div>
            <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
              {person.name}
            </Typography.Title>
            <Typography.Text type="secondary">
              {tEnum(`gender.${person.gender}`)} · {t("age", { age: person.age })} · {t("born", { date: format.dateTime(new Date(person.birthDate), "short") })} · {locale === "en" && person.office.nameEn ? person.office.nameEn : person.office.name}
            </Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Space wrap>
                <span>
                  {t("idNumber")}:{" "}
                  <span data-testid="national-id" style={{ fontFamily: "monospace" }}>
                    {revealed ?? person.maskedId}
                  </span>
                </span>
                {permissions.revealId && !revealed && (
                  <Button
                    size="small"
                    icon={<EyeOutlined />}
                    loading={revealing}
                    onClick={() =>
                      startReveal(async () => {
                        const result = await revealId();
                        if (result.status === "ok") {
                          setRevealed(result.data.nationalId);
                          // The reveal is in the history now: show it.
                          router.refresh();
                        }
                        else message.error("message" in result ? result.message : t("revealFailed"));
                      })
                    }
                  >
                    {t("reveal")}
                  </Button>
                )}
              </Space>
            </div>
          </div>
          <Space wrap>
            <Link href={`/persons/${person.id}/suggestions`}>
              <Button icon={<AimOutlined />} tabIndex={-1}>
                {t("suggestions")}
              </Button>
            </Link>
            {permissions.update && (
              <Link href={`/persons/${person.id}/edit`}>
                <Button type="primary" icon={<EditOutlined />} tabIndex={-1}>
                  {t("edit")}
                </Button>
              </Link>
            )}
            {permissions.createPerson && household && (
              <Link href={`/persons/new?household=${household.id}`}>
                <Button icon={<UserAddOutlined />} tabIndex={-1}>
                  {t("addHouseholdLabourer")}
                </Button>
              </Link>
            )}
          </Space>
        </Flex>
      </Card>

      <Card title={t("trackTitle")} size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space direction="vertical" size={2}>
            <Space wrap>
              <TrackTag track={person.track} />
              <Typography.Text data-testid="track-reason">
                {person.trackOverride ? t("trackOverridden", { note: person.trackOverrideNote ?? "" }) : tEnum(`trackReason.${person.trackReason}`)}
              </Typography.Text>
            </Space>
            {person.trackOverride && (
              <Typography.Text type="secondary">
                {t("trackDerivedWas", { track: tEnum(`track.${person.derivedTrack}`), reason: tEnum(`trackReason.${person.trackReason}`) })}
              </Typography.Text>
            )}
          </Space>
          {permissions.update && <Button onClick={() => setTrackOpen(true)}>{t("overrideTrack")}</Button>}
        </Flex>
        <TrackOverrideDialog
          open={trackOpen}
          onClose={() => setTrackOpen(false)}
          version={person.version}
          current={person.trackOverride}
          note={person.trackOverrideNote}
          submit={overrideTrack}
          onSaved={() => {
            setTrackOpen(false);
            router.refresh();
          }}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t("sections.basic")} size="small">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t("fields.phone")}>{dash(person.phone)}</Descriptions.Item>
              <Descriptions.Item label={t("fields.ethnicity")}>{dash(person.ethnicity)}</Descriptions.Item>
              <Descriptions.Item label={t("fields.education")}>{person.education ? tEnum(`education.${person.education}`) : "—"}</Descriptions.Item>
              <Descriptions.Item label={t("fields.health")}>
                {tEnum(`health.${person.health}`)}
                {person.healthNote ? `（${person.healthNote}）` : ""}
              </Descriptions.Item>
              <Descriptions.Item label={t("fields.origin")}>
                {person.originLabel}
                {person.originAddressDetail ? ` · ${person.originAddressDetail}` : ""}
              </Descriptions.Item>
              <Descriptions.Item label={t("fields.current")}>
                {dash(person.currentLabel)}
                {person.currentAddressDetail ? ` · ${person.currentAddressDetail}` : ""}
              </Descriptions.Item>
              <Descriptions.Item label={t("fields.caseworker")}>{dash(person.caseworker?.displayName)}</Descriptions.Item>
              <Descriptions.Item label={t("fields.consent")}>
                {person.consentGiven ? t("consentGivenOn", { date: person.consentAt ? format.dateTime(new Date(person.consentAt), "short") : "" }) : t("consentMissing")}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("sections.employment")} size="small">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t("fields.employmentStatus")}>{tEnum(`employmentStatus.${person.employmentStatus}`)}</Descriptions.Item>
              <Descriptions.Item label={t("fields.migration")}>
                {tEnum(`migration.${person.migration}`)}
                {person.migrationNote ? `（${person.migrationNote}）` : ""}
              </Descriptions.Item>
              <Descriptions.Item label={t("fields.expectedWage")}>
                {person.expectedWage !== null ? t("perMonth", { amount: format.number(person.expectedWage, "yuan") }) : "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("fields.preferredSectors")}>{list("sector", person.preferredSectors)}</Descriptions.Item>
              <Descriptions.Item label={t("fields.preferredRegions")}>{person.preferredRegionLabels.length ? person.preferredRegionLabels.join("；") : "—"}</Descriptions.Item>
              <Descriptions.Item label={t("fields.needs")}>{list("need", person.needs)}</Descriptions.Item>
              <Descriptions.Item label={t("fields.trainingWishes")}>
                {list("training", person.trainingWishes)}
                {person.trainingWishNote && <div>{person.trainingWishNote}</div>}
              </Descriptions.Item>
              <Descriptions.Item label={t("fields.workHistory")}>{dash(person.workHistory)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("sections.skills")} size="small">
            {person.skills.length ? (
              <Space size={[6, 6]} wrap data-testid="skills">
                {person.skills.map((s) => (
                  <Tag key={s.id} color={s.skill ? "blue" : "default"}>
                    {s.skill ? (locale === "en" ? s.skill.nameEn : s.skill.nameZh) : `${s.customName}（${t("customSkill")}）`} · {tEnum(`skillLevel.${s.level}`)}
                    {s.certificate ? ` · ${s.certificate}` : ""}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noSkills")} />
            )}
          </Card>
          {person.notes && (
            <Card title={t("fields.notes")} size="small" style={{ marginTop: 16 }}>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{person.notes}</Typography.Paragraph>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={12}>
          {household ? (
            <HouseholdCard household={household} personId={person.id} canEdit={permissions.updateHousehold} save={saveHousehold} changeStatus={changePovertyStatus} />
          ) : (
            <Alert type="info" message={t("noHousehold")} />
          )}
        </Col>
      </Row>

      {sections}

      {permissions.viewHistory && (
        <Card title={t("sections.history")} size="small">
          <HistoryTimeline events={history} places={data.historyPlaces} skills={data.historySkills} />
        </Card>
      )}
    </Space>
  );
}
