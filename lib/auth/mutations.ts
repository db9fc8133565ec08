import "server-only";
import { db } from "@/lib/db";
import { afterFailure, type ThrottleState } from "@/lib/auth/throttle-rules";
import { recordAudit } from "@/lib/audit/mutations";

/** One more failure for each key, computed from the stored row inside a row lock; returns the
 *  new state of each key, which is what the caller must tell the user. */
export async function recordLoginFailure(keys: { key: string; lockAfter: number }[], now = new Date()): Promise<Map<string, ThrottleState>> {
  return db().$transaction(async (tx) => {
    const states = new Map<string, ThrottleState>();
    for (const { key, lockAfter } of keys) {
      await tx.$executeRaw`INSERT INTO login_throttles (key, failures, first_failure_at, last_failure_at)
        VALUES (${key}, 0, ${now}, ${now}) ON CONFLICT (key) DO NOTHING`;
      const [row] = await tx.$queryRaw<ThrottleState[]>`
        SELECT failures, first_failure_at AS "firstFailureAt", locked_until AS "lockedUntil"
        FROM login_throttles WHERE key = ${key} FOR UPDATE`;
      const next = afterFailure(row && row.failures > 0 ? row : null, now, lockAfter);
      await tx.loginThrottle.update({
        where: { key },
        data: { failures: next.failures, firstFailureAt: next.firstFailureAt, lastFailureAt: now, lockedUntil: next.lockedUntil },
      });
      states.set(key, next);
    }
    return states;
  });
}


/** A sign-in and its audit row, together; a success also clears the account's failures. */
export async function recordLoginOutcome(
  user: { id: number; officeId: number },
  action: "auth.login" | "auth.login_failed",
  address: string,
  clearKey?: string,
) {
  await db().$transaction(async (tx) => {
    if (action === "auth.login") {
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
      if (clearKey) await tx.loginThrottle.deleteMany({ where: { key: clearKey } });
    }
    await recordAudit(tx, { userId: user.id, officeId: user.officeId }, { action, entityType: "user", entityId: user.id, changes: { address } });
  });
}
