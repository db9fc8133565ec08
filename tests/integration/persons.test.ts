// Registering and editing people against PostgreSQL: the rows written, derived fields,
// encryption, duplicates, optimistic concurrency, rollback of a failed write, and the audit rows.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decryptPii, encryptPii, hashIdLast4, hashPii } from "@/lib/pii";
import { AppError } from "@/lib/errors";
import { createPersonSchema, overrideTrackSchema, updatePersonSchema, type CreatePersonInput } from "@/lib/persons/schema";
import { createPerson, overridePersonTrack, revealNationalId, updatePerson } from "@/lib/persons/mutations";
import { householdFigures, nameGrams, nameInitials } from "@/lib/persons/rules";
import { personInput } from "../factories";
import {
  actorIn,
  auditBy,
  auditOf,
  expectAppError,
  freshCaseworker,
  freshOffice,
  randomNationalId,
  randomPhone,
  rowCounts,
  uniqueName,
} from "./helpers";

function registration(overrides: Partial<CreatePersonInput> = {}) {
  return createPersonSchema.parse(personInput({ name: uniqueName(), nationalId: randomNationalId(), ...overrides }));
}

/** The registration form's values, with the caseworker as the one responsible (as the edit form shows it). */
function formFor(user: { id: number }, overrides: Partial<CreatePersonInput> = {}): CreatePersonInput {
  return personInput({ name: uniqueName(), nationalId: randomNationalId(), caseworkerId: user.id, ...overrides });
}

/** The update form's values: what was registered, changed by `overrides`. */
function edit(registered: CreatePersonInput, version: number, overrides: Record<string, unknown> = {}) {
  return updatePersonSchema.parse({ ...registered, ...overrides, version });
}

async function personRow(id: number) {
  return db().person.findUniqueOrThrow({ where: { id }, include: { skills: true } });
}

describe("createPerson", () => {
  it("writes the person, a household with the person as SELF, derived fields and two audit rows", async () => {
    const { scope, user, office } = await freshCaseworker();
    const lamian = await db().skill.findUniqueOrThrow({ where: { code: "LAMIAN" } });
    const nationalId = randomNationalId({ region: "630225", birth: "19900412", gender: "FEMALE" });
    const name = uniqueName();
    const phone = randomPhone();
    const before = await rowCounts(office.id, user.id);

    const { id } = await createPerson(
      scope,
      registration({
        name,
        nationalId,
        phone,
        originDivisionCode: "630225",
        migration: "WILLING",
        skills: [{ skillId: lamian.id, level: "SKILLED", customName: null, certificate: null }],
        household: {
          povertyStatus: "REGISTERED_POOR",
          povertyStatusSince: "2016-03-01",
          perCapitaIncome: 3200,
          members: [
            { name: "母亲", relation: "PARENT", birthYear: 1950, isLabourer: false },
            { name: "孩子", relation: "CHILD", birthYear: 2012, isLabourer: false },
          ],
        } as CreatePersonInput["household"],
      }),
    );

    const person = await personRow(id);
    expect(person).toMatchObject({
      officeId: office.id,
      caseworkerId: user.id, // a caseworker's registrations are their caseload
      name,
      phone,
      gender: "FEMALE",
      birthDate: new Date("1990-04-12T00:00:00.000Z"),
      originDivisionCode: "630225",
      idPrefix6: "630225",
      idLast4Hash: hashIdLast4(nationalId.slice(-4)),
      idHash: hashPii(nationalId),
      nameInitials: nameInitials(name),
      derivedTrack: "TRANSFER",
      trackReason: "CAN_AND_WILL_MIGRATE",
      track: "TRANSFER",
      trackOverride: null,
      consentGiven: true,
      version: 1,
    });
    expect([...person.nameGrams].sort()).toEqual(nameGrams(name).sort());
    expect(person.consentAt).toBeInstanceOf(Date);
    // The number itself is nowhere in the row: ciphertext that decrypts to it. The region and the
    // birth date are in clear, so the sequence and check characters must not be (decision 004).
    expect(person.idCipher).not.toContain(nationalId);
    const [columns] = await db().$queryRaw<{ row: Record<string, unknown> }[]>`SELECT to_jsonb(p) AS row FROM persons p WHERE id = ${id}`;
    expect(Object.keys(columns!.row).filter((c) => c.startsWith("id_")).sort()).toEqual(["id_cipher", "id_hash", "id_last4_hash", "id_prefix6"]);
    expect(columns!.row.id_last4_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(person.idCipher.startsWith("v1:")).toBe(true);
    expect(decryptPii(person.idCipher)).toBe(nationalId);
    expect(person.skills.map((s) => [s.skillId, s.level])).toEqual([[lamian.id, "SKILLED"]]);

    const household = await db().household.findUniqueOrThrow({
      where: { id: person.householdId! },
      include: { members: { orderBy: { id: "asc" } }, povertyHistory: true },
    });
    expect(household).toMatchObject({
      officeId: office.id,
      divisionCode: "630225", // the origin, when the household form leaves it empty
      povertyStatus: "REGISTERED_POOR",
      povertyStatusSince: new Date("2016-03-01T00:00:00.000Z"),
      perCapitaIncome: 3200,
      version: 1,
    });
    expect(household.members.map((m) => [m.name, m.relation, m.personId, m.birthYear, m.isLabourer])).toEqual([
      ["母亲", "PARENT", null, 1950, false],
      ["孩子", "CHILD", null, 2012, false],
      [name, "SELF", id, 1990, true],
    ]);
    expect(householdFigures(household.members)).toEqual({ size: 3, labourers: 1, dependants: 2 });
    expect(household.povertyHistory.map((h) => [h.status, h.effectiveDate.toISOString().slice(0, 10), h.changedById])).toEqual([
      ["REGISTERED_POOR", "2016-03-01", user.id],
    ]);

    const audit = await auditBy(user.id);
    expect(audit.map((a) => [a.action, a.entityType, a.entityId, a.officeId])).toEqual([
      ["household.created", "household", String(household.id), office.id],
      ["person.created", "person", String(id), office.id],
    ]);
    const created = audit[1]!.changes as Record<string, unknown>;
    expect(created).toMatchObject({ name, phone, derivedTrack: "TRANSFER", householdId: household.id, idNumber: "630225************" });
    expect(created).not.toHaveProperty("nameGrams");
    expect(created.skills).toEqual([{ skill: lamian.nameZh, skillId: lamian.id, level: "SKILLED" }]);
    // The audit log never holds the full number, nor its last four: beside the birth date they
    // would complete it (decision 004).
    expect(JSON.stringify(audit.map((a) => a.changes))).not.toContain(nationalId);

    const after = await rowCounts(office.id, user.id);
    expect(after).toEqual({ ...before, persons: before.persons + 1, households: before.households + 1, members: before.members + 3, skills: before.skills + 1, povertyChanges: before.povertyChanges + 1, audit: before.audit + 2 });
  });

  it("derives the track from the profile: unwilling -> LOCAL, no skills -> TRAIN_THEN_PLACE", async () => {
    const { scope } = await freshCaseworker();
    const local = await createPerson(scope, registration({ migration: "UNWILLING" }));
    const train = await createPerson(scope, registration({ migration: "WILLING", skills: [] }));
    expect(await db().person.findUniqueOrThrow({ where: { id: local.id }, select: { track: true, trackReason: true } })).toEqual({ track: "LOCAL", trackReason: "UNWILLING_TO_MIGRATE" });
    expect(await db().person.findUniqueOrThrow({ where: { id: train.id }, select: { track: true, trackReason: true } })).toEqual({ track: "TRAIN_THEN_PLACE", trackReason: "LACKS_SKILLS" });
  });

  it("id_hash has a unique index in the database", async () => {
    const rows = await db().$queryRaw<{ indexdef: string }[]>`
      SELECT indexdef FROM pg_indexes WHERE tablename = 'persons' AND indexdef LIKE 'CREATE UNIQUE INDEX%' AND indexdef LIKE '%(id_hash)%'`;
    expect(rows).toHaveLength(1);
  });

  it("a person joining a household is a member with their relation, and no new household is made", async () => {
    const { scope, user, office } = await freshCaseworker();
    const first = await createPerson(scope, registration());
    const householdId = (await personRow(first.id)).householdId!;
    const auditBefore = (await auditBy(user.id)).length;

    const spouseName = uniqueName();
    const spouse = await createPerson(scope, registration({ name: spouseName, joinHouseholdId: householdId, relation: "SPOUSE", employmentStatus: "NOT_IN_LABOUR_FORCE" }));

    expect((await personRow(spouse.id)).householdId).toBe(householdId);
    expect(await db().household.count({ where: { officeId: office.id } })).toBe(1);
    const members = await db().householdMember.findMany({ where: { householdId }, orderBy: { id: "asc" } });
    expect(members.map((m) => [m.relation, m.personId, m.isLabourer])).toEqual([
      ["SELF", first.id, true],
      ["SPOUSE", spouse.id, false],
    ]);
    expect((await auditBy(user.id)).slice(auditBefore).map((a) => a.action)).toEqual(["person.created"]);
  });

  it("cannot join a household of another office", async () => {
    const a = await freshCaseworker();
    const b = await freshCaseworker();
    const first = await createPerson(a.scope, registration());
    const householdId = (await personRow(first.id)).householdId!;
    const error = await expectAppError(createPerson(b.scope, registration({ joinHouseholdId: householdId, relation: "SPOUSE" })), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { joinHouseholdId: "validation.householdUnknown" } });
    expect(await rowCounts(b.office.id, b.user.id)).toMatchObject({ persons: 0, households: 0, audit: 0 });
  });

  it("a caseworker of another office cannot be made responsible", async () => {
    const a = await freshCaseworker();
    const b = await freshCaseworker();
    const error = await expectAppError(createPerson(a.scope, registration({ caseworkerId: b.user.id })), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { caseworkerId: "validation.caseworkerUnknown" } });
  });
});

describe("duplicate ID numbers", () => {
  it("are refused with DUPLICATE; the existing person is named only to those who may see them", async () => {
    const a = await freshCaseworker("3202");
    const b = await freshCaseworker("3205");
    const supervisor = await actorIn((await freshOffice("3202")).id, "SUPERVISOR");
    const admin = await actorIn((await freshOffice("32")).id, "ADMIN");
    const nationalId = randomNationalId();
    const name = uniqueName();
    const { id } = await createPerson(a.scope, registration({ name, nationalId }));

    const same = await expectAppError(createPerson(a.scope, registration({ nationalId })), "DUPLICATE");
    expect(same.details).toEqual({ existing: { id, name } });
    const other = await expectAppError(createPerson(b.scope, registration({ nationalId })), "DUPLICATE");
    expect(other.details).toEqual({ existing: null });
    const inRegion = await expectAppError(createPerson(supervisor.scope, registration({ nationalId })), "DUPLICATE");
    expect(inRegion.details).toEqual({ existing: { id, name } });
    const all = await expectAppError(createPerson(admin.scope, registration({ nationalId })), "DUPLICATE");
    expect(all.details).toEqual({ existing: { id, name } });

    expect(await db().person.count({ where: { idHash: hashPii(nationalId) } })).toBe(1);
    expect(await rowCounts(b.office.id, b.user.id)).toMatchObject({ persons: 0, households: 0, members: 0, audit: 0 });
    expect((await auditBy(supervisor.user.id)).length).toBe(0);
  });

  it("the same number typed with a lowercase x and spaces is the same person", async () => {
    const { scope } = await freshCaseworker();
    let nationalId = randomNationalId();
    while (!nationalId.endsWith("X")) nationalId = randomNationalId();
    await createPerson(scope, registration({ nationalId }));
    const typed = `${nationalId.slice(0, 6)} ${nationalId.slice(6, 14)} ${nationalId.slice(14, 17)}x`;
    await expectAppError(createPerson(scope, registration({ nationalId: typed })), "DUPLICATE");
    expect(await db().person.count({ where: { idHash: hashPii(nationalId) } })).toBe(1);
  });

  it("when the other registration commits while this one waits on the unique index, the answer is still DUPLICATE", async () => {
    // Forces the race the pre-check cannot see: another transaction has inserted the number but
    // not committed, so createPerson's look-up finds nothing and its insert waits on id_hash.
    const other = await freshCaseworker();
    const admin = await actorIn((await freshOffice("32")).id, "ADMIN");
    const nationalId = randomNationalId();
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      const { rows } = await blocker.query<{ id: number; xid: string }>(
        `INSERT INTO persons (office_id, name, name_grams, name_initials, id_cipher, id_hash, id_last4_hash, id_prefix6, gender, birth_date,
                              origin_division_code, derived_track, track_reason, track, updated_at)
         VALUES ($1, '先到者', ARRAY['先'], 'xdz', $5, $2, $3, $4, 'MALE', DATE '1980-01-01', '520625', 'TRANSFER', 'CAN_AND_WILL_MIGRATE', 'TRANSFER', now())
         RETURNING id, pg_current_xact_id()::text AS xid`,
        // A real ciphertext: the row stays in the test database, and a list that shows it makes its mask.
        [other.office.id, hashPii(nationalId), hashIdLast4(nationalId.slice(-4)), nationalId.slice(0, 6), encryptPii(nationalId)],
      );
      const pending = createPerson(admin.scope, registration({ nationalId })).then(
        () => null,
        (e: unknown) => e,
      );
      // Wait until createPerson is blocked on the blocker's transaction, then let it go.
      for (let i = 0; i < 100; i++) {
        const waiting = await db().$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted AND transactionid::text = ${rows[0]!.xid}`;
        if (waiting[0]!.n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await blocker.query("COMMIT");
      const error = await pending;
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("DUPLICATE");
      expect((error as AppError).details).toEqual({ existing: { id: rows[0]!.id, name: "先到者" } });
      expect(await db().person.count({ where: { idHash: hashPii(nationalId) } })).toBe(1);
      expect(await rowCounts(admin.scope.officeId, admin.user.id)).toMatchObject({ persons: 0, households: 0, audit: 0 });
    } finally {
      await blocker.query("ROLLBACK").catch(() => {});
      await blocker.end();
    }
  });

  it("two offices registering the same number at the same moment: exactly one row", async () => {
    const a = await freshCaseworker();
    const b = await freshCaseworker();
    for (let round = 0; round < 5; round++) {
      const nationalId = randomNationalId();
      const results = await Promise.allSettled([
        createPerson(a.scope, registration({ nationalId })),
        createPerson(b.scope, registration({ nationalId })),
      ]);
      const fulfilled = results.filter((r) => r.status === "fulfilled");
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(AppError);
      expect((rejected[0]!.reason as AppError).code).toBe("DUPLICATE");
      // The other office's caseworker is not told whose record it is.
      expect((rejected[0]!.reason as AppError).details).toEqual({ existing: null });
      expect(await db().person.count({ where: { idHash: hashPii(nationalId) } })).toBe(1);
    }
    // The loser's household and audit rows were rolled back with it.
    const [ca, cb] = await Promise.all([rowCounts(a.office.id, a.user.id), rowCounts(b.office.id, b.user.id)]);
    expect(ca.persons + cb.persons).toBe(5);
    expect(ca.households + cb.households).toBe(5);
    expect(ca.members + cb.members).toBe(5);
    expect(ca.audit + cb.audit).toBe(10);
  });
});

describe("a write that fails part-way writes nothing", () => {
  it("an unknown skill id: no person, household or audit row", async () => {
    const { scope, user, office } = await freshCaseworker();
    const before = await rowCounts(office.id, user.id);
    const error = await expectAppError(
      createPerson(scope, registration({ skills: [{ skillId: 999_999, customName: null, level: "BASIC", certificate: null }] })),
      "VALIDATION",
    );
    expect(error.details).toEqual({ fieldErrors: { skills: "validation.skillUnknown" } });
    expect(await rowCounts(office.id, user.id)).toEqual(before);
  });

  it("an unknown village code: no person, household or audit row", async () => {
    const { scope, user, office } = await freshCaseworker();
    const before = await rowCounts(office.id, user.id);
    const error = await expectAppError(createPerson(scope, registration({ currentDivisionCode: "520625999999" })), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { currentDivisionCode: "validation.divisionUnknown" } });
    expect(await rowCounts(office.id, user.id)).toEqual(before);
  });

  it("a database error after the household and the person were inserted rolls all of them back", async () => {
    const { scope, user, office } = await freshCaseworker();
    const before = await rowCounts(office.id, user.id);
    const nationalId = randomNationalId();
    // A relation no enum has gets past the types only by force, and fails on the last insert
    // (the SELF member row), after the household, its audit row and the person were written.
    const input = { ...registration({ nationalId, household: { povertyStatus: "LIFTED", members: [{ name: "父亲", relation: "PARENT" }] } as CreatePersonInput["household"] }), relation: "NOT_A_RELATION" } as unknown as ReturnType<typeof registration>;
    await expect(createPerson(scope, input)).rejects.toThrow();
    expect(await rowCounts(office.id, user.id)).toEqual(before);
    expect(await db().person.count({ where: { idHash: hashPii(nationalId) } })).toBe(0);
  });

  it("an unknown household division code is refused like the person's own codes", async () => {
    const { scope, user, office } = await freshCaseworker();
    const before = await rowCounts(office.id, user.id);
    await expectAppError(
      createPerson(scope, registration({ household: { divisionCode: "520625999999", povertyStatus: "NONE", members: [] } as CreatePersonInput["household"] })),
      "VALIDATION",
    );
    expect(await rowCounts(office.id, user.id)).toEqual(before);
  });
});

describe("updatePerson", () => {
  it("with the version it read: saves, bumps the version, re-derives, writes person.updated with before and after", async () => {
    const { scope, user } = await freshCaseworker();
    const registered = formFor(user, { phone: randomPhone(), migration: "WILLING", skills: [{ customName: "拉面", level: "SKILLED" }] } as Partial<CreatePersonInput>);
    const { id } = await createPerson(scope, createPersonSchema.parse(registered));
    const old = await personRow(id);
    expect(old.track).toBe("TRANSFER");
    const auditBefore = (await auditBy(user.id)).length;

    const newName = uniqueName();
    const newPhone = randomPhone();
    const result = await updatePerson(scope, id, edit(registered, 1, { name: newName, phone: newPhone, migration: "UNWILLING", needs: ["CHILDCARE"] }));
    expect(result).toEqual({ id, version: 2 });

    const now = await personRow(id);
    expect(now).toMatchObject({ name: newName, phone: newPhone, migration: "UNWILLING", needs: ["CHILDCARE"], track: "LOCAL", derivedTrack: "LOCAL", trackReason: "UNWILLING_TO_MIGRATE", version: 2, nameInitials: nameInitials(newName) });
    expect([...now.nameGrams].sort()).toEqual(nameGrams(newName).sort());
    // Unchanged: the ID number and what is derived from it.
    expect(now).toMatchObject({ idHash: old.idHash, idCipher: old.idCipher, birthDate: old.birthDate, gender: old.gender });
    // The household member row follows the name.
    expect((await db().householdMember.findUniqueOrThrow({ where: { personId: id } })).name).toBe(newName);

    const audit = (await auditBy(user.id)).slice(auditBefore);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([["person.updated", String(id)]]);
    expect(audit[0]!.changes).toEqual({
      name: [old.name, newName],
      phone: [old.phone, newPhone],
      migration: ["WILLING", "UNWILLING"],
      needs: [[], ["CHILDCARE"]],
      derivedTrack: ["TRANSFER", "LOCAL"],
      trackReason: ["CAN_AND_WILL_MIGRATE", "UNWILLING_TO_MIGRATE"],
      track: ["TRANSFER", "LOCAL"],
    });
  });

  it("saving what is already there bumps the version but writes no audit row", async () => {
    const { scope, user } = await freshCaseworker();
    const registered = formFor(user);
    const { id } = await createPerson(scope, createPersonSchema.parse(registered));
    const auditBefore = (await auditBy(user.id)).length;
    expect(await updatePerson(scope, id, edit(registered, 1))).toEqual({ id, version: 2 });
    expect((await auditBy(user.id)).length).toBe(auditBefore);
  });

  it("replaces skills and records them by name", async () => {
    const { scope, user } = await freshCaseworker();
    const [cooking, lamian] = await Promise.all([
      db().skill.findUniqueOrThrow({ where: { code: "CHINESE_COOKING" } }),
      db().skill.findUniqueOrThrow({ where: { code: "LAMIAN" } }),
    ]);
    const registered = formFor(user, { skills: [{ skillId: cooking.id, level: "BASIC" }] } as Partial<CreatePersonInput>);
    const { id } = await createPerson(scope, createPersonSchema.parse(registered));
    await updatePerson(scope, id, edit(registered, 1, { skills: [{ skillId: lamian.id, level: "CERTIFIED", certificate: "拉面师证" }] }));
    const now = await personRow(id);
    expect(now.skills.map((s) => [s.skillId, s.level, s.certificate])).toEqual([[lamian.id, "CERTIFIED", "拉面师证"]]);
    const [last] = (await auditBy(user.id)).slice(-1);
    expect(last!.changes).toEqual({ skills: [[{ skill: cooking.nameZh, skillId: cooking.id, level: "BASIC" }], [{ skill: lamian.nameZh, skillId: lamian.id, level: "CERTIFIED", certificate: "拉面师证" }]] });
  });

  it("with a stale version: CONFLICT with the current values and who saved them; nothing written", async () => {
    const { scope, user } = await freshCaseworker();
    const registered = formFor(user, { phone: randomPhone() });
    const { id } = await createPerson(scope, createPersonSchema.parse(registered));
    const theirPhone = randomPhone();
    await updatePerson(scope, id, edit(registered, 1, { phone: theirPhone }));
    const rowBefore = await personRow(id);
    const auditBefore = await auditBy(user.id);

    const error = await expectAppError(updatePerson(scope, id, edit(registered, 1, { phone: randomPhone(), notes: "我的修改" })), "CONFLICT");
    expect(error.details).toMatchObject({
      currentVersion: 2,
      current: { phone: theirPhone, name: registered.name, notes: null },
      changedBy: user.displayName,
    });
    expect(typeof (error.details as { changedAt: unknown }).changedAt).toBe("string");
    expect(await personRow(id)).toEqual(rowBefore);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });

  it("two saves of the same version at once: one wins, the other gets CONFLICT", async () => {
    const { scope, user, office } = await freshCaseworker();
    const colleague = await actorIn(office.id, "CASEWORKER");
    const registered = formFor(user);
    const { id } = await createPerson(scope, createPersonSchema.parse(registered));
    const phones = [randomPhone(), randomPhone()];

    const results = await Promise.allSettled([
      updatePerson(scope, id, edit(registered, 1, { phone: phones[0] })),
      updatePerson(colleague.scope, id, edit(registered, 1, { phone: phones[1] })),
    ]);
    const winners = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect((losers[0]!.reason as AppError).code).toBe("CONFLICT");

    const now = await personRow(id);
    expect(now.version).toBe(2);
    expect(now.phone).toBe(phones[winners[0]!]);
    const updates = (await auditOf("person", id)).filter((a) => a.action === "person.updated");
    expect(updates).toHaveLength(1);
    expect(updates[0]!.actorId).toBe([user.id, colleague.user.id][winners[0]!]);
  });

  it("a supervisor hands a person to another caseworker of the region", async () => {
    const { scope, user, office } = await freshCaseworker("3206");
    const colleague = await actorIn(office.id, "CASEWORKER");
    const supervisor = await actorIn((await freshOffice("3206")).id, "SUPERVISOR");
    const registered = formFor(user);
    const { id } = await createPerson(scope, createPersonSchema.parse(registered));
    await updatePerson(supervisor.scope, id, edit(registered, 1, { caseworkerId: colleague.user.id }));
    expect((await personRow(id)).caseworkerId).toBe(colleague.user.id);
    const [last] = await auditBy(supervisor.user.id);
    expect(last!.changes).toEqual({ caseworkerId: [user.id, colleague.user.id] });
  });

  it("a caseworker cannot hand a person to another caseworker", async () => {
    const { scope, user, office } = await freshCaseworker();
    const colleague = await actorIn(office.id, "CASEWORKER");
    const registered = formFor(user);
    const { id } = await createPerson(scope, createPersonSchema.parse(registered));
    await expectAppError(updatePerson(scope, id, edit(registered, 1, { caseworkerId: colleague.user.id })), "FORBIDDEN");
    expect((await personRow(id)).caseworkerId).toBe(user.id);
  });

  it("a validation failure writes nothing", async () => {
    const { scope, user } = await freshCaseworker();
    const registered = formFor(user);
    const { id } = await createPerson(scope, createPersonSchema.parse(registered));
    const rowBefore = await personRow(id);
    const auditBefore = await auditBy(user.id);
    await expectAppError(updatePerson(scope, id, edit(registered, 1, { originDivisionCode: "520625999999" })), "VALIDATION");
    expect(await personRow(id)).toEqual(rowBefore);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });
});

describe("revealNationalId", () => {
  it("returns the number and writes person.id_revealed without the number", async () => {
    const { scope, user } = await freshCaseworker();
    const nationalId = randomNationalId();
    const { id } = await createPerson(scope, registration({ nationalId }));
    const auditBefore = (await auditBy(user.id)).length;

    expect(await revealNationalId(scope, id)).toBe(nationalId);
    const audit = (await auditBy(user.id)).slice(auditBefore);
    expect(audit.map((a) => [a.action, a.entityType, a.entityId])).toEqual([["person.id_revealed", "person", String(id)]]);
    expect(JSON.stringify(audit[0]!.changes)).not.toContain(nationalId);
  });

  it("a partner cannot reveal, even for a person from their region; nothing is logged", async () => {
    const { scope } = await freshCaseworker();
    const { id } = await createPerson(scope, registration({ nationalId: randomNationalId({ region: "520625" }), originDivisionCode: "520625" }));
    const partner = await actorIn((await freshOffice("520625", "ORIGIN_BUREAU")).id, "PARTNER");
    await expectAppError(revealNationalId(partner.scope, id), "FORBIDDEN");
    expect(await auditBy(partner.user.id)).toEqual([]);
  });

  it("a caseworker of another office gets NOT_FOUND; nothing is logged", async () => {
    const a = await freshCaseworker();
    const b = await freshCaseworker();
    const { id } = await createPerson(a.scope, registration());
    await expectAppError(revealNationalId(b.scope, id), "NOT_FOUND");
    expect(await auditBy(b.user.id)).toEqual([]);
  });
});

describe("overridePersonTrack", () => {
  it("sets the track with a reason, keeps it through edits, and clearing returns to the derived track", async () => {
    const { scope, user } = await freshCaseworker();
    const registered = formFor(user, { migration: "WILLING", skills: [{ customName: "电工", level: "SKILLED" }] } as Partial<CreatePersonInput>);
    const { id } = await createPerson(scope, createPersonSchema.parse(registered));
    expect((await personRow(id)).track).toBe("TRANSFER");
    const auditBefore = (await auditBy(user.id)).length;

    // The reason is required (the action parses with this schema).
    expect(overrideTrackSchema.safeParse({ version: 1, track: "LOCAL", note: "  " }).success).toBe(false);
    const note = "需要照顾年迈父母，暂不外出";
    expect(await overridePersonTrack(scope, id, overrideTrackSchema.parse({ version: 1, track: "LOCAL", note }))).toEqual({ version: 2 });
    expect(await personRow(id)).toMatchObject({ track: "LOCAL", trackOverride: "LOCAL", trackOverrideNote: note, derivedTrack: "TRANSFER", version: 2 });

    // An edit that changes the derived track leaves the caseworker's choice in force.
    await updatePerson(scope, id, edit(registered, 2, { skills: [] }));
    expect(await personRow(id)).toMatchObject({ track: "LOCAL", trackOverride: "LOCAL", derivedTrack: "TRAIN_THEN_PLACE", version: 3 });

    expect(await overridePersonTrack(scope, id, overrideTrackSchema.parse({ version: 3, track: "", note: "" }))).toEqual({ version: 4 });
    expect(await personRow(id)).toMatchObject({ track: "TRAIN_THEN_PLACE", trackOverride: null, trackOverrideNote: null, derivedTrack: "TRAIN_THEN_PLACE", version: 4 });

    const audit = (await auditBy(user.id)).slice(auditBefore);
    expect(audit.map((a) => a.action)).toEqual(["person.track_overridden", "person.updated", "person.track_overridden"]);
    expect(audit[0]!.changes).toEqual({ trackOverride: [null, "LOCAL"], trackOverrideNote: [null, note], track: ["TRANSFER", "LOCAL"] });
    expect(audit[2]!.changes).toEqual({ trackOverride: ["LOCAL", null], trackOverrideNote: [note, null], track: ["LOCAL", "TRAIN_THEN_PLACE"] });
  });

  it("with a stale version: CONFLICT and nothing written", async () => {
    const { scope, user } = await freshCaseworker();
    const registered = formFor(user);
    const { id } = await createPerson(scope, createPersonSchema.parse(registered));
    await updatePerson(scope, id, edit(registered, 1, { notes: "先改一次" }));
    const rowBefore = await personRow(id);
    const auditBefore = await auditBy(user.id);
    const error = await expectAppError(overridePersonTrack(scope, id, overrideTrackSchema.parse({ version: 1, track: "LOCAL", note: "理由" })), "CONFLICT");
    expect(error.details).toMatchObject({ currentVersion: 2 });
    expect(await personRow(id)).toEqual(rowBefore);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });
});
