// Sign-in (lib/auth/options.ts authorizeLogin) against PostgreSQL: the audit rows, the failure
// counters per account and per address, and the lock, which is a row and so survives a restart.
// authorizeLogin sleeps from the 3rd failure of an account on (0.5 s, 1 s, 2 s, 4 s), so these
// tests spend a few seconds waiting by design.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { authorizeLogin, LOGIN_ERRORS } from "@/lib/auth/options";
import { THROTTLE } from "@/lib/auth/throttle-rules";
import { actorIn, freshOffice, suffix } from "./helpers";

const PASSWORD = "correct-horse-battery-9";

function address(): string {
  return `203.0.113.${Math.floor(Math.random() * 250)}-${suffix()}`;
}

async function newUser(options: { active?: boolean } = {}) {
  const office = await freshOffice("3202");
  const actor = await actorIn(office.id, "CASEWORKER", { password: PASSWORD });
  if (options.active === false) await db().user.update({ where: { id: actor.user.id }, data: { active: false } });
  return actor.user;
}

/** The error message authorizeLogin threw, or "ok". */
async function attempt(username: string, password: string, from: string, login = authorizeLogin): Promise<string> {
  try {
    await login({ username, password }, from);
    return "ok";
  } catch (error) {
    return (error as Error).message;
  }
}

// Read with a connection of its own, not the app's client: the lock is in the database.
let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

async function throttleRow(key: string) {
  const { rows } = await client.query<{ failures: number; first_failure_at: Date; locked_until: Date | null }>(
    "SELECT failures, first_failure_at, locked_until FROM login_throttles WHERE key = $1",
    [key],
  );
  return rows[0] ?? null;
}

async function auditActions(userId: number) {
  const rows = await db().auditEvent.findMany({ where: { actorId: userId }, orderBy: { id: "asc" } });
  return rows.map((r) => [r.action, r.entityType, r.entityId, r.changes]);
}

describe("authorizeLogin", () => {
  it("the right password returns the user with their session version and writes auth.login", async () => {
    const user = await newUser();
    const from = address();
    const result = await authorizeLogin({ username: user.username, password: PASSWORD }, from);
    expect(result).toEqual({ id: String(user.id), name: user.displayName, sv: 1 });
    expect(await auditActions(user.id)).toEqual([["auth.login", "user", String(user.id), { address: from }]]);
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastLoginAt).toBeInstanceOf(Date);
  });

  it("a wrong password throws INVALID_CREDENTIALS, counts a failure per account and per address, and writes auth.login_failed", async () => {
    const user = await newUser();
    const from = address();
    expect(await attempt(user.username, "wrong-password-1", from)).toBe(LOGIN_ERRORS.invalid);
    expect(await throttleRow(`account:${user.username}`)).toMatchObject({ failures: 1, locked_until: null });
    expect(await throttleRow(`address:${from}`)).toMatchObject({ failures: 1, locked_until: null });
    expect(await auditActions(user.id)).toEqual([["auth.login_failed", "user", String(user.id), { address: from }]]);

    expect(await attempt(user.username, "wrong-password-2", from)).toBe(LOGIN_ERRORS.invalid);
    expect(await throttleRow(`account:${user.username}`)).toMatchObject({ failures: 2 });
    expect(await throttleRow(`address:${from}`)).toMatchObject({ failures: 2 });

    // A success clears the account's count.
    expect(await attempt(user.username, PASSWORD, from)).toBe("ok");
    expect(await throttleRow(`account:${user.username}`)).toBeNull();
  });

  it("an unknown username fails the same way and is counted, with no audit row", async () => {
    const username = `nobody_${suffix()}`;
    const from = address();
    expect(await attempt(username, PASSWORD, from)).toBe(LOGIN_ERRORS.invalid);
    expect(await throttleRow(`account:${username}`)).toMatchObject({ failures: 1 });
    expect(await db().auditEvent.count({ where: { action: "auth.login_failed", changes: { equals: { address: from } } } })).toBe(0);
  });

  it("a deactivated account cannot sign in, even with the right password", async () => {
    const user = await newUser({ active: false });
    expect(await attempt(user.username, PASSWORD, address())).toBe(LOGIN_ERRORS.invalid);
    expect((await auditActions(user.id)).map((a) => a[0])).toEqual(["auth.login_failed"]);
  });

  it("malformed credentials are INVALID_CREDENTIALS, not a crash", async () => {
    await expect(authorizeLogin(undefined, address())).rejects.toThrow(LOGIN_ERRORS.invalid);
    await expect(authorizeLogin({ username: "", password: "" }, address())).rejects.toThrow(LOGIN_ERRORS.invalid);
  });

  it("after 5 failures the account is LOCKED, even with the right password and from another address; the lock is a row", async () => {
    const user = await newUser();
    const from = address();
    const answers: string[] = [];
    for (let i = 0; i < THROTTLE.lockAccountAfter; i++) answers.push(await attempt(user.username, `wrong-${i}`, from));
    expect(answers.slice(0, 4)).toEqual(Array(4).fill(LOGIN_ERRORS.invalid));
    expect(answers[4]).toMatch(/^LOCKED:\d{4}-\d{2}-\d{2}T/);

    const row = await throttleRow(`account:${user.username}`);
    expect(row?.failures).toBe(5);
    const lockedFor = row!.locked_until!.getTime() - Date.now();
    expect(lockedFor).toBeGreaterThan((THROTTLE.lockMinutes - 1) * 60_000);
    expect(lockedFor).toBeLessThanOrEqual(THROTTLE.lockMinutes * 60_000);

    // The right password, from a new address: still locked, and told until when.
    const locked = await attempt(user.username, PASSWORD, address());
    expect(locked).toBe(`${LOGIN_ERRORS.locked}:${row!.locked_until!.toISOString()}`);

    // A restart: fresh modules (no state in memory can carry the lock) still refuse.
    vi.resetModules();
    const restarted = await import("@/lib/auth/options");
    expect(await attempt(user.username, PASSWORD, address(), restarted.authorizeLogin)).toMatch(/^LOCKED:/);

    const actions = (await auditActions(user.id)).map((a) => a[0]);
    expect(actions).toEqual(Array(5).fill("auth.login_failed"));
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { lastLoginAt: true } })).toEqual({ lastLoginAt: null });
  });

  it("once the lock has expired the right password works again and clears the count", async () => {
    const user = await newUser();
    const key = `account:${user.username}`;
    const past = new Date(Date.now() - 60_000);
    await db().loginThrottle.create({ data: { key, failures: 5, firstFailureAt: new Date(Date.now() - 20 * 60_000), lastFailureAt: past, lockedUntil: past } });
    expect(await attempt(user.username, PASSWORD, address())).toBe("ok");
    expect(await throttleRow(key)).toBeNull();
  });

  it("20 failures from one address lock that address for every account", async () => {
    const user = await newUser();
    const from = address();
    // Each try names a different account, so no account is slowed or locked.
    for (let i = 1; i < THROTTLE.lockAddressAfter; i++) {
      expect(await attempt(`nobody_${suffix()}`, "guess", from)).toBe(LOGIN_ERRORS.invalid);
    }
    // The failure that locks the address says so, with the lock's end as stored.
    const locking = await attempt(`nobody_${suffix()}`, "guess", from);
    const row = await throttleRow(`address:${from}`);
    expect(locking).toBe(`${LOGIN_ERRORS.locked}:${row!.locked_until!.toISOString()}`);
    expect(row?.failures).toBe(THROTTLE.lockAddressAfter);
    expect(row?.locked_until).not.toBeNull();

    expect(await attempt(user.username, PASSWORD, from)).toBe(`${LOGIN_ERRORS.locked}:${row!.locked_until!.toISOString()}`);
    expect(await attempt(user.username, PASSWORD, address())).toBe("ok");
  });

  it("a failure after an expired lock is an ordinary failure, not LOCKED", async () => {
    const user = await newUser();
    const key = `account:${user.username}`;
    const past = new Date(Date.now() - 60_000);
    await db().loginThrottle.create({ data: { key, failures: 5, firstFailureAt: new Date(Date.now() - 20 * 60_000), lastFailureAt: past, lockedUntil: past } });
    const answer = await attempt(user.username, "wrong-again", address());
    expect(await throttleRow(key)).toMatchObject({ failures: 1, locked_until: null });
    expect(answer).toBe(LOGIN_ERRORS.invalid);
  });

  it("a failure after the window has passed is an ordinary failure, not LOCKED", async () => {
    const user = await newUser();
    const key = `account:${user.username}`;
    const old = new Date(Date.now() - (THROTTLE.windowMinutes + 5) * 60_000);
    await db().loginThrottle.create({ data: { key, failures: 4, firstFailureAt: old, lastFailureAt: old, lockedUntil: null } });
    const answer = await attempt(user.username, "wrong-again", address());
    expect(await throttleRow(key)).toMatchObject({ failures: 1, locked_until: null });
    expect(answer).toBe(LOGIN_ERRORS.invalid);
  });
});
