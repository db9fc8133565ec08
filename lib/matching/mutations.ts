import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/auth/policy";
import { personScopeWhere, type Scope } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/mutations";
import { MATCHING_CONFIG } from "@/lib/matching/config";
import type { dismissSchema, referSchema } from "@/lib/matching/schema";

/** Shortlist or refer a person to a vacancy: the step the placement builds on. */
export async function referPerson(scope: Scope, personId: number, vacancyId: number, input: z.output<typeof referSchema> & { score?: number | null; source?: "SUGGESTION" | "MANUAL" }) {
  assertCan(scope, "match.act");
  return db().$transaction(async (tx) => {
    const person = await tx.person.findFirst({ where: { id: personId, ...personScopeWhere(scope) }, select: { id: true } });
    if (!person) throw new AppError("NOT_FOUND");
    const vacancy = await tx.vacancy.findUnique({ where: { id: vacancyId }, select: { id: true, status: true } });
    if (!vacancy) throw new AppError("NOT_FOUND");
    if (input.status === "REFERRED" && vacancy.status !== "OPEN") throw new AppError("VALIDATION", "validation", { fieldErrors: { _form: "validation.vacancyNotOpen" } });
    const existing = await tx.referral.findUnique({ where: { personId_vacancyId: { personId, vacancyId } } });
    // A referral does not go back to a shortlist.
    const status = existing?.status === "REFERRED" && input.status === "SHORTLISTED" ? "REFERRED" : input.status;
    const referral = existing
      ? await tx.referral.update({ where: { id: existing.id }, data: { status, note: input.note ?? existing.note, version: { increment: 1 } }, select: { id: true, status: true } })
      : await tx.referral.create({
          data: { personId, vacancyId, status, source: input.source ?? "SUGGESTION", score: input.score ?? null, algorithmVersion: MATCHING_CONFIG.version, note: input.note, createdById: scope.userId },
          select: { id: true, status: true },
        });
    await recordAudit(tx, scope, {
      action: existing ? "referral.updated" : "referral.created",
      entityType: "person",
      entityId: personId,
      changes: { vacancyId, status: existing ? [existing.status, status] : status, note: input.note, score: input.score ?? null },
    });
    return referral;
  });
}

/** "Not this one, because…": hidden from the person's suggestions until either side changes. */
export async function dismissSuggestion(scope: Scope, personId: number, vacancyId: number, input: z.output<typeof dismissSchema>) {
  assertCan(scope, "match.act");
  return db().$transaction(async (tx) => {
    const person = await tx.person.findFirst({ where: { id: personId, ...personScopeWhere(scope) }, select: { id: true, version: true } });
    if (!person) throw new AppError("NOT_FOUND");
    const vacancy = await tx.vacancy.findUnique({ where: { id: vacancyId }, select: { id: true, version: true } });
    if (!vacancy) throw new AppError("NOT_FOUND");
    const data = { reason: input.reason, note: input.note, personVersion: person.version, vacancyVersion: vacancy.version, createdById: scope.userId };
    await tx.suggestionDismissal.upsert({ where: { personId_vacancyId: { personId, vacancyId } }, create: { personId, vacancyId, ...data }, update: { ...data, createdAt: new Date() } });
    await recordAudit(tx, scope, { action: "suggestion.dismissed", entityType: "person", entityId: personId, changes: { vacancyId, reason: input.reason, note: input.note } });
    return { personId, vacancyId };
  });
}

/**
 * Every suggestion shown, with its rank, score and the algorithm version: one INSERT of the rows
 * as arrays (on every suggestions page; Prisma's createMany took several times as long).
 */
export async function logShownSuggestions(
  scope: Scope,
  direction: "VACANCIES_FOR_PERSON" | "CANDIDATES_FOR_VACANCY",
  rows: { personId: number; vacancyId: number; score: number }[],
) {
  if (!rows.length) return;
  await db().$executeRaw`
    INSERT INTO suggestion_logs (direction, person_id, vacancy_id, score, rank, algorithm_version, shown_by_id)
    SELECT ${direction}::suggestion_direction, s.person_id, s.vacancy_id, s.score, s.rank, ${MATCHING_CONFIG.version}, ${scope.userId}::int
    FROM unnest(${rows.map((r) => r.personId)}::int[], ${rows.map((r) => r.vacancyId)}::int[], ${rows.map((r) => r.score)}::float8[], ${rows.map((_, rank) => rank + 1)}::int[])
      AS s(person_id, vacancy_id, score, rank)`;
}
