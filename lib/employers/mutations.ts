import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { divisionExists } from "@/lib/reference/data";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/auth/policy";
import { officeScopeWhere, type Scope } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/mutations";
import { diffFields } from "@/lib/audit/rules";
import { normalizeUscc } from "@/lib/employers/uscc";
import type { employerInputSchema, updateEmployerSchema } from "@/lib/employers/schema";

async function checkDivision(tx: Tx, code: string) {
  if (!(await divisionExists(tx, code))) throw new AppError("VALIDATION", "validation", { fieldErrors: { divisionCode: "validation.divisionUnknown" } });
}

async function duplicateUscc(uscc: string) {
  const existing = await db().employer.findUnique({ where: { uscc }, select: { id: true, name: true } });
  return new AppError("DUPLICATE", "duplicate", { existing, field: "uscc" });
}

export async function createEmployer(scope: Scope, input: z.output<typeof employerInputSchema>) {
  assertCan(scope, "employer.manage");
  const uscc = normalizeUscc(input.uscc);
  try {
    return await db().$transaction(async (tx) => {
      await checkDivision(tx, input.divisionCode);
      const employer = await tx.employer.create({ data: { ...input, uscc, officeId: scope.officeId }, select: { id: true } });
      await recordAudit(tx, scope, { action: "employer.created", entityType: "employer", entityId: employer.id, changes: { ...input, uscc } });
      return employer;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw await duplicateUscc(uscc);
    throw error;
  }
}

export async function updateEmployer(scope: Scope, id: number, input: z.output<typeof updateEmployerSchema>) {
  assertCan(scope, "employer.manage");
  const { version, ...fields } = input;
  const data = { ...fields, uscc: normalizeUscc(fields.uscc) };
  try {
    return await db().$transaction(async (tx) => {
      const before = await tx.employer.findFirst({ where: { id, ...officeScopeWhere(scope) } });
      if (!before) throw new AppError("NOT_FOUND");
      await checkDivision(tx, data.divisionCode);
      const updated = await tx.employer.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
      if (updated.count !== 1) throw new AppError("CONFLICT", "conflict", { currentVersion: before.version, current: before });
      await recordAudit(tx, scope, { action: "employer.updated", entityType: "employer", entityId: id, changes: diffFields(before as unknown as Record<string, unknown>, data) });
      return { id, version: version + 1 };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw await duplicateUscc(data.uscc);
    throw error;
  }
}
