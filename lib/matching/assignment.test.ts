import { describe, expect, it } from "vitest";
import highsLoader from "highs";
import { greedyAssignment, solveAssignment, solveDrive, type AssignmentInput, type Candidate, type Pricing } from "@/lib/matching/assignment";

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

// ---- solveDrive: the drive's solver (reverse step, epsilon-scaling, column generation)

type Pair = { person: number; vacancy: number; value: number };

let highsInstance: ReturnType<typeof highsLoader> | undefined;

/** The optimum of the LP over `pairs` (HiGHS; integral, the constraint matrix being totally
 *  unimodular): the exact optimum of the assignment. */
async function lpOptimum(pairs: readonly Pair[], people: number, capacity: readonly number[]): Promise<number> {
  const usable = pairs.filter((p) => capacity[p.vacancy]! > 0);
  if (!usable.length) return 0;
  const highs = await (highsInstance ??= highsLoader());
  const personRows: string[][] = Array.from({ length: people }, () => []);
  const vacancyRows: string[][] = capacity.map(() => []);
  const terms = usable.map(({ person, vacancy, value }) => {
    const x = `x${person}_${vacancy}`;
    personRows[person]!.push(x);
    vacancyRows[vacancy]!.push(x);
    return `${value} ${x}`;
  });
  const sum = (list: string[]) => list.reduce((out, term, k) => out + (k ? (k % 8 === 0 ? "\n + " : " + ") : " ") + term, "");
  const text =
    `Maximize\n obj:${sum(terms)}\nSubject To\n` +
    personRows.map((r, i) => (r.length ? ` p${i}:${sum(r)} <= 1\n` : "")).join("") +
    vacancyRows.map((r, j) => (r.length ? ` v${j}:${sum(r)} <= ${capacity[j]}\n` : "")).join("") +
    `End\n`;
  const solution = highs.solve(text, { output_flag: false });
  if (solution.Status !== "Optimal") throw new Error(`HiGHS: ${solution.Status}`);
  return solution.ObjectiveValue;
}

/** Random pairs on the 0.1 grid (many ties), some people with none, some vacancies without openings. */
function drivePairs(seed: number) {
  const r = random(seed);
  const people = 3 + Math.floor(r() * 60);
  const vacancies = 1 + Math.floor(r() * 25);
  const density = 0.1 + r() * 0.8;
  const capacity = Array.from({ length: vacancies }, () => Math.floor(r() * 4));
  const pairs: Pair[] = [];
  for (let i = 0; i < people; i++) for (let j = 0; j < vacancies; j++) if (r() < density) pairs.push({ person: i, vacancy: j, value: Math.round(1 + r() * 999) / 10 });
  return { people, capacity, pairs, k: Math.floor(r() * 4) };
}

/** Each person's top k pairs and the (k+1)-th value, as a drive's first lists. */
function topLists(pairs: readonly Pair[], people: number, k: number) {
  const byPerson: Candidate[][] = Array.from({ length: people }, () => []);
  for (const p of pairs) byPerson[p.person]!.push({ vacancy: p.vacancy, value: p.value });
  for (const list of byPerson) list.sort((a, b) => b.value - a.value || a.vacancy - b.vacancy);
  return { candidates: byPerson.map((l) => l.slice(0, k)), outsideBound: byPerson.map((l) => l[k]?.value ?? 0) };
}

/** Pricing by looking at every pair, as the callback's contract says. */
function pricingOver(pairs: readonly Pair[], calls: { persons: number; pairs: number }[] = []): Pricing {
  return ({ persons, vacancies, profit, prices, limit }) => {
    const only = vacancies ? new Set(vacancies) : null;
    const asked = new Set(persons);
    const found: Pair[] = [];
    for (const person of asked) {
      const mine = pairs
        .filter((p) => p.person === person && (!only || only.has(p.vacancy)) && p.value - prices[p.vacancy]! > profit[person]!)
        .sort((a, b) => b.value - prices[b.vacancy]! - (a.value - prices[a.vacancy]!) || a.vacancy - b.vacancy);
      found.push(...mine.slice(0, limit));
    }
    calls.push({ persons: persons.length, pairs: found.length });
    return found;
  };
}

function expectFeasible(result: { assigned: Int32Array; values: Float64Array; total: number }, pairs: readonly Pair[], capacity: readonly number[]) {
  const value = new Map(pairs.map((p) => [`${p.person}:${p.vacancy}`, p.value]));
  const used = capacity.map(() => 0);
  let total = 0;
  result.assigned.forEach((j, i) => {
    if (j < 0) return;
    used[j]!++;
    expect(value.get(`${i}:${j}`)).toBe(result.values[i]);
    total += result.values[i]!;
  });
  used.forEach((u, j) => expect(u).toBeLessThanOrEqual(capacity[j]!));
  expect(result.total).toBeCloseTo(total, 6);
}

describe("solveDrive", () => {
  it("starting from lists of 0-3 per person, reaches the exact optimum over every pair within 0.01%, and its bound holds", { timeout: 120_000 }, async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { people, capacity, pairs, k } = drivePairs(seed);
      const optimum = await lpOptimum(pairs, people, capacity);
      const result = solveDrive({ ...topLists(pairs, people, k), capacity, pricing: pricingOver(pairs), perRound: 1 + (seed % 3) });
      expectFeasible(result, pairs, capacity);
      expect(result.complete).toBe(true);
      expect(result.upperBound).toBeGreaterThanOrEqual(optimum - 1e-6);
      expect(result.total).toBeGreaterThanOrEqual(optimum * (1 - 1e-4) - 1e-6);
      expect(result.gap).toBeGreaterThanOrEqual(0);
      expect(result.gap).toBeLessThanOrEqual(1e-4 + 1e-9);
    }
  });

  it("without pricing, is optimal over the lists (brute force) and within the stated gap", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const input = instance(seed, 6, 4);
      const exact = bruteForce(input);
      const result = solveDrive(input);
      expect(result.total).toBeGreaterThanOrEqual(exact * (1 - 1e-4) - 1e-9);
      expect(result.upperBound).toBeGreaterThanOrEqual(exact - 1e-9);
      expect(result.gap).toBeLessThanOrEqual(1e-4 + 1e-9);
    }
  });

  it("gives an opening left by someone who moved to the one it left out", () => {
    // A takes vacancy 0 first (its only candidate) and prices B out of it; pricing then finds
    // vacancy 1, worth far more to A. When A moves, the opening A leaves must come down to what
    // B pays, or B stays out and the answer falls short of the bound by its old price.
    const pairs: Pair[] = [
      { person: 0, vacancy: 0, value: 50 },
      { person: 0, vacancy: 1, value: 90 },
      { person: 1, vacancy: 0, value: 40 },
    ];
    const calls: { persons: number; pairs: number }[] = [];
    const result = solveDrive({ candidates: [[{ vacancy: 0, value: 50 }], [{ vacancy: 0, value: 40 }]], capacity: [1, 1], outsideBound: [90, 0], pricing: pricingOver(pairs, calls) });
    expect([...result.assigned]).toEqual([1, 0]);
    expect(result.total).toBe(130);
    expect(result.gap).toBeLessThanOrEqual(1e-4);
    expect(result.rounds).toBe(2);
    expect(calls[0]).toEqual({ persons: 1, pairs: 1 }); // only A could gain: B's list is complete
  });

  it("stopped before column generation ends, still states a bound that holds", { timeout: 60_000 }, async () => {
    for (let seed = 100; seed < 120; seed++) {
      const { people, capacity, pairs } = drivePairs(seed);
      const optimum = await lpOptimum(pairs, people, capacity);
      const result = solveDrive({ ...topLists(pairs, people, 1), capacity, pricing: pricingOver(pairs), perRound: 1, maxRounds: 1 });
      expectFeasible(result, pairs, capacity);
      expect(result.upperBound).toBeGreaterThanOrEqual(optimum - 1e-6);
      expect(result.rounds).toBeLessThanOrEqual(1);
    }
  });

  it("ignores what the pricing returns that is already listed or does not beat the profit", () => {
    const pairs: Pair[] = [{ person: 0, vacancy: 0, value: 10 }];
    const noisy: Pricing = () => [{ person: 0, vacancy: 0, value: 10 }];
    const result = solveDrive({ candidates: [[{ vacancy: 0, value: 10 }]], capacity: [1], pricing: noisy });
    expectFeasible(result, pairs, [1]);
    expect(result.total).toBe(10);
    expect(result.complete).toBe(true);
    expect(result.added).toBe(0);
  });

  it("handles nobody, no openings and people without candidates", () => {
    expect(solveDrive({ candidates: [], capacity: [2] })).toMatchObject({ total: 0, upperBound: 0, gap: 0 });
    const result = solveDrive({ candidates: [[], [{ vacancy: 0, value: 5 }]], capacity: [0, 1], pricing: pricingOver([{ person: 0, vacancy: 1, value: 7 }]) });
    expect([...result.assigned]).toEqual([1, -1]);
    expect(result.total).toBe(7);
  });
});
