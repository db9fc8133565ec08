import { describe, expect, it } from "vitest";
import { assertCan, can, PERMISSIONS, type Permission } from "@/lib/auth/policy";
import { createScope, householdScopeWhere, personScopeWhere, type Role } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";

const ROLES: Role[] = ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"];

describe("permissions", () => {
  // The rows for people, households, users and the audit log, written out: a change to who may
  // see or change personal data shows up here on purpose.
  const expected: Partial<Record<Permission, Role[]>> = {
    "person.view": ["ADMIN", "SUPERVISOR", "CASEWORKER", "PARTNER"],
    "person.create": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
    "person.update": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
    "person.reveal_id": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
    "person.reassign_caseworker": ["ADMIN", "SUPERVISOR"],
    "household.update": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
    "audit.view": ["ADMIN", "SUPERVISOR", "CASEWORKER"],
    "user.manage": ["ADMIN"],
  };

  it("match the table for personal data", () => {
    for (const [permission, roles] of Object.entries(expected) as [Permission, Role[]][]) {
      expect(PERMISSIONS).toHaveProperty([permission]);
      for (const role of ROLES) expect(can(role, permission), `${role} ${permission}`).toBe(roles.includes(role));
    }
  });

  it("name only real roles, each once, and an admin may do everything", () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS) as [Permission, readonly Role[]][]) {
      expect(new Set(roles).size, permission).toBe(roles.length);
      for (const role of roles) expect(ROLES, permission).toContain(role);
      expect(can("ADMIN", permission), permission).toBe(true);
    }
  });

  it("a partner only reads: no create, update, reveal or household change", () => {
    for (const permission of ["person.create", "person.update", "person.reveal_id", "household.update", "user.manage"] as const) {
      expect(() => assertCan({ role: "PARTNER" }, permission)).toThrow(AppError);
    }
    expect(() => assertCan({ role: "PARTNER" }, "person.view")).not.toThrow();
  });

  it("assertCan throws FORBIDDEN", () => {
    try {
      assertCan({ role: "CASEWORKER" }, "user.manage");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("FORBIDDEN");
    }
  });
});

describe("personScopeWhere / householdScopeWhere", () => {
  const base = { userId: 1, officeId: 10 };

  it("an admin is not restricted", () => {
    const scope = createScope({ ...base, role: "ADMIN", officeIds: "ALL", originPrefix: null });
    expect(personScopeWhere(scope)).toEqual({});
    expect(householdScopeWhere(scope)).toEqual({});
  });

  it("a caseworker sees their offices", () => {
    const scope = createScope({ ...base, role: "CASEWORKER", officeIds: [10], originPrefix: null });
    expect(personScopeWhere(scope)).toEqual({ officeId: { in: [10] } });
    expect(householdScopeWhere(scope)).toEqual({ officeId: { in: [10] } });
  });

  it("a supervisor sees every office of the region", () => {
    const scope = createScope({ ...base, role: "SUPERVISOR", officeIds: [10, 11, 12], originPrefix: null });
    expect(personScopeWhere(scope)).toEqual({ officeId: { in: [10, 11, 12] } });
  });

  it("a caseworker or supervisor with no offices sees nothing (not everything)", () => {
    const scope = createScope({ ...base, role: "SUPERVISOR", officeIds: [], originPrefix: null });
    expect(personScopeWhere(scope)).toEqual({ officeId: { in: [] } });
  });

  it("a partner sees people by origin, households through them", () => {
    const scope = createScope({ ...base, role: "PARTNER", officeIds: [10], originPrefix: "520625" });
    expect(personScopeWhere(scope)).toEqual({ originDivisionCode: { startsWith: "520625" } });
    expect(householdScopeWhere(scope)).toEqual({ persons: { some: { originDivisionCode: { startsWith: "520625" } } } });
  });

  it("a partner without a region matches no one", () => {
    const scope = createScope({ ...base, role: "PARTNER", officeIds: [10], originPrefix: null });
    const where = personScopeWhere(scope) as { originDivisionCode: { startsWith: string } };
    expect(where.originDivisionCode.startsWith).not.toBe("");
    expect(/^\d/.test(where.originDivisionCode.startsWith)).toBe(false);
  });
});
