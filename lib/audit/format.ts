// How the history writes a logged value in words: pure, so the rules are unit-tested; the
// timeline (components/audit/history-timeline.tsx) passes the reader's catalogue as `words`.
import { PLACE_FIELDS, readLegacyValue } from "@/lib/audit/rules";

/** Fields whose values are enum codes, with their group in the `enums` catalogue. */
export const ENUM_FIELDS: Readonly<Record<string, string>> = {
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
  decision: "conflictDecision",
};

export type HistoryWords = {
  /** A field's label, or null when the catalogue has none. */
  field: (name: string) => string | null;
  /** An enum code in words, or null when the catalogue has none. */
  enumWord: (group: string, code: string) => string | null;
  /** "{main}（{detail}）" in Chinese, "{main} ({detail})" in English. */
  withDetail: (main: string, detail: string) => string;
  detailSeparator: string;
  listSeparator: string;
  yes: string;
  no: string;
  /** Division code → "省 / 市 / 县". */
  places: Readonly<Record<string, string>>;
  /** A catalogue skill's name in the reader's language, by "#id" or by its Chinese name (older rows). */
  skills?: Readonly<Record<string, string>>;
};

/** A `status` is an enum of the record the action is about: its group by the action's domain. */
const STATUS_GROUPS: Readonly<Record<string, string>> = {
  referral: "referralStatus",
  followup: "followUpStatus",
  vacancy: "vacancyStatus",
  drive: "driveStatus",
};

/** Fields that refer to another record by its number: shown as "#12", never as a quantity. */
const REFERENCE_FIELDS: ReadonlySet<string> = new Set(["importBatchId", "vacancyId", "employerId", "referralId", "placementId", "followUpId", "enrolmentId", "cohortId", "householdId"]);

/** Nothing to show: null, empty text, an empty list. */
export const isEmptyValue = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/** `action` (the event's, "referral.updated") says which enum a `status` is. */
export function formatAuditValue(field: string, raw: unknown, words: HistoryWords, action?: string): string {
  const value = readLegacyValue(field, raw);
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map((v) => formatAuditValue(field, v, words, action)).join(words.listSeparator) : "—";
  const word = (group: string, code: unknown) => words.enumWord(group, String(code)) ?? String(code);
  if (PLACE_FIELDS.has(field) && typeof value === "string") return words.places[value] ?? value;
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    // A household member (auditMember) and a skill (auditSkill), as lib/audit/rules.ts logs them.
    if (typeof v.name === "string" && typeof v.relation === "string") return words.withDetail(v.name, word("relation", v.relation));
    if (typeof v.skill === "string" && typeof v.level === "string") {
      const level = typeof v.was === "string" ? `${word("skillLevel", v.was)} → ${word("skillLevel", v.level)}` : word("skillLevel", v.level);
      const name = (typeof v.skillId === "number" ? words.skills?.[`#${v.skillId}`] : undefined) ?? words.skills?.[v.skill] ?? v.skill;
      return words.withDetail(name, [level, typeof v.certificate === "string" ? v.certificate : null].filter(Boolean).join(words.detailSeparator));
    }
    // Any other record (a reassignment's "from" and "to", what a reopen replaced): its fields in words.
    return Object.entries(v)
      .filter(([, x]) => !isEmptyValue(x))
      .map(([k, x]) => `${words.field(k) ?? k} ${formatAuditValue(k, x, words, action)}`)
      .join("；");
  }
  const group = field === "status" && action ? STATUS_GROUPS[action.split(".")[0]!] : ENUM_FIELDS[field];
  if (group) return word(group, value);
  if (REFERENCE_FIELDS.has(field) && (typeof value === "number" || /^\d+$/.test(String(value)))) return `#${value}`;
  if (typeof value === "boolean") return value ? words.yes : words.no;
  return String(value);
}
