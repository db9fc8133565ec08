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

/** A binary min-heap of slot prices for one vacancy; the slot holders travel with them. */
class SlotHeap {
  prices: number[];
  holders: number[];
  constructor(capacity: number) {
    this.prices = new Array(capacity).fill(0);
    this.holders = new Array(capacity).fill(-1);
  }
  get size() {
    return this.prices.length;
  }
  minPrice() {
    return this.prices[0]!;
  }
  /** The second-cheapest price (a bidder's alternative within the same vacancy). */
  secondPrice() {
    const n = this.prices.length;
    if (n < 2) return Infinity;
    if (n === 2) return this.prices[1]!;
    return Math.min(this.prices[1]!, this.prices[2]!);
  }
  /** Gives the cheapest slot to `holder` at `price`; returns the previous holder. */
  replaceMin(price: number, holder: number): number {
    const previous = this.holders[0]!;
    this.prices[0] = price;
    this.holders[0] = holder;
    let i = 0;
    const n = this.prices.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.prices[l]! < this.prices[m]!) m = l;
      if (r < n && this.prices[r]! < this.prices[m]!) m = r;
      if (m === i) break;
      [this.prices[i], this.prices[m]] = [this.prices[m]!, this.prices[i]!];
      [this.holders[i], this.holders[m]] = [this.holders[m]!, this.holders[i]!];
      i = m;
    }
    return previous;
  }
}

export function solveAssignment(input: AssignmentInput): AssignmentResult {
  const n = input.candidates.length;
  const maxValue = input.candidates.reduce((m, list) => list.reduce((x, c) => Math.max(x, c.value), m), 0);
  // Optimal within n * epsilon; values are scores 0-100, so this keeps the gap tiny.
  const epsilon = input.epsilon ?? Math.max(1e-6, maxValue / Math.max(1, n) / 1000);
  const heaps = input.capacity.map((c) => new SlotHeap(Math.max(0, c)));
  const assigned = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  for (let i = n - 1; i >= 0; i--) if (input.candidates[i]!.length) queue.push(i);
  let iterations = 0;

  while (queue.length) {
    const i = queue.pop()!;
    iterations++;
    let best = -1;
    let bestNet = 0; // staying unassigned is worth 0
    let secondNet = 0;
    for (const c of input.candidates[i]!) {
      const heap = heaps[c.vacancy]!;
      if (heap.size === 0) continue;
      const net = c.value - heap.minPrice();
      if (net > bestNet) {
        secondNet = Math.max(bestNet, c.value - heap.secondPrice());
        bestNet = net;
        best = c.vacancy;
      } else if (net > secondNet) {
        secondNet = net;
      }
    }
    // Every option costs more than it is worth: this person stays unassigned, and since
    // prices only rise, that stays true.
    if (best < 0) continue;
    const heap = heaps[best]!;
    const price = heap.minPrice() + (bestNet - Math.max(0, secondNet)) + epsilon;
    const outbid = heap.replaceMin(price, i);
    assigned[i] = best;
    if (outbid >= 0) {
      assigned[outbid] = -1;
      queue.push(outbid);
    }
  }

  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = assigned[i]!;
    if (v >= 0) total += input.candidates[i]!.find((c) => c.vacancy === v)!.value;
  }
  // Dual: every slot's price plus every person's best net value at those prices (at least 0,
  // and at least what any vacancy outside their list could be worth, at price 0).
  let upperBound = 0;
  for (const heap of heaps) for (const p of heap.prices) upperBound += p;
  for (let i = 0; i < n; i++) {
    let profit = Math.max(0, input.outsideBound?.[i] ?? 0);
    for (const c of input.candidates[i]!) {
      const heap = heaps[c.vacancy]!;
      if (heap.size) profit = Math.max(profit, c.value - heap.minPrice());
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
