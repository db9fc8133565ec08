// Employers against PostgreSQL: the unified social credit code checked by the form schema, one
// employer per code (a duplicate names the existing one), optimistic concurrency, office scope on
// updates, and the audit rows written with every change.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEmployer, updateEmployer } from "@/lib/employers/mutations";
import { employerInputSchema, updateEmployerSchema } from "@/lib/employers/schema";
import { usccCheckCharacter } from "@/lib/employers/uscc";
import { actorIn, auditBy, auditOf, expectAppError, freshCaseworker, freshOffice, uniqueUscc } from "./helpers";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** The employer form's values. */
function form(overrides: Record<string, unknown> = {}) {
  return {
    name: `测试企业${uniqueUscc().slice(8, 14)}`,
    uscc: uniqueUscc(),
    industry: "ELECTRONICS",
    divisionCode: "320509",
    addressDetail: "吴江区松陵街道 1 号",
    contactName: "王经理",
    contactPhone: "13912345678",
    notes: null,
    ...overrides,
  };
}

/** What the form action would show beside each field for a schema failure. */
function schemaFieldErrors(values: unknown) {
  const result = employerInputSchema.safeParse(values);
  if (result.success) return null;
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

function withWrongCheckCharacter(uscc: string) {
  const right = usccCheckCharacter(uscc.slice(0, 17));
  const wrong = ALPHABET[(ALPHABET.indexOf(right) + 1) % ALPHABET.length]!;
  return uscc.slice(0, 17) + wrong;
}

async function employerRow(id: number) {
  return db().employer.findUniqueOrThrow({ where: { id } });
}

describe("the employer schema", () => {
  it("refuses a code whose check character is wrong, with the field error key validation.uscc.CHECKSUM", async () => {
    const values = form();
    const bad = withWrongCheckCharacter(values.uscc);
    expect(schemaFieldErrors({ ...values, uscc: bad })).toEqual({ uscc: "validation.uscc.CHECKSUM" });
    // Nothing by that code exists, and nothing was written by validating it.
    expect(await db().employer.count({ where: { uscc: bad } })).toBe(0);
  });

  it("refuses a wrong length and letters outside the code's alphabet, and accepts lower case and spaces", () => {
    const { uscc } = form();
    expect(schemaFieldErrors(form({ uscc: uscc.slice(0, 17) }))).toEqual({ uscc: "validation.uscc.LENGTH" });
    // I, O, S, V and Z are not used by the code.
    expect(schemaFieldErrors(form({ uscc: `${uscc.slice(0, 16)}O${uscc[17]}` }))).toEqual({ uscc: "validation.uscc.CHARACTERS" });
    expect(schemaFieldErrors(form({ uscc: ` ${uscc.slice(0, 9).toLowerCase()} ${uscc.slice(9).toLowerCase()} ` }))).toBeNull();
  });
});

describe("createEmployer", () => {
  it("writes the employer in the caseworker's office with the code normalised, and an audit row", async () => {
    const { scope, user, office } = await freshCaseworker("3205");
    const values = form();
    const typed = `${values.uscc.slice(0, 9).toLowerCase()} ${values.uscc.slice(9)}`;

    const { id } = await createEmployer(scope, employerInputSchema.parse({ ...values, uscc: typed }));

    expect(await employerRow(id)).toMatchObject({
      officeId: office.id,
      name: values.name,
      uscc: values.uscc,
      industry: "ELECTRONICS",
      divisionCode: "320509",
      contactPhone: "13912345678",
      version: 1,
    });
    const audit = await auditOf("employer", id);
    expect(audit.map((a) => [a.action, a.actorId, a.officeId])).toEqual([["employer.created", user.id, office.id]]);
    expect(audit[0]!.changes).toMatchObject({ name: values.name, uscc: values.uscc, divisionCode: "320509" });
  });

  it("a second employer with the same code (however it is typed, from any office) is a DUPLICATE naming the first; nothing is written", async () => {
    const first = await freshCaseworker("3205");
    const values = form();
    const { id } = await createEmployer(first.scope, employerInputSchema.parse(values));

    const other = await freshCaseworker("3202");
    const auditBefore = await auditBy(other.user.id);
    for (const uscc of [values.uscc, values.uscc.toLowerCase(), `${values.uscc.slice(0, 6)} ${values.uscc.slice(6)}`]) {
      const error = await expectAppError(createEmployer(other.scope, employerInputSchema.parse(form({ uscc }))), "DUPLICATE");
      expect(error.details).toEqual({ existing: { id, name: values.name }, field: "uscc" });
    }
    expect(await db().employer.count({ where: { uscc: values.uscc } })).toBe(1);
    expect(await db().employer.count({ where: { officeId: other.office.id } })).toBe(0);
    expect(await auditBy(other.user.id)).toEqual(auditBefore);
  });
  it("refuses a division code that does not exist as a field error; nothing is written", async () => {
    const { scope, office } = await freshCaseworker("3205");
    const error = await expectAppError(createEmployer(scope, employerInputSchema.parse(form({ divisionCode: "329999" }))), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { divisionCode: "validation.divisionUnknown" } });
    expect(await db().employer.count({ where: { officeId: office.id } })).toBe(0);
  });
});

describe("updateEmployer", () => {
  it("saves the change, bumps the version and writes the changed fields to the audit log", async () => {
    const { scope, user } = await freshCaseworker("3205");
    const values = form();
    const { id } = await createEmployer(scope, employerInputSchema.parse(values));

    const result = await updateEmployer(scope, id, updateEmployerSchema.parse({ ...values, name: `${values.name}（新）`, contactPhone: "0512-6512 3456", version: 1 }));

    expect(result).toEqual({ id, version: 2 });
    expect(await employerRow(id)).toMatchObject({ name: `${values.name}（新）`, contactPhone: "051265123456", version: 2, uscc: values.uscc });
    const audit = (await auditOf("employer", id)).filter((a) => a.action === "employer.updated");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(user.id);
    expect(audit[0]!.changes).toEqual({ name: [values.name, `${values.name}（新）`], contactPhone: ["13912345678", "051265123456"] });
  });

  it("a save based on a stale version is a CONFLICT with the current values; nothing is written", async () => {
    const { scope, user } = await freshCaseworker("3205");
    const values = form();
    const { id } = await createEmployer(scope, employerInputSchema.parse(values));
    await updateEmployer(scope, id, updateEmployerSchema.parse({ ...values, contactName: "李经理", version: 1 }));
    const before = await employerRow(id);
    const auditBefore = await auditBy(user.id);

    const error = await expectAppError(updateEmployer(scope, id, updateEmployerSchema.parse({ ...values, contactName: "赵经理", version: 1 })), "CONFLICT");

    expect(error.details).toMatchObject({ currentVersion: 2, current: { contactName: "李经理", version: 2 } });
    expect(await employerRow(id)).toEqual(before);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });

  it("a caseworker or partner of another office cannot update it (NOT_FOUND); a supervisor of the region can", async () => {
    const owner = await freshCaseworker("3205");
    const values = form();
    const { id } = await createEmployer(owner.scope, employerInputSchema.parse(values));
    const before = await employerRow(id);

    const stranger = await freshCaseworker("3205");
    await expectAppError(updateEmployer(stranger.scope, id, updateEmployerSchema.parse({ ...values, name: "改名", version: 1 })), "NOT_FOUND");
    const partner = await actorIn((await freshOffice("520625", "ORIGIN_BUREAU")).id, "PARTNER");
    await expectAppError(updateEmployer(partner.scope, id, updateEmployerSchema.parse({ ...values, name: "改名", version: 1 })), "NOT_FOUND");
    expect(await employerRow(id)).toEqual(before);
    expect(await auditBy(stranger.user.id)).toEqual([]);
    expect(await auditBy(partner.user.id)).toEqual([]);

    // Offices are found by region prefix: a supervisor of "3205" manages the owner's office.
    const supervisor = await actorIn((await freshOffice("3205")).id, "SUPERVISOR");
    await updateEmployer(supervisor.scope, id, updateEmployerSchema.parse({ ...values, notes: "区域核实", version: 1 }));
    expect(await employerRow(id)).toMatchObject({ notes: "区域核实", version: 2 });
    expect((await auditBy(supervisor.user.id)).map((a) => [a.action, a.entityId])).toEqual([["employer.updated", String(id)]]);
  });

  it("changing the code to another employer's is a DUPLICATE; nothing is written", async () => {
    const { scope, user } = await freshCaseworker("3205");
    const mine = form();
    const theirs = form();
    const { id } = await createEmployer(scope, employerInputSchema.parse(mine));
    const other = await createEmployer(scope, employerInputSchema.parse(theirs));
    const before = await employerRow(id);
    const auditBefore = await auditBy(user.id);

    const error = await expectAppError(updateEmployer(scope, id, updateEmployerSchema.parse({ ...mine, uscc: theirs.uscc.toLowerCase(), version: 1 })), "DUPLICATE");

    expect(error.details).toEqual({ existing: { id: other.id, name: theirs.name }, field: "uscc" });
    expect(await employerRow(id)).toEqual(before);
    expect(await auditBy(user.id)).toEqual(auditBefore);
  });
});
