// The in-memory matching index: open vacancies and job seekers, scanned with the allocation-free
// scorer. Pure (no database): lib/matching/index-store.ts keeps one per process fresh.
// See docs/decisions/006-matching-index.md.
import {
  ceilingOf,
  ceilingWeights,
  exclusionCode,
  locationRelationIndex,
  monthlyNeed,
  occupationTarget,
  occupationValueFor,
  occupationValuesOfCodes,
  offeredWage,
  placeExclusion,
  scoreFromFactors,
  skillsFactor,
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

/** A score that cannot reach `floor` even rounded up (ceilingOf is not rounded). */
const CEILING_MARGIN = 0.0501;

/**
 * Strings as small integers, each with what the factor reads of the first item that had it (its
 * profile: a small copy made then, so that a scan reading thousands of them reads them from a
 * few pages rather than from rows all over the heap).
 */
class Keys<T, P> {
  private readonly ids = new Map<string, number>();
  readonly profiles: P[] = [];
  constructor(private readonly profile: (item: T) => P) {}
  id(key: string, item: T): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.profiles.length;
      this.ids.set(key, id);
      this.profiles.push(this.profile(item));
    }
    return id;
  }
  get size() {
    return this.profiles.length;
  }
}

type SkillsOfVacancy = Pick<MatchVacancy, "requiredSkillIds" | "niceSkillIds" | "trainingProvided">;
const same = <T,>(x: T): T => x;

/**
 * The skill lists of each skills key in one flat typed array (what a scan reads tens of
 * thousands of times): key k has `required[k]` ids from `start[k]`, then `nice[k]` ids, and a
 * flag (a vacancy's trainingProvided; a person's acceptsTraining, their skills as the required
 * list, without repeats). Ids that are not small non-negative integers make the lists
 * irregular: scans then ask skillsValue of the profiles.
 */
class SkillLists<P> {
  private readonly ids = new Map<string, number>();
  readonly profiles: P[] = [];
  start = new Int32Array(256);
  required = new Int32Array(256);
  nice = new Int32Array(256);
  flag = new Uint8Array(256);
  skills = new Int32Array(1024);
  private used = 0;
  /** The largest skill id of any list (membership tables are this long). */
  maxSkill = 0;
  regular = true;

  id(profile: () => P, required: readonly number[], nice: readonly number[], flag: boolean): number {
    const key = `${required.join(",")}\t${nice.join(",")}\t${flag}`;
    let id = this.ids.get(key);
    if (id !== undefined) return id;
    id = this.profiles.length;
    this.ids.set(key, id);
    this.profiles.push(profile());
    if (id >= this.start.length) {
      this.start = grown(this.start, this.start.length * 2);
      this.required = grown(this.required, this.start.length);
      this.nice = grown(this.nice, this.start.length);
      this.flag = grown(this.flag, this.start.length);
    }
    if (this.used + required.length + nice.length > this.skills.length) this.skills = grown(this.skills, 2 * (this.used + required.length + nice.length));
    this.start[id] = this.used;
    this.required[id] = required.length;
    this.nice[id] = nice.length;
    this.flag[id] = flag ? 1 : 0;
    for (const list of [required, nice]) {
      for (const s of list) {
        if (!Number.isInteger(s) || s < 0 || s > 1_000_000) this.regular = false;
        else this.maxSkill = Math.max(this.maxSkill, s);
        this.skills[this.used++] = s;
      }
    }
    return id;
  }

  get size() {
    return this.profiles.length;
  }
}

type SkillsOfPerson = Pick<MatchPerson, "skillIds" | "acceptsTraining">;

function vacancySkillsKey(lists: SkillLists<SkillsOfVacancy>, v: SkillsOfVacancy): number {
  return lists.id(() => ({ requiredSkillIds: [...v.requiredSkillIds], niceSkillIds: [...v.niceSkillIds], trainingProvided: v.trainingProvided }), v.requiredSkillIds, v.niceSkillIds, v.trainingProvided);
}

/** skillsValue(person, lists.profiles[k]) when `member[s]` is 1 for the person's skills. */
function vacancyListValue(lists: SkillLists<SkillsOfVacancy>, k: number, member: Uint8Array, acceptsTraining: boolean): number {
  const start = lists.start[k]!;
  const required = lists.required[k]!;
  const nice = lists.nice[k]!;
  const skills = lists.skills;
  let covered = 0;
  for (let i = start; i < start + required; i++) covered += member[skills[i]!]!;
  let niceCovered = 0;
  for (let i = start + required; i < start + required + nice; i++) niceCovered += member[skills[i]!]!;
  return skillsFactor(required, covered, lists.flag[k] === 1 && acceptsTraining, nice, niceCovered);
}

/** Membership of the person's skills, as long as the lists' largest id. */
function memberTable(skillIds: readonly number[], maxSkill: number): Uint8Array {
  const member = new Uint8Array(maxSkill + 1);
  for (const s of skillIds) if (Number.isInteger(s) && s >= 0 && s <= maxSkill) member[s] = 1;
  return member;
}

/** How many times each id is in the list, as long as the lists' largest id. */
function countTable(ids: readonly number[], maxSkill: number): Int32Array {
  const counts = new Int32Array(maxSkill + 1);
  for (const s of ids) if (Number.isInteger(s) && s >= 0 && s <= maxSkill) counts[s]!++;
  return counts;
}

function grown<A extends Int32Array | Uint8Array | Float64Array>(a: A, size: number): A {
  const b = new (a.constructor as new (n: number) => A)(size);
  b.set(a);
  return b;
}

/**
 * The rows of one side of the index in slots, with what the scans read of every row as typed
 * columns, and the slots grouped by occupation key. A scan needs a few factors of each pair to
 * bound its score; each depends on a few fields only, so it is computed once per distinct value
 * of those fields (a "key", cached per scan) instead of once per row. The occupation factor
 * (35% of the score) takes a handful of values: a scan visits the groups best first and stops
 * when even the best of the rest cannot reach its list.
 */
class Slots<T extends { id: number }> {
  items: (T | null)[] = [];
  occupationKey = new Int32Array(1024);
  skillsKey = new Int32Array(1024);
  placeKey = new Int32Array(1024);
  /** A person's preferred sectors (people only). */
  sectorKey = new Int32Array(1024);
  /** A person's monthlyNeed, a vacancy's offeredWage. */
  money = new Float64Array(1024);
  /** A person's needsAccommodation, a vacancy's roomAndBoard. */
  flag = new Uint8Array(1024);
  /** Slots by occupation key. */
  readonly groups: number[][] = [];
  private positionInGroup = new Int32Array(1024);
  private readonly slotOf = new Map<number, number>();
  private readonly free: number[] = [];

  set(id: number, item: T | null, keys?: { occupation: number; skills: number; place: number; sector?: number; money: number; flag: boolean }) {
    let slot = this.slotOf.get(id);
    if (!item || !keys) {
      if (slot !== undefined) {
        this.leaveGroup(slot);
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
      if (slot >= this.money.length) this.grow();
    } else {
      this.leaveGroup(slot);
    }
    this.items[slot] = item;
    this.occupationKey[slot] = keys.occupation;
    this.skillsKey[slot] = keys.skills;
    this.placeKey[slot] = keys.place;
    this.sectorKey[slot] = keys.sector ?? 0;
    this.money[slot] = keys.money;
    this.flag[slot] = keys.flag ? 1 : 0;
    const group = (this.groups[keys.occupation] ??= []);
    this.positionInGroup[slot] = group.length;
    group.push(slot);
  }

  private leaveGroup(slot: number) {
    const group = this.groups[this.occupationKey[slot]!]!;
    const at = this.positionInGroup[slot]!;
    const last = group.pop()!;
    if (last !== slot) {
      group[at] = last;
      this.positionInGroup[last] = at;
    }
  }

  private grow() {
    const size = this.money.length * 2;
    const ints = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.occupationKey = ints(this.occupationKey);
    this.skillsKey = ints(this.skillsKey);
    this.placeKey = ints(this.placeKey);
    this.sectorKey = ints(this.sectorKey);
    this.positionInGroup = ints(this.positionInGroup);
    const money = new Float64Array(size);
    money.set(this.money);
    this.money = money;
    const flag = new Uint8Array(size);
    flag.set(this.flag);
    this.flag = flag;
  }
}

/** Groups (indices of `groups`, the non-empty ones) by their occupation factor, best first. */
function bestFirst(groups: readonly (readonly number[] | undefined)[], factor: (key: number) => number): { factor: number; keys: number[] }[] {
  const byFactor = new Map<number, number[]>();
  for (let key = 0; key < groups.length; key++) {
    if (!groups[key]?.length) continue;
    const f = factor(key);
    const list = byFactor.get(f);
    if (list) list.push(key);
    else byFactor.set(f, [key]);
  }
  return [...byFactor].sort((a, b) => b[0] - a[0]).map(([f, keys]) => ({ factor: f, keys }));
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
  private readonly vacancyKeys = {
    occupation: new Keys<MatchVacancy, OccupationTarget>(occupationTarget),
    skills: new SkillLists<SkillsOfVacancy>(),
    place: new Keys<MatchVacancy, MatchVacancy>(same),
  };
  private readonly personSlots = new Slots<IndexedPerson>();
  /** Occupation codes of the people, each string once (the occupation profiles share them). */
  private readonly strings = new Map<string, string>();
  private readonly personKeys = {
    // People are grouped by their occupation codes alone (a few thousand kinds); their sectors
    // (a few hundred kinds) come in per person.
    occupation: new Keys<MatchPerson, readonly string[]>((p) => p.occupationCodes.map((x) => this.strings.get(x) ?? (this.strings.set(x, x), x))),
    sectors: new Keys<MatchPerson, readonly string[]>((p) => [...p.preferredSectors]),
    skills: new SkillLists<SkillsOfPerson>(),
    place: new Keys<MatchPerson, MatchPerson>(same),
  };

  upsertVacancy(v: IndexedVacancy | null, id: number) {
    if (v && v.open) {
      this.vacancies.set(id, v);
      const k = this.vacancyKeys;
      this.vacancySlots.set(id, v, {
        occupation: k.occupation.id(`${v.occupationCode || ""}\t${v.sector || ""}`, v),
        skills: vacancySkillsKey(k.skills, v),
        place: k.place.id(`${v.kind}\t${v.countyCode}`, v),
        money: offeredWage(v),
        flag: v.roomAndBoard,
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
        occupation: k.occupation.id(p.occupationCodes.join("\t"), p),
        sector: k.sectors.id(p.preferredSectors.join("\t"), p),
        skills: k.skills.id(() => ({ skillIds: [...p.skillIds], acceptsTraining: p.acceptsTraining }), [...new Set(p.skillIds)], [], p.acceptsTraining),
        place: k.place.id(`${p.track}\t${p.homeCounty}\t${p.currentCounty ?? "\n"}\t${p.preferredRegions.join("\t")}`, p),
        money: monthlyNeed(p),
        flag: p.needsAccommodation,
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
    const skillsOf = new Float64Array(keys.skills.size).fill(NaN);
    const places = new Int8Array(keys.place.size).fill(-1);
    const lists = keys.skills;
    const member = lists.regular ? memberTable(person.skillIds, lists.maxSkill) : null;
    const c = ceilingWeights();
    const [wOccupation, wSkills, wLocation, rest, scale] = [c.occupation, c.skills, c.location, c.rest, c.scale];
    const locations = Float64Array.from(c.locations);
    const bestLocation = Math.max(...c.locations);
    const [placeKey, skillsKey, offered, roomAndBoard] = [slots.placeKey, slots.skillsKey, slots.money, slots.flag];
    const needsAccommodation = person.needsAccommodation;
    const items = slots.items;
    // Cheapest first, and the most promising first: vacancies are visited by occupation factor,
    // best first, until even the best of the rest cannot reach the list; within, a vacancy whose
    // score cannot reach it (bounded from the cached factors, full marks for what is not known
    // yet) is skipped before the filters and the rest of the score; congestion (two map
    // look-ups) is asked only of vacancies that would enter. The same vacancies enter, in the
    // same order, as when every filter runs on every vacancy.
    let floor = top.floor;
    for (const { factor: occupation, keys: group } of bestFirst(slots.groups, (k) => occupationValueFor(person, keys.occupation.profiles[k]!))) {
      if ((occupation * wOccupation + bestLocation * wLocation + rest + wSkills) * scale + CEILING_MARGIN < floor) break;
      for (const k of group) {
        for (const slot of slots.groups[k]!) {
          const pk = placeKey[slot]!;
          let relation = places[pk]!;
          if (relation === -1) relation = places[pk] = placeOf(person, keys.place.profiles[pk]!);
          if (relation === EXCLUDED) continue;
          const partial = occupation * wOccupation + locations[relation]! * wLocation + rest;
          if ((partial + wSkills) * scale + CEILING_MARGIN < floor) continue;
          const sk = skillsKey[slot]!;
          let skills = skillsOf[sk]!;
          if (skills !== skills) skills = skillsOf[sk] = member ? vacancyListValue(lists, sk, member, person.acceptsTraining) : skillsValue(person, lists.profiles[sk]!);
          if ((partial + skills * wSkills) * scale + CEILING_MARGIN < floor) continue;
          if (floor >= 0 && ceilingOf(occupation, skills, relation, needsAccommodation, need, offered[slot]!, roomAndBoard[slot] === 1) + CEILING_MARGIN < floor) continue;
          const vacancy = items[slot]!;
          if (anyDismissed && options.dismissed.has(vacancy.id)) continue;
          if (exclusionCode(person, vacancy, ctx) !== null) continue;
          const score = scoreFromFactors(person, vacancy, occupation, skills, relation, need);
          if (score < floor) continue;
          // Someone who has already been shown a busy vacancy keeps seeing it; new people do not.
          if (!options.seen.has(vacancy.id) && this.isCongested(vacancy)) continue;
          top.offer(vacancy, score);
          floor = top.floor;
        }
      }
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
    const skillsOf = new Float64Array(keys.skills.size).fill(NaN);
    const places = new Int8Array(keys.place.size).fill(-1);
    // The vacancy's skills as counts by id, for the people's lists (each without repeats).
    const lists = keys.skills;
    const requiredCount = lists.regular ? countTable(open.requiredSkillIds, lists.maxSkill) : null;
    const niceCount = countTable(open.niceSkillIds, lists.maxSkill);
    const skillsOfKey = (k: number) => {
      if (!requiredCount) return skillsValue(lists.profiles[k]!, open);
      const start = lists.start[k]!;
      const end = start + lists.required[k]!;
      let covered = 0;
      let niceCovered = 0;
      for (let i = start; i < end; i++) {
        covered += requiredCount[lists.skills[i]!]!;
        niceCovered += niceCount[lists.skills[i]!]!;
      }
      return skillsFactor(open.requiredSkillIds.length, covered, open.trainingProvided && lists.flag[k] === 1, open.niceSkillIds.length, niceCovered);
    };
    const c = ceilingWeights();
    const [wOccupation, wSkills, wLocation, rest, scale] = [c.occupation, c.skills, c.location, c.rest, c.scale];
    const locations = Float64Array.from(c.locations);
    const bestLocation = Math.max(...c.locations);
    const [placeKey, skillsKey, sectorKey, needs, needsAccommodation] = [slots.placeKey, slots.skillsKey, slots.sectorKey, slots.money, slots.flag];
    const offered = offeredWage(open);
    const items = slots.items;
    // The factor of each kind of occupation codes, for people who do not and who do prefer the
    // vacancy's sector; which sector lists include it.
    const without = new Float64Array(keys.occupation.size);
    const withSector = new Float64Array(keys.occupation.size);
    const prefers = keys.sectors.profiles.map((sectors) => (open.sector ? sectors.includes(open.sector) : false));
    let floor = top.floor;
    const groups = bestFirst(slots.groups, (k) => {
      [without[k], withSector[k]] = occupationValuesOfCodes(keys.occupation.profiles[k]!, target);
      return Math.max(without[k]!, withSector[k]!);
    });
    for (const { factor: best, keys: group } of groups) {
      // Nobody left can enter the list (occupation is 35% of the score).
      if ((best * wOccupation + bestLocation * wLocation + rest + wSkills) * scale + CEILING_MARGIN < floor) break;
      for (const k of group) {
        const [plain, preferred] = [without[k]!, withSector[k]!];
        for (const slot of slots.groups[k]!) {
          const occupation = plain === preferred || !prefers[sectorKey[slot]!] ? plain : preferred;
          const pk = placeKey[slot]!;
          let relation = places[pk]!;
          if (relation === -1) relation = places[pk] = placeOf(keys.place.profiles[pk]!, open);
          if (relation === EXCLUDED) continue;
          // Skip people whose best possible score cannot enter the list.
          const partial = occupation * wOccupation + locations[relation]! * wLocation + rest;
          if ((partial + wSkills) * scale + CEILING_MARGIN < floor) continue;
          const sk = skillsKey[slot]!;
          let skills = skillsOf[sk]!;
          if (skills !== skills) skills = skillsOf[sk] = skillsOfKey(sk);
          if ((partial + skills * wSkills) * scale + CEILING_MARGIN < floor) continue;
          const need = needs[slot]!;
          if (floor >= 0 && ceilingOf(occupation, skills, relation, needsAccommodation[slot] === 1, need, offered, open.roomAndBoard) + CEILING_MARGIN < floor) continue;
          const person = items[slot]!;
          if (!options.visible(person) || (anyDismissed && options.dismissed.has(person.id))) continue;
          if (exclusionCode(person, open, ctx) !== null) continue;
          top.offer(person, scoreFromFactors(person, open, occupation, skills, relation, need));
          floor = top.floor;
        }
      }
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

/** A pair of a recruitment drive: a vacancy (index) and its value for the person. */
export type DrivePair = { vacancy: number; value: number };

/**
 * The pairs of a recruitment drive (people x vacancies, by index), scored on demand: each
 * person's best `k` vacancies (candidateLists), and the vacancies worth more to a person than
 * their current profit plus the vacancy's price (`above`: the pricing step of the drive's column
 * generation, lib/matching/assignment.ts solveDrive). A pair counts when it passes the filters, is
 * not among the `dismissed` pairs and scores above 0. Fast the same way as the index's scans:
 * factors cached per distinct key of the vacancies (and, for the occupation factor, per kind of
 * person), vacancies visited by occupation factor best first, and a vacancy whose score bound
 * cannot reach what it must beat is not scored.
 */
export class DrivePairs {
  private readonly keys = {
    occupation: new Keys<MatchVacancy, OccupationTarget>(occupationTarget),
    skills: new SkillLists<SkillsOfVacancy>(),
    place: new Keys<MatchVacancy, MatchVacancy>(same),
  };
  private readonly occupationKey: Int32Array;
  private readonly skillsKey: Int32Array;
  private readonly placeKey: Int32Array;
  private readonly offered: Float64Array;
  private readonly roomAndBoard: Uint8Array;
  /** The vacancies by occupation key (in index order). */
  private readonly groups: number[][] = [];
  /** People with the same occupations and sectors share the factors and the order of the
   *  groups: the codes of thousands of vacancies are matched once per kind of person. */
  private readonly byProfile = new Map<string, { factors: Float64Array; order: { factor: number; keys: number[] }[] }>();
  private readonly zeros: Float64Array;
  private readonly ctx: MatchContext;
  // The best so far of one scan, as a min-heap on (key, then later index first): its root is the
  // one a better vacancy replaces. `key` is the value, or the value less the price.
  private heapKey = new Float64Array(0);
  private heapValue = new Float64Array(0);
  private heapIndex = new Int32Array(0);
  // One scan's factors per distinct key of the vacancies, valid where the stamp is the scan's.
  private scanId = 0;
  private readonly skillsStamp: Int32Array;
  private readonly skillsOf: Float64Array;
  private readonly placeStamp: Int32Array;
  private readonly placeOf: Int8Array;
  /** Per person: monthlyNeed and the shared occupation factors (computed on first use). */
  private readonly needOf: Float64Array;
  private readonly profileOf: ({ factors: Float64Array; order: { factor: number; keys: number[] }[] } | undefined)[];
  private readonly weights = ceilingWeights();
  private readonly locations = Float64Array.from(this.weights.locations);
  private readonly bestLocation = Math.max(...this.weights.locations);

  constructor(
    readonly people: readonly MatchPerson[],
    readonly vacancies: readonly MatchVacancy[],
    now: Date,
    /** "personId:vacancyId" pairs a caseworker marked not suitable. */
    private readonly dismissed: ReadonlySet<string> = new Set(),
  ) {
    const m = vacancies.length;
    this.ctx = { now };
    this.occupationKey = new Int32Array(m);
    this.skillsKey = new Int32Array(m);
    this.placeKey = new Int32Array(m);
    this.offered = new Float64Array(m);
    this.roomAndBoard = new Uint8Array(m);
    this.zeros = new Float64Array(m);
    const keys = this.keys;
    vacancies.forEach((v, j) => {
      this.offered[j] = offeredWage(v);
      this.roomAndBoard[j] = v.roomAndBoard ? 1 : 0;
      this.occupationKey[j] = keys.occupation.id(`${v.occupationCode || ""}\t${v.sector || ""}`, v);
      this.skillsKey[j] = vacancySkillsKey(keys.skills, v);
      this.placeKey[j] = keys.place.id(`${v.kind}\t${v.countyCode}`, v);
    });
    for (let j = 0; j < m; j++) (this.groups[this.occupationKey[j]!] ??= []).push(j);
    this.skillsStamp = new Int32Array(keys.skills.size);
    this.skillsOf = new Float64Array(keys.skills.size);
    this.placeStamp = new Int32Array(keys.place.size);
    this.placeOf = new Int8Array(keys.place.size);
    this.needOf = new Float64Array(people.length).fill(NaN);
    this.profileOf = new Array(people.length);
  }

  /**
   * Person i's best `k` vacancies, best first (ties: lower index first), and the value of the
   * next one (0 if none): no pair outside the list is worth more.
   */
  top(i: number, k: number): { list: DrivePair[]; outside: number } {
    const size = this.scan(i, k + 1, 0, this.zeros, this.groups, null, null);
    const kept: DrivePair[] = [];
    for (let h = 0; h < size; h++) kept.push({ vacancy: this.heapIndex[h]!, value: this.heapValue[h]! });
    kept.sort((a, b) => b.value - a.value || a.vacancy - b.vacancy);
    return { list: kept.slice(0, k), outside: kept[k]?.value ?? 0 };
  }

  /**
   * Person i's vacancies worth more than `profit` at `prices` (value - prices[vacancy] >
   * profit), at most `limit`, the best by that margin first (ties: lower index first); among
   * the vacancies of `only` (a `subset`) if given.
   */
  above(i: number, profit: number, prices: Float64Array, limit: number, only?: DriveSubset): (DrivePair & { margin: number })[] {
    const size = this.scan(i, limit, profit, prices, only?.groups ?? this.groups, only?.minPrice ?? null, only && only.list.length <= FEW ? only.list : null);
    const out: (DrivePair & { margin: number })[] = [];
    for (let h = 0; h < size; h++) out.push({ vacancy: this.heapIndex[h]!, value: this.heapValue[h]!, margin: this.heapKey[h]! });
    return out.sort((a, b) => b.margin - a.margin || a.vacancy - b.vacancy);
  }

  /** Some of the vacancies (indices), grouped as the scans visit them, with the cheapest price
   *  of each group at `prices` (what `above` needs to skip a group). */
  subset(indices: Iterable<number>, prices: Float64Array): DriveSubset {
    const list = Int32Array.from(indices).sort();
    const groups: number[][] = [];
    const minPrice = new Float64Array(this.keys.occupation.size).fill(Infinity);
    for (const j of list) {
      const ok = this.occupationKey[j]!;
      (groups[ok] ??= []).push(j);
      minPrice[ok] = Math.min(minPrice[ok]!, prices[j]!);
    }
    return { groups, minPrice, list };
  }

  /**
   * Keeps the best `keep` vacancies of person i by key (the value less its price) above `base`,
   * among `groups`, in the heap; returns how many. `groupMin` (the cheapest price of each group,
   * or null for prices of 0) lets a group none of whose vacancies can enter be skipped.
   */
  private scan(
    i: number,
    keep: number,
    base: number,
    prices: Float64Array,
    groups: readonly (readonly number[] | undefined)[],
    groupMin: Float64Array | null,
    /** A few vacancies to visit directly, in this order (instead of `groups` best first). */
    few: Int32Array | null,
  ): number {
    if (this.heapKey.length < keep) {
      this.heapKey = new Float64Array(keep);
      this.heapValue = new Float64Array(keep);
      this.heapIndex = new Int32Array(keep);
    }
    if (keep <= 0) return 0;
    const { heapKey, heapValue, heapIndex, keys, occupationKey, skillsKey, placeKey, offered, roomAndBoard, ctx, dismissed, skillsStamp, skillsOf, placeStamp, placeOf: places, locations, bestLocation } = this;
    const worse = (a: number, b: number) => heapKey[a]! < heapKey[b]! || (heapKey[a] === heapKey[b] && heapIndex[a]! > heapIndex[b]!);
    const swap = (a: number, b: number) => {
      const k = heapKey[a]!;
      heapKey[a] = heapKey[b]!;
      heapKey[b] = k;
      const v = heapValue[a]!;
      heapValue[a] = heapValue[b]!;
      heapValue[b] = v;
      const x = heapIndex[a]!;
      heapIndex[a] = heapIndex[b]!;
      heapIndex[b] = x;
    };
    const c = this.weights;
    const [wOccupation, wSkills, wLocation, rest, scale] = [c.occupation, c.skills, c.location, c.rest, c.scale];
    const lists = keys.skills;
    const person = this.people[i]!;
    let need = this.needOf[i]!;
    if (need !== need) need = this.needOf[i] = monthlyNeed(person);
    const member = lists.regular ? memberTable(person.skillIds, lists.maxSkill) : null;
    let known = this.profileOf[i];
    if (!known) {
      const profile = `${person.occupationCodes.join("\t")}\n${person.preferredSectors.join("\t")}`;
      known = this.byProfile.get(profile);
      if (!known) {
        const factors = new Float64Array(keys.occupation.size);
        const order = bestFirst(this.groups, (ok) => (factors[ok] = occupationValueFor(person, keys.occupation.profiles[ok]!)));
        this.byProfile.set(profile, (known = { factors, order }));
      }
      this.profileOf[i] = known;
    }
    let lowest = 0;
    if (groupMin) {
      lowest = Infinity;
      for (const x of groupMin) lowest = Math.min(lowest, x);
    }
    const stamp = ++this.scanId;
    const anyDismissed = dismissed.size > 0;
    // The buckets to visit: best occupation factor first, or the few vacancies as one bucket.
    const order = few ? [{ factor: Infinity, keys: [-1] }] : known.order;
    let size = 0;
    // What a vacancy's key must beat to enter: `base` until `keep` are kept, then the root (a
    // higher key, or the same key and a lower index). A value must beat it plus the price.
    let floor = base;
    let floorIndex = -1;
    for (const { factor: best, keys: bucket } of order) {
      const groupCeiling = (best * wOccupation + bestLocation * wLocation + rest + wSkills) * scale + CEILING_MARGIN;
      if (groupCeiling < floor + lowest) break;
      for (const ok of bucket) {
        const group = few ?? groups[ok];
        if (!group?.length || (groupMin && !few && groupCeiling < floor + groupMin[ok]!)) continue;
        for (const j of group) {
          const occupation = known.factors[occupationKey[j]!]!;
          const bar = floor + prices[j]!;
          const pk = placeKey[j]!;
          let relation: number;
          if (placeStamp[pk] === stamp) relation = places[pk]!;
          else {
            relation = places[pk] = placeOf(person, keys.place.profiles[pk]!);
            placeStamp[pk] = stamp;
          }
          if (relation === EXCLUDED) continue;
          const partial = occupation * wOccupation + locations[relation]! * wLocation + rest;
          if ((partial + wSkills) * scale + CEILING_MARGIN < bar) continue;
          const sk = skillsKey[j]!;
          let skills: number;
          if (skillsStamp[sk] === stamp) skills = skillsOf[sk]!;
          else {
            skills = skillsOf[sk] = member ? vacancyListValue(lists, sk, member, person.acceptsTraining) : skillsValue(person, lists.profiles[sk]!);
            skillsStamp[sk] = stamp;
          }
          if ((partial + skills * wSkills) * scale + CEILING_MARGIN < bar) continue;
          if (ceilingOf(occupation, skills, relation, person.needsAccommodation, need, offered[j]!, roomAndBoard[j] === 1) + CEILING_MARGIN < bar) continue;
          const vacancy = this.vacancies[j]!;
          if (exclusionCode(person, vacancy, ctx) !== null) continue;
          if (anyDismissed && dismissed.has(`${person.id}:${vacancy.id}`)) continue;
          const value = scoreFromFactors(person, vacancy, occupation, skills, relation, need);
          if (!(value > 0)) continue;
          const key = value - prices[j]!;
          if (size < keep) {
            if (!(key > base)) continue;
            let h = size++;
            heapKey[h] = key;
            heapValue[h] = value;
            heapIndex[h] = j;
            while (h > 0) {
              const parent = (h - 1) >> 1;
              if (!worse(h, parent)) break;
              swap(h, parent);
              h = parent;
            }
          } else if (key > floor || (key === floor && j < floorIndex)) {
            heapKey[0] = key;
            heapValue[0] = value;
            heapIndex[0] = j;
            for (let h = 0; ; ) {
              const l = 2 * h + 1;
              const r = l + 1;
              let w = h;
              if (l < size && worse(l, w)) w = l;
              if (r < size && worse(r, w)) w = r;
              if (w === h) break;
              swap(h, w);
              h = w;
            }
          } else continue;
          if (size === keep) {
            floor = heapKey[0]!;
            floorIndex = heapIndex[0]!;
          }
        }
      }
    }
    return size;
  }
}

/** Subsets at most this large are visited vacancy by vacancy rather than by occupation. */
const FEW = 64;

/** Some vacancies of a DrivePairs, grouped for its scans (DrivePairs.subset). */
export type DriveSubset = { groups: number[][]; minPrice: Float64Array; list: Int32Array };

/**
 * For each person, their best `k` vacancies of `vacancies` (by index) that pass the filters, are
 * not among the `dismissed` pairs and score above 0, best first (ties: lower index first), and
 * the value of the next one (0 if none): the candidate lists and outside bounds a recruitment
 * drive starts from (DrivePairs.top for every person).
 */
export function candidateLists(
  people: readonly MatchPerson[],
  vacancies: readonly MatchVacancy[],
  now: Date,
  k: number,
  /** "personId:vacancyId" pairs a caseworker marked not suitable (as proposeAssignment takes them). */
  dismissed: ReadonlySet<string> = new Set(),
): { candidates: DrivePair[][]; outsideBound: number[] } {
  const pairs = new DrivePairs(people, vacancies, now, dismissed);
  const candidates: DrivePair[][] = [];
  const outsideBound: number[] = [];
  for (let i = 0; i < people.length; i++) {
    const { list, outside } = pairs.top(i, k);
    candidates.push(list);
    outsideBound.push(outside);
  }
  return { candidates, outsideBound };
}
