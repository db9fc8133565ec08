import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getSessionUser, listOfficeIdsInRegion } from "@/lib/auth/data";
import { createScope, type Scope } from "@/lib/auth/scope";
import { can, type Permission } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";

export type Actor = {
  scope: Scope;
  user: NonNullable<Awaited<ReturnType<typeof getSessionUser>>>;
};

/**
 * The session gate: the only place a Scope is made for a request. It re-reads the user on each
 * request so that deactivation, a role change or "sign out everywhere" takes effect at once.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as { uid?: number; sv?: number } | null;
  if (!session?.uid) return null;
  const user = await getSessionUser(session.uid);
  if (!user || !user.active || user.sessionVersion !== session.sv) return null;

  let officeIds: readonly number[] | "ALL" = [user.officeId];
  if (user.role === "ADMIN") officeIds = "ALL";
  if (user.role === "SUPERVISOR") officeIds = await listOfficeIdsInRegion(user.office.regionCode);

  const scope = createScope({
    userId: user.id,
    role: user.role,
    officeId: user.officeId,
    officeIds,
    originPrefix: user.role === "PARTNER" ? user.office.regionCode : null,
  });
  return { scope, user };
});

/**
 * For pages and actions: signed-out users go to the login page. A page the role may not use is
 * "not found" (production hides error details, and it tells nothing about what exists); an
 * action gets FORBIDDEN.
 */
export async function requireActor(permission?: Permission, onDenied: "notFound" | "throw" = "notFound"): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (permission && !can(actor.user.role, permission)) {
    if (onDenied === "notFound") notFound();
    throw new AppError("FORBIDDEN");
  }
  return actor;
}
