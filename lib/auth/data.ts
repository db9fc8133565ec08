import "server-only";
import { db } from "@/lib/db";
import { THROTTLE, type ThrottleState } from "@/lib/auth/throttle-rules";

export async function getUserForLogin(username: string) {
  return db().user.findUnique({
    where: { username },
    select: { id: true, username: true, passwordHash: true, active: true, sessionVersion: true, role: true, officeId: true, locale: true, displayName: true },
  });
}

/** The signed-in user as the database has them now (role, office, still active, session version). */
export async function getSessionUser(userId: number) {
  return db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      officeId: true,
      locale: true,
      active: true,
      sessionVersion: true,
      office: { select: { id: true, name: true, nameEn: true, regionCode: true, kind: true } },
    },
  });
}

export async function listOfficeIdsInRegion(regionPrefix: string): Promise<number[]> {
  const offices = await db().office.findMany({
    where: { regionCode: { startsWith: regionPrefix } },
    select: { id: true },
  });
  return offices.map((o) => o.id);
}

export async function getThrottles(keys: string[]): Promise<Map<string, ThrottleState>> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: keys } } });
  return new Map(rows.map((r) => [r.key, r]));
}

export const ACCOUNT_LOCK_AFTER = THROTTLE.lockAccountAfter;
export const ADDRESS_LOCK_AFTER = THROTTLE.lockAddressAfter;
