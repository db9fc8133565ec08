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
