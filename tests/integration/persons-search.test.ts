// The caseload list: one search box (name fragments, pinyin initials, ID number and its end,
// phone number and its digits), filters, keyset pages and the capped total. Every test searches
// inside a fresh office of its own, so the expected rows are exactly the ones it made.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createScope, type Scope } from "@/lib/auth/scope";
import { COUNT_CAP, countPersons, listPersons, PAGE_SIZE, type BroadCountTuning } from "@/lib/persons/data";
import { createPerson } from "@/lib/persons/mutations";
import { nameInitials } from "@/lib/persons/rules";
import { createPersonSchema, personListQuerySchema, type CreatePersonInput } from "@/lib/persons/schema";
import { personInput } from "../factories";
import { actorIn, freshCaseworker, randomNationalId, randomPhone, suffix, uniqueName } from "./helpers";
import { encryptPii } from "@/lib/pii";

/** One real ciphertext for people inserted in bulk: a list page makes each row's mask from it. */
let bulkCipher: string | undefined;
const BULK_CIPHER = () => (bulkCipher ??= encryptPii(randomNationalId()));

/** The ids a search returns (first page), as a sorted list. */
async function search(scope: Scope, query: Record<string, unknown>): Promise<number[]> {
  const { rows } = await listPersons(scope, personListQuerySchema.parse(query));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

async function register(scope: Scope, overrides: Partial<CreatePersonInput>) {
  return (await createPerson(scope, createPersonSchema.parse(personInput({ name: uniqueName(), nationalId: randomNationalId(), ...overrides })))).id;
}

/** Registers `count` people, a few at a time (the pool has 10 connections; a transaction waits at most 2 s for one). */
async function registerMany(scope: Scope, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let done = 0; done < count; done += 5) {
    ids.push(...(await Promise.all(Array.from({ length: Math.min(5, count - done) }, () => register(scope, {})))));
  }
  return ids;
}

describe("search", () => {
  let scope: Scope;
  let target: { id: number; name: string; nationalId: string; phone: string };
  let swapped: number;
  let other: number;

  beforeAll(async () => {
    ({ scope } = await freshCaseworker());
    let nationalId = randomNationalId();
    while (!nationalId.endsWith("X")) nationalId = randomNationalId();
    // Three different characters, and another name that shares none of them.
    let name = uniqueName(3);
    while (new Set(name).size < 3) name = uniqueName(3);
    let otherName = uniqueName(2);
    while (Array.from(otherName).some((c) => name.includes(c))) otherName = uniqueName(2);
    const phone = randomPhone();
    target = { id: await register(scope, { name, nationalId, phone }), name, nationalId, phone };
    // The same characters in the other order: a fragment search must not find it.
    const chars = Array.from(name);
    swapped = await register(scope, { name: `${chars[2]}${chars[1]}${chars[0]}` });
    other = await register(scope, { name: otherName, phone: randomPhone() });
  });

  it("finds a person by one character of their name", async () => {
    const ids = await search(scope, { q: Array.from(target.name)[1] });
    expect(ids).toContain(target.id);
    expect(ids).toContain(swapped); // it has that character too
    expect(ids).not.toContain(other);
  });

  it("finds a person by two adjacent characters, in that order only", async () => {
    const chars = Array.from(target.name);
    expect(await search(scope, { q: chars[0]! + chars[1]! })).toEqual([target.id]);
    expect(await search(scope, { q: chars[1]! + chars[2]! })).toEqual([target.id]);
    expect(await search(scope, { q: chars[1]! + chars[0]! })).toEqual([swapped]);
    expect(await search(scope, { q: chars[0]! + chars[2]! })).toEqual([]);
  });

  it("finds a person by the full name", async () => {
    expect(await search(scope, { q: target.name })).toEqual([target.id]);
  });

  it("finds a person by pinyin initials, in either case", async () => {
    const initials = nameInitials(target.name);
    expect(await search(scope, { q: initials })).toContain(target.id);
    expect(await search(scope, { q: initials.toUpperCase() })).toContain(target.id);
  });

  it("finds a person by the last four characters of the ID number (x in either case)", async () => {
    const last4 = target.nationalId.slice(-4);
    expect(await search(scope, { q: last4 })).toEqual([target.id]);
    expect(await search(scope, { q: last4.toLowerCase() })).toEqual([target.id]);
  });

  it("finds a person by the full ID number, typed with a lowercase x", async () => {
    expect(await search(scope, { q: target.nationalId })).toEqual([target.id]);
    expect(await search(scope, { q: target.nationalId.toLowerCase() })).toEqual([target.id]);
    expect(await search(scope, { q: randomNationalId() })).toEqual([]);
  });

  it("finds a person by the full phone number and by its first or last digits", async () => {
    const phone = target.phone;
    expect(await search(scope, { q: phone })).toEqual([target.id]);
    expect(await search(scope, { q: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` })).toEqual([target.id]);
    expect(await search(scope, { q: phone.slice(0, 9) })).toContain(target.id);
    expect(await search(scope, { q: phone.slice(-6) })).toEqual([target.id]);
    expect(await search(scope, { q: phone.slice(-4) })).toEqual([target.id]);
  });

  it("the list row carries the mask, made from the ciphertext, not the number, its ciphertext or its hashes", async () => {
    const { rows } = await listPersons(scope, personListQuerySchema.parse({ q: target.name }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: target.id, name: target.name, maskedId: `${target.nationalId.slice(0, 6)}********${target.nationalId.slice(-4)}`, phone: target.phone, povertyStatus: "NONE" });
    expect(JSON.stringify(rows[0])).not.toContain(target.nationalId);
    expect(Object.keys(rows[0]!).filter((k) => k.startsWith("id") && k !== "id")).toEqual([]);
  });

  it("LIKE wildcards are matched literally", async () => {
    expect(await search(scope, { q: "%" })).toEqual([]);
    expect(await search(scope, { q: "_" })).toEqual([]);
    expect(await search(scope, { q: `${Array.from(target.name)[0]}%` })).toEqual([]);
  });

  it("nothing typed lists everyone in scope", async () => {
    expect(await search(scope, {})).toEqual([target.id, swapped, other].sort((a, b) => a - b));
  });
});

describe("keyset pagination", () => {
  it("pages are disjoint, newest first, and together cover everyone", async () => {
    const { scope } = await freshCaseworker();
    const total = PAGE_SIZE * 2 + 7;
    const created = await registerMany(scope, total);

    const pages: number[][] = [];
    let after: number | undefined;
    do {
      const page = await listPersons(scope, personListQuerySchema.parse(after ? { after: String(after) } : {}));
      pages.push(page.rows.map((r) => r.id));
      after = page.nextAfter ?? undefined;
      expect(pages.length).toBeLessThan(10);
    } while (after);

    expect(pages.map((p) => p.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 7]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...created].sort((a, b) => b - a));
    expect(await countPersons(scope, personListQuerySchema.parse({}))).toEqual({ count: total, capped: false });
  });

  it("a page boundary falls exactly at the page size: no empty page after it", async () => {
    const { scope } = await freshCaseworker();
    const created = await registerMany(scope, PAGE_SIZE);
    const page = await listPersons(scope, personListQuerySchema.parse({}));
    expect(page.rows).toHaveLength(PAGE_SIZE);
    expect(page.nextAfter).toBeNull();
    expect(page.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(created.sort((a, b) => a - b));
  });
});

describe("filters", () => {
  let scope: Scope;
  let ids: { employedLocal: number; unemployedTrain: number; studentTransfer: number };
  let caseworkers: { first: number; second: number };

  beforeAll(async () => {
    const cw = await freshCaseworker();
    scope = cw.scope;
    const colleague = await actorIn(cw.office.id, "CASEWORKER");
    caseworkers = { first: cw.user.id, second: colleague.user.id };
    const household = (povertyStatus: string) => ({ povertyStatus, members: [] }) as unknown as CreatePersonInput["household"];
    ids = {
      employedLocal: await register(scope, {
        employmentStatus: "EMPLOYED",
        originDivisionCode: "630225",
        migration: "UNWILLING",
        skills: [{ customName: "拉面", level: "SKILLED" }] as CreatePersonInput["skills"],
        household: household("REGISTERED_POOR"),
        caseworkerId: caseworkers.first,
      }),
      unemployedTrain: await register(scope, {
        employmentStatus: "UNEMPLOYED",
        originDivisionCode: "520625",
        migration: "WILLING",
        skills: [],
        household: household("LIFTED"),
        caseworkerId: caseworkers.second,
      }),
      studentTransfer: await register(scope, {
        employmentStatus: "STUDENT",
        originDivisionCode: "520602",
        migration: "WILLING",
        skills: [{ customName: "电工", level: "BASIC" }] as CreatePersonInput["skills"],
        household: household("NONE"),
        caseworkerId: caseworkers.first,
      }),
    };
  });

  async function both(query: Record<string, unknown>) {
    const parsed = personListQuerySchema.parse(query);
    const listed = await search(scope, query);
    const counted = await countPersons(scope, parsed);
    expect(counted).toEqual({ count: listed.length, capped: false });
    return listed;
  }

  it("by employment status", async () => {
    expect(await both({ employmentStatus: "EMPLOYED" })).toEqual([ids.employedLocal]);
    expect(await both({ employmentStatus: "STUDENT" })).toEqual([ids.studentTransfer]);
    expect(await both({ employmentStatus: "IN_TRAINING" })).toEqual([]);
  });

  it("by the household's poverty status", async () => {
    expect(await both({ povertyStatus: "REGISTERED_POOR" })).toEqual([ids.employedLocal]);
    expect(await both({ povertyStatus: "LIFTED" })).toEqual([ids.unemployedTrain]);
    expect(await both({ povertyStatus: "EPIDEMIC_RETURNED" })).toEqual([]);
  });

  it("by track", async () => {
    expect(await both({ track: "LOCAL" })).toEqual([ids.employedLocal]);
    expect(await both({ track: "TRAIN_THEN_PLACE" })).toEqual([ids.unemployedTrain]);
    expect(await both({ track: "TRANSFER" })).toEqual([ids.studentTransfer]);
  });

  it("by origin prefix: province, city, county", async () => {
    expect(await both({ origin: "52" })).toEqual([ids.unemployedTrain, ids.studentTransfer].sort((a, b) => a - b));
    expect(await both({ origin: "5206" })).toEqual([ids.unemployedTrain, ids.studentTransfer].sort((a, b) => a - b));
    expect(await both({ origin: "520625" })).toEqual([ids.unemployedTrain]);
    expect(await both({ origin: "63" })).toEqual([ids.employedLocal]);
    expect(await both({ origin: "61" })).toEqual([]);
  });

  it("by caseworker", async () => {
    expect(await both({ caseworkerId: String(caseworkers.first) })).toEqual([ids.employedLocal, ids.studentTransfer].sort((a, b) => a - b));
    expect(await both({ caseworkerId: String(caseworkers.second) })).toEqual([ids.unemployedTrain]);
  });

  it("filters combine", async () => {
    expect(await both({ origin: "52", track: "TRANSFER", caseworkerId: String(caseworkers.first) })).toEqual([ids.studentTransfer]);
    expect(await both({ origin: "52", employmentStatus: "EMPLOYED" })).toEqual([]);
  });
});

describe("countPersons", () => {
  /**
   * Plain rows of a fresh office: registering 10,001 people through the mutation takes minutes,
   * and a count needs none of what it derives. Unique id_hash values come from a random tag.
   * They are deleted at once afterwards: later suites (npm test runs Playwright on the same
   * database) must not find ten thousand extra people.
   */
  async function withBulkPeople(count: number, test: (scope: Scope) => Promise<void>) {
    const { scope, office } = await freshCaseworker();
    const tag = suffix();
    try {
      await db().$executeRaw`
        INSERT INTO persons (office_id, name, name_grams, name_initials, id_cipher, id_hash, id_last4_hash, id_prefix6,
                             gender, birth_date, origin_division_code, derived_track, track_reason, track, updated_at)
        SELECT ${office.id}, 'bulk', ARRAY['b'], 'b', ${BULK_CIPHER()}, md5(${tag} || g::text) || md5(g::text || ${tag}),
               left(md5(g::text), 16), '520625', 'MALE', DATE '1980-01-01',
               CASE WHEN g <= 3 THEN '630225' ELSE '520625' END, 'TRANSFER', 'CAN_AND_WILL_MIGRATE', 'TRANSFER', now()
        FROM generate_series(1, ${count}) AS g`;
      await test(scope);
    } finally {
      await db().person.deleteMany({ where: { officeId: office.id } });
    }
  }

  it(`stops counting at ${COUNT_CAP} and says so`, async () => {
    await withBulkPeople(COUNT_CAP + 1, async (scope) => {
      expect(await countPersons(scope, personListQuerySchema.parse({}))).toEqual({ count: COUNT_CAP, capped: true });
      expect(await countPersons(scope, personListQuerySchema.parse({ origin: "63" }))).toEqual({ count: 3, capped: false });
      // The list still answers one page.
      expect((await listPersons(scope, personListQuerySchema.parse({}))).rows).toHaveLength(PAGE_SIZE);
    });
  });

  it("counts combined filters in a transaction of their own, and the next query plans as before", async () => {
    await withBulkPeople(COUNT_CAP + 1, async (scope) => {
      // Scope, track and origin: the count runs with bitmap scans off (docs/decisions/007).
      expect(await countPersons(scope, personListQuerySchema.parse({ track: "TRANSFER", origin: "52" }))).toEqual({ count: COUNT_CAP - 2, capped: false });
      expect(await countPersons(scope, personListQuerySchema.parse({ track: "TRANSFER", employmentStatus: "UNEMPLOYED" }))).toEqual({ count: COUNT_CAP, capped: true });
      // SET LOCAL ended with that transaction: no pooled connection kept it.
      const settings = await Promise.all(Array.from({ length: 8 }, () => db().$queryRaw<{ enable_bitmapscan: string }[]>`SHOW enable_bitmapscan`));
      expect(settings.map((rows) => rows[0]!.enable_bitmapscan)).toEqual(Array(8).fill("on"));
    });
  });

  it("exactly the cap is not capped", async () => {
    await withBulkPeople(COUNT_CAP, async (scope) => {
      expect(await countPersons(scope, personListQuerySchema.parse({}))).toEqual({ count: COUNT_CAP, capped: false });
    });
  });
});

describe("counting a broad search (one character, three digits) with filters", () => {
  // 6,000 people in a fresh office: three in four named 王…, a third unemployed, six in training,
  // one in five from 630225; half the phones start with 138 and some others end with 138.
  const N = 6000;
  let scope: Scope;
  let officeId: number;
  beforeAll(async () => {
    const caseworker = await freshCaseworker();
    scope = caseworker.scope;
    officeId = caseworker.office.id;
    const tag = suffix();
    await db().$executeRaw`
      INSERT INTO persons (office_id, name, name_grams, name_initials, id_cipher, id_hash, id_last4_hash, id_prefix6, phone,
                           gender, birth_date, origin_division_code, employment_status, derived_track, track_reason, track, updated_at)
      SELECT ${officeId}, n.name, ARRAY[substr(n.name, 1, 1), substr(n.name, 2, 1), n.name], 'wb', ${BULK_CIPHER()},
             md5(${tag} || g::text) || md5(g::text || ${tag}), left(md5(g::text), 16), '520625',
             CASE WHEN g % 2 = 0 THEN '138' || lpad(g::text, 8, '0') WHEN g % 3 = 0 THEN '139' || lpad(g::text, 5, '0') || '138' ELSE '137' || lpad(g::text, 8, '0') END,
             'MALE', DATE '1980-01-01', CASE WHEN g % 5 = 0 THEN '630225' ELSE '520625' END,
             (CASE WHEN g % 500 = 1 THEN 'IN_TRAINING' WHEN g % 3 = 0 THEN 'UNEMPLOYED' ELSE 'EMPLOYED' END)::employment_status,
             'TRANSFER', 'CAN_AND_WILL_MIGRATE', 'TRANSFER', now()
        FROM generate_series(1, ${N}) AS g
       CROSS JOIN LATERAL (SELECT CASE WHEN g % 4 = 0 THEN '李' ELSE '王' END || '兵' AS name) n`;
    return async () => {
      await db().person.deleteMany({ where: { officeId } });
    };
  });

  /** The same count as plain SQL over the whole table: what the page must say. */
  async function truth(where: string, params: unknown[]) {
    const [row] = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM persons p WHERE ${where}`, ...params);
    const n = Number(row!.n);
    return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
  }

  const always = async () => 1;
  const never = async () => 0;
  // Each step of countBroadSearch: the walk, the walk that gives up, the sample, the exact count.
  const tunings: [string, BroadCountTuning][] = [
    ["walk", { share: always }],
    ["walk gives up, sample settles", { share: always, walkRows: 100 }],
    ["sample", { share: never }],
    ["walk and sample give up: exact count", { share: always, walkRows: 100, sampleRows: 100 }],
    ["sample gives up: exact count", { share: never, sampleRows: 100 }],
  ];
  const office = "p.office_id = $1";
  const cases: [string, Record<string, unknown>, string, unknown[]][] = [
    ["王", { q: "王" }, `${office} AND strpos(p.name, '王') > 0`, []],
    ["王 + unemployed", { q: "王", employmentStatus: "UNEMPLOYED" }, `${office} AND strpos(p.name, '王') > 0 AND p.employment_status = 'UNEMPLOYED'`, []],
    ["王 + in training (six)", { q: "王", employmentStatus: "IN_TRAINING" }, `${office} AND strpos(p.name, '王') > 0 AND p.employment_status = 'IN_TRAINING'`, []],
    ["王 + from 6302", { q: "王", origin: "6302" }, `${office} AND strpos(p.name, '王') > 0 AND p.origin_division_code LIKE '6302%'`, []],
    ["138", { q: "138" }, `${office} AND (p.phone LIKE '138%' OR p.phone LIKE '%138')`, []],
    ["138 + unemployed", { q: "138", employmentStatus: "UNEMPLOYED" }, `${office} AND (p.phone LIKE '138%' OR p.phone LIKE '%138') AND p.employment_status = 'UNEMPLOYED'`, []],
    ["138 + from 6302", { q: "138", origin: "6302" }, `${office} AND (p.phone LIKE '138%' OR p.phone LIKE '%138') AND p.origin_division_code LIKE '6302%'`, []],
  ];

  it("every step of the count says what plain SQL says, capped or exact", async () => {
    const seen = new Set<string>();
    for (const [label, query, where] of cases) {
      const expected = await truth(where, [officeId]);
      seen.add(expected.capped ? "capped" : "exact");
      for (const [step, tuning] of tunings) {
        expect(await countPersons(scope, personListQuerySchema.parse(query), tuning), `${label}, ${step}`).toEqual(expected);
      }
    }
    // Both outcomes were tried.
    expect(seen).toEqual(new Set(["capped", "exact"]));
  });

  it("a partner's region is tested like a filter, in every step", async () => {
    const partner = createScope({ userId: scope.userId, role: "PARTNER", officeId, officeIds: [officeId], originPrefix: "630225" });
    const region = "p.origin_division_code LIKE '630225%'";
    for (const [label, query, where] of [
      ["王", { q: "王" }, `${region} AND strpos(p.name, '王') > 0`],
      ["王 + unemployed", { q: "王", employmentStatus: "UNEMPLOYED" }, `${region} AND strpos(p.name, '王') > 0 AND p.employment_status = 'UNEMPLOYED'`],
      ["138", { q: "138" }, `${region} AND (p.phone LIKE '138%' OR p.phone LIKE '%138')`],
    ] as const) {
      const expected = await truth(where, []);
      for (const [step, tuning] of tunings) {
        expect(await countPersons(partner, personListQuerySchema.parse(query), tuning), `${label}, ${step}`).toEqual(expected);
      }
    }
  });

  it("the planner settings of the count end with its transaction", async () => {
    await countPersons(scope, personListQuerySchema.parse({ q: "王", employmentStatus: "UNEMPLOYED" }), { share: always, walkRows: 100 });
    const settings = await Promise.all(
      Array.from({ length: 8 }, () => db().$queryRaw<{ b: string; i: string; s: string }[]>`SELECT current_setting('enable_bitmapscan') AS b, current_setting('enable_indexscan') AS i, current_setting('enable_seqscan') AS s`),
    );
    expect(settings.map((rows) => rows[0])).toEqual(Array(8).fill({ b: "on", i: "on", s: "on" }));
  });
});
