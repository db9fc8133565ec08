import "server-only";
import { FactTable } from "@/lib/reports/fact-table";
import {
  databaseNow,
  listEnrolmentFacts,
  listEnrolmentFactsChangedSince,
  listOfficeRegions,
  listPersonFacts,
  listPersonFactsChangedSince,
  listPlacementFacts,
  listPlacementFactsChangedSince,
} from "@/lib/reports/data";

// One fact table per server process, loaded on the first dashboard view and caught up before
// every read with the rows changed since the last catch-up (two indexed range scans on
// updated_at: about a millisecond when nothing changed). The same design as the matching index
// (docs/decisions/006); why the dashboard counts in memory is in docs/decisions/013.

/** Transactions that commit up to this long after they wrote a row are still caught. */
const LOOKBACK_MS = 60_000;
const LOAD_BATCH = 50_000;

type Office = { id: number; regionCode: string; name: string; nameEn: string };
type State = {
  table: FactTable | null;
  loading: Promise<FactTable> | null;
  syncing: Promise<void> | null;
  watermark: Date;
  loadedAt: Date | null;
  syncedAt: Date | null;
  loadMs: number;
};

const globalState = globalThis as unknown as { jobbridgeDashboardFacts?: State };
const state: State = (globalState.jobbridgeDashboardFacts ??= {
  table: null,
  loading: null,
  syncing: null,
  watermark: new Date(0),
  loadedAt: null,
  syncedAt: null,
  loadMs: 0,
});

async function load(): Promise<FactTable> {
  const started = performance.now();
  const table = new FactTable();
  // Taken before reading: whatever changes during the load is caught up by the next sync.
  const now = await databaseNow();
  for (let after = 0; ; ) {
    const batch = await listPersonFacts(after, LOAD_BATCH);
    for (const p of batch) table.upsertPerson(p);
    if (batch.length < LOAD_BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  for (let after = 0; ; ) {
    const batch = await listPlacementFacts(after, LOAD_BATCH);
    for (const q of batch) table.upsertPlacement(q);
    if (batch.length < LOAD_BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  for (let after = 0; ; ) {
    const batch = await listEnrolmentFacts(after, LOAD_BATCH);
    for (const e of batch) table.upsertEnrolment(e);
    if (batch.length < LOAD_BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  state.watermark = now;
  state.table = table;
  state.loadedAt = now;
  state.syncedAt = now;
  state.loadMs = performance.now() - started;
  return table;
}

async function sync(table: FactTable) {
  const since = new Date(state.watermark.getTime() - LOOKBACK_MS);
  // In parallel: the clock may be read a moment after the changes; whatever committed in between
  // is read again by the next catch-up (it looks back LOOKBACK_MS before the watermark).
  const [now, persons, placements, enrolments] = await Promise.all([databaseNow(), listPersonFactsChangedSince(since), listPlacementFactsChangedSince(since), listEnrolmentFactsChangedSince(since)]);
  for (const p of persons) table.upsertPerson(p);
  for (const q of placements) table.upsertPlacement(q);
  for (const e of enrolments) table.upsertEnrolment(e);
  state.watermark = now;
  state.syncedAt = now;
}

/** The fact table, caught up with the database as of this call, and the offices with their regions. */
export async function currentFacts(): Promise<{ table: FactTable; offices: Office[]; syncedAt: Date; loadMs: number }> {
  let table = state.table;
  if (!table) {
    state.loading ??= load().finally(() => (state.loading = null));
    table = await state.loading;
  } else {
    // Reads at the same moment share one catch-up; a read that arrives during one waits for the
    // next, so that it sees every write that committed before it started.
    const running = state.syncing;
    if (running) await running.catch(() => {});
    state.syncing ??= sync(table).finally(() => (state.syncing = null));
    await state.syncing;
  }
  // Offices with their regions: a few hundred rows, read each time so a new office counts at once.
  const offices: Office[] = await listOfficeRegions();
  return { table, offices, syncedAt: state.syncedAt ?? new Date(), loadMs: state.loadMs };
}
