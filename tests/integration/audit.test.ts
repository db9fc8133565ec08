// The audit log as people see it: a person's page (loadPersonPage) carries the history of the
// person and their household, newest first, only for a record the viewer may open and only for
// roles with "audit.view". The session gate needs a Next request, so it is replaced here by one
// that returns the user as the database has them (the same re-read the real gate does); every
// read and write below it is real.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createPerson, revealNationalId, updatePerson } from "@/lib/persons/mutations";
import { changePovertyStatus } from "@/lib/households/mutations";
import { changePovertyStatusSchema } from "@/lib/households/schema";
import { createPersonSchema, updatePersonSchema } from "@/lib/persons/schema";
import { loadPersonPage } from "@/lib/persons/loaders";
import { db } from "@/lib/db";
import { personInput } from "../factories";
import { actorIn, freshCaseworker, freshOffice, randomNationalId, uniqueName } from "./helpers";
import { signIn } from "./session-gate";

vi.mock("@/lib/auth/session", async () => (await import("./session-gate")).sessionGate);


describe("a person's history", () => {
  let owner: Awaited<ReturnType<typeof freshCaseworker>>;
  let personId: number;
  let nationalId: string;

  beforeAll(async () => {
    owner = await freshCaseworker();
    nationalId = randomNationalId({ region: "520625" });
    const form = personInput({ name: uniqueName(), nationalId, originDivisionCode: "520625", caseworkerId: owner.user.id });
    personId = (await createPerson(owner.scope, createPersonSchema.parse(form))).id;
    await updatePerson(owner.scope, personId, updatePersonSchema.parse({ ...form, notes: "第一次回访", version: 1 }));
    await revealNationalId(owner.scope, personId);
  });

  it("the person's caseworker sees the person's and the household's events, newest first, without the ID number", async () => {
    await signIn(owner);
    const before = await loadPersonPage(personId);
    await changePovertyStatus(owner.scope, before.household!.id, changePovertyStatusSchema.parse({ version: 1, status: "LIFTED", effectiveDate: "2021-01-01" }));

    const page = await loadPersonPage(personId);
    expect(page.permissions.viewHistory).toBe(true);
    expect(page.history.map((e) => e.action)).toEqual([
      "household.poverty_status_changed",
      "person.id_revealed",
      "person.updated",
      "person.created",
      "household.created",
    ]);
    for (let i = 1; i < page.history.length; i++) expect(page.history[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(page.history[i]!.at.getTime());
    expect(page.history.every((e) => e.actorName === owner.user.displayName)).toBe(true);
    expect(page.history.find((e) => e.action === "person.updated")!.changes).toEqual({ notes: [null, "第一次回访"] });
    expect(JSON.stringify(page)).not.toContain(nationalId);
    expect(page.person.maskedId).toBe(`${nationalId.slice(0, 6)}********${nationalId.slice(-4)}`);
  });

  it("skills are logged with their catalogue id and the page names them in Chinese and English; older rows by their Chinese name, typed skills as typed", async () => {
    const lamian = await db().skill.findUniqueOrThrow({ where: { code: "LAMIAN" } });
    const cooking = await db().skill.findUniqueOrThrow({ where: { code: "CHINESE_COOKING" } });
    const form = personInput({ name: uniqueName(), nationalId: randomNationalId({ region: "520625" }), originDivisionCode: "520625", caseworkerId: owner.user.id });
    const id = (await createPerson(owner.scope, createPersonSchema.parse({ ...form, skills: [{ skillId: lamian.id, customName: null, level: "BASIC", certificate: null }] }))).id;
    await updatePerson(owner.scope, id, updatePersonSchema.parse({
      ...form,
      skills: [{ skillId: lamian.id, customName: null, level: "CERTIFIED", certificate: "拉面师证" }, { skillId: null, customName: "修自行车", level: "SKILLED", certificate: null }],
      version: 1,
    }));
    // A row written before skills carried their id holds the Chinese name only.
    await db().auditEvent.create({ data: { actorId: owner.user.id, officeId: owner.user.officeId, action: "person.updated", entityType: "person", entityId: String(id), changes: { skills: [[], [`${cooking.nameZh} (SKILLED)`]] } } });

    await signIn(owner);
    const page = await loadPersonPage(id);
    const updated = page.history.find((e) => e.action === "person.updated" && JSON.stringify(e.changes).includes("修自行车"))!;
    expect(updated.changes).toEqual({
      skills: [
        [{ skill: lamian.nameZh, skillId: lamian.id, level: "BASIC" }],
        [{ skill: lamian.nameZh, skillId: lamian.id, level: "CERTIFIED", certificate: "拉面师证" }, { skill: "修自行车", level: "SKILLED" }],
      ],
    });
    expect(page.historySkills).toEqual({
      [`#${lamian.id}`]: { zh: lamian.nameZh, en: lamian.nameEn },
      [lamian.nameZh]: { zh: lamian.nameZh, en: lamian.nameEn },
      [`#${cooking.id}`]: { zh: cooking.nameZh, en: cooking.nameEn },
      [cooking.nameZh]: { zh: cooking.nameZh, en: cooking.nameEn },
    });
  });

  it("a caseworker of another office gets no page at all (not found)", async () => {
    const stranger = await freshCaseworker();
    await signIn(stranger);
    const error = await loadPersonPage(personId).then(
      () => null,
      (e: unknown) => e as { digest?: string; message?: string },
    );
    expect(error).not.toBeNull();
    expect(`${error!.digest ?? ""} ${error!.message ?? ""}`).toMatch(/404|NOT_FOUND/);
  });

  it("a partner of the person's region sees the profile, without the permissions to change it", async () => {
    const partner = await actorIn((await freshOffice("520625", "ORIGIN_BUREAU")).id, "PARTNER");
    await signIn(partner);
    const page = await loadPersonPage(personId);
    expect(page.person.id).toBe(personId);
    expect(page.permissions).toEqual({ update: false, revealId: false, updateHousehold: false, viewHistory: false, createPerson: false });
  });

  it("a partner is not sent the history", async () => {
    const partner = await actorIn((await freshOffice("520625", "ORIGIN_BUREAU")).id, "PARTNER");
    await signIn(partner);
    const page = await loadPersonPage(personId);
    expect(page.history).toEqual([]);
  });
});
