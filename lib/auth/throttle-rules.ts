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
