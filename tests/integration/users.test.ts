// User administration against PostgreSQL: only admins manage users, a role change or
// deactivation ends sessions (session_version), an admin cannot demote themselves, and every
// change has its audit row.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authorizeLogin, LOGIN_ERRORS } from "@/lib/auth/options";
import { verifyPassword } from "@/lib/auth/password";
import { listUsers } from "@/lib/users/data";
import { createUser, logoutEverywhere, resetUserPassword, setUserLocale, updateUser } from "@/lib/users/mutations";
import { createUserSchema, resetPasswordSchema, updateUserSchema } from "@/lib/users/schema";
import { actorIn, auditBy, expectAppError, freshOffice, suffix, type Actor } from "./helpers";

async function userRow(id: number) {
  return db().user.findUniqueOrThrow({ where: { id } });
}

function newUserInput(officeId: number, overrides: Record<string, unknown> = {}) {
  return createUserSchema.parse({ username: `new_${suffix()}`, displayName: "新专员", role: "CASEWORKER", officeId, password: "a-long-password-1", ...overrides });
}

describe("users", () => {
  let officeId: number;
  let admin: Actor;

  beforeAll(async () => {
    officeId = (await freshOffice("32")).id;
    admin = await actorIn(officeId, "ADMIN");
  });

  it("only an admin manages users: caseworker, supervisor and partner get FORBIDDEN and nothing is written", async () => {
    const target = await actorIn(officeId, "CASEWORKER");
    const targetBefore = await userRow(target.user.id);
    for (const role of ["CASEWORKER", "SUPERVISOR", "PARTNER"] as const) {
      const actor = await actorIn(officeId, role);
      const input = newUserInput(officeId, { role: "ADMIN" });
      await expectAppError(createUser(actor.scope, input), "FORBIDDEN");
      expect(await db().user.count({ where: { username: input.username } })).toBe(0);
      await expectAppError(updateUser(actor.scope, target.user.id, updateUserSchema.parse({ version: 1, displayName: "改名", role: "ADMIN", officeId, active: true })), "FORBIDDEN");
      await expectAppError(listUsers(actor.scope), "FORBIDDEN");
      await expectAppError(resetUserPassword(actor.scope, target.user.id, resetPasswordSchema.parse({ password: "taken-over-123" })), "FORBIDDEN");
      // Nor can they promote themselves.
      await expectAppError(updateUser(actor.scope, actor.user.id, updateUserSchema.parse({ version: 1, displayName: "我", role: "ADMIN", officeId, active: true })), "FORBIDDEN");
      expect((await userRow(actor.user.id)).role).toBe(role);
      expect(await auditBy(actor.user.id)).toEqual([]);
    }
    expect(await userRow(target.user.id)).toEqual(targetBefore);
  });

  it("an admin lists every user", async () => {
    const other = await actorIn((await freshOffice("5206", "ORIGIN_BUREAU")).id, "PARTNER");
    const ids = (await listUsers(admin.scope)).map((u) => u.id);
    expect(ids).toContain(other.user.id);
    expect(ids).toContain(admin.user.id);
    expect(JSON.stringify(await listUsers(admin.scope))).not.toContain("argon2");
  });

  it("an admin creates a user: a password hash, never the password, and user.created", async () => {
    const input = newUserInput(officeId, { username: ` New_${suffix()} ` });
    const { id } = await createUser(admin.scope, input);
    const row = await userRow(id);
    expect(row).toMatchObject({ username: input.username, displayName: "新专员", role: "CASEWORKER", officeId, active: true, sessionVersion: 1, version: 1 });
    expect(row.username).toBe(row.username.toLowerCase());
    expect(row.passwordHash).not.toContain(input.password);
    expect(await verifyPassword(row.passwordHash, input.password)).toBe(true);
    const [audit] = (await auditBy(admin.user.id)).filter((a) => a.action === "user.created" && a.entityId === String(id));
    expect(audit!.changes).toEqual({ username: input.username, displayName: "新专员", role: "CASEWORKER", officeId });
    expect(JSON.stringify(audit!.changes)).not.toContain(input.password);
  });

  it("a taken username is a field error, and writes nothing", async () => {
    const existing = await actorIn(officeId, "CASEWORKER");
    const auditBefore = (await auditBy(admin.user.id)).length;
    const error = await expectAppError(createUser(admin.scope, newUserInput(officeId, { username: existing.user.username })), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { username: "validation.usernameTaken" } });
    expect((await auditBy(admin.user.id)).length).toBe(auditBefore);
  });

  it("a user in an office that does not exist is refused", async () => {
    const input = newUserInput(2_000_000_000);
    await expectAppError(createUser(admin.scope, input), "VALIDATION");
    expect(await db().user.count({ where: { username: input.username } })).toBe(0);
  });

  it("a role change bumps the session version (ending the user's sessions) and writes user.updated", async () => {
    const target = await actorIn(officeId, "CASEWORKER");
    const result = await updateUser(admin.scope, target.user.id, updateUserSchema.parse({ version: 1, displayName: target.user.displayName, role: "SUPERVISOR", officeId, active: true }));
    expect(result).toEqual({ id: target.user.id });
    expect(await userRow(target.user.id)).toMatchObject({ role: "SUPERVISOR", version: 2, sessionVersion: 2 });
    const [audit] = (await auditBy(admin.user.id)).filter((a) => a.action === "user.updated" && a.entityId === String(target.user.id));
    expect(audit!.changes).toEqual({ role: ["CASEWORKER", "SUPERVISOR"] });
  });

  it("a new display name alone leaves sessions alone", async () => {
    const target = await actorIn(officeId, "CASEWORKER");
    await updateUser(admin.scope, target.user.id, updateUserSchema.parse({ version: 1, displayName: "新名字", role: "CASEWORKER", officeId, active: true }));
    expect(await userRow(target.user.id)).toMatchObject({ displayName: "新名字", version: 2, sessionVersion: 1 });
  });

  it("moving a user to another office or deactivating them ends their sessions; a deactivated user cannot sign in", async () => {
    const password = "before-deactivation-1";
    const target = await actorIn(officeId, "CASEWORKER", { password });
    const otherOffice = (await freshOffice("3205")).id;
    await updateUser(admin.scope, target.user.id, updateUserSchema.parse({ version: 1, displayName: target.user.displayName, role: "CASEWORKER", officeId: otherOffice, active: true }));
    expect(await userRow(target.user.id)).toMatchObject({ officeId: otherOffice, sessionVersion: 2 });
    await updateUser(admin.scope, target.user.id, updateUserSchema.parse({ version: 2, displayName: target.user.displayName, role: "CASEWORKER", officeId: otherOffice, active: false }));
    expect(await userRow(target.user.id)).toMatchObject({ active: false, sessionVersion: 3, version: 3 });
    await expect(authorizeLogin({ username: target.user.username, password }, `198.51.100.1-${suffix()}`)).rejects.toThrow(LOGIN_ERRORS.invalid);
  });

  it("an admin cannot demote or deactivate themselves; nothing is written", async () => {
    const self = await actorIn(officeId, "ADMIN");
    const before = await userRow(self.user.id);
    for (const change of [{ role: "SUPERVISOR", active: true }, { role: "ADMIN", active: false }]) {
      const error = await expectAppError(updateUser(self.scope, self.user.id, updateUserSchema.parse({ version: 1, displayName: "我", officeId, ...change })), "VALIDATION");
      expect(error.details).toEqual({ fieldErrors: { role: "validation.selfDemote" } });
    }
    expect(await userRow(self.user.id)).toEqual(before);
    expect(await auditBy(self.user.id)).toEqual([]);
    // Another admin may.
    await updateUser(admin.scope, self.user.id, updateUserSchema.parse({ version: 1, displayName: self.user.displayName, role: "SUPERVISOR", officeId, active: true }));
    expect((await userRow(self.user.id)).role).toBe("SUPERVISOR");
  });

  it("with a stale version: CONFLICT and nothing written", async () => {
    const target = await actorIn(officeId, "CASEWORKER");
    await updateUser(admin.scope, target.user.id, updateUserSchema.parse({ version: 1, displayName: "第一次", role: "CASEWORKER", officeId, active: true }));
    const before = await userRow(target.user.id);
    const error = await expectAppError(updateUser(admin.scope, target.user.id, updateUserSchema.parse({ version: 1, displayName: "第二次", role: "ADMIN", officeId, active: true })), "CONFLICT");
    expect(error.details).toEqual({ currentVersion: 2 });
    expect(await userRow(target.user.id)).toEqual(before);
  });

  it("moving a user to an office that does not exist is a field error", async () => {
    const target = await actorIn(officeId, "CASEWORKER");
    await expectAppError(updateUser(admin.scope, target.user.id, updateUserSchema.parse({ version: 1, displayName: "x", role: "CASEWORKER", officeId: 2_000_000_000, active: true })), "VALIDATION");
  });

  it("updating a user who does not exist is NOT_FOUND", async () => {
    await expectAppError(updateUser(admin.scope, 2_000_000_000, updateUserSchema.parse({ version: 1, displayName: "x", role: "CASEWORKER", officeId, active: true })), "NOT_FOUND");
  });

  it("logoutEverywhere bumps the session version and writes auth.logout_everywhere", async () => {
    const actor = await actorIn(officeId, "PARTNER");
    await logoutEverywhere(actor.scope);
    await logoutEverywhere(actor.scope);
    expect(await userRow(actor.user.id)).toMatchObject({ sessionVersion: 3, version: 1 });
    expect((await auditBy(actor.user.id)).map((a) => [a.action, a.entityId])).toEqual([
      ["auth.logout_everywhere", String(actor.user.id)],
      ["auth.logout_everywhere", String(actor.user.id)],
    ]);
  });

  it("anyone may reset their own password: the old one stops working and sessions end", async () => {
    const oldPassword = "old-password-123";
    const actor = await actorIn(officeId, "CASEWORKER", { password: oldPassword });
    await resetUserPassword(actor.scope, actor.user.id, resetPasswordSchema.parse({ password: "new-password-456" }));
    const row = await userRow(actor.user.id);
    expect(row.sessionVersion).toBe(2);
    expect(await verifyPassword(row.passwordHash, "new-password-456")).toBe(true);
    expect(await verifyPassword(row.passwordHash, oldPassword)).toBe(false);
    expect((await auditBy(actor.user.id)).map((a) => a.action)).toEqual(["user.password_reset"]);
    const login = await authorizeLogin({ username: actor.user.username, password: "new-password-456" }, `198.51.100.2-${suffix()}`);
    expect(login).toMatchObject({ id: String(actor.user.id), sv: 2 });
  });

  it("setUserLocale saves the language once and records the change", async () => {
    const actor = await actorIn(officeId, "CASEWORKER");
    await setUserLocale(actor.scope, "en");
    await setUserLocale(actor.scope, "en");
    expect((await userRow(actor.user.id)).locale).toBe("en");
    const audit = await auditBy(actor.user.id);
    expect(audit.map((a) => [a.action, a.changes])).toEqual([["user.updated", { locale: ["zh-CN", "en"] }]]);
  });
});
