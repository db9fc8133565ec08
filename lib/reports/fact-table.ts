// The dashboard's facts in memory (docs/decisions/013): a few columns of every person and every
// placement in typed arrays indexed by id, and the scans that count them for a view and list the
// ids behind one number. One scan function per figure serves both, so a drill-down lists exactly
// what its number counted. Pure: lib/reports/facts.ts loads and refreshes it from the database.
import {
  countyNumber,
  dayNumber,
  EMPLOYMENT_STATUSES,
  END_REASONS,
  inRegion,
  NO_DAY,
  RETENTION_DAYS,
  retentionEligible,
  TRACKS,
  TRAINING_RETENTION_DAYS,
  wageBand,
  WAGE_BAND_KEYS,
  type DrillKey,
  type WageBandKey,
} from "@/lib/reports/rules";

const NONE = 255;
const PERSON_SLOTS = (EMPLOYMENT_STATUSES.length + 1) * (TRACKS.length + 1);

/** What one view covers. Offices are the persons' offices; null means every office. */
export type FactFilter = {
  /** The offices of the user's scope (placements count when their person is in one). */
  scopeOffices: ReadonlySet<number> | null;
  /** The scope's offices within the region (people count when they belong to one). */
  peopleOffices: ReadonlySet<number> | null;
  /** The region of the job for placements (2, 4 or 6 digits), or null. */
  region: string | null;
  /** Period and today as day numbers (lib/reports/rules.ts dayNumber). */
  from: number;
  to: number;
  today: number;
};

export type PersonFact = { id: number; officeId: number; status: string; track: string; origin: string };
export type PlacementFact = { id: number; personId: number; startDate: Date; endDate: Date | null; monthlyWage: number | null; countyCode: string; endReason: string | null; previousPlacementId: number | null };

export type EnrolmentFact = { id: number; personId: number; status: string; endedOn: Date | null };

export type FactSummary = {
  people: number;
  status: Record<string, number>;
  track: Record<string, number>;
  placed: number;
  origin: Record<string, number>;
  destination: Record<string, number>;
  wage: Record<WageBandKey, number>;
  wageMedian: number | null;
  wageRecorded: number;
  retention: { days: number; eligible: number; retained: number }[];
  reasons: Record<string, number>;
  training: { completed: number; placed: number; due: number; retained: number };
};

/** Wages up to this many yuan are counted in a histogram (the median without sorting). */
const WAGE_HISTOGRAM_MAX = 100_000;

/** A set of office ids as a byte per id: one array read per row in the scans, not a hash look-up. */
function officeMask(offices: ReadonlySet<number> | null): Uint8Array | null {
  if (offices === null) return null;
  let max = 0;
  for (const id of offices) if (id > max) max = id;
  const mask = new Uint8Array(max + 1);
  for (const id of offices) mask[id] = 1;
  return mask;
}

/** The band index of WAGE_BAND_KEYS for a wage (-1: none recorded), by arithmetic. */
function bandIndex(wage: number): number {
  if (wage < 0) return WAGE_BAND_KEYS.length - 1;
  if (wage < 3000) return 0;
  if (wage < 6000) return Math.floor(wage / 1000) - 2;
  return wage < 8000 ? 4 : 5;
}

/** The median from a histogram of wages and the (sorted) wages above its range. */
function histogramMedian(histogram: Int32Array, above: number[], n: number): number | null {
  if (n === 0) return null;
  above.sort((a, b) => a - b);
  const kth = (k: number): number => {
    let seen = 0;
    for (let w = 0; w < histogram.length; w++) {
      seen += histogram[w]!;
      if (seen > k) return w;
    }
    return above[k - seen]!;
  };
  return n % 2 ? kth((n - 1) / 2) : (kth(n / 2 - 1) + kth(n / 2)) / 2;
}

function grow<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  if (array.length > size) return array;
  let length = Math.max(1024, array.length);
  while (length <= size) length *= 2;
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}

export class FactTable {
  // Persons, by id.
  private pExists = new Uint8Array(0);
  private pOffice = new Int32Array(0);
  private pStatus = new Uint8Array(0);
  private pTrack = new Uint8Array(0);
  private pOrigin = new Int32Array(0);
  /** The person's placements as a linked list: first placement id, then qNext. */
  private pFirst = new Int32Array(0);
  private maxPerson = 0;
  /**
   * People by office, status and track, kept by every upsert: the people panels add up a few
   * hundred offices instead of reading a million rows. Slot = status * (TRACKS + 1) + track.
   */
  private byOffice = new Map<number, Int32Array>();
  // Placements, by id.
  private qExists = new Uint8Array(0);
  private qPerson = new Int32Array(0);
  private qStart = new Int32Array(0);
  private qEnd = new Int32Array(0);
  private qWage = new Int32Array(0);
  private qCounty = new Int32Array(0);
  private qReason = new Uint8Array(0);
  private qHead = new Uint8Array(0);
  private qNext = new Int32Array(0);
  private maxPlacement = 0;
  // Completed enrolments, by id: the person and the day the course ended.
  private eCompleted = new Uint8Array(0);
  private ePerson = new Int32Array(0);
  private eEnded = new Int32Array(0);
  private maxEnrolment = 0;

  get personCount() {
    let n = 0;
    for (let id = 1; id <= this.maxPerson; id++) n += this.pExists[id]!;
    return n;
  }

  upsertPerson(p: PersonFact) {
    const id = p.id;
    if (id >= this.pExists.length) {
      this.pExists = grow(this.pExists, id);
      this.pOffice = grow(this.pOffice, id);
      this.pStatus = grow(this.pStatus, id);
      this.pTrack = grow(this.pTrack, id);
      this.pOrigin = grow(this.pOrigin, id);
      this.pFirst = grow(this.pFirst, id);
    }
    if (this.pExists[id]) this.countPerson(this.pOffice[id]!, this.pStatus[id]!, this.pTrack[id]!, -1);
    this.pExists[id] = 1;
    this.pOffice[id] = p.officeId;
    const s = (EMPLOYMENT_STATUSES as readonly string[]).indexOf(p.status);
    this.pStatus[id] = s < 0 ? NONE : s;
    const t = (TRACKS as readonly string[]).indexOf(p.track);
    this.pTrack[id] = t < 0 ? NONE : t;
    this.countPerson(p.officeId, this.pStatus[id]!, this.pTrack[id]!, 1);
    this.pOrigin[id] = countyNumber(p.origin);
    if (id > this.maxPerson) this.maxPerson = id;
  }

  private countPerson(office: number, status: number, track: number, delta: number) {
    let counts = this.byOffice.get(office);
    if (!counts) this.byOffice.set(office, (counts = new Int32Array(PERSON_SLOTS)));
    counts[Math.min(status, EMPLOYMENT_STATUSES.length) * (TRACKS.length + 1) + Math.min(track, TRACKS.length)]! += delta;
  }

  upsertPlacement(q: PlacementFact) {
    const id = q.id;
    if (id >= this.qExists.length) {
      this.qExists = grow(this.qExists, id);
      this.qPerson = grow(this.qPerson, id);
      this.qStart = grow(this.qStart, id);
      this.qEnd = grow(this.qEnd, id);
      this.qWage = grow(this.qWage, id);
      this.qCounty = grow(this.qCounty, id);
      this.qReason = grow(this.qReason, id);
      this.qHead = grow(this.qHead, id);
      this.qNext = grow(this.qNext, id);
    }
    if (!this.qExists[id]) {
      // A placement never changes person: link it once.
      if (q.personId >= this.pFirst.length) this.pFirst = grow(this.pFirst, q.personId);
      this.qNext[id] = this.pFirst[q.personId]!;
      this.pFirst[q.personId] = id;
    }
    this.qExists[id] = 1;
    this.qPerson[id] = q.personId;
    this.qStart[id] = dayNumber(q.startDate);
    this.qEnd[id] = q.endDate ? dayNumber(q.endDate) : NO_DAY;
    this.qWage[id] = q.monthlyWage ?? -1;
    this.qCounty[id] = countyNumber(q.countyCode);
    const r = q.endReason ? (END_REASONS as readonly string[]).indexOf(q.endReason) : -1;
    this.qReason[id] = r < 0 ? NONE : r;
    this.qHead[id] = q.previousPlacementId === null ? 1 : 0;
    if (id > this.maxPlacement) this.maxPlacement = id;
  }

  upsertEnrolment(e: EnrolmentFact) {
    const id = e.id;
    if (id >= this.eCompleted.length) {
      this.eCompleted = grow(this.eCompleted, id);
      this.ePerson = grow(this.ePerson, id);
      this.eEnded = grow(this.eEnded, id);
    }
    const completed = e.status === "COMPLETED" && e.endedOn !== null;
    this.eCompleted[id] = completed ? 1 : 0;
    this.ePerson[id] = e.personId;
    this.eEnded[id] = completed ? dayNumber(e.endedOn!) : NO_DAY;
    if (id > this.maxEnrolment) this.maxEnrolment = id;
  }

  /** The first day the person started a placement on or after `day` (NO_DAY: none). */
  private firstStartFrom(personId: number, day: number): number {
    let first = NO_DAY;
    for (let q = this.pFirst[personId]!; q; q = this.qNext[q]!) {
      const s = this.qStart[q]!;
      if (s >= day && s < first) first = s;
    }
    return first;
  }

  /**
   * Where a completed enrolment stands in training conversion: 0 not counted (not in view, not
   * completed in the period), 1 completed, 2 placed after, 3 placed and day N has come, 4 and in
   * work on day N (TRAINING_RETENTION_DAYS after the first start).
   */
  private trainingStage(e: number, mask: Uint8Array | null, f: FactFilter): number {
    if (!this.eCompleted[e]) return 0;
    const ended = this.eEnded[e]!;
    if (ended < f.from || ended > f.to) return 0;
    const person = this.ePerson[e]!;
    if (!this.pExists[person] || (mask !== null && mask[this.pOffice[person]!] !== 1)) return 0;
    const start = this.firstStartFrom(person, ended);
    if (start === NO_DAY) return 1;
    if (start + TRAINING_RETENTION_DAYS > f.today) return 2;
    return this.heldOn(person, start + TRAINING_RETENTION_DAYS) ? 4 : 3;
  }

  /** Whether the person held some placement on `day` (lib/reports/rules.ts heldOn). */
  private heldOn(personId: number, day: number): boolean {
    for (let q = this.pFirst[personId]!; q; q = this.qNext[q]!) {
      if (this.qStart[q]! <= day && this.qEnd[q]! > day) return true;
    }
    return false;
  }

  /**
   * The placements a view counts: a person of the scope's offices, a job in the region. Calls
   * `visit` with each one's id; the scans below decide what each figure takes from it.
   */
  private eachPlacement(f: FactFilter, visit: (q: number) => void) {
    const scope = officeMask(f.scopeOffices);
    const digits = f.region ? f.region.length : 0;
    const divisor = 10 ** (6 - digits);
    const region = f.region ? Number(f.region) : 0;
    const { qExists, qPerson, qCounty, pExists, pOffice } = this;
    for (let q = 1; q <= this.maxPlacement; q++) {
      if (!qExists[q]) continue;
      const person = qPerson[q]!;
      if (!pExists[person] || (scope !== null && scope[pOffice[person]!] !== 1)) continue;
      if (digits && Math.floor(qCounty[q]! / divisor) !== region) continue;
      visit(q);
    }
  }

  private eachPerson(f: FactFilter, visit: (id: number) => void) {
    const mask = officeMask(f.peopleOffices);
    const { pExists, pOffice } = this;
    for (let id = 1; id <= this.maxPerson; id++) {
      if (!pExists[id] || (mask !== null && mask[pOffice[id]!] !== 1)) continue;
      visit(id);
    }
  }

  private started(q: number, f: FactFilter) {
    const s = this.qStart[q]!;
    return s >= f.from && s <= f.to;
  }

  private ended(q: number, f: FactFilter) {
    const e = this.qEnd[q]!;
    return e !== NO_DAY && e >= f.from && e <= f.to && this.qReason[q] !== NONE;
  }

  /** Every figure of a view in three passes (people, placements, enrolments). */
  summarise(f: FactFilter): FactSummary {
    const status = new Int32Array(EMPLOYMENT_STATUSES.length + 1);
    const track = new Int32Array(TRACKS.length + 1);
    const { pOrigin, qPerson, qStart, qCounty, qWage, qReason, qHead } = this;
    let people = 0;
    for (const [office, counts] of this.byOffice) {
      if (f.peopleOffices !== null && !f.peopleOffices.has(office)) continue;
      for (let slot = 0; slot < PERSON_SLOTS; slot++) {
        const n = counts[slot]!;
        if (!n) continue;
        people += n;
        status[Math.floor(slot / (TRACKS.length + 1))]! += n;
        track[slot % (TRACKS.length + 1)]! += n;
      }
    }

    // Origins and destinations by city: 4-digit codes index the counts directly.
    const origin = new Int32Array(10_000);
    const destination = new Int32Array(10_000);
    const wage = new Int32Array(WAGE_BAND_KEYS.length);
    const histogram = new Int32Array(WAGE_HISTOGRAM_MAX + 1);
    const above: number[] = [];
    let recorded = 0;
    const reasons = new Int32Array(END_REASONS.length);
    const eligible = RETENTION_DAYS.map(() => 0);
    const retained = RETENTION_DAYS.map(() => 0);
    let placed = 0;
    // The placements pass, written out (no callback per row): it is most of a view's time.
    const scope = officeMask(f.scopeOffices);
    const digits = f.region ? f.region.length : 0;
    const divisor = 10 ** (6 - digits);
    const regionCode = f.region ? Number(f.region) : 0;
    const { qExists, qEnd, pExists, pOffice } = this;
    const horizon = Math.min(f.to, f.today);
    for (let q = 1; q <= this.maxPlacement; q++) {
      if (!qExists[q]) continue;
      const person = qPerson[q]!;
      if (!pExists[person] || (scope !== null && scope[pOffice[person]!] !== 1)) continue;
      if (digits && Math.floor(qCounty[q]! / divisor) !== regionCode) continue;
      const end = qEnd[q]!;
      if (end !== NO_DAY && end >= f.from && end <= f.to && qReason[q] !== NONE) reasons[qReason[q]!]!++;
      const start = qStart[q]!;
      if (start < f.from || start > f.to) continue;
      placed++;
      origin[Math.floor(pOrigin[person]! / 100)]!++;
      destination[Math.floor(qCounty[q]! / 100)]!++;
      const w = qWage[q]!;
      wage[bandIndex(w)]!++;
      if (w >= 0) {
        recorded++;
        if (w <= WAGE_HISTOGRAM_MAX) histogram[w]!++;
        else above.push(w);
      }
      if (!qHead[q]) continue;
      // retentionEligible (lib/reports/rules.ts), with the period test already made above.
      for (let i = 0; i < RETENTION_DAYS.length; i++) {
        const day = start + RETENTION_DAYS[i]!;
        if (day > horizon) break;
        eligible[i]!++;
        // Still in the job that started the episode: no need to walk the person's other jobs.
        if ((end > day && start <= day) || this.heldOn(person, day)) retained[i]!++;
      }
    }

    const stages = new Int32Array(5);
    const mask = officeMask(f.peopleOffices);
    for (let e = 1; e <= this.maxEnrolment; e++) stages[this.trainingStage(e, mask, f)]!++;

    const record = (keys: readonly string[], counts: Int32Array) => Object.fromEntries(keys.map((k, i) => [k, counts[i]!]));
    const byCode = (counts: Int32Array) => {
      const out: Record<string, number> = {};
      for (let code = 1000; code < counts.length; code++) if (counts[code]) out[String(code)] = counts[code]!;
      return out;
    };
    return {
      people,
      status: record(EMPLOYMENT_STATUSES, status),
      track: record(TRACKS, track),
      placed,
      origin: byCode(origin),
      destination: byCode(destination),
      wage: record(WAGE_BAND_KEYS, wage) as Record<WageBandKey, number>,
      wageMedian: histogramMedian(histogram, above, recorded),
      wageRecorded: recorded,
      retention: RETENTION_DAYS.map((days, i) => ({ days, eligible: eligible[i]!, retained: retained[i]! })),
      reasons: record(END_REASONS, reasons),
      training: { completed: stages[1]! + stages[2]! + stages[3]! + stages[4]!, placed: stages[2]! + stages[3]! + stages[4]!, due: stages[3]! + stages[4]!, retained: stages[4]! },
    };
  }

  /**
   * The ids behind one number of summarise(), with the same tests: person ids for the people
   * panels, placement ids for the placement panels, enrolment ids for training. Ascending; `after`
   * and `limit` page them, and `total` is the count summarise() gave. Follow-ups come from SQL.
   */
  drill(f: FactFilter, drill: DrillKey, after: number, limit: number): { kind: "person" | "placement" | "enrolment"; ids: number[]; total: number } {
    const ids: number[] = [];
    let total = 0;
    const take = (id: number) => {
      total++;
      if (id > after && ids.length < limit) ids.push(id);
    };
    if (drill.panel === "people" || drill.panel === "status" || drill.panel === "track") {
      const s = drill.panel === "status" ? (EMPLOYMENT_STATUSES as readonly string[]).indexOf(drill.key) : -1;
      const t = drill.panel === "track" ? (TRACKS as readonly string[]).indexOf(drill.key) : -1;
      this.eachPerson(f, (id) => {
        if (s >= 0 && this.pStatus[id] !== s) return;
        if (t >= 0 && this.pTrack[id] !== t) return;
        take(id);
      });
      return { kind: "person", ids, total };
    }
    if (drill.panel === "training") {
      const from = { completed: 1, placed: 2, retained: 4 }[drill.key];
      const mask = officeMask(f.peopleOffices);
      for (let e = 1; e <= this.maxEnrolment; e++) if (this.trainingStage(e, mask, f) >= from) take(e);
      return { kind: "enrolment", ids, total };
    }
    const period = { from: f.from, to: f.to };
    const reason = drill.panel === "reasons" ? (END_REASONS as readonly string[]).indexOf(drill.key) : -1;
    this.eachPlacement(f, (q) => {
      switch (drill.panel) {
        case "reasons":
          if (this.ended(q, f) && this.qReason[q] === reason) take(q);
          break;
        case "placed":
          if (this.started(q, f)) take(q);
          break;
        case "origin":
          if (this.started(q, f) && inRegion(this.pOrigin[this.qPerson[q]!]!, drill.key)) take(q);
          break;
        case "destination":
          if (this.started(q, f) && inRegion(this.qCounty[q]!, drill.key)) take(q);
          break;
        case "wage": {
          const w = this.qWage[q]!;
          if (this.started(q, f) && wageBand(w < 0 ? null : w) === drill.key) take(q);
          break;
        }
        case "retention": {
          const start = this.qStart[q]!;
          if (this.qHead[q] && retentionEligible(start, drill.days, period, f.today) && this.heldOn(this.qPerson[q]!, start + drill.days) === drill.retained) take(q);
          break;
        }
        default:
          break;
      }
    });
    return { kind: "placement", ids, total };
  }
}
