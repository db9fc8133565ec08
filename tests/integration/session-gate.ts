// The session gate (lib/auth/session.ts) needs a Next request. Integration tests that call loaders,
// actions or route handlers replace it with this one, which returns the signed-in user as the
// database has them (the same re-read the real gate does); every read and write below it is real.
//
//   vi.mock("@/lib/auth/session", async () => (await import("./session-gate")).sessionGate);
//   import { signIn } from "./session-gate";
import { getSessionUser } from "@/lib/auth/data";
import { can, type Permission } from "@/lib/auth/policy";
import type { Scope } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";

type Signed = { scope: Scope; user: NonNullable<Awaited<ReturnType<typeof getSessionUser>>> };
let current: Signed | null = null;

/** Signs the actor in for the calls that follow; null signs out. */
export async function signIn(actor: { user: { id: number }; scope: Scope } | null): Promise<void> {
  current = actor ? { scope: actor.scope, user: (await getSessionUser(actor.user.id))! } : null;
}

export const sessionGate = {
  getActor: async () => current,
  requireActor: async (permission?: Permission) => {
    if (!current) throw new Error("NEXT_REDIRECT:/login");
    if (permission && !can(current.user.role, permission)) throw new AppError("FORBIDDEN");
    return current;
  },
};
