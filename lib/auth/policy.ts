import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/auth/scope";

// Who may do what. Scope (which records) is enforced in the data layer; this says which
// actions a role may take at all. Checked in every action and mutation.
export const PERMISSIONS = {
  "person.view": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "person.create": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  "person.update": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  "person.reveal_id": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  "person.reassign_caseworker": ["ADMIN", "SUPERVISOR"],
  "household.update": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  "audit.view": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  "user.manage": ["ADMIN"],
  // Jobs are not personal data: every role sees open vacancies; each office manages its own.
  "employer.view": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "employer.manage": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "vacancy.view": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "vacancy.manage": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "match.view": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "match.act": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  "drive.run": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  "matching.config.view": ["ADMIN", "SUPERVISOR"],
  // Placements and follow-ups: partners read their people's (scoped like persons), never write.
  "placement.view": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "placement.manage": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  // Undoing an end is a supervisor's call, and audited.
  "placement.reopen": ["ADMIN", "SUPERVISOR"],
  "followup.record": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  "followup.supervise": ["ADMIN", "SUPERVISOR"],
  "office.configure": ["ADMIN", "SUPERVISOR"],
  "report.view": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  // Data exchange (docs/decisions/010): partners import and export their own region's people;
  // offices theirs. Which people is the data layer's business; expected cadences are supervisors'.
  "exchange.view": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "exchange.import": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "exchange.export": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "exchange.configure": ["ADMIN", "SUPERVISOR"],
  // Training (docs/decisions/011): programmes are not personal data, enrolments are (scoped like
  // persons). Paying allowances moves money: a supervisor's act, recorded in a ledger.
  "training.view": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
  "training.manage": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  "training.pay": ["ADMIN", "SUPERVISOR"],
  // Targets (docs/decisions/012): set by supervisors for their region; progress for everyone who
  // reads reports. Reported figures are entered by supervisors.
  "target.view": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
  "target.manage": ["ADMIN", "SUPERVISOR"],
  "report.export": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The permission check every action and mutation starts with. */
export function assertCan(scope: { role: Role }, permission: Permission) {
  if (!can(scope.role, permission)) throw new AppError("FORBIDDEN");
}
