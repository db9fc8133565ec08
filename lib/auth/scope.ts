import type { Prisma } from "@/lib/generated/prisma/client";

// The tenant scope. Only the session gate (lib/auth/session.ts) and test helpers create one,
// so a data function that takes a Scope cannot be called with an identity nobody checked.
declare const scopeBrand: unique symbol;

export type Role = "ADMIN" | "SUPERVISOR" | "CASEWORKER" | "PARTNER";

export type Scope = {
  readonly [scopeBrand]: true;
  readonly userId: number;
  readonly role: Role;
  readonly officeId: number;
  /** Offices whose caseload this user may see (supervisors: every office in their region). */
  readonly officeIds: readonly number[] | "ALL";
  /** Partners see the people who come from their region (GB/T 2260 prefix). */
  readonly originPrefix: string | null;
};

export function createScope(input: Omit<Scope, typeof scopeBrand>): Scope {
  return input as Scope;
}

/** The `where` every person query starts from. */
export function personScopeWhere(scope: Scope): Prisma.PersonWhereInput {
  switch (scope.role) {
    case "ADMIN":
      return {};
    case "PARTNER":
      return { originDivisionCode: { startsWith: scope.originPrefix || "\u0000" } };
    default:
      return scope.officeIds === "ALL" ? {} : { officeId: { in: [...scope.officeIds] } };
  }
}

export function householdScopeWhere(scope: Scope): Prisma.HouseholdWhereInput {
  switch (scope.role) {
    case "ADMIN":
      return {};
    case "PARTNER":
      return { persons: { some: personScopeWhere(scope) } };
    default:
      return scope.officeIds === "ALL" ? {} : { officeId: { in: [...scope.officeIds] } };
  }
}

/** Records owned by an office (employers, vacancies, drives): the offices this scope manages. */
export function officeScopeWhere(scope: Scope): { officeId?: { in: number[] } } {
  return scope.officeIds === "ALL" ? {} : { officeId: { in: [...scope.officeIds] } };
}

/** The same person scope as a predicate, for the in-memory matching index. */
export function personVisibleTo(scope: Scope): (person: { officeId: number; originCode: string }) => boolean {
  switch (scope.role) {
    case "ADMIN":
      return () => true;
    case "PARTNER": {
      const prefix = scope.originPrefix || "\u0000";
      return (p) => p.originCode.startsWith(prefix);
    }
    default: {
      if (scope.officeIds === "ALL") return () => true;
      const offices = new Set(scope.officeIds);
      return (p) => offices.has(p.officeId);
    }
  }
}
