"use client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Empty, Timeline, Typography } from "antd";
import { formatAuditValue, isEmptyValue, type HistoryWords } from "@/lib/audit/format";

type Event = { id: string; at: Date; action: string; changes: Record<string, unknown>; actorName: string | null };

const PAIR_ACTIONS = new Set(["person.updated", "person.track_overridden", "household.updated", "household.member_updated", "household.poverty_status_changed", "user.updated", "placement.updated", "person.at_risk_changed", "office.cadence_updated"]);

/**
 * Who changed what and when: each field as before → after. Codes are shown in words: enums in the
 * reader's language, division codes by the names in `places` (code → "省 / 市 / 县"), catalogue
 * skills by `skills` ("#id" or Chinese name → its Chinese and English names).
 */
export function HistoryTimeline({ events, places = {}, skills = {} }: { events: Event[]; places?: Record<string, string>; skills?: Record<string, { zh: string; en: string }> }) {
  const t = useTranslations("history");
  const tField = useTranslations("history.fields");
  const tEnum = useTranslations("enums");
  const locale = useLocale();
  const words: HistoryWords = {
    field: (name) => (tField.has(name) ? tField(name) : null),
    enumWord: (group, code) => (tEnum.has(`${group}.${code}`) ? tEnum(`${group}.${code}`) : null),
    withDetail: (main, detail) => t("withDetail", { main, detail }),
    detailSeparator: t("detailSeparator"),
    listSeparator: t("listSeparator"),
    yes: t("yes"),
    no: t("no"),
    places,
    skills: Object.fromEntries(Object.entries(skills).map(([key, name]) => [key, locale === "en" ? name.en : name.zh])),
  };
  const show = (field: string, value: unknown, action: string) => formatAuditValue(field, value, words, action);
  const format = useFormatter();
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("empty")} />;
  const label = (field: string) => words.field(field) ?? field;
  return (
    <Timeline
      data-testid="history"
      items={events.map((e) => ({
        key: e.id,
        children: (
          <div>
            <Typography.Text strong>{t.has(`actions.${e.action.replace(/\./g, "_")}`) ? t(`actions.${e.action.replace(/\./g, "_")}`) : e.action}</Typography.Text>{" "}
            <Typography.Text type="secondary">
              {format.dateTime(new Date(e.at), "long")} · {e.actorName ?? t("system")}
            </Typography.Text>
            <ul style={{ margin: "4px 0 0", paddingInlineStart: 18 }}>
              {Object.entries(e.changes ?? {})
                // A creation lists what was filled in; empty fields are noise.
                .filter(([, value]) => !isEmptyValue(value))
                .map(([field, value]) => (
                <li key={field}>
                  {label(field)}:{" "}
                  {Array.isArray(value) && value.length === 2 && PAIR_ACTIONS.has(e.action) ? (
                    <>
                      <del>{show(field, value[0], e.action)}</del> → <ins>{show(field, value[1], e.action)}</ins>
                    </>
                  ) : (
                    show(field, value, e.action)
                  )}
                </li>
              ))}
            </ul>
          </div>
        ),
      }))}
    />
  );
}
