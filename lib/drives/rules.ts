// Building the assignment problem of a recruitment drive from the matching rules, and solving it
// against every pair of the pool (docs/decisions/006-matching-index.md, "Batch assignment").
import type { MatchPerson, MatchVacancy } from "@/lib/matching/rules";
import { DrivePairs } from "@/lib/matching/match-index";
import { solveDrive, type Candidate, type Pricing } from "@/lib/matching/assignment";

/** How many vacancies per person the first auction considers. Not a cut: column generation
 *  adds any other pair that could improve the answer. Larger lists cost more to build (the
 *  scan is pruned by the (k+1)-th value) than the pricing rounds they save. */
export const CANDIDATES_PER_PERSON = 50;
/** Pairs added per person per pricing round. */
export const PAIRS_PER_ROUND = 30;
/** Column generation starts no new round once the drive has run this long: a guard against a
 *  pathological pool, not a target (10,000 people x 5,000 vacancies need about 4 s on two idle
 *  cores). A drive stopped by it keeps a valid bound and says so in its gap (`complete` false).
 *  Tighter would trade the answer for speed under load: the bench, at a load of 11 on 2 cores,
 *  stopped after one round at 8 s with a 0.24% gap where one more second gives 0.002%. */
export const DRIVE_TIME_BUDGET_MS = 20_000;

/**
 * The assignment of `people` to `vacancies` (by index) that maximises the total score under
 * each vacancy's openings left, within 0.01% of the optimum over every pair that passes the
 * filters (not only each person's top k), with `upperBound` proving it: a feasible dual of the
 * LP at the final prices, so `gap` is at most how far the total can be from optimal.
 * `dismissed` holds "personId:vacancyId" pairs a caseworker marked not suitable.
 */
export function proposeAssignment(people: readonly MatchPerson[], vacancies: readonly MatchVacancy[], now: Date, k = CANDIDATES_PER_PERSON, dismissed: ReadonlySet<string> = new Set()) {
  const started = performance.now();
  const pairs = new DrivePairs(people, vacancies, now, dismissed);
  const candidates: Candidate[][] = [];
  const outsideBound: number[] = [];
  for (let i = 0; i < people.length; i++) {
    const { list, outside } = pairs.top(i, k);
    candidates.push(list);
    outsideBound.push(outside);
  }
  const listsMs = performance.now() - started;
  const all = Int32Array.from(vacancies, (_, j) => j);
  // Pricing: the pairs outside the lists whose value less the vacancy's price beats the
  // person's profit, found by the same pruned scan (a vacancy whose score bound cannot beat the
  // profit plus its price is not scored).
  const pricing: Pricing = ({ persons, vacancies: only, profit, prices, limit }) => {
    const subset = pairs.subset(only ?? all, prices);
    const found: { person: number; vacancy: number; value: number }[] = [];
    for (const i of persons) for (const p of pairs.above(i, profit[i]!, prices, limit, subset)) found.push({ person: i, vacancy: p.vacancy, value: p.value });
    return found;
  };
  const result = solveDrive({
    candidates,
    capacity: vacancies.map((v) => Math.max(0, v.openingsLeft)),
    outsideBound,
    pricing,
    perRound: PAIRS_PER_ROUND,
    timeBudgetMs: Math.max(2_000, DRIVE_TIME_BUDGET_MS - listsMs),
  });
  const lines: { person: number; vacancy: number; score: number }[] = [];
  result.assigned.forEach((j, i) => {
    if (j >= 0) lines.push({ person: i, vacancy: j, score: result.values[i]! });
  });
  return {
    lines,
    total: result.total,
    upperBound: result.upperBound,
    gap: result.gap,
    /** Whether column generation ran to the end (no pair left that could improve the answer). */
    complete: result.complete,
    rounds: result.rounds,
    added: result.added,
    epsilon: result.epsilon,
    ms: performance.now() - started,
    listsMs,
  };
}
