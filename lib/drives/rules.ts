// Building the assignment problem of a recruitment drive from the matching rules.
import { exclusionCode, quickScore, type MatchPerson, type MatchVacancy } from "@/lib/matching/rules";
import { solveAssignment, type Candidate } from "@/lib/matching/assignment";

/** How many vacancies per person the auction considers; what lies beyond is bounded. */
export const CANDIDATES_PER_PERSON = 100;

/** `dismissed` holds "personId:vacancyId" pairs a caseworker marked not suitable. */
export function proposeAssignment(people: readonly MatchPerson[], vacancies: readonly MatchVacancy[], now: Date, k = CANDIDATES_PER_PERSON, dismissed: ReadonlySet<string> = new Set()) {
  const candidates: Candidate[][] = [];
  const outsideBound: number[] = [];
  const ctx = { now };
  for (const person of people) {
    const scored: Candidate[] = [];
    for (let j = 0; j < vacancies.length; j++) {
      const v = vacancies[j]!;
      if (exclusionCode(person, v, ctx) !== null) continue;
      if (dismissed.size && dismissed.has(`${person.id}:${v.id}`)) continue;
      const value = quickScore(person, v);
      if (value > 0) scored.push({ vacancy: j, value });
    }
    scored.sort((a, b) => b.value - a.value);
    candidates.push(scored.slice(0, k));
    outsideBound.push(scored[k]?.value ?? 0);
  }
  const result = solveAssignment({ candidates, capacity: vacancies.map((v) => Math.max(0, v.openingsLeft)), outsideBound });
  const lines: { person: number; vacancy: number; score: number }[] = [];
  result.assigned.forEach((j, i) => {
    if (j >= 0) lines.push({ person: i, vacancy: j, score: candidates[i]!.find((c) => c.vacancy === j)!.value });
  });
  return { lines, total: result.total, upperBound: result.upperBound, gap: result.gap };
}
