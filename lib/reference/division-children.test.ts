import { describe, expect, it } from "vitest";
import { fetchDivisionChildren, SignedOutError } from "@/lib/reference/division-children";

const cities = [{ code: "3202", name: "无锡市", level: 2 }];
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** A fetch that answers from a script, one entry per call, and counts the calls. */
function scripted(...answers: (Response | Error | "hang")[]) {
  const calls: string[] = [];
  const get = (async (url: string, init?: RequestInit) => {
    calls.push(url);
    const answer = answers[calls.length - 1] ?? answers[answers.length - 1]!;
    if (answer === "hang")
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof fetch;
  return { get, calls };
}

describe("fetchDivisionChildren", () => {
  it("asks the route for the code's places", async () => {
    const { get, calls } = scripted(json(cities));
    expect(await fetchDivisionChildren("32", { fetch: get })).toEqual(cities);
    expect(calls).toEqual(["/api/regions/32/children"]);
  });

  it("tries a network error or a 5xx once more, then answers", async () => {
    const a = scripted(new TypeError("network"), json(cities));
    expect(await fetchDivisionChildren("32", { fetch: a.get, retryAfterMs: 1 })).toEqual(cities);
    const b = scripted(json({}, 503), json(cities));
    expect(await fetchDivisionChildren("32", { fetch: b.get, retryAfterMs: 1 })).toEqual(cities);
    expect([a.calls.length, b.calls.length]).toEqual([2, 2]);
  });

  it("gives up after the second failure, a hang included (it times out)", async () => {
    const a = scripted(json({}, 500));
    await expect(fetchDivisionChildren("32", { fetch: a.get, retryAfterMs: 1 })).rejects.toThrow("HTTP 500");
    expect(a.calls).toHaveLength(2);
    const b = scripted("hang");
    await expect(fetchDivisionChildren("32", { fetch: b.get, retryAfterMs: 1, timeoutMs: 20 })).rejects.toThrow();
    expect(b.calls).toHaveLength(2);
  });

  it("does not retry a 4xx, and says a 401 is a lost session", async () => {
    const a = scripted(json({ error: "NOT_FOUND" }, 404));
    await expect(fetchDivisionChildren("32", { fetch: a.get, retryAfterMs: 1 })).rejects.toThrow("HTTP 404");
    expect(a.calls).toHaveLength(1);
    const b = scripted(json({ error: "UNAUTHENTICATED" }, 401));
    await expect(fetchDivisionChildren("32", { fetch: b.get, retryAfterMs: 1 })).rejects.toBeInstanceOf(SignedOutError);
    expect(b.calls).toHaveLength(1);
  });
});
