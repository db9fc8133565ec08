// Households: members added, edited and removed with their audit rows, the member who has a
// person record protected, optimistic concurrency, and poverty status history.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { changePovertyStatus, saveHousehold } from "@/lib/households/mutations";
import { changePovertyStatusSchema, saveHouseholdSchema } from "@/lib/households/schema";
import { getHouseholdForPerson } from "@/lib/persons/data";
import { createPerson } from "@/lib/persons/mutations";
import { householdFigures } from "@/lib/persons/rules";
import { createPersonSchema, type CreatePersonInput } from "@/lib/persons/schema";
import { personInput } from "../factories";
import { auditBy, expectAppError, freshCaseworker, randomNationalId, uniqueName } from "./helpers";

type MemberRow = Awaited<ReturnType<typeof loadHousehold>>["members"][number];

async function registerWithHousehold(scope: Scope, members: { name: string; relation: string; birthYear?: number; isLabourer?: boolean; note?: string }[] = []) {
  const name = uniqueName();
  const { id } = await createPerson(
    scope,
    createPersonSchema.parse(
      personInput({
        name,
        nationalId: randomNationalId({ birth: "19800505" }),
        household: { povertyStatus: "REGISTERED_POOR", povertyStatusSince: "2016-03-01", perCapitaIncome: 3200, members } as unknown as CreatePersonInput["household"],
      }),
    ),
  );
  const { householdId } = await db().person.findUniqueOrThrow({ where: { id }, select: { householdId: true } });
  return { personId: id, name, householdId: householdId! };
}

async function loadHousehold(id: number) {
  return db().household.findUniqueOrThrow({ where: { id }, include: { members: { orderBy: { id: "asc" } }, povertyHistory: { orderBy: { id: "asc" } } } });
}

/** A member as the household form sends it back. */
function asInput(m: MemberRow, changes: Record<string, unknown> = {}) {
  return { id: m.id, name: m.name, relation: m.relation, birthYear: m.birthYear, isLabourer: m.isLabourer, note: m.note, ...changes };
}

function save(version: number, household: { divisionCode: string | null; addressDetail: string | null; perCapitaIncome: number | null; registrationNote: string | null }, members: unknown[]) {
  return saveHouseholdSchema.parse({ version, ...household, members });
}

describe("saveHousehold", () => {
  it("adds, edits and removes members, with one audit row each, and bumps the version", async () => {
    const { scope, user } = await freshCaseworker();
    const { householdId, personId } = await registerWithHousehold(scope, [
      { name: "父亲", relation: "PARENT", birthYear: 1955, isLabourer: true },
      { name: "孩子", relation: "CHILD", birthYear: 2015 },
    ]);
    const before = await loadHousehold(householdId);
    const [father, child, self] = before.members;
    expect(self!.personId).toBe(personId);
    const auditBefore = (await auditBy(user.id)).length;

    const result = await saveHousehold(
      scope,
      householdId,
      save(1, { divisionCode: before.divisionCode, addressDetail: "印江县新寨村 3 组", perCapitaIncome: 5200, registrationNote: "2020 年脱贫" }, [
        asInput(self!),
        asInput(father!, { isLabourer: false, note: "慢性病" }),
        { name: "奶奶", relation: "GRANDPARENT", birthYear: 1940, isLabourer: false },
      ]),
    );
    expect(result).toEqual({ version: 2 });

    const after = await loadHousehold(householdId);
    expect(after).toMatchObject({ version: 2, addressDetail: "印江县新寨村 3 组", perCapitaIncome: 5200, registrationNote: "2020 年脱贫", povertyStatus: "REGISTERED_POOR" });
    expect(after.members.map((m) => [m.name, m.relation, m.isLabourer, m.note, m.personId])).toEqual([
      ["父亲", "PARENT", false, "慢性病", null],
      [self!.name, "SELF", true, null, personId],
      ["奶奶", "GRANDPARENT", false, null, null],
    ]);
    expect(await db().householdMember.findUnique({ where: { id: child!.id } })).toBeNull();
    expect(householdFigures(after.members)).toEqual({ size: 3, labourers: 1, dependants: 2 });

    const audit = (await auditBy(user.id)).slice(auditBefore);
    expect(audit.map((a) => [a.action, a.entityType, a.entityId])).toEqual([
      ["household.updated", "household", String(householdId)],
      ["household.member_removed", "household", String(householdId)],
      ["household.member_updated", "household", String(householdId)],
      ["household.member_added", "household", String(householdId)],
    ]);
    expect(audit[0]!.changes).toEqual({
      addressDetail: [before.addressDetail, "印江县新寨村 3 组"],
      perCapitaIncome: [3200, 5200],
      registrationNote: [null, "2020 年脱贫"],
    });
    expect(audit[1]!.changes).toEqual({ member: { name: "孩子", relation: "CHILD" } });
    expect(audit[2]!.changes).toEqual({ member: "父亲", isLabourer: [true, false], note: [null, "慢性病"] });
    expect(audit[3]!.changes).toEqual({ member: { name: "奶奶", relation: "GRANDPARENT" }, isLabourer: false });
  });

  it("the figures a person's page shows are counted from the members", async () => {
    const { scope } = await freshCaseworker();
    // 代江敏's household: he is the only labourer of seven.
    const { householdId } = await registerWithHousehold(scope, [
      { name: "代母", relation: "PARENT", birthYear: 1950 },
      { name: "妻子", relation: "SPOUSE", birthYear: 1980 },
      { name: "孩子一", relation: "CHILD", birthYear: 2008 },
      { name: "孩子二", relation: "CHILD", birthYear: 2011 },
      { name: "孩子三", relation: "CHILD", birthYear: 2014 },
      { name: "孩子四", relation: "CHILD", birthYear: 2018 },
    ]);
    const household = await getHouseholdForPerson(scope, householdId);
    expect(householdFigures(household!.members)).toEqual({ size: 7, labourers: 1, dependants: 6 });

    const members = household!.members.map((m) => asInput(m as MemberRow, m.name === "妻子" ? { isLabourer: true } : {}));
    await saveHousehold(scope, householdId, save(1, household!, members));
    expect(householdFigures((await getHouseholdForPerson(scope, householdId))!.members)).toEqual({ size: 7, labourers: 2, dependants: 5 });
  });

  it("refuses to remove a member who has a person record; nothing is written", async () => {
    const { scope, user } = await freshCaseworker();
    const { householdId } = await registerWithHousehold(scope, [{ name: "父亲", relation: "PARENT", birthYear: 1955 }]);
    const before = await loadHousehold(householdId);
    const auditBefore = await auditBy(user.id);
    const father = before.members.find((m) => m.relation === "PARENT")!;

    // Leaves out SELF, changes the address, and edits the father: all of it must roll back.
    const error = await expectAppError(
      saveHousehold(scope, householdId, save(1, { ...before, addressDetail: "改了" }, [asInput(father, { note: "改了" })])),
      "VALIDATION",
    );
    expect(error.details).toEqual({ fieldErrors: { members: "validation.memberHasPerson" } });
    expect(await loadHousehold(householdId)).toEqual(before);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });

  it("refuses a member id of another household; nothing is written", async () => {
    const { scope, user } = await freshCaseworker();
    const mine = await registerWithHousehold(scope);
    const theirs = await registerWithHousehold(scope, [{ name: "别家老人", relation: "PARENT", birthYear: 1940 }]);
    const before = await loadHousehold(mine.householdId);
    const theirsBefore = await loadHousehold(theirs.householdId);
    const auditBefore = await auditBy(user.id);
    const stranger = theirsBefore.members.find((m) => m.relation === "PARENT")!;

    const error = await expectAppError(
      saveHousehold(scope, mine.householdId, save(1, before, [...before.members.map((m) => asInput(m)), asInput(stranger, { name: "改名" })])),
      "VALIDATION",
    );
    expect(error.details).toEqual({ fieldErrors: { members: "validation.memberUnknown" } });
    expect(await loadHousehold(mine.householdId)).toEqual(before);
    expect(await loadHousehold(theirs.householdId)).toEqual(theirsBefore);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });

  it("with a stale version: CONFLICT and nothing written", async () => {
    const { scope, user } = await freshCaseworker();
    const { householdId } = await registerWithHousehold(scope);
    const first = await loadHousehold(householdId);
    await saveHousehold(scope, householdId, save(1, { ...first, perCapitaIncome: 4000 }, first.members.map((m) => asInput(m))));
    const before = await loadHousehold(householdId);
    const auditBefore = await auditBy(user.id);

    const error = await expectAppError(
      saveHousehold(scope, householdId, save(1, { ...first, perCapitaIncome: 9999 }, [...first.members.map((m) => asInput(m)), { name: "新人", relation: "OTHER" }])),
      "CONFLICT",
    );
    expect(error.details).toEqual({ currentVersion: 2 });
    expect(await loadHousehold(householdId)).toEqual(before);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });

  it("two saves of the same version at once: one wins, the other gets CONFLICT", async () => {
    const { scope } = await freshCaseworker();
    const { householdId } = await registerWithHousehold(scope);
    const first = await loadHousehold(householdId);
    const members = first.members.map((m) => asInput(m));
    const results = await Promise.allSettled([
      saveHousehold(scope, householdId, save(1, first, [...members, { name: "甲", relation: "CHILD" }])),
      saveHousehold(scope, householdId, save(1, first, [...members, { name: "乙", relation: "CHILD" }])),
    ]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0]!.reason as AppError).code).toBe("CONFLICT");
    const after = await loadHousehold(householdId);
    expect(after.version).toBe(2);
    expect(after.members.filter((m) => m.relation === "CHILD")).toHaveLength(1);
    const added = await db().auditEvent.count({ where: { entityType: "household", entityId: String(householdId), action: "household.member_added" } });
    expect(added).toBe(1);
  });

  it("the name of a member with a person record stays the person's name", async () => {
    const { scope } = await freshCaseworker();
    const { householdId, name } = await registerWithHousehold(scope);
    const before = await loadHousehold(householdId);
    await saveHousehold(scope, householdId, save(1, before, before.members.map((m) => asInput(m, m.personId ? { name: "别名" } : {})))).catch(() => null);
    const self = (await loadHousehold(householdId)).members.find((m) => m.personId);
    expect(self!.name).toBe(name);
  });
});

describe("changePovertyStatus", () => {
  it("sets the status, keeps the history, writes the audit row", async () => {
    const { scope, user } = await freshCaseworker();
    const { householdId } = await registerWithHousehold(scope);
    const auditBefore = (await auditBy(user.id)).length;

    const input = changePovertyStatusSchema.parse({ version: 1, status: "LIFTED_UNSTABLE", effectiveDate: "2020-11-30", note: "收入依赖务工" });
    expect(await changePovertyStatus(scope, householdId, input)).toEqual({ version: 2 });

    const household = await loadHousehold(householdId);
    expect(household).toMatchObject({ povertyStatus: "LIFTED_UNSTABLE", povertyStatusSince: new Date("2020-11-30T00:00:00.000Z"), version: 2 });
    expect(household.povertyHistory.map((h) => [h.status, h.effectiveDate.toISOString().slice(0, 10), h.note, h.changedById])).toEqual([
      ["REGISTERED_POOR", "2016-03-01", null, user.id],
      ["LIFTED_UNSTABLE", "2020-11-30", "收入依赖务工", user.id],
    ]);
    const audit = (await auditBy(user.id)).slice(auditBefore);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([["household.poverty_status_changed", String(householdId)]]);
    expect(audit[0]!.changes).toEqual({ povertyStatus: ["REGISTERED_POOR", "LIFTED_UNSTABLE"], effectiveDate: "2020-11-30", note: "收入依赖务工" });

    // The page lists the history newest first.
    const detail = await getHouseholdForPerson(scope, householdId);
    expect(detail!.povertyHistory.map((h) => h.status)).toEqual(["LIFTED_UNSTABLE", "REGISTERED_POOR"]);
  });

  it("with a stale version: CONFLICT, no history row, no audit row", async () => {
    const { scope, user } = await freshCaseworker();
    const { householdId } = await registerWithHousehold(scope);
    await changePovertyStatus(scope, householdId, changePovertyStatusSchema.parse({ version: 1, status: "LIFTED", effectiveDate: "2020-06-30" }));
    const before = await loadHousehold(householdId);
    const auditBefore = await auditBy(user.id);
    await expectAppError(changePovertyStatus(scope, householdId, changePovertyStatusSchema.parse({ version: 1, status: "MARGINAL_AT_RISK", effectiveDate: "2021-01-01" })), "CONFLICT");
    expect(await loadHousehold(householdId)).toEqual(before);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });

  it("a household edit and a status change based on the same version: the second gets CONFLICT", async () => {
    const { scope } = await freshCaseworker();
    const { householdId } = await registerWithHousehold(scope);
    const first = await loadHousehold(householdId);
    await saveHousehold(scope, householdId, save(1, { ...first, addressDetail: "新地址" }, first.members.map((m) => asInput(m))));
    await expectAppError(changePovertyStatus(scope, householdId, changePovertyStatusSchema.parse({ version: 1, status: "LIFTED", effectiveDate: "2020-06-30" })), "CONFLICT");
    expect((await loadHousehold(householdId)).povertyHistory).toHaveLength(1);
  });
});
