// The two reads the browser makes beside a page (decision 014): the region pickers' next level
// and the header bell's count. They are GET route handlers, called here as Next calls them. The
// session gate needs a Next request, so it is replaced by one that returns the user as the
// database has them; the queries below it are real.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getSessionUser } from "@/lib/auth/data";
import { db } from "@/lib/db";
import { GET as regionChildren } from "@/app/api/regions/[code]/children/route";
import { GET as unreadCount } from "@/app/api/notifications/unread-count/route";
import { actorIn, freshCaseworker, suffix, type Actor } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { scope: unknown; user: unknown } }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.current }));

async function signIn(actor: Actor | null) {
  session.current = actor ? { scope: actor.scope, user: await getSessionUser(actor.user.id) } : null;
}

const children = (code: string) => regionChildren(new Request(`http://test/api/regions/${code}/children`), { params: Promise.resolve({ code }) });

describe("the region pickers' next level", () => {
  let caseworker: Actor;
  beforeAll(async () => {
    caseworker = await freshCaseworker();
  });

  it("lists the cities of Jiangsu in code order with their level, for a signed-in user", async () => {
    await signIn(caseworker);
    const response = await children("32");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, max-age=3600");
    const rows = (await response.json()) as { code: string; name: string; level: number }[];
    expect(rows.find((r) => r.code === "3202")).toEqual({ code: "3202", name: "无锡市", level: 2 });
    expect(rows.map((r) => r.code)).toEqual([...rows.map((r) => r.code)].sort());
    expect(rows.every((r) => r.code.startsWith("32") && r.level === 2)).toBe(true);
  });

  it("answers 401 to a signed-out visitor and 404 to a code that is no code", async () => {
    await signIn(null);
    expect((await children("32")).status).toBe(401);
    await signIn(caseworker);
    expect((await children("32;drop")).status).toBe(404);
    expect(await (await children("99")).json()).toEqual([]);
  });
});

describe("the bell's count", () => {
  it("counts the signed-in user's own unread notifications only, and 401 when signed out", async () => {
    const first = await freshCaseworker();
    const colleague = await actorIn(first.office.id, "CASEWORKER");
    await db().notification.createMany({
      data: [
        { userId: first.user.id, kind: "OVERDUE", dedupeKey: `t-${suffix()}`, params: { count: 1 } },
        { userId: first.user.id, kind: "OVERDUE", dedupeKey: `t-${suffix()}`, params: { count: 2 } },
        { userId: first.user.id, kind: "OVERDUE", dedupeKey: `t-${suffix()}`, params: { count: 3 }, readAt: new Date() },
      ],
    });
    await signIn(first);
    expect(await (await unreadCount()).json()).toEqual({ count: 2 });
    await signIn(colleague);
    expect(await (await unreadCount()).json()).toEqual({ count: 0 });
    await signIn(null);
    expect((await unreadCount()).status).toBe(401);
  });
});
