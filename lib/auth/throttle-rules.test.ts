import { describe, expect, it } from "vitest";
import { afterFailure, clientAddress, delayFor, isLocked, THROTTLE, type ThrottleState } from "@/lib/auth/throttle-rules";

const T0 = new Date("2026-03-01T08:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** The state after `count` failures, one a minute from T0. */
function failuresFromT0(count: number, lockAfter: number = THROTTLE.lockAccountAfter): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (let i = 0; i < count; i++) state = afterFailure(state, minutes(i), lockAfter);
  return state;
}

describe("delayFor", () => {
  it("answers the first two failures at once", () => {
    expect(delayFor(0)).toBe(0);
    expect(delayFor(1)).toBe(0);
    expect(delayFor(2)).toBe(0);
  });

  it("doubles from the third failure on, then stays at the cap", () => {
    const delays = [3, 4, 5, 6, 7, 8, 50, 1000].map(delayFor);
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000, 4000, 4000, 4000]);
    for (let n = 1; n < 30; n++) expect(delayFor(n + 1)).toBeGreaterThanOrEqual(delayFor(n));
    expect(Math.max(...Array.from({ length: 100 }, (_, n) => delayFor(n)))).toBe(THROTTLE.maxDelayMs);
  });
});

describe("afterFailure", () => {
  it("the first failure starts a count of one at that moment", () => {
    expect(afterFailure(null, T0, 5)).toEqual({ failures: 1, firstFailureAt: T0, lockedUntil: null });
  });

  it("counts failures inside the window and keeps the first moment", () => {
    const state = failuresFromT0(4);
    expect(state).toEqual({ failures: 4, firstFailureAt: T0, lockedUntil: null });
  });

  it("locks the account on the 5th failure in the window, for 15 minutes", () => {
    expect(THROTTLE.lockAccountAfter).toBe(5);
    const state = failuresFromT0(5);
    expect(state?.failures).toBe(5);
    expect(state?.lockedUntil).toEqual(new Date(minutes(4).getTime() + THROTTLE.lockMinutes * 60_000));
  });

  it("an address is locked only after 20 failures", () => {
    expect(failuresFromT0(14, THROTTLE.lockAddressAfter)?.lockedUntil).toBeNull();
    // 20 failures inside one 15-minute window: one every 30 seconds.
    let state: ThrottleState | null = null;
    for (let i = 0; i < 20; i++) {
      state = afterFailure(state, new Date(T0.getTime() + i * 30_000), THROTTLE.lockAddressAfter);
      if (i < 19) expect(state.lockedUntil).toBeNull();
    }
    expect(state?.failures).toBe(20);
    expect(state?.lockedUntil).not.toBeNull();
  });

  it("starts a new count once the first failure is older than the window", () => {
    const four = failuresFromT0(4)!;
    const late = minutes(THROTTLE.windowMinutes + 1);
    expect(afterFailure(four, late, 5)).toEqual({ failures: 1, firstFailureAt: late, lockedUntil: null });
    // Exactly at the window's edge the old count still holds.
    const edge = minutes(THROTTLE.windowMinutes);
    expect(afterFailure(four, edge, 5)).toMatchObject({ failures: 5, firstFailureAt: T0 });
  });

  it("starts a new count once a lock has expired", () => {
    const locked = failuresFromT0(5)!;
    const after = new Date(locked.lockedUntil!.getTime() + 1);
    expect(afterFailure(locked, after, 5)).toEqual({ failures: 1, firstFailureAt: after, lockedUntil: null });
  });

  it("a failure during a lock extends it", () => {
    const locked = failuresFromT0(5)!;
    const during = minutes(6);
    const next = afterFailure(locked, during, 5);
    expect(next.failures).toBe(6);
    expect(next.lockedUntil).toEqual(new Date(during.getTime() + THROTTLE.lockMinutes * 60_000));
  });
});

describe("isLocked", () => {
  it("no state, or no lock: not locked", () => {
    expect(isLocked(null, T0)).toBeNull();
    expect(isLocked({ failures: 4, firstFailureAt: T0, lockedUntil: null }, T0)).toBeNull();
  });

  it("locked until the lock's end, and not at or after it", () => {
    const state = failuresFromT0(5)!;
    const until = state.lockedUntil!;
    expect(isLocked(state, minutes(5))).toEqual(until);
    expect(isLocked(state, new Date(until.getTime() - 1))).toEqual(until);
    expect(isLocked(state, until)).toBeNull();
    expect(isLocked(state, new Date(until.getTime() + 60_000))).toBeNull();
  });
});

describe("clientAddress", () => {
  it("believes only what the trusted proxies appended to X-Forwarded-For", () => {
    // Behind one proxy that appends: a forged first entry is ignored.
    expect(clientAddress("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", 1)).toBe("203.0.113.7");
    // Behind two (a load balancer, then nginx): the address the outer one saw.
    expect(clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    // Fewer entries than proxies: the first there is.
    expect(clientAddress("203.0.113.7", 3)).toBe("203.0.113.7");
  });

  it("answers 'unknown' without a header", () => {
    expect(clientAddress(undefined, 1)).toBe("unknown");
    expect(clientAddress(" , ", 1)).toBe("unknown");
  });
});
