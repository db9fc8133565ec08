import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { clientAddress, delayFor, isLocked } from "@/lib/auth/throttle-rules";
import {
  ACCOUNT_LOCK_AFTER,
  ADDRESS_LOCK_AFTER,
  getThrottles,
  getUserForLogin,
} from "@/lib/auth/data";
import { recordLoginFailure, recordLoginOutcome } from "@/lib/auth/mutations";

// Error strings the login form maps to messages ("LOCKED:<iso time>" carries the lock's end).
export const LOGIN_ERRORS = { invalid: "INVALID_CREDENTIALS", locked: "LOCKED" } as const;

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
});

function loginAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  return clientAddress(typeof forwarded === "string" ? forwarded : undefined, env().TRUSTED_PROXIES);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function authorizeLogin(
  raw: unknown,
  address: string,
): Promise<{ id: string; name: string; sv: number } | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(LOGIN_ERRORS.invalid);
  const { username, password } = parsed.data;
  const accountKey = `account:${username.toLowerCase()}`;
  const addressKey = `address:${address}`;
  const now = new Date();

  const throttles = await getThrottles([accountKey, addressKey]);
  const lockedUntil = isLocked(throttles.get(accountKey) ?? null, now) ?? isLocked(throttles.get(addressKey) ?? null, now);
  if (lockedUntil) throw new Error(`${LOGIN_ERRORS.locked}:${lockedUntil.toISOString()}`);

  const user = await getUserForLogin(username);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || !user.active) {
    const states = await recordLoginFailure([
      { key: accountKey, lockAfter: ACCOUNT_LOCK_AFTER },
      { key: addressKey, lockAfter: ADDRESS_LOCK_AFTER },
    ]);
    if (user) await recordLoginOutcome(user, "auth.login_failed", address);
    const account = states.get(accountKey);
    await sleep(delayFor(account?.failures ?? 1));
    const lock = account?.lockedUntil ?? states.get(addressKey)?.lockedUntil ?? null;
    if (lock) throw new Error(`${LOGIN_ERRORS.locked}:${lock.toISOString()}`);
    throw new Error(LOGIN_ERRORS.invalid);
  }

  await recordLoginOutcome(user, "auth.login", address, accountKey);
  return { id: String(user.id), name: user.displayName, sv: user.sessionVersion };
}

export function authOptions(): NextAuthOptions {
  const maxAge = env().SESSION_MAX_AGE_HOURS * 3600;
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { username: { type: "text" }, password: { type: "password" } },
        authorize: (credentials, req) =>
          authorizeLogin(credentials, loginAddress(req?.headers as Record<string, unknown> | undefined)),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.sv = (user as { sv?: number }).sv ?? 1;
        }
        return token;
      },
      session({ session, token }) {
        // The session gate re-reads the user; the token only names who they are.
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
  };
}
