// Batch assignment for recruitment drives: maximise the total fit of people to vacancies under
// each vacancy's openings, people free to stay unassigned. Bertsekas' auction algorithm, in a
// single phase from zero prices (epsilon-scaling gives wrong answers when people may stay
// unassigned: MATCHING.md), over each person's top candidates. It returns a dual bound, so the
// answer says how far from optimal it can at most be.

export type Candidate = { vacancy: number; value: number };

export type AssignmentInput = {
  /** For each person (index), their candidate vacancies (indices) with values > 0. */
  candidates: readonly (readonly Candidate[])[];
  /** Openings per vacancy (index). */
  capacity: readonly number[];
  /** For each person, an upper bound on the value of any vacancy NOT in their candidate list
   *  (e.g. the (K+1)-th best value when candidates are the top K), 0 if the list is complete. */
  outsideBound?: readonly number[];
  epsilon?: number;
};

export type AssignmentResult = {
  /** Vacancy index per person, or -1. */
  assigned: Int32Array;
  total: number;
  /** An upper bound on the optimum of the full problem (weak duality). */
  upperBound: number;
  /** (upperBound - total) / upperBound: how far from optimal the answer can at most be. */
  gap: number;
  iterations: number;
};

/**
 * The openings of every vacancy as binary min-heaps of slot prices (the slot holders travel with
 * them), all in two flat arrays: vacancy j's heap is [start[j], start[j + 1]). One allocation
 * instead of one heap object per vacancy, and the cheapest price of every vacancy, read for
 * every candidate of every bid, in one small array.
 */
class SlotHeaps {
  readonly start: Int32Array;
  readonly prices: Float64Array;
  readonly holders: Int32Array;
  constructor(capacity: readonly number[]) {
    this.start = new Int32Array(capacity.length + 1);
    for (let j = 0; j < capacity.length; j++) this.start[j + 1] = this.start[j]! + Math.max(0, capacity[j]!);
    const slots = this.start[capacity.length]!;
    this.prices = new Float64Array(slots);
    this.holders = new Int32Array(slots).fill(-1);
  }
  size(j: number) {
    return this.start[j + 1]! - this.start[j]!;
  }
  minPrice(j: number) {
    return this.prices[this.start[j]!]!;
  }
  /** The second-cheapest price (a bidder's alternative within the same vacancy). */
  secondPrice(j: number) {
    const base = this.start[j]!;
    const n = this.start[j + 1]! - base;
    if (n < 2) return Infinity;
    if (n === 2) return this.prices[base + 1]!;
    return Math.min(this.prices[base + 1]!, this.prices[base + 2]!);
  }
  /** Gives vacancy j's cheapest slot to `holder` at `price`; returns the previous holder. */
  replaceMin(j: number, price: number, holder: number): number {
    const base = this.start[j]!;
    const n = this.start[j + 1]! - base;
    const prices = this.prices;
    const holders = this.holders;
    const previous = holders[base]!;
    prices[base] = price;
    holders[base] = holder;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && prices[base + l]! < prices[base + m]!) m = l;
      if (r < n && prices[base + r]! < prices[base + m]!) m = r;
      if (m === i) break;
      const p = prices[base + i]!;
      prices[base + i] = prices[base + m]!;
      prices[base + m] = p;
      const h = holders[base + i]!;
      holders[base + i] = holders[base + m]!;
      holders[base + m] = h;
      i = m;
    }
    return previous;
  }
}

export function solveAssignment(input: AssignmentInput): AssignmentResult {
  const n = input.candidates.length;
  // The candidate lists flattened (person i's are [first[i], first[i + 1])), in their order.
  const first = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) first[i + 1] = first[i]! + input.candidates[i]!.length;
  const vacancyOf = new Int32Array(first[n]!);
  const valueOf = new Float64Array(first[n]!);
  let maxValue = 0;
  for (let i = 0; i < n; i++) {
    let k = first[i]!;
    for (const c of input.candidates[i]!) {
      vacancyOf[k] = c.vacancy;
      valueOf[k++] = c.value;
      maxValue = Math.max(maxValue, c.value);
    }
  }
  // Optimal within n * epsilon; values are scores 0-100, so this keeps the gap tiny.
  const epsilon = input.epsilon ?? Math.max(1e-6, maxValue / Math.max(1, n) / 1000);
  const heaps = new SlotHeaps(input.capacity);
  const assigned = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  for (let i = n - 1; i >= 0; i--) if (first[i + 1]! > first[i]!) queue.push(i);
  let iterations = 0;

  while (queue.length) {
    const i = queue.pop()!;
    iterations++;
    let best = -1;
    let bestNet = 0; // staying unassigned is worth 0
    let secondNet = 0;
    for (let k = first[i]!, end = first[i + 1]!; k < end; k++) {
      const j = vacancyOf[k]!;
      if (heaps.size(j) === 0) continue;
      const value = valueOf[k]!;
      const net = value - heaps.minPrice(j);
      if (net > bestNet) {
        secondNet = Math.max(bestNet, value - heaps.secondPrice(j));
        bestNet = net;
        best = j;
      } else if (net > secondNet) {
        secondNet = net;
      }
    }
    // Every option costs more than it is worth: this person stays unassigned, and since
    // prices only rise, that stays true.
    if (best < 0) continue;
    const price = heaps.minPrice(best) + (bestNet - Math.max(0, secondNet)) + epsilon;
    const outbid = heaps.replaceMin(best, price, i);
    assigned[i] = best;
    if (outbid >= 0) {
      assigned[outbid] = -1;
      queue.push(outbid);
    }
  }

  // The value of a person's assignment: their first candidate entry for that vacancy.
  const valueAt = (i: number, j: number) => {
    for (let k = first[i]!, end = first[i + 1]!; k < end; k++) if (vacancyOf[k] === j) return valueOf[k]!;
    throw new Error("assigned outside the candidate list");
  };
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = assigned[i]!;
    if (v >= 0) total += valueAt(i, v);
  }
  // Dual: every slot's price plus every person's best net value at those prices (at least 0,
  // and at least what any vacancy outside their list could be worth, at price 0).
  let upperBound = 0;
  for (let s = 0; s < heaps.prices.length; s++) upperBound += heaps.prices[s]!;
  for (let i = 0; i < n; i++) {
    let profit = Math.max(0, input.outsideBound?.[i] ?? 0);
    for (let k = first[i]!, end = first[i + 1]!; k < end; k++) {
      const j = vacancyOf[k]!;
      if (heaps.size(j)) profit = Math.max(profit, valueOf[k]! - heaps.minPrice(j));
    }
    upperBound += profit;
  }
  upperBound = Math.max(upperBound, total);
  return { assigned, total, upperBound, gap: upperBound > 0 ? (upperBound - total) / upperBound : 0, iterations };
}

/** Greedy by descending value: the baseline the auction must beat. */
export function greedyAssignment(input: AssignmentInput): { assigned: Int32Array; total: number } {
  const pairs: { person: number; vacancy: number; value: number }[] = [];
  input.candidates.forEach((list, person) => list.forEach((c) => pairs.push({ person, vacancy: c.vacancy, value: c.value })));
  pairs.sort((a, b) => b.value - a.value);
  const left = [...input.capacity];
  const assigned = new Int32Array(input.candidates.length).fill(-1);
  let total = 0;
  for (const p of pairs) {
    if (assigned[p.person]! >= 0 || left[p.vacancy]! <= 0) continue;
    assigned[p.person] = p.vacancy;
    left[p.vacancy]!--;
    total += p.value;
  }
  return { assigned, total };
}
