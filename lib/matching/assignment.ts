// Batch assignment for recruitment drives: maximise the total fit of people to vacancies under
// each vacancy's openings, people free to stay unassigned. Bertsekas' auction algorithm, with a
// dual bound, so the answer says how far from optimal it can at most be.
// - solveDrive (what drives run): epsilon-scaling made correct by a reverse step, and column
//   generation, so the answer is within 0.01% of the optimum over every pair and proves it.
// - solveAssignment: a single phase from zero prices over fixed candidate lists, its bound
//   counting the best value outside each list at price 0 (what drives ran before; the bench
//   compares the two).

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
  /** Restores vacancy j's heap after its prices were changed in place. */
  heapify(j: number) {
    const base = this.start[j]!;
    const n = this.start[j + 1]! - base;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(base, n, i);
  }
  private siftDown(base: number, n: number, from: number) {
    const prices = this.prices;
    const holders = this.holders;
    let i = from;
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

// ---------------------------------------------------------------------------------------------
// The drive's solver: the auction with a reverse step, epsilon-scaling and column generation.
//
// solveAssignment above answers over fixed lists from zero prices, and its bound counts the best
// value outside each list at price 0: on 10,000 people x 5,000 vacancies that bound is 0.7% above
// the answer, and the lists themselves (each person's top 100) lose 0.1% of the optimum.
// solveDrive instead keeps prices between runs and proves the answer against EVERY pair:
//   1. Prices per opening (SlotHeaps). Forward bids as above (an unassigned person takes the
//      cheapest opening of their best vacancy, raising its price by their margin + epsilon).
//   2. A reverse step (Bertsekas' forward/reverse auction for problems where both sides may stay
//      unmatched): an opening left empty at a positive price (its holder moved on) lowers its price
//      to what the second most interested person would pay and takes the most interested one, or
//      drops to 0 with every opening of its vacancy when nobody wants it. This is what makes warm
//      starts correct: without it an empty opening keeps a price nobody pays, and the answer falls
//      short of the bound by that price (why single-phase epsilon-scaling went wrong, MATCHING.md).
//   3. Epsilon-scaling: a large epsilon first, then smaller ones from the prices reached, until
//      people x epsilon is at most 1e-4 of the total; only people whose epsilon-complementary
//      slackness the smaller epsilon breaks bid again.
//   4. Column generation: at the final prices every pair outside the lists is priced out (the
//      `pricing` callback: pairs whose value less the vacancy's price exceeds the person's
//      profit violate dual feasibility); those pairs join the lists, the people they would move
//      bid again from the current prices, and this repeats until no pair is left.
// Then u_i = max(0, max_j v_ij - p_j) over all pairs and the bound sum_i u_i + sum_j cap_j p_j
// (p_j the cheapest opening of j) is a feasible dual of the LP: an upper bound on the optimum,
// within people x epsilon of the answer when column generation ran to the end.

/** What a drive's pricing step asks: for each of `persons`, the vacancies (all of them, or
 *  those of `vacancies`) with value - prices[vacancy] > profit[person]. */
export type PricingRequest = {
  persons: Int32Array;
  vacancies: Int32Array | null;
  profit: Float64Array;
  prices: Float64Array;
  /** At most this many per person: the largest value - price first (ties: lower index). */
  limit: number;
};
export type Pricing = (request: PricingRequest) => { person: number; vacancy: number; value: number }[];

export type DriveInput = {
  /** Each person's first candidates (any pairs of value > 0; typically their top k). */
  candidates: readonly (readonly Candidate[])[];
  capacity: readonly number[];
  /** Per person, no pair outside their list is worth more (the (k+1)-th value for top-k lists).
   *  Without `pricing` it enters the bound; with it, it spares people who cannot gain from the
   *  pricing pass. Default: 0 without pricing (the lists are complete), Infinity with it. */
  outsideBound?: readonly number[];
  /** Prices out the pairs outside the lists; without it only the lists are considered. */
  pricing?: Pricing;
  /** The final epsilon. Default: the largest with people x epsilon <= 1e-4 of the total. */
  epsilon?: number;
  /** Pairs added per person per pricing round (default 10). */
  perRound?: number;
  /** Stop column generation after this many rounds (default 100); the bound stays valid. */
  maxRounds?: number;
  /** Stop column generation once this many ms have passed since the start (default none). */
  timeBudgetMs?: number;
};

export type DriveResult = AssignmentResult & {
  /** The value of each person's assignment (0 if none). */
  values: Float64Array;
  epsilon: number;
  /** Pricing rounds run, pairs they added to the lists. */
  rounds: number;
  added: number;
  /** No pair outside the lists prices out: the bound covers every pair at the final prices. */
  complete: boolean;
};

/** Relative guarantee the default epsilon aims at: people x epsilon <= this x total. */
const EPSILON_SHARE = 1e-4;

class DriveAuction {
  readonly n: number;
  readonly m: number;
  // The lists as growable arrays per person and, for the bids, flattened.
  private readonly listVacancy: number[][];
  private readonly listValue: number[][];
  first = new Int32Array(0);
  vacancyOf = new Int32Array(0);
  valueOf = new Float64Array(0);
  // Who lists each vacancy (rebuilt with the lists, for the reverse step).
  private revFirst = new Int32Array(0);
  private revPerson = new Int32Array(0);
  private revValue = new Float64Array(0);
  private revStale = true;
  readonly heaps: SlotHeaps;
  readonly assigned: Int32Array;
  readonly value: Float64Array;
  /** What each person gets: value less the price of their opening (0 if unassigned). */
  readonly profit: Float64Array;
  bids = 0;
  private readonly stack: number[] = [];
  private readonly emptied: number[] = [];
  private readonly inEmptied: Uint8Array;

  constructor(candidates: readonly (readonly Candidate[])[], capacity: readonly number[]) {
    this.n = candidates.length;
    this.m = capacity.length;
    this.listVacancy = candidates.map((list) => list.map((c) => c.vacancy));
    this.listValue = candidates.map((list) => list.map((c) => c.value));
    this.heaps = new SlotHeaps(capacity);
    this.assigned = new Int32Array(this.n).fill(-1);
    this.value = new Float64Array(this.n);
    this.profit = new Float64Array(this.n);
    this.inEmptied = new Uint8Array(this.m);
    this.flatten();
  }

  private flatten() {
    const n = this.n;
    const first = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) first[i + 1] = first[i]! + this.listVacancy[i]!.length;
    const vacancyOf = new Int32Array(first[n]!);
    const valueOf = new Float64Array(first[n]!);
    for (let i = 0; i < n; i++) {
      vacancyOf.set(this.listVacancy[i]!, first[i]!);
      valueOf.set(this.listValue[i]!, first[i]!);
    }
    this.first = first;
    this.vacancyOf = vacancyOf;
    this.valueOf = valueOf;
    this.revStale = true;
  }

  private reverseLists() {
    const m = this.m;
    const revFirst = new Int32Array(m + 1);
    for (let k = 0; k < this.vacancyOf.length; k++) revFirst[this.vacancyOf[k]! + 1]!++;
    for (let j = 0; j < m; j++) revFirst[j + 1]! += revFirst[j]!;
    const at = revFirst.slice(0, m);
    const revPerson = new Int32Array(this.vacancyOf.length);
    const revValue = new Float64Array(this.vacancyOf.length);
    for (let i = 0; i < this.n; i++) {
      for (let k = this.first[i]!, end = this.first[i + 1]!; k < end; k++) {
        const slot = at[this.vacancyOf[k]!]!++;
        revPerson[slot] = i;
        revValue[slot] = this.valueOf[k]!;
      }
    }
    this.revFirst = revFirst;
    this.revPerson = revPerson;
    this.revValue = revValue;
    this.revStale = false;
  }

  /** Adds pairs to the lists (not those already there); returns how many were new. */
  add(pairs: readonly { person: number; vacancy: number; value: number }[]): number {
    let added = 0;
    for (const { person, vacancy, value } of pairs) {
      if (this.listVacancy[person]!.includes(vacancy)) continue;
      this.listVacancy[person]!.push(vacancy);
      this.listValue[person]!.push(value);
      added++;
    }
    if (added) this.flatten();
    return added;
  }

  maxValue(): number {
    let max = 0;
    for (let k = 0; k < this.valueOf.length; k++) max = Math.max(max, this.valueOf[k]!);
    return max;
  }

  /** People with at least one candidate. */
  bidders(): number {
    let count = 0;
    for (let i = 0; i < this.n; i++) if (this.first[i + 1]! > this.first[i]!) count++;
    return count;
  }

  /** The cheapest opening of every vacancy (Infinity for none). */
  minPrices(): Float64Array {
    const out = new Float64Array(this.m);
    for (let j = 0; j < this.m; j++) out[j] = this.heaps.size(j) ? this.heaps.minPrice(j) : Infinity;
    return out;
  }

  /** Each person's best net value over their list at the current prices, at least 0. */
  listDual(): Float64Array {
    const u = new Float64Array(this.n);
    const { first, vacancyOf, valueOf, heaps } = this;
    for (let i = 0; i < this.n; i++) {
      let best = 0;
      for (let k = first[i]!, end = first[i + 1]!; k < end; k++) {
        const j = vacancyOf[k]!;
        if (heaps.size(j)) best = Math.max(best, valueOf[k]! - heaps.minPrice(j));
      }
      u[i] = best;
    }
    return u;
  }

  /** Takes person i out of their opening (left empty at its price) and onto the bidders. */
  release(i: number) {
    const j = this.assigned[i]!;
    if (j >= 0) {
      const { start, holders } = this.heaps;
      for (let s = start[j]!, end = start[j + 1]!; s < end; s++) {
        if (holders[s] === i) {
          holders[s] = -1;
          break;
        }
      }
      this.markEmptied(j);
      this.assigned[i] = -1;
      this.value[i] = 0;
      this.profit[i] = 0;
    }
    this.stack.push(i);
  }

  private markEmptied(j: number) {
    if (!this.inEmptied[j]) {
      this.inEmptied[j] = 1;
      this.emptied.push(j);
    }
  }

  /** Everyone with candidates bids (the first run). */
  enqueueAll() {
    for (let i = this.n - 1; i >= 0; i--) if (this.first[i + 1]! > this.first[i]!) this.stack.push(i);
  }

  /** Forward bids until nobody who wants a vacancy at its price is left without one. */
  forward(epsilon: number) {
    const { first, vacancyOf, valueOf, heaps, assigned, stack } = this;
    while (stack.length) {
      const i = stack.pop()!;
      if (assigned[i]! >= 0) continue;
      this.bids++;
      let best = -1;
      let bestNet = 0; // staying unassigned is worth 0
      let secondNet = 0;
      let bestValue = 0;
      for (let k = first[i]!, end = first[i + 1]!; k < end; k++) {
        const j = vacancyOf[k]!;
        if (heaps.size(j) === 0) continue;
        const value = valueOf[k]!;
        const net = value - heaps.minPrice(j);
        if (net > bestNet) {
          secondNet = Math.max(bestNet, value - heaps.secondPrice(j));
          bestNet = net;
          best = j;
          bestValue = value;
        } else if (net > secondNet) {
          secondNet = net;
        }
      }
      if (best < 0) {
        this.profit[i] = 0;
        continue;
      }
      const price = heaps.minPrice(best) + (bestNet - Math.max(0, secondNet)) + epsilon;
      const outbid = heaps.replaceMin(best, price, i);
      assigned[i] = best;
      this.value[i] = bestValue;
      this.profit[i] = bestValue - price;
      if (outbid >= 0) {
        assigned[outbid] = -1;
        this.value[outbid] = 0;
        this.profit[outbid] = 0;
        stack.push(outbid);
      }
    }
  }

  /**
   * Reverse steps until no opening is empty at a positive price. An empty opening of vacancy a
   * looks at everyone listing a who does not hold one of its openings: the one who gains most
   * (w = value - profit) takes it at the second one's w - epsilon (at least 0), and no opening
   * of a stays dearer than that; if nobody gains more than epsilon every opening of a drops to 0.
   * Nobody loses an opening here, everyone's profit only rises, epsilon-complementary slackness
   * holds throughout, and each step raises a profit by at least epsilon, so it ends.
   */
  reverse(epsilon: number) {
    const { heaps, assigned, profit, emptied } = this;
    const { start, prices, holders } = heaps;
    while (emptied.length) {
      const a = emptied.pop()!;
      this.inEmptied[a] = 0;
      for (;;) {
        const base = start[a]!;
        const end = start[a + 1]!;
        let open = -1;
        for (let s = base; s < end; s++) {
          if (holders[s] === -1 && prices[s]! > 0) {
            open = s;
            break;
          }
        }
        if (open < 0) break;
        if (this.revStale) this.reverseLists();
        let who = -1;
        let bestW = -Infinity;
        let secondW = -Infinity;
        let whoValue = 0;
        for (let r = this.revFirst[a]!, rEnd = this.revFirst[a + 1]!; r < rEnd; r++) {
          const k = this.revPerson[r]!;
          if (assigned[k] === a) continue;
          const w = this.revValue[r]! - profit[k]!;
          if (w > bestW) {
            secondW = bestW;
            bestW = w;
            who = k;
            whoValue = this.revValue[r]!;
          } else if (w > secondW) {
            secondW = w;
          }
        }
        if (who < 0 || bestW <= epsilon) {
          for (let s = base; s < end; s++) {
            if (holders[s]! >= 0) profit[holders[s]!]! += prices[s]!;
            prices[s] = 0;
          }
          break;
        }
        const price = Math.max(0, secondW - epsilon);
        for (let s = base; s < end; s++) {
          if (holders[s]! >= 0 && prices[s]! > price) {
            profit[holders[s]!]! += prices[s]! - price;
            prices[s] = price;
          }
        }
        const from = assigned[who]!;
        prices[open] = price;
        holders[open] = who;
        heaps.heapify(a);
        if (from >= 0) {
          for (let s = start[from]!, fEnd = start[from + 1]!; s < fEnd; s++) {
            if (holders[s] === who) {
              holders[s] = -1;
              break;
            }
          }
          if (!this.inEmptied[from]) {
            this.inEmptied[from] = 1;
            emptied.push(from);
          }
        }
        assigned[who] = a;
        this.value[who] = whoValue;
        profit[who] = whoValue - price;
        this.bids++;
      }
    }
  }

  /** People whose best net value beats their profit by more than epsilon bid again. */
  rebidSlack(epsilon: number): number {
    const u = this.listDual();
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      if (u[i]! > this.profit[i]! + epsilon) {
        this.release(i);
        count++;
      }
    }
    return count;
  }

  run(epsilon: number) {
    this.forward(epsilon);
    this.reverse(epsilon);
  }

  total(): number {
    let total = 0;
    for (let i = 0; i < this.n; i++) if (this.assigned[i]! >= 0) total += this.value[i]!;
    return total;
  }
}

/**
 * The assignment of a recruitment drive, optimal within people x epsilon over every pair the
 * `pricing` callback can find (or over the lists without it), with a dual bound that proves it.
 */
export function solveDrive(input: DriveInput): DriveResult {
  const started = performance.now();
  const auction = new DriveAuction(input.candidates, input.capacity);
  const n = auction.n;
  const pricing = input.pricing;
  // An upper bound, per person, on value - price over the pairs outside their list, at the
  // current prices of every vacancy whose price has not dropped since it was computed.
  const outside = new Float64Array(n);
  for (let i = 0; i < n; i++) outside[i] = Math.max(0, input.outsideBound?.[i] ?? (pricing ? Infinity : 0));
  // ... and on the value itself, whatever the prices: nobody whose profit is at least this can
  // gain from a pair outside their list, so the pricing passes them by.
  const ceiling = outside.slice();

  // Epsilon-scaling: from 5% of the largest value down to the final epsilon, after the first
  // bids and again after each round of column generation (new pairs and people make the final
  // epsilon smaller). Epsilon stays above 0: the auction ends because every bid raises a price
  // by at least epsilon.
  let epsilon = 0;
  const settle = () => {
    const maxValue = auction.maxValue();
    if (maxValue <= 0) return;
    const floor = maxValue * 1e-12;
    const target = () => Math.max(floor, input.epsilon ?? (EPSILON_SHARE * auction.total()) / Math.max(1, auction.bidders()));
    if (epsilon <= 0) epsilon = Math.max(maxValue * 0.05, target());
    auction.run(epsilon);
    for (let goal = target(); epsilon > goal; goal = target()) {
      epsilon = Math.max(goal, epsilon / 5);
      auction.rebidSlack(epsilon);
      auction.run(epsilon);
    }
  };
  auction.enqueueAll();
  settle();

  // Column generation.
  let rounds = 0;
  let added = 0;
  let complete = !pricing;
  const perRound = Math.max(1, input.perRound ?? 10);
  const maxRounds = input.maxRounds ?? 100;
  let checkedAt: Float64Array | null = null;
  while (pricing) {
    const prices = auction.minPrices();
    const u = auction.listDual();
    const dropped: number[] = [];
    if (checkedAt) for (let j = 0; j < auction.m; j++) if (prices[j]! < checkedAt[j]!) dropped.push(j);
    checkedAt = prices;
    const whole: number[] = [];
    const some: number[] = [];
    for (let i = 0; i < n; i++) {
      if (ceiling[i]! <= u[i]!) {
        // Nothing to gain now; what prices do meanwhile is not followed, so if their profit
        // ever falls below the ceiling they are scanned whole.
        outside[i] = ceiling[i]!;
        continue;
      }
      if (outside[i]! > u[i]!) whole.push(i);
      else if (dropped.length) some.push(i);
    }
    const found = [
      ...(whole.length ? pricing({ persons: Int32Array.from(whole), vacancies: null, profit: u, prices, limit: perRound + 1 }) : []),
      ...(some.length ? pricing({ persons: Int32Array.from(some), vacancies: Int32Array.from(dropped), profit: u, prices, limit: perRound + 1 }) : []),
    ];
    rounds++;
    // What is left outside each list: below u (not found), or below the last one found when
    // more were found than are added.
    for (const i of whole) outside[i] = u[i]!;
    for (const i of some) outside[i] = Math.max(outside[i]!, u[i]!);
    const byPerson = new Map<number, { person: number; vacancy: number; value: number }[]>();
    for (const pair of found) {
      const margin = pair.value - prices[pair.vacancy]!;
      if (!(margin > u[pair.person]!)) continue; // not a violation (defensive: the callback's job)
      const list = byPerson.get(pair.person) ?? [];
      if (!list.length) byPerson.set(pair.person, list);
      list.push(pair);
    }
    const adding: { person: number; vacancy: number; value: number }[] = [];
    const movers: number[] = [];
    for (const [i, list] of byPerson) {
      list.sort((a, b) => b.value - prices[b.vacancy]! - (a.value - prices[a.vacancy]!) || a.vacancy - b.vacancy);
      if (list.length > perRound) outside[i] = Math.max(outside[i]!, list[perRound]!.value - prices[list[perRound]!.vacancy]!);
      const taken = list.slice(0, perRound);
      adding.push(...taken);
      if (!(taken[0]!.value - prices[taken[0]!.vacancy]! <= auction.profit[i]! + epsilon)) movers.push(i);
    }
    const fresh = auction.add(adding);
    added += fresh;
    if (!fresh) {
      complete = true;
      break;
    }
    if (rounds >= maxRounds || (input.timeBudgetMs !== undefined && performance.now() - started > input.timeBudgetMs)) {
      // The pairs just added are in the lists: the bound below covers them at these prices.
      break;
    }
    for (const i of movers) auction.release(i);
    settle();
  }

  // The dual bound over every pair: each person's best net value (their list, and what the
  // pricing left outside it), and every vacancy's openings at its cheapest opening's price.
  const u = auction.listDual();
  let upperBound = 0;
  for (let i = 0; i < n; i++) upperBound += Math.max(u[i]!, outside[i]!);
  for (let j = 0; j < auction.m; j++) if (auction.heaps.size(j)) upperBound += auction.heaps.size(j) * auction.heaps.minPrice(j);
  const total = auction.total();
  upperBound = Math.max(upperBound, total);
  return {
    assigned: auction.assigned,
    values: auction.value,
    total,
    upperBound,
    gap: upperBound > 0 ? (upperBound - total) / upperBound : 0,
    iterations: auction.bids,
    epsilon,
    rounds,
    added,
    complete,
  };
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
