import { describe, expect, it } from "vitest";
import { greedyAssignment, solveAssignment, type AssignmentInput } from "@/lib/matching/assignment";

/** Exact optimum by enumeration, for small instances. */
function bruteForce(input: AssignmentInput): number {
  const left = [...input.capacity];
  let best = 0;
  const visit = (i: number, total: number) => {
    if (i === input.candidates.length) {
      best = Math.max(best, total);
      return;
    }
    visit(i + 1, total);
    for (const c of input.candidates[i]!) {
      if (left[c.vacancy]! > 0) {
        left[c.vacancy]!--;
        visit(i + 1, total + c.value);
        left[c.vacancy]!++;
      }
    }
  };
  visit(0, 0);
  return best;
}

function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function instance(seed: number, people: number, vacancies: number): AssignmentInput {
  const r = random(seed);
  return {
    capacity: Array.from({ length: vacancies }, () => 1 + Math.floor(r() * 2)),
    candidates: Array.from({ length: people }, () =>
      Array.from({ length: vacancies }, (_, v) => ({ vacancy: v, value: Math.round(r() * 1000) / 10 })).filter(() => r() < 0.7),
    ),
  };
}

describe("auction assignment", () => {
  // Enumeration is exponential: small instances, and time for a loaded machine.
  it("matches the exact optimum on small random instances, and its bound holds", { timeout: 30_000 }, () => {
    for (let seed = 1; seed <= 30; seed++) {
      const input = instance(seed, 6, 4);
      const exact = bruteForce(input);
      const result = solveAssignment({ ...input, epsilon: 1e-4 });
      expect(result.total).toBeGreaterThanOrEqual(exact - 6 * 1e-4);
      expect(result.upperBound).toBeGreaterThanOrEqual(exact - 1e-9);
      // Feasible: nobody twice, no vacancy over its openings, only candidate pairs.
      const used = new Array(input.capacity.length).fill(0);
      result.assigned.forEach((v, i) => {
        if (v < 0) return;
        used[v]++;
        expect(input.candidates[i]!.some((c) => c.vacancy === v)).toBe(true);
      });
      used.forEach((u, v) => expect(u).toBeLessThanOrEqual(input.capacity[v]!));
    }
  });

  it("beats greedy where greedy is short-sighted", () => {
    // Greedy gives A the job both want most; the optimum sends B there and A elsewhere.
    const input: AssignmentInput = {
      capacity: [1, 1],
      candidates: [
        [{ vacancy: 0, value: 90 }, { vacancy: 1, value: 80 }],
        [{ vacancy: 0, value: 85 }],
      ],
    };
    expect(greedyAssignment(input).total).toBe(90);
    const result = solveAssignment(input);
    expect(result.total).toBe(165);
    expect([...result.assigned]).toEqual([1, 0]);
    expect(result.gap).toBeLessThan(0.001);
  });

  it("leaves people unassigned when openings run out, and reports a small gap", () => {
    const input = instance(99, 40, 5);
    const result = solveAssignment(input);
    expect([...result.assigned].filter((v) => v >= 0).length).toBeLessThanOrEqual(input.capacity.reduce((a, b) => a + b, 0));
    expect(result.gap).toBeLessThan(0.001);
  });

  it("counts what lies outside the candidate lists in its bound", () => {
    const input: AssignmentInput = { capacity: [1], candidates: [[{ vacancy: 0, value: 50 }]], outsideBound: [70] };
    const result = solveAssignment(input);
    expect(result.total).toBe(50);
    expect(result.upperBound).toBeGreaterThanOrEqual(70);
  });
});
