// The in-memory matching index: open vacancies and job seekers, scanned with the allocation-free
// scorer. Pure (no database): lib/matching/index-store.ts keeps one per process fresh.
// See docs/decisions/006-matching-index.md.
import { exclusionCode, occupationUpperBound, quickScore, type MatchContext, type MatchPerson, type MatchVacancy } from "@/lib/matching/rules";
import { MATCHING_CONFIG } from "@/lib/matching/config";
import { ageOn } from "@/lib/persons/national-id";

export type IndexedVacancy = MatchVacancy & { version: number; officeId: number };
export type IndexedPerson = MatchPerson & { version: number; officeId: number; originCode: string; birthDate: Date };
export type Hit<T> = { item: T; score: number };

/** The best `limit` hits seen so far, kept sorted (best first). */
class TopList<T extends { id: number }> {
  readonly hits: Hit<T>[] = [];
  constructor(
    private readonly limit: number,
    private readonly priority: (item: T) => number,
  ) {}
  /** The score an item must beat to enter. */
  get floor(): number {
    return this.hits.length < this.limit ? -1 : this.hits[this.hits.length - 1]!.score;
  }
  offer(item: T, score: number) {
    if (this.hits.length >= this.limit && score < this.floor) return;
    const hit = { item, score };
    let i = this.hits.length;
    while (i > 0 && this.before(hit, this.hits[i - 1]!)) i--;
    if (i >= this.limit) return;
    this.hits.splice(i, 0, hit);
    if (this.hits.length > this.limit) this.hits.pop();
  }
  private before(a: Hit<T>, b: Hit<T>) {
    return a.score > b.score || (a.score === b.score && (this.priority(a.item) > this.priority(b.item) || (this.priority(a.item) === this.priority(b.item) && a.item.id < b.item.id)));
  }
}

export class MatchIndex {
  readonly vacancies = new Map<number, IndexedVacancy>();
  readonly persons = new Map<number, IndexedPerson>();
  /** Distinct people each vacancy was suggested to in the congestion window. */
  readonly exposure = new Map<number, number>();

  upsertVacancy(v: IndexedVacancy | null, id: number) {
    if (v && v.open) this.vacancies.set(id, v);
    else this.vacancies.delete(id);
  }

  upsertPerson(p: IndexedPerson | null, id: number) {
    if (p) this.persons.set(id, p);
    else this.persons.delete(id);
  }

  isCongested(vacancy: IndexedVacancy): boolean {
    const c = MATCHING_CONFIG.congestion;
    return (this.exposure.get(vacancy.id) ?? 0) > Math.max(c.minimum, c.perOpening * vacancy.openingsLeft);
  }

  /** The best open vacancies for a person. `dismissed` and `seen` are vacancy ids. */
  topVacancies(person: MatchPerson, options: { limit: number; now: Date; dismissed: ReadonlySet<number>; seen: ReadonlySet<number> }): Hit<IndexedVacancy>[] {
    const top = new TopList<IndexedVacancy>(options.limit, () => 0);
    const ctx: MatchContext = { now: options.now };
    for (const vacancy of this.vacancies.values()) {
      if (options.dismissed.has(vacancy.id)) continue;
      // Someone who has already been shown a busy vacancy keeps seeing it; new people do not.
      if (!options.seen.has(vacancy.id) && this.isCongested(vacancy)) continue;
      if (exclusionCode(person, vacancy, ctx) !== null) continue;
      top.offer(vacancy, quickScore(person, vacancy));
    }
    return top.hits;
  }

  /** The best job seekers for a vacancy among those `visible` lets the user see. */
  topCandidates(vacancy: MatchVacancy, options: { limit: number; now: Date; visible: (p: IndexedPerson) => boolean; dismissed: ReadonlySet<number> }): Hit<IndexedPerson>[] {
    const top = new TopList<IndexedPerson>(options.limit, (p) => p.priority);
    const ctx: MatchContext = { now: options.now };
    const open = { ...vacancy, open: true, openingsLeft: Math.max(1, vacancy.openingsLeft) };
    for (const person of this.persons.values()) {
      if (!options.visible(person) || options.dismissed.has(person.id)) continue;
      // Skip people whose best possible score cannot enter the list (occupation is 35%).
      if (occupationUpperBound(person, open) < top.floor) continue;
      if (exclusionCode(person, open, ctx) !== null) continue;
      top.offer(person, quickScore(person, open));
    }
    return top.hits;
  }

  refreshAges(now: Date) {
    for (const p of this.persons.values()) p.age = ageOn(p.birthDate, now);
  }

  /** Rough heap held by the index, for the benchmark's memory figure. */
  stats() {
    return { vacancies: this.vacancies.size, persons: this.persons.size };
  }
}
