// Authorization for persons and households (docs/decisions/003): every role, reads and writes,
// against people of fresh offices. A record outside the scope is "not found" and unchanged; the
// Prisma scope (getPerson) and the SQL scope (listPersons, countPersons) must say the same.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { countPersons, getHouseholdForPerson, getPerson, listPersons } from "@/lib/persons/data";
import { createPerson, overridePersonTrack, revealNationalId, updatePerson } from "@/lib/persons/mutations";
import { changePovertyStatus, saveHousehold } from "@/lib/households/mutations";
import { changePovertyStatusSchema, saveHouseholdSchema } from "@/lib/households/schema";
import { createPersonSchema, overrideTrackSchema, personListQuerySchema, updatePersonSchema, type CreatePersonInput } from "@/lib/persons/schema";
import { personInput } from "../factories";
import { actorIn, auditBy, expectAppError, freshOffice, randomNationalId, uniqueName, type Actor } from "./helpers";

type Person = { id: number; name: string; nationalId: string; householdId: number; form: CreatePersonInput };

async function register(actor: Actor, originDivisionCode: string): Promise<Person> {
  const nationalId = randomNationalId({ region: originDivisionCode });
  const form = personInput({ name: uniqueName(4), nationalId, originDivisionCode, caseworkerId: actor.scope.role === "CASEWORKER" ? actor.user.id : null });
  const { id } = await createPerson(actor.scope, createPersonSchema.parse(form));
  const { householdId } = await db().person.findUniqueOrThrow({ where: { id }, select: { householdId: true } });
  return { id, name: form.name, nationalId, householdId: householdId!, form };
}

async function sees(scope: Scope, person: Person) {
  const byName = personListQuerySchema.parse({ q: person.name });
  const byId = personListQuerySchema.parse({ q: person.nationalId });
  const [detail, household, named, numbered, counted] = await Promise.all([
    getPerson(scope, person.id),
    getHouseholdForPerson(scope, person.householdId),
    listPersons(scope, byName),
    listPersons(scope, byId),
    countPersons(scope, byName),
  ]);
  return {
    get: detail?.id === person.id,
    household: household?.id === person.householdId,
    list: named.rows.some((r) => r.id === person.id),
    listById: numbered.rows.some((r) => r.id === person.id),
    count: counted.count,
  };
}

const VISIBLE = { get: true, household: true, list: true, listById: true, count: 1 };
const HIDDEN = { get: false, household: false, list: false, listById: false, count: 0 };

async function snapshot(person: Person) {
  const [row, household] = await Promise.all([
    db().person.findUniqueOrThrow({ where: { id: person.id } }),
    db().household.findUniqueOrThrow({ where: { id: person.householdId }, include: { members: true, povertyHistory: true } }),
  ]);
  return { row, household };
}

function edit(person: Person, version = 1) {
  return updatePersonSchema.parse({ ...person.form, notes: "越权修改", version });
}

function householdEdit(version = 1) {
  return saveHouseholdSchema.parse({ version, divisionCode: "", addressDetail: "越权", perCapitaIncome: 1, registrationNote: "", members: [] });
}

const povertyChange = (version = 1) => changePovertyStatusSchema.parse({ version, status: "LIFTED", effectiveDate: "2021-01-01", note: "越权" });

describe("persons and households by role", () => {
  // Suzhou (3205): offices A and B under one supervisor; Wuxi (3202): office C outside.
  let caseworkerA: Actor;
  let caseworkerB: Actor;
  let caseworkerC: Actor;
  let supervisor: Actor;
  let partnerXunhua: Actor; // 630225
  let partnerTongren: Actor; // 5206: Tongren city, two counties below it
  let admin: Actor;
  let inA: Person; // from Xunhua, Qinghai
  let inB: Person; // from Yinjiang, Tongren
  let inC: Person; // from Bijiang, Tongren

  beforeAll(async () => {
    const [officeA, officeB, officeC, officeS, officeX, officeT, officeAdmin] = await Promise.all([
      freshOffice("320505"),
      freshOffice("320506"),
      freshOffice("320206"),
      freshOffice("3205"),
      freshOffice("630225", "ORIGIN_BUREAU"),
      freshOffice("5206", "ORIGIN_BUREAU"),
      freshOffice("32"),
    ]);
    [caseworkerA, caseworkerB, caseworkerC, supervisor, partnerXunhua, partnerTongren, admin] = await Promise.all([
      actorIn(officeA.id, "CASEWORKER"),
      actorIn(officeB.id, "CASEWORKER"),
      actorIn(officeC.id, "CASEWORKER"),
      actorIn(officeS.id, "SUPERVISOR"),
      actorIn(officeX.id, "PARTNER"),
      actorIn(officeT.id, "PARTNER"),
      actorIn(officeAdmin.id, "ADMIN"),
    ]);
    [inA, inB, inC] = await Promise.all([register(caseworkerA, "630225"), register(caseworkerB, "520625"), register(caseworkerC, "520602")]);
  });

  it("a caseworker sees the people of their office only", async () => {
    expect(await sees(caseworkerA.scope, inA)).toEqual(VISIBLE);
    expect(await sees(caseworkerA.scope, inB)).toEqual(HIDDEN);
    expect(await sees(caseworkerA.scope, inC)).toEqual(HIDDEN);
    expect(await sees(caseworkerB.scope, inA)).toEqual(HIDDEN);
    expect(await sees(caseworkerB.scope, inB)).toEqual(VISIBLE);
  });

  it("a caseworker's unfiltered list holds their office's people and no one else", async () => {
    const { rows } = await listPersons(caseworkerA.scope, personListQuerySchema.parse({}));
    expect(rows.map((r) => r.id)).toEqual([inA.id]);
    expect(await countPersons(caseworkerA.scope, personListQuerySchema.parse({}))).toEqual({ count: 1, capped: false });
  });

  it("a supervisor sees every office in their region, and not outside it", async () => {
    expect(await sees(supervisor.scope, inA)).toEqual(VISIBLE);
    expect(await sees(supervisor.scope, inB)).toEqual(VISIBLE);
    expect(await sees(supervisor.scope, inC)).toEqual(HIDDEN);
  });

  it("a partner sees the people who come from their region, whichever office has them", async () => {
    expect(await sees(partnerXunhua.scope, inA)).toEqual(VISIBLE);
    expect(await sees(partnerXunhua.scope, inB)).toEqual(HIDDEN);
    expect(await sees(partnerXunhua.scope, inC)).toEqual(HIDDEN);
    expect(await sees(partnerTongren.scope, inA)).toEqual(HIDDEN);
    expect(await sees(partnerTongren.scope, inB)).toEqual(VISIBLE);
    expect(await sees(partnerTongren.scope, inC)).toEqual(VISIBLE);
  });

  it("an admin sees everyone", async () => {
    for (const person of [inA, inB, inC]) expect(await sees(admin.scope, person)).toEqual(VISIBLE);
  });

  it("a caseworker cannot change a person or household of another office: NOT_FOUND, nothing written", async () => {
    const before = await snapshot(inB);
    await expectAppError(updatePerson(caseworkerA.scope, inB.id, edit(inB)), "NOT_FOUND");
    await expectAppError(overridePersonTrack(caseworkerA.scope, inB.id, overrideTrackSchema.parse({ version: 1, track: "LOCAL", note: "越权" })), "NOT_FOUND");
    await expectAppError(revealNationalId(caseworkerA.scope, inB.id), "NOT_FOUND");
    await expectAppError(saveHousehold(caseworkerA.scope, inB.householdId, householdEdit()), "NOT_FOUND");
    await expectAppError(changePovertyStatus(caseworkerA.scope, inB.householdId, povertyChange()), "NOT_FOUND");
    // Joining their household is refused too.
    await expectAppError(
      createPerson(caseworkerA.scope, createPersonSchema.parse(personInput({ name: uniqueName(), nationalId: randomNationalId(), joinHouseholdId: inB.householdId, relation: "SPOUSE" }))),
      "VALIDATION",
    );
    expect(await snapshot(inB)).toEqual(before);
    expect(await auditBy(caseworkerA.user.id)).toHaveLength(2); // registering inA: household.created, person.created
  });

  it("a supervisor cannot change a person outside the region: NOT_FOUND", async () => {
    const before = await snapshot(inC);
    await expectAppError(updatePerson(supervisor.scope, inC.id, edit(inC)), "NOT_FOUND");
    await expectAppError(overridePersonTrack(supervisor.scope, inC.id, overrideTrackSchema.parse({ version: 1, track: "LOCAL", note: "越权" })), "NOT_FOUND");
    await expectAppError(revealNationalId(supervisor.scope, inC.id), "NOT_FOUND");
    await expectAppError(saveHousehold(supervisor.scope, inC.householdId, householdEdit()), "NOT_FOUND");
    await expectAppError(changePovertyStatus(supervisor.scope, inC.householdId, povertyChange()), "NOT_FOUND");
    expect(await snapshot(inC)).toEqual(before);
    expect(await auditBy(supervisor.user.id)).toEqual([]);
  });

  it("a partner reads but never writes: FORBIDDEN even for their own region's people", async () => {
    const before = await snapshot(inA);
    await expectAppError(createPerson(partnerXunhua.scope, createPersonSchema.parse(personInput({ name: uniqueName(), nationalId: randomNationalId(), originDivisionCode: "630225" }))), "FORBIDDEN");
    await expectAppError(updatePerson(partnerXunhua.scope, inA.id, edit(inA)), "FORBIDDEN");
    await expectAppError(overridePersonTrack(partnerXunhua.scope, inA.id, overrideTrackSchema.parse({ version: 1, track: "LOCAL", note: "越权" })), "FORBIDDEN");
    await expectAppError(revealNationalId(partnerXunhua.scope, inA.id), "FORBIDDEN");
    await expectAppError(saveHousehold(partnerXunhua.scope, inA.householdId, householdEdit()), "FORBIDDEN");
    await expectAppError(changePovertyStatus(partnerXunhua.scope, inA.householdId, povertyChange()), "FORBIDDEN");
    expect(await snapshot(inA)).toEqual(before);
    expect(await db().person.count({ where: { officeId: partnerXunhua.scope.officeId } })).toBe(0);
    expect(await auditBy(partnerXunhua.user.id)).toEqual([]);
  });

  it("a supervisor of the region and an admin may change people of offices below them", async () => {
    const fresh = await register(caseworkerB, "520625");
    expect(await updatePerson(supervisor.scope, fresh.id, edit(fresh, 1))).toEqual({ id: fresh.id, version: 2 });
    expect(await updatePerson(admin.scope, fresh.id, edit(fresh, 2))).toEqual({ id: fresh.id, version: 3 });
    expect(await revealNationalId(admin.scope, fresh.id)).toBe(fresh.nationalId);
    expect((await auditBy(supervisor.user.id)).map((a) => [a.action, a.entityId])).toEqual([["person.updated", String(fresh.id)]]);
    expect((await auditBy(admin.user.id)).map((a) => a.action)).toEqual(["person.id_revealed"]);
  });
});
