// Pure rules for slowing and locking repeated failed logins (per account and per address).
export const THROTTLE = {
  windowMinutes: 15,
  slowAfter: 3, // from the 3rd failure on, each answer is delayed
  maxDelayMs: 4000,
  lockAccountAfter: 5,
  lockAddressAfter: 20,
  lockMinutes: 15,
} as const;

export type ThrottleState = { failures: number; firstFailureAt: Date; lockedUntil: Date | null };

export function isLocked(state: ThrottleState | null, now: Date): Date | null {
  if (state?.lockedUntil && state.lockedUntil > now) return state.lockedUntil;
  return null;
}

export function delayFor(failures: number): number {
  if (failures < THROTTLE.slowAfter) return 0;
  return Math.min(THROTTLE.maxDelayMs, 500 * 2 ** (failures - THROTTLE.slowAfter));
}

/** The state after one more failure. Failures outside the window start a new count. */
export function afterFailure(
  state: ThrottleState | null,
  now: Date,
  lockAfter: number,
): ThrottleState {
  const windowStart = now.getTime() - THROTTLE.windowMinutes * 60_000;
  const fresh = !state || state.firstFailureAt.getTime() < windowStart || (state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = fresh ? 1 : state.failures + 1;
  const lockedUntil = failures >= lockAfter ? new Date(now.getTime() + THROTTLE.lockMinutes * 60_000) : null;
  return { failures, firstFailureAt: fresh ? now : state.firstFailureAt, lockedUntil };
}

/**
 * The address a login came from, for the per-address lock. X-Forwarded-For lists an address per
 * hop, the client's own claim first: only what our own proxies appended can be believed, so the
 * address is the entry `trustedProxies` from the right (1: the one reverse proxy in front of the
 * app, or none, since Next.js fills the header with the socket's address when it is absent).
 * Reached directly, a client can still send the header itself; the per-account lock holds anyway.
 */
export function clientAddress(forwardedFor: string | undefined, trustedProxies: number): string {
  const chain = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return chain[Math.max(0, chain.length - trustedProxies)] ?? "unknown";
}
