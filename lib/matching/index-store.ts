import "server-only";
import { MatchIndex } from "@/lib/matching/match-index";
import { listChangesSince, listExposure, listOpenVacancies, listSeekersBatch, listSeekersByIds, listVacanciesByIds } from "@/lib/matching/data";

// One matching index per server process, kept fresh by catching up on changed rows before every
// read (a few indexed range scans, about a millisecond when nothing changed). Every app instance
// does the same against the same database, so all of them agree; a restart rebuilds from the
// database. See docs/decisions/006-matching-index.md.

/** Transactions shorter than this that commit "in the past" are still caught. */
const LOOKBACK_MS = 60_000;
/** Reads closer together than this share one catch-up. */
const MIN_SYNC_INTERVAL_MS = 250;
const EXPOSURE_REFRESH_MS = 60_000;
const LOAD_BATCH = 50_000;

type State = {
  index: MatchIndex | null;
  loading: Promise<MatchIndex> | null;
  syncing: Promise<void> | null;
  watermark: Date;
  lastSync: number;
  exposureAt: number;
  /** Rows already applied within the look-back window, by the change time applied. */
  appliedVacancies: Map<number, number>;
  appliedPersons: Map<number, number>;
  loadMs: number;
  ageDay: string;
};

const globalState = globalThis as unknown as { jobbridgeMatchState?: State };
const state: State = (globalState.jobbridgeMatchState ??= {
  index: null,
  loading: null,
  syncing: null,
  watermark: new Date(0),
  lastSync: 0,
  exposureAt: 0,
  appliedVacancies: new Map(),
  appliedPersons: new Map(),
  loadMs: 0,
  ageDay: "",
});

async function load(): Promise<MatchIndex> {
  const started = performance.now();
  const index = new MatchIndex();
  // The watermark is taken before reading, so whatever changes during the load is caught up.
  const { now } = await listChangesSince(new Date(), 0);
  for (const v of await listOpenVacancies()) index.upsertVacancy(v, v.id);
  for (let after = 0; ; ) {
    const batch = await listSeekersBatch(after, LOAD_BATCH);
    for (const p of batch) index.upsertPerson(p, p.id);
    if (batch.length < LOAD_BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  for (const [id, n] of await listExposure()) index.exposure.set(id, n);
  state.watermark = now;
  state.exposureAt = Date.now();
  state.index = index;
  state.loadMs = performance.now() - started;
  state.ageDay = now.toISOString().slice(0, 10);
  return index;
}

async function catchUp(index: MatchIndex) {
  const changes = await listChangesSince(state.watermark, LOOKBACK_MS);
  const horizon = changes.now.getTime() - LOOKBACK_MS;
  const fresh = (applied: Map<number, number>, rows: { id: number; changedAt: Date }[]) =>
    rows.filter((r) => (applied.get(r.id) ?? -Infinity) < r.changedAt.getTime());

  const vacancies = fresh(state.appliedVacancies, changes.vacancies);
  if (vacancies.length) {
    const loaded = new Map((await listVacanciesByIds(vacancies.map((v) => v.id))).map((v) => [v.id, v]));
    for (const v of vacancies) {
      index.upsertVacancy(loaded.get(v.id) ?? null, v.id);
      state.appliedVacancies.set(v.id, v.changedAt.getTime());
    }
  }
  const persons = fresh(state.appliedPersons, changes.persons);
  if (persons.length) {
    const loaded = new Map((await listSeekersByIds(persons.map((p) => p.id))).map((p) => [p.id, p]));
    for (const p of persons) {
      // Someone who found work (or was never seeking) leaves the candidate pool.
      index.upsertPerson(loaded.get(p.id) ?? null, p.id);
      state.appliedPersons.set(p.id, p.changedAt.getTime());
    }
  }
  for (const applied of [state.appliedVacancies, state.appliedPersons]) {
    for (const [id, at] of applied) if (at < horizon) applied.delete(id);
  }
  state.watermark = changes.now;
  // Ages are computed when a row is loaded; a birthday passes without any row changing.
  const today = changes.now.toISOString().slice(0, 10);
  if (state.ageDay !== today) {
    index.refreshAges(changes.now);
    state.ageDay = today;
  }
  if (Date.now() - state.exposureAt > EXPOSURE_REFRESH_MS) {
    const exposure = await listExposure();
    index.exposure.clear();
    for (const [id, n] of exposure) index.exposure.set(id, n);
    state.exposureAt = Date.now();
  }
}

function startCatchUp(index: MatchIndex): Promise<void> {
  const run = catchUp(index)
    .then(() => {
      state.lastSync = Date.now();
    })
    .finally(() => {
      if (state.syncing === run) state.syncing = null;
    });
  state.syncing = run;
  return run;
}

/**
 * The index, caught up: with `fresh: true`, with every change committed before this call (a
 * catch-up already running may have started earlier, so a new one follows it); by default, with
 * every change committed more than 250 ms ago.
 */
export async function getMatchIndex(options: { fresh?: boolean } = {}): Promise<MatchIndex> {
  const index = state.index ?? (await (state.loading ??= load().finally(() => (state.loading = null))));
  if (options.fresh === true) {
    if (state.syncing) await state.syncing.catch(() => {});
    await startCatchUp(index);
  } else if (options.fresh !== false && Date.now() - state.lastSync >= MIN_SYNC_INTERVAL_MS) {
    await (state.syncing ?? startCatchUp(index));
  }
  return index;
}

/** Start loading in the background (server start), so the first caseworker does not wait. */
export function warmMatchIndex() {
  void getMatchIndex({ fresh: false }).catch((error) => console.error("matching index failed to load", error));
}

export function matchIndexStats() {
  return { loaded: Boolean(state.index), loadMs: Math.round(state.loadMs), ...(state.index?.stats() ?? { vacancies: 0, persons: 0 }) };
}

/** Count fresh exposures at once in this process (others see them at the next refresh). */
export function recordExposure(vacancyIds: number[], firstTimeFor: ReadonlySet<number>) {
  if (!state.index) return;
  for (const id of vacancyIds) if (!firstTimeFor.has(id)) state.index.exposure.set(id, (state.index.exposure.get(id) ?? 0) + 1);
}
