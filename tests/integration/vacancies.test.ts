// Vacancies against PostgreSQL: required skills as rows, the county derived from the division
// code, the ranges the form refuses, the employer's office, openings never below what is filled
// (in the mutation and in the database itself), optimistic concurrency and the audit rows.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { createEmployer } from "@/lib/employers/mutations";
import { employerInputSchema } from "@/lib/employers/schema";
import { createVacancy, updateVacancy } from "@/lib/vacancies/mutations";
import { updateVacancySchema, vacancyInputSchema } from "@/lib/vacancies/schema";
import { actorIn, auditBy, auditOf, expectAppError, freshCaseworker, freshOffice, skillIdOf, uniqueUscc } from "./helpers";

async function employerFor(scope: Scope, divisionCode = "320509") {
  return (await createEmployer(scope, employerInputSchema.parse({ name: `测试企业${uniqueUscc().slice(8, 14)}`, uscc: uniqueUscc(divisionCode), divisionCode }))).id;
}

/** The vacancy form's values. */
function form(employerId: number, overrides: Record<string, unknown> = {}) {
  return {
    employerId,
    title: "电子装配工",
    occupationCode: "6-20-01-01",
    sector: "ELECTRONICS",
    openings: 5,
    wageMin: 4200,
    wageMax: 4800,
    divisionCode: "320509",
    roomAndBoard: true,
    trainingProvided: true,
    trainingDescription: "流水线岗前培训",
    trainingDays: 5,
    ageMin: 18,
    ageMax: 50,
    status: "OPEN",
    skills: [] as { skillId: number; requirement: string }[],
    ...overrides,
  };
}

function schemaFieldErrors(values: unknown) {
  const result = vacancyInputSchema.safeParse(values);
  if (result.success) return null;
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

async function vacancyRow(id: number) {
  return db().vacancy.findUniqueOrThrow({ where: { id }, include: { skills: { orderBy: { skillId: "asc" } } } });
}

describe("createVacancy", () => {
  it("writes the vacancy with its skills as vacancy_skills rows, the county from the division code, and an audit row", async () => {
    const { scope, user, office } = await freshCaseworker("3205");
    const employerId = await employerFor(scope);
    const [assembly, soldering] = [await skillIdOf("ELECTRONICS_ASSEMBLY"), await skillIdOf("ELECTRONIC_SOLDERING")];
    const town = await db().division.findFirstOrThrow({ where: { parentCode: "320509", level: 4 }, orderBy: { code: "asc" } });

    const { id } = await createVacancy(
      scope,
      vacancyInputSchema.parse(form(employerId, { divisionCode: town.code, skills: [{ skillId: assembly, requirement: "REQUIRED" }, { skillId: soldering, requirement: "NICE_TO_HAVE" }] })),
    );

    const row = await vacancyRow(id);
    expect(row).toMatchObject({
      employerId,
      officeId: office.id,
      kind: "REGULAR",
      title: "电子装配工",
      openings: 5,
      filled: 0,
      divisionCode: town.code,
      countyCode: "320509",
      status: "OPEN",
      version: 1,
    });
    expect(row.skills.map((s) => [s.skillId, s.requirement])).toEqual(
      [
        [assembly, "REQUIRED"],
        [soldering, "NICE_TO_HAVE"],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    const audit = await auditOf("vacancy", id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["vacancy.created", user.id]]);
    expect(audit[0]!.changes).toMatchObject({ title: "电子装配工", countyCode: "320509", openings: 5, skills: [`${assembly}:REQUIRED`, `${soldering}:NICE_TO_HAVE`] });
  });

  it("the form refuses openings below 1, a wage or age range upside down, and training without a description", () => {
    expect(schemaFieldErrors(form(1, { openings: 0 }))).toEqual({ openings: "validation.range" });
    expect(schemaFieldErrors(form(1, { wageMin: 5000, wageMax: 4000 }))).toEqual({ wageMax: "validation.wageRange" });
    expect(schemaFieldErrors(form(1, { ageMin: 45, ageMax: 30 }))).toEqual({ ageMax: "validation.ageRange" });
    expect(schemaFieldErrors(form(1, { trainingDescription: "" }))).toEqual({ trainingDescription: "validation.trainingDescription" });
    expect(schemaFieldErrors(form(1, { skills: [{ skillId: 3, requirement: "REQUIRED" }, { skillId: 3, requirement: "NICE_TO_HAVE" }] }))).toEqual({ skills: "validation.skillDuplicate" });
    expect(schemaFieldErrors(form(1, { wageMin: 4500, wageMax: 4500, ageMin: 30, ageMax: 30 }))).toBeNull();
  });

  it("refuses an employer of another office, an unknown county and an unknown occupation as field errors; nothing is written", async () => {
    const owner = await freshCaseworker("3205");
    const theirEmployer = await employerFor(owner.scope);
    const { scope, user, office } = await freshCaseworker("3205");

    const error = await expectAppError(createVacancy(scope, vacancyInputSchema.parse(form(theirEmployer, { divisionCode: "329999", occupationCode: "9-99-99-99" }))), "VALIDATION");

    expect(error.details).toEqual({
      fieldErrors: { employerId: "validation.employerUnknown", divisionCode: "validation.divisionUnknown", occupationCode: "validation.occupation" },
    });
    expect(await db().vacancy.count({ where: { officeId: office.id } })).toBe(0);
    expect(await db().vacancy.count({ where: { employerId: theirEmployer } })).toBe(0);
    expect(await auditBy(user.id)).toEqual([]);
  });
  it("refuses a town code that does not exist in a known county; nothing is written", async () => {
    const { scope, office } = await freshCaseworker("3205");
    const employerId = await employerFor(scope);
    const error = await expectAppError(createVacancy(scope, vacancyInputSchema.parse(form(employerId, { divisionCode: "320509999" }))), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { divisionCode: "validation.divisionUnknown" } });
    expect(await db().vacancy.count({ where: { officeId: office.id } })).toBe(0);
  });
});

describe("updateVacancy", () => {
  it("replaces the skills, re-derives the county, bumps the version and audits the changed fields and skills", async () => {
    const { scope, user } = await freshCaseworker("3205");
    const employerId = await employerFor(scope);
    const [assembly, soldering, smt] = [await skillIdOf("ELECTRONICS_ASSEMBLY"), await skillIdOf("ELECTRONIC_SOLDERING"), await skillIdOf("SMT_OPERATION")];
    const created = form(employerId, { skills: [{ skillId: assembly, requirement: "REQUIRED" }, { skillId: soldering, requirement: "NICE_TO_HAVE" }] });
    const { id } = await createVacancy(scope, vacancyInputSchema.parse(created));

    const result = await updateVacancy(
      scope,
      id,
      updateVacancySchema.parse({ ...created, divisionCode: "320505", wageMax: 5200, skills: [{ skillId: smt, requirement: "CERTIFICATE" }, { skillId: assembly, requirement: "REQUIRED" }], version: 1 }),
    );

    expect(result).toEqual({ id, version: 2 });
    const row = await vacancyRow(id);
    expect(row).toMatchObject({ divisionCode: "320505", countyCode: "320505", wageMax: 5200, version: 2 });
    expect(new Map(row.skills.map((s) => [s.skillId, s.requirement]))).toEqual(
      new Map([
        [assembly, "REQUIRED"],
        [smt, "CERTIFICATE"],
      ]),
    );
    const audit = (await auditOf("vacancy", id)).filter((a) => a.action === "vacancy.updated");
    expect(audit.map((a) => a.actorId)).toEqual([user.id]);
    expect(audit[0]!.changes).toEqual({
      divisionCode: ["320509", "320505"],
      countyCode: ["320509", "320505"],
      wageMax: [4800, 5200],
      skills: [[`${assembly}:REQUIRED`, `${soldering}:NICE_TO_HAVE`].sort(), [`${assembly}:REQUIRED`, `${smt}:CERTIFICATE`].sort()],
    });
  });

  it("refuses openings below the number already filled (equal is fine); nothing is written", async () => {
    const { scope, user } = await freshCaseworker("3205");
    const employerId = await employerFor(scope);
    const values = form(employerId);
    const { id } = await createVacancy(scope, vacancyInputSchema.parse(values));
    // Placements keep `filled` (the placements milestone); two people have started.
    await db().vacancy.update({ where: { id }, data: { filled: 2 } });
    const before = await vacancyRow(id);
    const auditBefore = await auditBy(user.id);

    const error = await expectAppError(updateVacancy(scope, id, updateVacancySchema.parse({ ...values, openings: 1, title: "改了", version: before.version })), "VALIDATION");

    expect(error.details).toEqual({ fieldErrors: { openings: "validation.openingsBelowFilled" } });
    expect(await vacancyRow(id)).toEqual(before);
    expect(await auditBy(user.id)).toEqual(auditBefore);

    await updateVacancy(scope, id, updateVacancySchema.parse({ ...values, openings: 2, version: before.version }));
    expect(await vacancyRow(id)).toMatchObject({ openings: 2, filled: 2 });
  });

  it("a save based on a stale version is a CONFLICT with the current version; nothing is written", async () => {
    const { scope, user } = await freshCaseworker("3205");
    const employerId = await employerFor(scope);
    const values = form(employerId);
    const { id } = await createVacancy(scope, vacancyInputSchema.parse(values));
    await updateVacancy(scope, id, updateVacancySchema.parse({ ...values, openings: 8, version: 1 }));
    const before = await vacancyRow(id);
    const auditBefore = await auditBy(user.id);

    const error = await expectAppError(updateVacancy(scope, id, updateVacancySchema.parse({ ...values, status: "CLOSED", version: 1 })), "CONFLICT");

    expect(error.details).toMatchObject({ currentVersion: 2, current: { openings: 8, version: 2 } });
    expect(await vacancyRow(id)).toEqual(before);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });

  it("a caseworker or partner of another office cannot update it (NOT_FOUND); nothing is written", async () => {
    const owner = await freshCaseworker("3205");
    const employerId = await employerFor(owner.scope);
    const values = form(employerId);
    const { id } = await createVacancy(owner.scope, vacancyInputSchema.parse(values));
    const before = await vacancyRow(id);

    const stranger = await freshCaseworker("3205");
    const partner = await actorIn((await freshOffice("520625", "ORIGIN_BUREAU")).id, "PARTNER");
    for (const actor of [stranger, partner]) {
      await expectAppError(updateVacancy(actor.scope, id, updateVacancySchema.parse({ ...values, status: "CLOSED", version: 1 })), "NOT_FOUND");
      expect(await auditBy(actor.user.id)).toEqual([]);
    }
    expect(await vacancyRow(id)).toEqual(before);
  });
});

describe("the vacancies table", () => {
  it("refuses filled above openings (and upside-down ranges) even from raw SQL", async () => {
    const { scope } = await freshCaseworker("3205");
    const employerId = await employerFor(scope);
    const { id } = await createVacancy(scope, vacancyInputSchema.parse(form(employerId, { openings: 2 })));
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const attempt = (sql: string) =>
        client.query(sql, [id]).then(
          () => null,
          (e: { code?: string; constraint?: string }) => ({ code: e.code, constraint: e.constraint }),
        );
      expect(await attempt("UPDATE vacancies SET filled = openings + 1 WHERE id = $1")).toEqual({ code: "23514", constraint: "vacancies_filled_within_openings" });
      expect(await attempt("UPDATE vacancies SET filled = -1 WHERE id = $1")).toEqual({ code: "23514", constraint: "vacancies_filled_within_openings" });
      expect(await attempt("UPDATE vacancies SET filled = 2, openings = 1 WHERE id = $1")).toEqual({ code: "23514", constraint: "vacancies_filled_within_openings" });
      expect(await attempt("UPDATE vacancies SET wage_min = wage_max + 1 WHERE id = $1")).toEqual({ code: "23514", constraint: "vacancies_wage_range" });
      expect(await attempt("UPDATE vacancies SET age_min = 40, age_max = 30 WHERE id = $1")).toEqual({ code: "23514", constraint: "vacancies_age_range" });
      expect(await attempt("UPDATE vacancies SET filled = openings WHERE id = $1")).toBeNull();
    } finally {
      await client.end();
    }
    expect(await vacancyRow(id)).toMatchObject({ openings: 2, filled: 2, wageMin: 4200, wageMax: 4800, ageMin: 18, ageMax: 50 });
  });
});
