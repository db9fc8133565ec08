import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { Scope } from "@/lib/auth/scope";
import { assertCan } from "@/lib/auth/policy";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/mutations";
import { diffFields } from "@/lib/audit/rules";
import type { createUserSchema, resetPasswordSchema, updateUserSchema } from "@/lib/users/schema";
import type { Locale } from "@/lib/i18n/config";

export async function createUser(scope: Scope, input: z.output<typeof createUserSchema>) {
  assertCan(scope, "user.manage");
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const office = await tx.office.findUnique({ where: { id: input.officeId }, select: { id: true } });
      if (!office) throw new AppError("VALIDATION", "validation", { fieldErrors: { officeId: "validation.required" } });
      const user = await tx.user.create({
        data: { username: input.username, displayName: input.displayName, role: input.role, officeId: input.officeId, passwordHash },
        select: { id: true },
      });
      await recordAudit(tx, scope, { action: "user.created", entityType: "user", entityId: user.id, changes: { username: input.username, displayName: input.displayName, role: input.role, officeId: input.officeId } });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("VALIDATION", "validation", { fieldErrors: { username: "validation.usernameTaken" } });
    }
    throw error;
  }
}

export async function updateUser(scope: Scope, userId: number, input: z.output<typeof updateUserSchema>) {
  assertCan(scope, "user.manage");
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw new AppError("NOT_FOUND");
    if (before.version !== input.version) throw new AppError("CONFLICT", "conflict", { currentVersion: before.version });
    if (userId === scope.userId && (!input.active || input.role !== "ADMIN")) {
      // An admin demoting or deactivating themselves could leave nobody to manage users.
      throw new AppError("VALIDATION", "validation", { fieldErrors: { role: "validation.selfDemote" } });
    }
    if (!(await tx.office.findUnique({ where: { id: input.officeId }, select: { id: true } }))) {
      throw new AppError("VALIDATION", "validation", { fieldErrors: { officeId: "validation.required" } });
    }
    const data = { displayName: input.displayName, role: input.role, officeId: input.officeId, active: input.active };
    const changes = diffFields(before as unknown as Record<string, unknown>, data);
    // A changed role, office or deactivation ends the user's sessions at once.
    const endSessions = Boolean(changes.role || changes.officeId || changes.active);
    const updated = await tx.user.updateMany({
      where: { id: userId, version: input.version },
      data: { ...data, version: { increment: 1 }, ...(endSessions ? { sessionVersion: { increment: 1 } } : {}) },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "conflict", {});
    await recordAudit(tx, scope, { action: "user.updated", entityType: "user", entityId: userId, changes });
    return { id: userId };
  });
}

export async function resetUserPassword(scope: Scope, userId: number, input: z.output<typeof resetPasswordSchema>) {
  if (userId !== scope.userId) assertCan(scope, "user.manage");
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new AppError("NOT_FOUND");
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 }, version: { increment: 1 } } });
    await recordAudit(tx, scope, { action: "user.password_reset", entityType: "user", entityId: userId });
    return { id: userId };
  });
}

export async function setUserLocale(scope: Scope, locale: Locale) {
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: scope.userId }, select: { locale: true } });
    if (before.locale === locale) return;
    await tx.user.update({ where: { id: scope.userId }, data: { locale } });
    await recordAudit(tx, scope, { action: "user.updated", entityType: "user", entityId: scope.userId, changes: { locale: [before.locale, locale] } });
  });
}

/** Every session of this user, on every device, stops working on its next request. */
export async function logoutEverywhere(scope: Scope) {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: scope.userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, scope, { action: "auth.logout_everywhere", entityType: "user", entityId: scope.userId });
  });
}
