// The closed list of audit actions, and the field diff written with every update.
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.logout_everywhere",
  "user.created",
  "user.updated",
  "user.password_reset",
  "person.created",
  "person.updated",
  "person.id_revealed",
  "person.track_overridden",
  "person.skills_updated",
  "household.created",
  "household.updated",
  "household.member_added",
  "household.member_updated",
  "household.member_removed",
  "household.poverty_status_changed",
  "employer.created",
  "employer.updated",
  "vacancy.created",
  "vacancy.updated",
  "referral.created",
  "referral.updated",
  "suggestion.dismissed",
  "drive.created",
  "drive.accepted",
  "placement.created",
  "placement.updated",
  "placement.ended",
  "placement.reassigned",
  "placement.reopened",
  "followup.contact_recorded",
  "followup.scheduled",
  "followup.escalated",
  "person.at_risk_changed",
  "office.cadence_updated",
  "exchange.imported",
  "exchange.import_discarded",
  "exchange.import_expired",
  "exchange.import_rows_purged",
  "exchange.exported",
  "exchange.expectation_updated",
  "training.programme_created",
  "training.programme_updated",
  "training.cohort_created",
  "training.cohort_updated",
  "training.enrolled",
  "training.enrolment_ended",
  "training.attendance_recorded",
  "training.allowance_paid",
  "target.created",
  "target.updated",
  "target.deleted",
  "target.figure_reported",
  "report.exported",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type FieldChanges = Record<string, [unknown, unknown]>;

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  return value ?? null;
}

/** { field: [before, after] } for the fields whose value differs. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of Object.keys(after)) {
    const a = normalise(before[key]);
    const b = normalise(after[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [a, b];
  }
  return changes;
}

// Values the history renders in the reader's language: codes stay codes in the log (an enum, a
// division), and components/audit/history-timeline.tsx turns them into words.

/** A household member as the log keeps them: "马秀兰（父母）" in the history. */
export type AuditMember = { name: string; relation: string };
export const auditMember = (name: string, relation: string): AuditMember => ({ name, relation });

/**
 * A skill as the log keeps it: "拉面制作（熟练，证书 …）" in the history; `was` is the level
 * before a change (a training course's certificate), "焊接（初级 → 持证，焊工证）".
 */
export type AuditSkill = { skill: string; skillId?: number; level: string; certificate?: string; was?: string | null };
/**
 * `skill` is the catalogue's Chinese name (or the free text typed), readable without the
 * catalogue; `skillId` lets the history name a catalogue skill in the reader's language.
 */
export function auditSkill(skill: string, level: string, certificate?: string | null, was?: string | null, skillId?: number | null): AuditSkill {
  return { skill, ...(skillId ? { skillId } : {}), ...(was !== undefined ? { was } : {}), level, ...(certificate ? { certificate } : {}) };
}

/**
 * Rows written before members and skills were logged as values (2026-12-06) hold them as text:
 * "马秀兰 (PARENT)", "拉面制作 (CERTIFIED, 拉面师证)", and from training "焊接: BASIC → CERTIFIED (证)".
 * Read back as values, so the history shows them in words too; any other text stays as it is.
 */
export function readLegacyValue(field: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (field === "member" || field === "members") {
    const m = /^(.+) \(([A-Z_]+)\)$/.exec(value);
    return m ? auditMember(m[1]!, m[2]!) : value;
  }
  if (field === "skills") {
    const changed = /^(.+): ([A-Z_]+|—) → ([A-Z_]+)(?: \((.+)\))?$/.exec(value);
    if (changed) return auditSkill(changed[1]!, changed[3]!, changed[4], changed[2] === "—" ? null : changed[2]);
    const held = /^(.+) \(([A-Z_]+)(?:, (.+))?\)$/.exec(value);
    if (held) return auditSkill(held[1]!, held[2]!, held[3]);
  }
  return value;
}

/** Fields whose values are administrative division codes. */
export const PLACE_FIELDS: ReadonlySet<string> = new Set(["originDivisionCode", "currentDivisionCode", "preferredRegions", "divisionCode"]);

/** Every division code in the events' place fields (a value, a list, or a [before, after] pair). */
/**
 * The catalogue skills a history names: their ids, and the Chinese names of rows logged before
 * skills carried their id (2026-12-06), so both can be shown in the reader's language.
 */
export function skillRefsIn(events: { changes: unknown }[]): { ids: number[]; names: string[] } {
  const ids = new Set<number>();
  const names = new Set<string>();
  const collect = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(collect);
    const v = readLegacyValue("skills", value);
    if (!v || typeof v !== "object") return;
    const s = v as Partial<AuditSkill>;
    if (typeof s.skillId === "number") ids.add(s.skillId);
    else if (typeof s.skill === "string" && s.skill) names.add(s.skill);
  };
  for (const e of events) {
    if (!e.changes || typeof e.changes !== "object") continue;
    const skills = (e.changes as Record<string, unknown>).skills;
    if (skills !== undefined) collect(skills);
  }
  return { ids: [...ids], names: [...names] };
}

export function placeCodesIn(events: { changes: unknown }[]): string[] {
  const codes = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === "string" && /^\d{2,12}$/.test(value)) codes.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
  };
  for (const e of events) {
    if (!e.changes || typeof e.changes !== "object") continue;
    for (const [field, value] of Object.entries(e.changes as Record<string, unknown>)) if (PLACE_FIELDS.has(field)) collect(value);
  }
  return [...codes];
}
