// The reads the browser makes beside a page (decision 014): the region pickers' next level, the
// header bell's count and "why not this vacancy?" on the suggestions page. They are GET route
// handlers, called here as Next calls them, behind the test session gate (./session-gate.ts).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { GET as regionChildren } from "@/app/api/regions/[code]/children/route";
import { GET as unreadCount } from "@/app/api/notifications/unread-count/route";
import { GET as whyNot } from "@/app/api/persons/[id]/why-not/route";
import { scopeFor } from "../factories";
import { actorIn, freshCaseworker, suffix, type Actor } from "./helpers";
import { signIn } from "./session-gate";

vi.mock("@/lib/auth/session", async () => (await import("./session-gate")).sessionGate);
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));

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

describe("why a vacancy is not among a person's suggestions", () => {
  const ask = (personId: string, vacancy: string) =>
    whyNot(new Request(`http://test/api/persons/${personId}/why-not?vacancy=${vacancy}`), { params: Promise.resolve({ id: personId }) });
  const demoActor = async (username: string): Promise<Actor> => {
    const user = await db().user.findUniqueOrThrow({ where: { username } });
    return { user, scope: await scopeFor(user.id) } as unknown as Actor;
  };

  it("answers the person's caseworker with the score and the reason, and nobody outside the person's scope", async () => {
    const person = await db().person.findFirstOrThrow({ where: { name: "马成" }, select: { id: true } });
    const vacancy = await db().vacancy.findFirstOrThrow({ where: { status: "OPEN" }, select: { id: true } });

    await signIn(await demoActor("wuxi_caseworker"));
    const own = await ask(String(person.id), String(vacancy.id));
    expect(own.headers.get("cache-control")).toBe("no-store");
    const answer = (await own.json()) as { status: string; data: { explanation: { score: number } } | null };
    expect(answer.status).toBe("ok");
    expect(typeof answer.data?.explanation.score).toBe("number");

    // Another office's caseworker, and a partner of another county, learn nothing about him.
    await signIn(await freshCaseworker("3205"));
    expect(await (await ask(String(person.id), String(vacancy.id))).json()).toEqual({ status: "ok", data: null });
    await signIn(await demoActor("yinjiang_partner"));
    expect(await (await ask(String(person.id), String(vacancy.id))).json()).toEqual({ status: "ok", data: null });

    await signIn(null);
    expect((await ask(String(person.id), String(vacancy.id))).status).toBe(401);
  });

  it("answers nothing to ids that are not ids", async () => {
    await signIn(await demoActor("wuxi_caseworker"));
    expect(await (await ask("abc", "1")).json()).toEqual({ status: "ok", data: null });
    expect(await (await ask("1", "-2")).json()).toEqual({ status: "ok", data: null });
  });
});
