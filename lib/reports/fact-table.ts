// The dashboard's facts in memory (docs/decisions/013): a few columns of every person and every
// placement in typed arrays indexed by id, and the scans that count them for a view and list the
// ids behind one number. One scan function per figure serves both, so a drill-down lists exactly
// what its number counted. Pure: lib/reports/facts.ts loads and refreshes it from the database.
import {
  codePrefix,
  countyNumber,
  dayNumber,
  EMPLOYMENT_STATUSES,
  END_REASONS,
  inRegion,
  median,
  NO_DAY,
  RETENTION_DAYS,
  retentionEligible,
  TRACKS,
  wageBand,
  WAGE_BAND_KEYS,
  type DrillKey,
  type WageBandKey,
} from "@/lib/reports/rules";

const NONE = 255;

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
};

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
    this.pExists[id] = 1;
    this.pOffice[id] = p.officeId;
    const s = (EMPLOYMENT_STATUSES as readonly string[]).indexOf(p.status);
    this.pStatus[id] = s < 0 ? NONE : s;
    const t = (TRACKS as readonly string[]).indexOf(p.track);
    this.pTrack[id] = t < 0 ? NONE : t;
    this.pOrigin[id] = countyNumber(p.origin);
    if (id > this.maxPerson) this.maxPerson = id;
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

  /** Whether the person held some placement on `day` (lib/reports/rules.ts heldOn). */
  private heldOn(personId: number, day: number): boolean {
    for (let q = this.pFirst[personId]!; q; q = this.qNext[q]!) {
      if (this.qStart[q]! <= day && this.qEnd[q]! > day) return true;
    }
    return false;
  }

  private personIn(id: number, offices: ReadonlySet<number> | null): boolean {
    return this.pExists[id] === 1 && (offices === null || offices.has(this.pOffice[id]!));
  }

  /** A placement of a person in scope whose job lies in the region. */
  private placementIn(q: number, f: FactFilter, regionNumber: number, regionDigits: number): boolean {
    if (!this.qExists[q] || !this.personIn(this.qPerson[q]!, f.scopeOffices)) return false;
    return regionDigits === 0 || codePrefix(this.qCounty[q]!, regionDigits) === regionNumber;
  }

  private started(q: number, f: FactFilter) {
    const s = this.qStart[q]!;
    return s >= f.from && s <= f.to;
  }

  private ended(q: number, f: FactFilter) {
    const e = this.qEnd[q]!;
    return e !== NO_DAY && e >= f.from && e <= f.to && this.qReason[q] !== NONE;
  }

  /** Every figure of a view in two passes (people, then placements). */
  summarise(f: FactFilter): FactSummary {
    const status = new Int32Array(EMPLOYMENT_STATUSES.length);
    const track = new Int32Array(TRACKS.length);
    let people = 0;
    for (let id = 1; id <= this.maxPerson; id++) {
      if (!this.personIn(id, f.peopleOffices)) continue;
      people++;
      const s = this.pStatus[id]!;
      if (s !== NONE) status[s]!++;
      const t = this.pTrack[id]!;
      if (t !== NONE) track[t]!++;
    }

    const regionDigits = f.region ? f.region.length : 0;
    const regionNumber = f.region ? Number(f.region) : 0;
    const origin = new Map<number, number>();
    const destination = new Map<number, number>();
    const wage: Record<string, number> = Object.fromEntries(WAGE_BAND_KEYS.map((k) => [k, 0]));
    const wages: number[] = [];
    const reasons = new Int32Array(END_REASONS.length);
    const eligible = RETENTION_DAYS.map(() => 0);
    const retained = RETENTION_DAYS.map(() => 0);
    let placed = 0;
    const period = { from: f.from, to: f.to };
    for (let q = 1; q <= this.maxPlacement; q++) {
      if (!this.placementIn(q, f, regionNumber, regionDigits)) continue;
      if (this.ended(q, f)) reasons[this.qReason[q]!]!++;
      if (!this.started(q, f)) continue;
      placed++;
      const person = this.qPerson[q]!;
      const o = codePrefix(this.pOrigin[person]!, 4);
      origin.set(o, (origin.get(o) ?? 0) + 1);
      const d = codePrefix(this.qCounty[q]!, 4);
      destination.set(d, (destination.get(d) ?? 0) + 1);
      const w = this.qWage[q]!;
      wage[wageBand(w < 0 ? null : w)]!++;
      if (w >= 0) wages.push(w);
      if (!this.qHead[q]) continue;
      const start = this.qStart[q]!;
      for (let i = 0; i < RETENTION_DAYS.length; i++) {
        const days = RETENTION_DAYS[i]!;
        if (!retentionEligible(start, days, period, f.today)) continue;
        eligible[i]!++;
        if (this.heldOn(person, start + days)) retained[i]!++;
      }
    }
    const record = (keys: readonly string[], counts: Int32Array) => Object.fromEntries(keys.map((k, i) => [k, counts[i]!]));
    const byCode = (m: Map<number, number>) => Object.fromEntries([...m].filter(([code]) => code > 0).map(([code, n]) => [String(code), n]));
    return {
      people,
      status: record(EMPLOYMENT_STATUSES, status),
      track: record(TRACKS, track),
      placed,
      origin: byCode(origin),
      destination: byCode(destination),
      wage: wage as Record<WageBandKey, number>,
      wageMedian: median(wages),
      wageRecorded: wages.length,
      retention: RETENTION_DAYS.map((days, i) => ({ days, eligible: eligible[i]!, retained: retained[i]! })),
      reasons: record(END_REASONS, reasons),
    };
  }

  /**
   * The ids behind one number of summarise(), with the same tests: person ids for the people
   * panels, placement ids for the placement panels. Ascending; `after` and `limit` page them, and
   * `total` is the count summarise() gave. Follow-ups and training are read from SQL instead.
   */
  drill(f: FactFilter, drill: DrillKey, after: number, limit: number): { kind: "person" | "placement"; ids: number[]; total: number } {
    const ids: number[] = [];
    let total = 0;
    const take = (id: number) => {
      total++;
      if (id > after && ids.length < limit) ids.push(id);
    };
    if (drill.panel === "people" || drill.panel === "status" || drill.panel === "track") {
      const s = drill.panel === "status" ? (EMPLOYMENT_STATUSES as readonly string[]).indexOf(drill.key) : -1;
      const t = drill.panel === "track" ? (TRACKS as readonly string[]).indexOf(drill.key) : -1;
      for (let id = 1; id <= this.maxPerson; id++) {
        if (!this.personIn(id, f.peopleOffices)) continue;
        if (s >= 0 && this.pStatus[id] !== s) continue;
        if (t >= 0 && this.pTrack[id] !== t) continue;
        take(id);
      }
      return { kind: "person", ids, total };
    }
    const regionDigits = f.region ? f.region.length : 0;
    const regionNumber = f.region ? Number(f.region) : 0;
    const period = { from: f.from, to: f.to };
    const reason = drill.panel === "reasons" ? (END_REASONS as readonly string[]).indexOf(drill.key) : -1;
    for (let q = 1; q <= this.maxPlacement; q++) {
      if (!this.placementIn(q, f, regionNumber, regionDigits)) continue;
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
    }
    return { kind: "placement", ids, total };
  }
}
