// The household's poverty status copied onto each member (persons.poverty_status, which the
// person list filters on without joining households): set when a person is registered (with a
// new household or joining one), changed on every member by changePovertyStatus in the same
// transaction, and never left behind by a registration running at the same moment.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { changePovertyStatus } from "@/lib/households/mutations";
import { changePovertyStatusSchema } from "@/lib/households/schema";
import { countPersons, listPersons } from "@/lib/persons/data";
import { createPerson } from "@/lib/persons/mutations";
import { createPersonSchema, personListQuerySchema, type CreatePersonInput } from "@/lib/persons/schema";
import { personInput } from "../factories";
import { expectAppError, freshCaseworker, randomNationalId, uniqueName } from "./helpers";

async function register(scope: Scope, overrides: Partial<CreatePersonInput>) {
  return (await createPerson(scope, createPersonSchema.parse(personInput({ name: uniqueName(), nationalId: randomNationalId(), ...overrides })))).id;
}

const household = (povertyStatus: string) => ({ povertyStatus, povertyStatusSince: "2016-03-01", members: [] }) as unknown as CreatePersonInput["household"];

/** The column as PostgreSQL holds it, by person id (no Prisma mapping in between). */
async function storedStatus(ids: number[]): Promise<Record<number, string>> {
  const rows = await db().$queryRaw<{ id: number; status: string }[]>`
    SELECT id, poverty_status::text AS status FROM persons WHERE id = ANY(${ids}::int[])`;
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

/** Members of the office whose copy differs from their household's status (should be none). */
async function outOfStep(officeId: number) {
  return db().$queryRaw<{ id: number }[]>`
    SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id
    WHERE p.office_id = ${officeId} AND p.poverty_status <> h.poverty_status`;
}

async function householdOf(personId: number) {
  const { householdId } = await db().person.findUniqueOrThrow({ where: { id: personId }, select: { householdId: true } });
  return db().household.findUniqueOrThrow({ where: { id: householdId! }, select: { id: true, version: true, povertyStatus: true } });
}

/** The filtered list (first page, ids sorted) and its count, which must agree. */
async function filtered(scope: Scope, povertyStatus: string) {
  const query = personListQuerySchema.parse({ povertyStatus });
  const { rows } = await listPersons(scope, query);
  expect(await countPersons(scope, query)).toEqual({ count: rows.length, capped: false });
  return rows.map((r) => [r.id, r.povertyStatus] as const).sort((a, b) => a[0] - b[0]);
}

const change = (version: number, status: string, effectiveDate = "2020-11-30") => changePovertyStatusSchema.parse({ version, status, effectiveDate });

describe("persons.poverty_status", () => {
  it("is the household's on registration, for a new household and for a member who joins it", async () => {
    const { scope, office } = await freshCaseworker();
    const first = await register(scope, { household: household("MARGINAL_AT_RISK") });
    const { id: householdId } = await householdOf(first);
    const spouse = await register(scope, { joinHouseholdId: householdId, relation: "SPOUSE" });
    const alone = await register(scope, {}); // no household details: a household of status NONE

    expect(await storedStatus([first, spouse, alone])).toEqual({ [first]: "MARGINAL_AT_RISK", [spouse]: "MARGINAL_AT_RISK", [alone]: "NONE" });
    expect(await filtered(scope, "MARGINAL_AT_RISK")).toEqual([
      [first, "MARGINAL_AT_RISK"],
      [spouse, "MARGINAL_AT_RISK"],
    ]);
    expect(await filtered(scope, "NONE")).toEqual([[alone, "NONE"]]);
    expect(await outOfStep(office.id)).toEqual([]);
  });

  it("follows a change of the household's status on every member, in the list and its filter; a later member gets the new status", async () => {
    const { scope, office } = await freshCaseworker();
    const first = await register(scope, { household: household("REGISTERED_POOR") });
    const { id: householdId } = await householdOf(first);
    const second = await register(scope, { joinHouseholdId: householdId, relation: "SPOUSE" });
    const third = await register(scope, { joinHouseholdId: householdId, relation: "CHILD", employmentStatus: "STUDENT" });
    // Another household of the office with the same status: it must not move.
    const neighbour = await register(scope, { household: household("REGISTERED_POOR") });
    expect(await filtered(scope, "REGISTERED_POOR")).toEqual([first, second, third, neighbour].map((id) => [id, "REGISTERED_POOR"]));

    const { version } = await householdOf(first);
    await changePovertyStatus(scope, householdId, change(version, "LIFTED_UNSTABLE"));

    expect(await storedStatus([first, second, third, neighbour])).toEqual({
      [first]: "LIFTED_UNSTABLE",
      [second]: "LIFTED_UNSTABLE",
      [third]: "LIFTED_UNSTABLE",
      [neighbour]: "REGISTERED_POOR",
    });
    expect(await filtered(scope, "LIFTED_UNSTABLE")).toEqual([first, second, third].map((id) => [id, "LIFTED_UNSTABLE"]));
    expect(await filtered(scope, "REGISTERED_POOR")).toEqual([[neighbour, "REGISTERED_POOR"]]);

    // Registered into the household after the change: the status it has now.
    const fourth = await register(scope, { joinHouseholdId: householdId, relation: "PARENT" });
    expect(await storedStatus([fourth])).toEqual({ [fourth]: "LIFTED_UNSTABLE" });
    expect(await filtered(scope, "LIFTED_UNSTABLE")).toEqual([first, second, third, fourth].map((id) => [id, "LIFTED_UNSTABLE"]));

    // And back again: every member, the late one included.
    await changePovertyStatus(scope, householdId, change(version + 1, "LIFTED", "2021-06-30"));
    expect(await filtered(scope, "LIFTED")).toEqual([first, second, third, fourth].map((id) => [id, "LIFTED"]));
    expect(await filtered(scope, "LIFTED_UNSTABLE")).toEqual([]);
    expect(await outOfStep(office.id)).toEqual([]);
  });

  it("is left as it was when the change fails (stale version)", async () => {
    const { scope } = await freshCaseworker();
    const first = await register(scope, { household: household("REGISTERED_POOR") });
    const { id: householdId } = await householdOf(first);
    const second = await register(scope, { joinHouseholdId: householdId, relation: "SPOUSE" });
    await changePovertyStatus(scope, householdId, change(1, "LIFTED"));
    await expectAppError(changePovertyStatus(scope, householdId, change(1, "EPIDEMIC_RETURNED")), "CONFLICT");
    expect(await storedStatus([first, second])).toEqual({ [first]: "LIFTED", [second]: "LIFTED" });
  });

  it("stays in step when a member registers while the status changes", async () => {
    const { scope, office } = await freshCaseworker();
    const first = await register(scope, { household: household("REGISTERED_POOR") });
    const { id: householdId } = await householdOf(first);
    const statuses = ["LIFTED", "LIFTED_UNSTABLE", "MARGINAL_AT_RISK", "REGISTERED_POOR"] as const;
    for (const [round, status] of statuses.entries()) {
      const { version } = await householdOf(first);
      await Promise.all([
        register(scope, { joinHouseholdId: householdId, relation: "CHILD", employmentStatus: "STUDENT" }),
        changePovertyStatus(scope, householdId, change(version, status, `202${round}-01-01`)),
        register(scope, { joinHouseholdId: householdId, relation: "OTHER" }),
      ]);
      expect(await outOfStep(office.id)).toEqual([]);
      expect((await filtered(scope, status)).length).toBe(1 + 2 * (round + 1));
    }
  });
});
