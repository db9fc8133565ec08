"use client";
import { useFormatter, useTranslations } from "next-intl";
import { Empty, Timeline, Typography } from "antd";
import { PLACE_FIELDS } from "@/lib/audit/rules";

type Event = { id: string; at: Date; action: string; changes: Record<string, unknown>; actorName: string | null };

const ENUM_FIELDS: Record<string, string> = {
  employmentStatus: "employmentStatus",
  migration: "migration",
  education: "education",
  health: "health",
  track: "track",
  derivedTrack: "track",
  trackOverride: "track",
  povertyStatus: "povertyStatus",
  needs: "need",
  preferredSectors: "sector",
  trainingWishes: "training",
  trackReason: "trackReason",
  role: "role",
  endReason: "endReason",
  contractType: "contractType",
  channel: "contactChannel",
  outcome: "followUpOutcome",
  relation: "relation",
  level: "skillLevel",
};
const PAIR_ACTIONS = new Set(["person.updated", "person.track_overridden", "household.updated", "household.member_updated", "household.poverty_status_changed", "user.updated", "placement.updated", "person.at_risk_changed", "office.cadence_updated"]);

/**
 * Who changed what and when: each field as before → after. Codes are shown in words: enums in the
 * reader's language, division codes by the names in `places` (code → "省 / 市 / 县").
 */
export function HistoryTimeline({ events, places = {} }: { events: Event[]; places?: Record<string, string> }) {
  const t = useTranslations("history");
  const tField = useTranslations("history.fields");
  const tEnum = useTranslations("enums");
  const word = (group: string, code: unknown) => (tEnum.has(`${group}.${String(code)}`) ? tEnum(`${group}.${String(code)}`) : String(code));
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (Array.isArray(value)) return value.length ? value.map((v) => show(field, v)).join("、") : "—";
    if (PLACE_FIELDS.has(field) && typeof value === "string") return places[value] ?? value;
    if (typeof value === "object") {
      const v = value as Record<string, unknown>;
      // A household member (lib/audit/rules.ts auditMember) and a skill (auditSkill).
      if (typeof v.name === "string" && typeof v.relation === "string") return t("withDetail", { main: v.name, detail: word("relation", v.relation) });
      if (typeof v.skill === "string" && typeof v.level === "string")
        return t("withDetail", { main: v.skill, detail: [word("skillLevel", v.level), typeof v.certificate === "string" ? v.certificate : null].filter(Boolean).join(t("detailSeparator")) });
    }
    // A nested record (a reassignment's "from" and "to", what a reopen replaced): its fields in words.
    if (typeof value === "object")
      return Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => !(v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)))
        .map(([k, v]) => `${tField.has(k) ? tField(k) : k} ${show(k, v)}`)
        .join("；");
    const group = ENUM_FIELDS[field];
    if (group) return word(group, value);
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    return String(value);
  };
  const format = useFormatter();
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("empty")} />;
  const label = (field: string) => (tField.has(field) ? tField(field) : field);
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
                .filter(([, value]) => !(value === null || value === "" || (Array.isArray(value) && value.length === 0)))
                .map(([field, value]) => (
                <li key={field}>
                  {label(field)}:{" "}
                  {Array.isArray(value) && value.length === 2 && PAIR_ACTIONS.has(e.action) ? (
                    <>
                      <del>{show(field, value[0])}</del> → <ins>{show(field, value[1])}</ins>
                    </>
                  ) : (
                    show(field, value)
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
