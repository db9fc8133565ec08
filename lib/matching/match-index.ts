// The in-memory matching index: open vacancies and job seekers, scanned with the allocation-free
// scorer. Pure (no database): lib/matching/index-store.ts keeps one per process fresh.
// See docs/decisions/006-matching-index.md.
import {
  ceilingWeights,
  exclusionCode,
  locationRelationIndex,
  monthlyNeed,
  occupationTarget,
  occupationValueFor,
  placeExclusion,
  scoreCeiling,
  scoreFromFactors,
  skillsValue,
  type MatchContext,
  type MatchPerson,
  type OccupationTarget,
  type MatchVacancy,
} from "@/lib/matching/rules";
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

/** The location relation of a pair (locationRelationIndex), or EXCLUDED when where the job is
 *  rules it out for the person (placeExclusion): both read the same few fields. */
const EXCLUDED = -2;
function placeOf(person: MatchPerson, vacancy: MatchVacancy): number {
  return placeExclusion(person, vacancy) ? EXCLUDED : locationRelationIndex(person, vacancy);
}

/** A score that cannot reach `floor` even rounded up (scoreCeiling is not rounded). */
const CEILING_MARGIN = 0.0501;

/** Strings as small integers, each with the first item that had it (its representative). */
class Keys<T> {
  private readonly ids = new Map<string, number>();
  readonly representatives: T[] = [];
  id(key: string, item: T): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.representatives.length;
      this.ids.set(key, id);
      this.representatives.push(item);
    }
    return id;
  }
  get size() {
    return this.representatives.length;
  }
}

/**
 * The rows of one side of the index in slots, with what the scans read of every row as typed
 * columns. A scan needs two factors of each pair to bound its score (the occupation factor and
 * the location relation); each depends on a few fields only, so it is computed once per
 * distinct value of those fields (a "key", cached per scan) instead of once per row.
 */
class Slots<T extends { id: number }> {
  items: (T | null)[] = [];
  occupationKey = new Int32Array(1024);
  skillsKey = new Int32Array(1024);
  placeKey = new Int32Array(1024);
  need = new Float64Array(1024);
  private readonly slotOf = new Map<number, number>();
  private readonly free: number[] = [];

  set(id: number, item: T | null, keys?: { occupation: number; skills: number; place: number; need: number }) {
    let slot = this.slotOf.get(id);
    if (!item || !keys) {
      if (slot !== undefined) {
        this.items[slot] = null;
        this.slotOf.delete(id);
        this.free.push(slot);
      }
      return;
    }
    if (slot === undefined) {
      slot = this.free.pop() ?? this.items.length;
      this.slotOf.set(id, slot);
      if (slot === this.items.length) this.items.push(null);
      if (slot >= this.need.length) this.grow();
    }
    this.items[slot] = item;
    this.occupationKey[slot] = keys.occupation;
    this.skillsKey[slot] = keys.skills;
    this.placeKey[slot] = keys.place;
    this.need[slot] = keys.need;
  }

  private grow() {
    const size = this.need.length * 2;
    const ints = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.occupationKey = ints(this.occupationKey);
    this.skillsKey = ints(this.skillsKey);
    this.placeKey = ints(this.placeKey);
    const need = new Float64Array(size);
    need.set(this.need);
    this.need = need;
  }
}

export class MatchIndex {
  /** Open vacancies and job seekers by id. Change them only through upsertVacancy and
   *  upsertPerson: the scan tables below follow those. */
  readonly vacancies = new Map<number, IndexedVacancy>();
  readonly persons = new Map<number, IndexedPerson>();
  /** Distinct people each vacancy was suggested to in the congestion window. */
  readonly exposure = new Map<number, number>();

  // What the factors read, as keys: the occupation factor a vacancy's code and sector and a
  // person's codes and sectors; the skills factor the vacancy's skills and training and the
  // person's skills and acceptance of training; the location relation and the place filter the
  // vacancy's kind and county and the person's track, counties and preferred regions.
  private readonly vacancySlots = new Slots<IndexedVacancy>();
  private readonly vacancyKeys = { occupation: new Keys<IndexedVacancy>(), skills: new Keys<IndexedVacancy>(), place: new Keys<IndexedVacancy>() };
  /** occupationTarget of each occupation key of the vacancies. */
  private readonly vacancyTargets: OccupationTarget[] = [];
  private readonly personSlots = new Slots<IndexedPerson>();
  private readonly personKeys = { occupation: new Keys<IndexedPerson>(), skills: new Keys<IndexedPerson>(), place: new Keys<IndexedPerson>() };

  upsertVacancy(v: IndexedVacancy | null, id: number) {
    if (v && v.open) {
      this.vacancies.set(id, v);
      const k = this.vacancyKeys;
      const occupation = k.occupation.id(`${v.occupationCode || ""}\t${v.sector || ""}`, v);
      if (occupation === this.vacancyTargets.length) this.vacancyTargets.push(occupationTarget(v));
      this.vacancySlots.set(id, v, {
        occupation,
        skills: k.skills.id(`${v.requiredSkillIds.join(",")}\t${v.niceSkillIds.join(",")}\t${v.trainingProvided}`, v),
        place: k.place.id(`${v.kind}\t${v.countyCode}`, v),
        need: 0,
      });
    } else {
      this.vacancies.delete(id);
      this.vacancySlots.set(id, null);
    }
  }

  upsertPerson(p: IndexedPerson | null, id: number) {
    if (p) {
      this.persons.set(id, p);
      const k = this.personKeys;
      this.personSlots.set(id, p, {
        occupation: k.occupation.id(`${p.occupationCodes.join("\t")}\n${p.preferredSectors.join("\t")}`, p),
        skills: k.skills.id(`${p.skillIds.join(",")}\t${p.acceptsTraining}`, p),
        place: k.place.id(`${p.track}\t${p.homeCounty}\t${p.currentCounty ?? "\n"}\t${p.preferredRegions.join("\t")}`, p),
        need: monthlyNeed(p),
      });
    } else {
      this.persons.delete(id);
      this.personSlots.set(id, null);
    }
  }

  isCongested(vacancy: IndexedVacancy): boolean {
    const c = MATCHING_CONFIG.congestion;
    return (this.exposure.get(vacancy.id) ?? 0) > Math.max(c.minimum, c.perOpening * vacancy.openingsLeft);
  }

  /** The best open vacancies for a person. `dismissed` and `seen` are vacancy ids. */
  topVacancies(person: MatchPerson, options: { limit: number; now: Date; dismissed: ReadonlySet<number>; seen: ReadonlySet<number> }): Hit<IndexedVacancy>[] {
    const top = new TopList<IndexedVacancy>(options.limit, () => 0);
    const ctx: MatchContext = { now: options.now };
    const need = monthlyNeed(person);
    const anyDismissed = options.dismissed.size > 0;
    const slots = this.vacancySlots;
    const keys = this.vacancyKeys;
    // This person's factors per distinct key of the vacancies (NaN / -1: not computed yet).
    const occupations = new Float64Array(keys.occupation.size).fill(NaN);
    const skillsOf = new Float64Array(keys.skills.size).fill(NaN);
    const places = new Int8Array(keys.place.size).fill(-1);
    const c = ceilingWeights();
    const [wOccupation, wSkills, wLocation, rest, scale] = [c.occupation, c.skills, c.location, c.rest, c.scale];
    const locations = Float64Array.from(c.locations);
    const [placeKey, occupationKey, skillsKey] = [slots.placeKey, slots.occupationKey, slots.skillsKey];
    // Cheapest first: a vacancy whose score cannot reach the list (bounded from the cached
    // factors, with full marks for what is not known yet) is skipped before the filters and
    // the rest of the score; congestion (two map look-ups) is asked only of vacancies that
    // would enter. The same vacancies enter as when every filter runs on every vacancy.
    const items = slots.items;
    let floor = top.floor;
    for (let slot = 0; slot < items.length; slot++) {
      const pk = placeKey[slot]!;
      let relation = places[pk]!;
      if (relation === -1) relation = places[pk] = placeOf(person, keys.place.representatives[pk]!);
      if (relation === EXCLUDED) continue;
      const ok = occupationKey[slot]!;
      let occupation = occupations[ok]!;
      if (occupation !== occupation) occupation = occupations[ok] = occupationValueFor(person, this.vacancyTargets[ok]!);
      const partial = occupation * wOccupation + locations[relation]! * wLocation + rest;
      if ((partial + wSkills) * scale + CEILING_MARGIN < floor) continue;
      const sk = skillsKey[slot]!;
      let skills = skillsOf[sk]!;
      if (skills !== skills) skills = skillsOf[sk] = skillsValue(person, keys.skills.representatives[sk]!);
      if ((partial + skills * wSkills) * scale + CEILING_MARGIN < floor) continue;
      const vacancy = items[slot];
      if (!vacancy) continue;
      if (anyDismissed && options.dismissed.has(vacancy.id)) continue;
      if (scoreCeiling(person, vacancy, occupation, skills, relation, need) + CEILING_MARGIN < floor) continue;
      if (exclusionCode(person, vacancy, ctx) !== null) continue;
      const score = scoreFromFactors(person, vacancy, occupation, skills, relation, need);
      if (score < floor) continue;
      // Someone who has already been shown a busy vacancy keeps seeing it; new people do not.
      if (!options.seen.has(vacancy.id) && this.isCongested(vacancy)) continue;
      top.offer(vacancy, score);
      floor = top.floor;
    }
    return top.hits;
  }

  /** The best job seekers for a vacancy among those `visible` lets the user see. */
  topCandidates(vacancy: MatchVacancy, options: { limit: number; now: Date; visible: (p: IndexedPerson) => boolean; dismissed: ReadonlySet<number> }): Hit<IndexedPerson>[] {
    const top = new TopList<IndexedPerson>(options.limit, (p) => p.priority);
    const ctx: MatchContext = { now: options.now };
    const open = { ...vacancy, open: true, openingsLeft: Math.max(1, vacancy.openingsLeft) };
    const target = occupationTarget(open);
    const anyDismissed = options.dismissed.size > 0;
    const slots = this.personSlots;
    const keys = this.personKeys;
    // The vacancy's factors per distinct key of the people (NaN / -1: not computed yet).
    const occupations = new Float64Array(keys.occupation.size).fill(NaN);
    const skillsOf = new Float64Array(keys.skills.size).fill(NaN);
    const places = new Int8Array(keys.place.size).fill(-1);
    const c = ceilingWeights();
    const [wOccupation, wSkills, wLocation, rest, scale] = [c.occupation, c.skills, c.location, c.rest, c.scale];
    const locations = Float64Array.from(c.locations);
    const [placeKey, occupationKey, skillsKey, needs] = [slots.placeKey, slots.occupationKey, slots.skillsKey, slots.need];
    const items = slots.items;
    let floor = top.floor;
    for (let slot = 0; slot < items.length; slot++) {
      const pk = placeKey[slot]!;
      let relation = places[pk]!;
      if (relation === -1) relation = places[pk] = placeOf(keys.place.representatives[pk]!, open);
      if (relation === EXCLUDED) continue;
      const ok = occupationKey[slot]!;
      let occupation = occupations[ok]!;
      if (occupation !== occupation) occupation = occupations[ok] = occupationValueFor(keys.occupation.representatives[ok]!, target);
      // Skip people whose best possible score cannot enter the list.
      const partial = occupation * wOccupation + locations[relation]! * wLocation + rest;
      if ((partial + wSkills) * scale + CEILING_MARGIN < floor) continue;
      const sk = skillsKey[slot]!;
      let skills = skillsOf[sk]!;
      if (skills !== skills) skills = skillsOf[sk] = skillsValue(keys.skills.representatives[sk]!, open);
      if ((partial + skills * wSkills) * scale + CEILING_MARGIN < floor) continue;
      const person = items[slot];
      if (!person) continue;
      const need = needs[slot]!;
      if (scoreCeiling(person, open, occupation, skills, relation, need) + CEILING_MARGIN < floor) continue;
      if (!options.visible(person) || (anyDismissed && options.dismissed.has(person.id))) continue;
      if (exclusionCode(person, open, ctx) !== null) continue;
      top.offer(person, scoreFromFactors(person, open, occupation, skills, relation, need));
      floor = top.floor;
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

/**
 * For each person, their best `k` vacancies of `vacancies` (by index) that pass the filters and
 * score above 0, best first (ties: lower index first), and the value of the next one (0 if
 * none): exactly the candidate lists and outside bounds a recruitment drive's auction takes
 * (lib/drives/rules.ts proposeAssignment builds the same by scoring every pair and sorting).
 * Fast the same way as the index's scans: factors cached per distinct key of the vacancies, and
 * a vacancy whose score cannot beat the person's (k+1)-th best so far is not scored.
 */
export function candidateLists(people: readonly MatchPerson[], vacancies: readonly MatchVacancy[], now: Date, k: number): { candidates: { vacancy: number; value: number }[][]; outsideBound: number[] } {
  const keys = { occupation: new Keys<MatchVacancy>(), skills: new Keys<MatchVacancy>(), place: new Keys<MatchVacancy>() };
  const m = vacancies.length;
  const occupationKey = new Int32Array(m);
  const skillsKey = new Int32Array(m);
  const placeKey = new Int32Array(m);
  vacancies.forEach((v, j) => {
    occupationKey[j] = keys.occupation.id(`${v.occupationCode || ""}\t${v.sector || ""}`, v);
    skillsKey[j] = keys.skills.id(`${v.requiredSkillIds.join(",")}\t${v.niceSkillIds.join(",")}\t${v.trainingProvided}`, v);
    placeKey[j] = keys.place.id(`${v.kind}\t${v.countyCode}`, v);
  });
  const targets = keys.occupation.representatives.map(occupationTarget);
  const c = ceilingWeights();
  const [wOccupation, wSkills, wLocation, rest, scale] = [c.occupation, c.skills, c.location, c.rest, c.scale];
  const locations = Float64Array.from(c.locations);
  const ctx: MatchContext = { now };
  const keep = k + 1;
  // The best `keep` so far as a min-heap on (value, then later index first): its root is the
  // one a better vacancy replaces.
  const heapValue = new Float64Array(keep);
  const heapIndex = new Int32Array(keep);
  const worse = (a: number, b: number) => heapValue[a]! < heapValue[b]! || (heapValue[a] === heapValue[b] && heapIndex[a]! > heapIndex[b]!);
  const swap = (a: number, b: number) => {
    const v = heapValue[a]!;
    heapValue[a] = heapValue[b]!;
    heapValue[b] = v;
    const i = heapIndex[a]!;
    heapIndex[a] = heapIndex[b]!;
    heapIndex[b] = i;
  };
  const candidates: { vacancy: number; value: number }[][] = [];
  const outsideBound: number[] = [];
  // People with the same occupations and sectors share their occupation factors (as indices of
  // `factors`, 0 = not yet computed): the codes of thousands of vacancies are matched once per
  // kind of person, not once per person.
  const factors: number[] = [];
  const byProfile = new Map<string, Int8Array>();
  for (const person of people) {
    const need = monthlyNeed(person);
    const profile = `${person.occupationCodes.join("\t")}\n${person.preferredSectors.join("\t")}`;
    let occupations = byProfile.get(profile);
    if (!occupations) byProfile.set(profile, (occupations = new Int8Array(keys.occupation.size)));
    const skillsOf = new Float64Array(keys.skills.size).fill(NaN);
    const places = new Int8Array(keys.place.size).fill(-1);
    let size = 0;
    let floor = -1; // the root's value once `keep` are kept
    for (let j = 0; j < m; j++) {
      const pk = placeKey[j]!;
      let relation = places[pk]!;
      if (relation === -1) relation = places[pk] = placeOf(person, keys.place.representatives[pk]!);
      if (relation === EXCLUDED) continue;
      const ok = occupationKey[j]!;
      let f = occupations[ok]!;
      if (f === 0) {
        const value = occupationValueFor(person, targets[ok]!);
        f = factors.indexOf(value) + 1 || factors.push(value);
        occupations[ok] = f;
      }
      const occupation = factors[f - 1]!;
      // Scanning in index order, a later vacancy must score strictly above the root to enter.
      const partial = occupation * wOccupation + locations[relation]! * wLocation + rest;
      if ((partial + wSkills) * scale + CEILING_MARGIN <= floor) continue;
      const sk = skillsKey[j]!;
      let skills = skillsOf[sk]!;
      if (skills !== skills) skills = skillsOf[sk] = skillsValue(person, keys.skills.representatives[sk]!);
      if ((partial + skills * wSkills) * scale + CEILING_MARGIN <= floor) continue;
      const vacancy = vacancies[j]!;
      if (scoreCeiling(person, vacancy, occupation, skills, relation, need) + CEILING_MARGIN <= floor) continue;
      if (exclusionCode(person, vacancy, ctx) !== null) continue;
      const value = scoreFromFactors(person, vacancy, occupation, skills, relation, need);
      if (!(value > 0)) continue;
      if (size < keep) {
        let i = size++;
        heapValue[i] = value;
        heapIndex[i] = j;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!worse(i, parent)) break;
          swap(i, parent);
          i = parent;
        }
      } else if (value > floor) {
        heapValue[0] = value;
        heapIndex[0] = j;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let w = i;
          if (l < size && worse(l, w)) w = l;
          if (r < size && worse(r, w)) w = r;
          if (w === i) break;
          swap(i, w);
          i = w;
        }
      } else continue;
      if (size === keep) floor = heapValue[0]!;
    }
    const kept: { vacancy: number; value: number }[] = [];
    for (let i = 0; i < size; i++) kept.push({ vacancy: heapIndex[i]!, value: heapValue[i]! });
    kept.sort((a, b) => b.value - a.value || a.vacancy - b.vacancy);
    outsideBound.push(kept[k]?.value ?? 0);
    candidates.push(kept.slice(0, k));
  }
  return { candidates, outsideBound };
}
