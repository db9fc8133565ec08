import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/auth/policy";
import type { Scope } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/mutations";
import { diffFields } from "@/lib/audit/rules";
import { isoDate } from "@/lib/placements/rules";
import { regionName } from "@/lib/reference/regions";
import { divisionExists } from "@/lib/reference/data";
import { originFitsMetric } from "@/lib/targets/rules";
import type { ReportedFigureInput, TargetInput, UpdateTargetInput } from "@/lib/targets/schema";

// Every write of targets and reported figures, each in one transaction with its audit row. A
// supervisor sets targets and reports figures for regions inside their office's region (a Wuxi
// supervisor: Wuxi and its districts), an admin for any; nobody else writes. A target outside
// what the writer manages is "not found", like one they cannot see.

const invalid = (fieldErrors: Record<string, string>) => new AppError("VALIDATION", "validation", { fieldErrors });

/** The region prefix the writer manages ("" for all). */
async function managedPrefix(tx: Tx, scope: Scope): Promise<string> {
  if (scope.role === "ADMIN") return "";
  const office = await tx.office.findUniqueOrThrow({ where: { id: scope.officeId }, select: { regionCode: true } });
  return office.regionCode;
}

/** A province, city or county that exists and lies in what the writer manages. */
async function checkRegion(tx: Tx, scope: Scope, regionCode: string) {
  if (![2, 4, 6].includes(regionCode.length) || !regionName(regionCode)) throw invalid({ regionCode: "targets.validation.region" });
  if (!regionCode.startsWith(await managedPrefix(tx, scope))) throw invalid({ regionCode: "targets.validation.regionOutside" });
}

/**
 * The origin of a reported figure's people, if given: a division that exists (province to
 * village), outside the region's province for the metrics that count only people from outside it.
 */
async function checkOrigin(tx: Tx, input: ReportedFigureInput) {
  const code = input.originCode;
  if (!code) return;
  const known = code.length <= 6 ? Boolean(regionName(code)) : await divisionExists(tx, code);
  if (!known) throw invalid({ originCode: "targets.validation.origin" });
  if (!originFitsMetric(input.metric, input.regionCode, code)) throw invalid({ originCode: "targets.validation.originInside" });
}

/** The target, locked, if the writer manages its region. */
async function lockTarget(tx: Tx, scope: Scope, targetId: number) {
  const prefix = await managedPrefix(tx, scope);
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM targets WHERE id = ${targetId} AND left(region_code, ${prefix.length}) = ${prefix} FOR UPDATE`;
  if (!rows.length) throw new AppError("NOT_FOUND");
  return tx.target.findUniqueOrThrow({ where: { id: targetId } });
}

function snapshot(t: { regionCode: string; metric: string; periodStart: Date; periodEnd: Date; value: number; note: string | null }) {
  return { regionCode: t.regionCode, metric: t.metric, periodStart: isoDate(t.periodStart), periodEnd: isoDate(t.periodEnd), value: t.value, note: t.note };
}

/** Another target of the same region, metric and period (targets_region_code_metric_period_start_period_end_key). */
function duplicate(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createTarget(scope: Scope, input: TargetInput) {
  assertCan(scope, "target.manage");
  try {
    return await db().$transaction(async (tx) => {
      await checkRegion(tx, scope, input.regionCode);
      const target = await tx.target.create({
        data: { officeId: scope.officeId, regionCode: input.regionCode, metric: input.metric, periodStart: input.periodStart, periodEnd: input.periodEnd, value: input.value, note: input.note, createdById: scope.userId },
        select: { id: true, version: true },
      });
      await recordAudit(tx, scope, { action: "target.created", entityType: "target", entityId: target.id, changes: snapshot(input) });
      return target;
    });
  } catch (error) {
    if (duplicate(error)) throw invalid({ regionCode: "targets.validation.duplicate" });
    throw error;
  }
}

export async function updateTarget(scope: Scope, targetId: number, input: UpdateTargetInput) {
  assertCan(scope, "target.manage");
  try {
    return await db().$transaction(async (tx) => {
      const before = await lockTarget(tx, scope, targetId);
      if (before.version !== input.version) {
        throw new AppError("CONFLICT", "conflict", { current: snapshot(before), currentVersion: before.version, changedBy: null, changedAt: before.updatedAt.toISOString() });
      }
      if (input.regionCode !== before.regionCode) await checkRegion(tx, scope, input.regionCode);
      const next = { regionCode: input.regionCode, metric: input.metric, periodStart: input.periodStart, periodEnd: input.periodEnd, value: input.value, note: input.note };
      const changes = diffFields(snapshot(before), snapshot(next));
      const target = await tx.target.update({ where: { id: targetId }, data: { ...next, version: { increment: 1 } }, select: { id: true, version: true } });
      if (Object.keys(changes).length) await recordAudit(tx, scope, { action: "target.updated", entityType: "target", entityId: targetId, changes });
      return target;
    });
  } catch (error) {
    if (duplicate(error)) throw invalid({ regionCode: "targets.validation.duplicate" });
    throw error;
  }
}

export async function deleteTarget(scope: Scope, targetId: number, input: { version: number }) {
  assertCan(scope, "target.manage");
  return db().$transaction(async (tx) => {
    const before = await lockTarget(tx, scope, targetId);
    if (before.version !== input.version) {
      throw new AppError("CONFLICT", "conflict", { current: snapshot(before), currentVersion: before.version, changedBy: null, changedAt: before.updatedAt.toISOString() });
    }
    await tx.target.delete({ where: { id: targetId } });
    await recordAudit(tx, scope, { action: "target.deleted", entityType: "target", entityId: targetId, changes: snapshot(before) });
    return { id: targetId };
  });
}

/**
 * A count from outside JobBridge (a statistical return, a year before the system), with its
 * source and, when the return gives it, the origin of the people it counts.
 */
export async function reportFigure(scope: Scope, input: ReportedFigureInput) {
  assertCan(scope, "target.manage");
  return db().$transaction(async (tx) => {
    await checkRegion(tx, scope, input.regionCode);
    await checkOrigin(tx, input);
    const figure = await tx.reportedFigure.create({
      data: { officeId: scope.officeId, regionCode: input.regionCode, originCode: input.originCode, metric: input.metric, asOf: input.asOf, value: input.value, source: input.source, createdById: scope.userId },
      select: { id: true },
    });
    await recordAudit(tx, scope, {
      action: "target.figure_reported",
      entityType: "reported_figure",
      entityId: figure.id,
      changes: { regionCode: input.regionCode, originCode: input.originCode, metric: input.metric, asOf: isoDate(input.asOf), value: input.value, source: input.source },
    });
    return figure;
  });
}
