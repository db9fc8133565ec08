import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/auth/policy";
import { officeScopeWhere, personVisibleTo, type Scope } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/mutations";
import { MATCHING_CONFIG } from "@/lib/matching/config";
import { getMatchIndex } from "@/lib/matching/index-store";
import { listActiveDismissals, listVacanciesByIds } from "@/lib/matching/data";
import { proposeAssignment } from "@/lib/drives/rules";
import type { acceptDriveSchema, createDriveSchema } from "@/lib/drives/schema";

/** Runs the batch assignment over the pool and stores the proposal for review. */
export async function createDrive(scope: Scope, input: z.output<typeof createDriveSchema>) {
  assertCan(scope, "drive.run");
  const vacancies = (await listVacanciesByIds(input.vacancyIds)).filter((v) => v.open && v.openingsLeft > 0);
  if (!vacancies.length) throw new AppError("VALIDATION", "validation", { fieldErrors: { vacancyIds: "validation.vacancyNotOpen" } });
  const index = await getMatchIndex();
  const visible = personVisibleTo(scope);
  const pool = [...index.persons.values()].filter(
    (p) => visible(p) && (!input.originPrefix || p.originCode.startsWith(input.originPrefix)) && (!input.track || p.track === input.track),
  );
  // What a caseworker marked "not suitable" is not proposed again by a drive either.
  const dismissals = (await Promise.all(vacancies.map((v) => listActiveDismissals({ vacancyId: v.id })))).flat();
  const proposal = proposeAssignment(pool, vacancies, new Date(), undefined, new Set(dismissals.map((d) => `${d.personId}:${d.vacancyId}`)));
  return db().$transaction(async (tx) => {
    const drive = await tx.recruitmentDrive.create({
      data: {
        officeId: scope.officeId,
        name: input.name,
        vacancyIds: vacancies.map((v) => v.id),
        poolSize: pool.length,
        totalScore: proposal.total,
        upperBound: proposal.upperBound,
        algorithmVersion: MATCHING_CONFIG.version,
        createdById: scope.userId,
        lines: { create: proposal.lines.map((l) => ({ personId: pool[l.person]!.id, vacancyId: vacancies[l.vacancy]!.id, score: l.score })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, scope, {
      action: "drive.created",
      entityType: "drive",
      entityId: drive.id,
      changes: { name: input.name, vacancies: vacancies.length, pool: pool.length, lines: proposal.lines.length, total: proposal.total, gap: proposal.gap },
    });
    return drive;
  });
}

/** The reviewed lines become referrals, all or none. */
export async function acceptDriveLines(scope: Scope, driveId: number, input: z.output<typeof acceptDriveSchema>) {
  assertCan(scope, "drive.run");
  const visible = personVisibleTo(scope);
  return db().$transaction(async (tx) => {
    const drive = await tx.recruitmentDrive.findFirst({ where: { id: driveId, ...officeScopeWhere(scope) }, select: { id: true } });
    if (!drive) throw new AppError("NOT_FOUND");
    const lines = await tx.driveLine.findMany({
      where: { driveId, id: { in: input.lineIds } },
      include: { person: { select: { officeId: true, originDivisionCode: true } }, vacancy: { select: { status: true } } },
    });
    if (lines.length !== input.lineIds.length || lines.some((l) => !visible({ officeId: l.person.officeId, originCode: l.person.originDivisionCode }))) throw new AppError("NOT_FOUND");
    // A vacancy closed since the proposal takes no referrals: accept nothing, say why.
    if (lines.some((l) => l.vacancy.status !== "OPEN")) throw new AppError("VALIDATION", "validation", { fieldErrors: { _form: "validation.vacancyNotOpen" } });
    // Nor does a pair a caseworker marked "not suitable" after the proposal was made.
    const dismissed = await tx.suggestionDismissal.count({ where: { OR: lines.map((l) => ({ personId: l.personId, vacancyId: l.vacancyId })) } });
    if (dismissed) throw new AppError("VALIDATION", "validation", { fieldErrors: { _form: "validation.dismissedSinceProposal" } });
    for (const line of lines) {
      await tx.referral.upsert({
        where: { personId_vacancyId: { personId: line.personId, vacancyId: line.vacancyId } },
        create: { personId: line.personId, vacancyId: line.vacancyId, status: "REFERRED", source: "DRIVE", driveId, score: line.score, algorithmVersion: MATCHING_CONFIG.version, createdById: scope.userId },
        update: { status: "REFERRED", driveId, version: { increment: 1 } },
      });
      await recordAudit(tx, scope, { action: "referral.created", entityType: "person", entityId: line.personId, changes: { vacancyId: line.vacancyId, status: "REFERRED", driveId, score: line.score } });
    }
    await tx.driveLine.updateMany({ where: { driveId, id: { in: input.lineIds } }, data: { accepted: true } });
    await tx.recruitmentDrive.update({ where: { id: driveId }, data: { status: "ACCEPTED" } });
    await recordAudit(tx, scope, { action: "drive.accepted", entityType: "drive", entityId: driveId, changes: { lines: input.lineIds.length } });
    return { accepted: lines.length };
  });
}
