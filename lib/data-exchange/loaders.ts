import "server-only";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { loadDivisionOptions } from "@/lib/reference/loaders";
import { expectationState, isStalled, type DiffEntry, type RowError } from "@/lib/data-exchange/rules";
import { rowQuerySchema } from "@/lib/data-exchange/schema";
import {
  countUndecidedConflicts,
  getImportBatch,
  listConfigurableOffices,
  listExchangeLog,
  listExpectations,
  listImportBatches,
  listImportRows,
  listPartnerOffices,
  ROWS_PAGE_SIZE,
  type RowFilter,
} from "@/lib/data-exchange/data";

export async function loadExchangeOverview() {
  const { scope, user } = await requireActor("exchange.view");
  const canConfigure = can(user.role, "exchange.configure");
  const [log, batches, expectations, partners, offices] = await Promise.all([
    listExchangeLog(scope, { take: 50 }),
    can(user.role, "exchange.import") ? listImportBatches(scope, 10) : Promise.resolve([]),
    listExpectations(scope),
    listPartnerOffices(scope),
    canConfigure ? listConfigurableOffices(scope) : Promise.resolve([]),
  ]);
  const now = new Date();
  return {
    log: log.map((l) => ({ ...l, filters: l.filters as { region?: string; from?: string | null; to?: string | null } })),
    batches,
    expectations: expectations.map((e) => ({ ...e, state: expectationState({ lastReceivedAt: e.lastReceivedAt, since: e.createdAt, cadence: e.cadence, graceDays: e.graceDays }, now) })),
    partners,
    offices,
    permissions: { import: can(user.role, "exchange.import"), export: can(user.role, "exchange.export"), configure: canConfigure },
  };
}
export type ExchangeOverviewData = Awaited<ReturnType<typeof loadExchangeOverview>>;

export async function loadImportPage() {
  const { scope, user } = await requireActor("exchange.import");
  return { partners: await listPartnerOffices(scope), isPartner: user.role === "PARTNER" };
}
export type ImportPageData = Awaited<ReturnType<typeof loadImportPage>>;

export async function loadImportBatch(batchId: number, params: Record<string, string | string[] | undefined>) {
  const { scope, user } = await requireActor("exchange.import");
  const batch = await getImportBatch(scope, batchId);
  if (!batch) notFound();
  const query = rowQuerySchema.parse({ filter: first(params.filter), page: first(params.page) });
  const rows = batch.status === "PREVIEW" || batch.status === "COMMITTED" ? await listImportRows(scope, batchId, query.filter as RowFilter, query.page) : null;
  // The batch is in scope (read above): its rows may be counted.
  const undecided = batch.status === "PREVIEW" && batch.conflictRows ? await countUndecidedConflicts(batchId) : 0;
  return {
    batch: { ...batch, stalled: isStalled(batch), canResume: batch.createdById === user.id || user.role === "ADMIN" },
    query,
    pageSize: ROWS_PAGE_SIZE,
    total: rows?.total ?? 0,
    rows: (rows?.rows ?? []).map((r) => ({ ...r, errors: r.errors as RowError[], diff: r.diff as DiffEntry[] })),
    undecidedCount: undecided,
  };
}
export type ImportBatchData = Awaited<ReturnType<typeof loadImportBatch>>;

export async function loadExportPage() {
  const { scope, user } = await requireActor("exchange.export");
  const partners = await listPartnerOffices(scope);
  return { partners, isPartner: user.role === "PARTNER", divisions: await loadDivisionOptions(partners.map((p) => p.regionCode), 3) };
}
export type ExportPageData = Awaited<ReturnType<typeof loadExportPage>>;

function first(v: string | string[] | undefined) {
  return Array.isArray(v) ? v[0] : v;
}

/** What the import page polls: where the background work is. */
export async function loadImportProgress(batchId: number) {
  const { scope } = await requireActor("exchange.import", "throw");
  const batch = await getImportBatch(scope, batchId);
  if (!batch) return null;
  return { status: batch.status, phase: batch.phase, processedRows: batch.processedRows, totalRows: batch.totalRows, stalled: isStalled(batch), version: batch.updatedAt.getTime() };
}
