// Data exchange against PostgreSQL: files in (encodings, bad rows, duplicates, households,
// placements), the preview's differences and conflicts, commit all or nothing, re-import changing
// nothing, exports neutralised and audited, and a partner office kept to its own region.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPii } from "@/lib/pii";
import type { Scope } from "@/lib/auth/scope";
import { updatePersonSchema } from "@/lib/persons/schema";
import { updatePerson } from "@/lib/persons/mutations";
import { parseCsv, parseXlsx, writeXlsx } from "@/lib/data-exchange/files";
import { COLUMNS, type ColumnKey } from "@/lib/data-exchange/template";
import { expectationState, formatTimestamp } from "@/lib/data-exchange/rules";
import {
  commitImportBatch,
  createImportBatch,
  decideConflicts,
  discardImportBatch,
  purgeExpiredImports,
  recheckImportBatch,
  requestCommit,
  saveExpectation,
  validateImportBatch,
} from "@/lib/data-exchange/mutations";
import { getImportBatch, listExchangeLog, listExpectations, listImportRows } from "@/lib/data-exchange/data";
import { buildExport } from "@/lib/data-exchange/export";
import { createTestPerson, personInput } from "../factories";
import { actorIn, auditOf, expectAppError, freshOffice, randomNationalId, randomPhone, uniqueName, uniqueUscc } from "./helpers";

type Row = Partial<Record<ColumnKey, string>>;

/** A CSV in the template's Chinese headers, with only the given rows' cells filled. */
function csv(rows: Row[], keys: ColumnKey[] = COLUMNS.map((c) => c.key)): Uint8Array {
  const headers = keys.map((k) => COLUMNS.find((c) => c.key === k)!.zh);
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [headers.join(","), ...rows.map((r) => keys.map((k) => quote(r[k] ?? "")).join(","))];
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

/** A new origin bureau for Yinjiang (its own, so this test's exchanges are its own) and a destination office with a caseworker. */
async function setting(partnerRegion = "520625") {
  const partner = await freshOffice(partnerRegion, "ORIGIN_BUREAU");
  const office = await freshOffice("3205");
  const caseworker = await actorIn(office.id, "CASEWORKER");
  return { partner, office, caseworker };
}

async function importFile(scope: Scope, partnerOfficeId: number, bytes: Uint8Array, fileName = "名单.csv") {
  const { id } = await createImportBatch(scope, { partnerOfficeId, fileName, bytes });
  await validateImportBatch(scope, id);
  return id;
}

async function commit(scope: Scope, batchId: number) {
  await requestCommit(scope, batchId);
  return commitImportBatch(scope, batchId);
}

async function rowsOf(scope: Scope, batchId: number) {
  return (await listImportRows(scope, batchId, "ALL", 1))!.rows;
}

function person(overrides: Row = {}): Row {
  return { name: uniqueName(), nationalId: randomNationalId({ region: "520625" }), originDivisionCode: "520625", ...overrides };
}

async function personByIdNumber(id: string) {
  return db().person.findUnique({ where: { idHash: hashPii(id) }, include: { household: { include: { members: true } }, placements: { include: { followUps: true, employer: true } } } });
}

describe("reading files", () => {
  it("a file in neither UTF-8 nor GB18030 fails with a reason and no rows", async () => {
    const { partner, caseworker } = await setting();
    const id = await importFile(caseworker.scope, partner.id, Uint8Array.from([0x61, 0x2c, 0xff, 0xfe, 0x0a, 0x62, 0xff]), "坏.csv");
    const batch = await getImportBatch(caseworker.scope, id);
    expect(batch).toMatchObject({ status: "FAILED", errorKey: "exchange.fileErrors.UNDECODABLE" });
    expect(await db().importRow.count({ where: { batchId: id } })).toBe(0);
    // The file is not kept once it cannot be used.
    expect((await db().importBatch.findUniqueOrThrow({ where: { id } })).fileData).toBeNull();
  });

  it("a GBK file from Chinese Excel is read and its people imported", async () => {
    const { partner, caseworker } = await setting();
    const nationalId = randomNationalId({ region: "520625" });
    // "姓名,身份证号,户籍地区划代码\r\n成名,<id>,520625" in GBK: 成名 = B3C9 C3FB, headers hand-encoded.
    // (Not the demo's 马成: this database is the end-to-end tests' next, and a second 马成 from
    // Yinjiang would show in the Yinjiang partner's search that must not find him.)
    const gbk = (s: string) => {
      const table: Record<string, number[]> = {
        姓: [0xd0, 0xd5], 名: [0xc3, 0xfb], 身: [0xc9, 0xed], 份: [0xb7, 0xdd], 证: [0xd6, 0xa4], 号: [0xba, 0xc5], 户: [0xbb, 0xa7], 籍: [0xbc, 0xae],
        地: [0xb5, 0xd8], 区: [0xc7, 0xf8], 划: [0xbb, 0xae], 代: [0xb4, 0xfa], 码: [0xc2, 0xeb], 马: [0xc2, 0xed], 成: [0xb3, 0xc9],
      };
      return Array.from(s).flatMap((c) => table[c] ?? [c.charCodeAt(0)]);
    };
    const bytes = Uint8Array.from([...gbk("姓名,身份证号,户籍地区划代码\r\n成名,"), ...new TextEncoder().encode(`${nationalId},520625\r\n`)]);
    expect((await parseCsv(bytes)).encoding).toBe("gb18030");
    const id = await importFile(caseworker.scope, partner.id, bytes);
    expect(await getImportBatch(caseworker.scope, id)).toMatchObject({ status: "PREVIEW", encoding: "gb18030", newRows: 1, errorRows: 0 });
    expect(await commit(caseworker.scope, id)).toEqual({ committed: true });
    expect((await personByIdNumber(nationalId))?.name).toBe("成名");
  });

  it("missing required columns fail the file, naming them", async () => {
    const { partner, caseworker } = await setting();
    const id = await importFile(caseworker.scope, partner.id, new TextEncoder().encode("姓名,手机号\n马成,13912345678\n"));
    expect(await getImportBatch(caseworker.scope, id)).toMatchObject({ status: "FAILED", errorKey: "exchange.fileErrors.MISSING_COLUMNS", errorParams: { columns: "身份证号、户籍地区划代码" } });
  });

  it("reads XLSX with English headers", async () => {
    const { partner, caseworker } = await setting();
    const nationalId = randomNationalId({ region: "520625" });
    const name = uniqueName();
    const bytes = await writeXlsx([{ name: "Sheet1", headers: ["Name", "National ID number", "Origin division code", "Education"], rows: [[name, nationalId, "520625", "Junior secondary"]] }]);
    expect((await parseXlsx(bytes)).rows).toHaveLength(1);
    const id = await importFile(caseworker.scope, partner.id, bytes, "list.xlsx");
    expect(await getImportBatch(caseworker.scope, id)).toMatchObject({ status: "PREVIEW", format: "XLSX", newRows: 1 });
    await commit(caseworker.scope, id);
    expect(await personByIdNumber(nationalId)).toMatchObject({ name, education: "JUNIOR_SECONDARY" });
  });
});

describe("checking rows", () => {
  it("reports each bad cell by row and column, and a file with errors cannot be committed", async () => {
    const { partner, caseworker } = await setting();
    const good = person();
    const id = await importFile(
      caseworker.scope,
      partner.id,
      csv([good, person({ phone: "12345", education: "博士后" }), person({ nationalId: "520625197803150012", originDivisionCode: "999999" }), person({ originDivisionCode: "630225" })]),
    );
    const batch = await getImportBatch(caseworker.scope, id);
    expect(batch).toMatchObject({ status: "PREVIEW", totalRows: 4, newRows: 1, errorRows: 3 });
    const rows = await rowsOf(caseworker.scope, id);
    expect(rows.map((r) => [r.rowNumber, r.status])).toEqual([[2, "NEW"], [3, "ERROR"], [4, "ERROR"], [5, "ERROR"]]);
    const keys = (n: number) => (rows.find((r) => r.rowNumber === n)!.errors as { column: string; key: string }[]).map((e) => `${e.column}:${e.key}`);
    expect(keys(3)).toEqual(["phone:validation.phone", "education:exchange.rowErrors.unknownChoice"]);
    expect(keys(4)).toEqual(expect.arrayContaining(["originDivisionCode:validation.divisionUnknown"]));
    expect(keys(4).some((k) => k.startsWith("nationalId:validation.nationalId."))).toBe(true);
    // Another partner's people do not belong in this partner's file.
    expect(keys(5)).toEqual(["originDivisionCode:exchange.rowErrors.outsidePartnerRegion"]);

    const error = await expectAppError(requestCommit(caseworker.scope, id), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { _form: "exchange.commitErrors.rowsWithErrors" } });
    expect(await personByIdNumber(good.nationalId!)).toBeNull();
  });

  it("the same ID number twice in one file makes both rows errors, each naming the other", async () => {
    const { partner, caseworker } = await setting();
    const twice = randomNationalId({ region: "520625" });
    const id = await importFile(caseworker.scope, partner.id, csv([person({ nationalId: twice }), person(), person({ nationalId: twice.toLowerCase() })]));
    const rows = await rowsOf(caseworker.scope, id);
    expect(rows.map((r) => r.status)).toEqual(["ERROR", "NEW", "ERROR"]);
    expect(rows[0]!.errors).toEqual([{ column: "nationalId", key: "exchange.rowErrors.duplicateInFile", params: { rows: "4" } }]);
    expect(rows[2]!.errors).toEqual([{ column: "nationalId", key: "exchange.rowErrors.duplicateInFile", params: { rows: "2" } }]);
  });
});

describe("committing new people", () => {
  it("writes people, one household per head with its members, placements with follow-ups, history and the log", async () => {
    const { partner, office, caseworker } = await setting();
    const head = person({ povertyStatus: "建档立卡贫困户", povertyStatusSince: "2016-05-01", perCapitaIncome: "3200", migration: "愿意外出", phone: randomPhone() });
    const spouse = person({ householdHeadId: head.nationalId, relation: "配偶", povertyStatus: "建档立卡贫困户" });
    const uscc = uniqueUscc();
    const worker = person({ employerName: "苏州欧普照明有限公司", employerUscc: uscc, jobTitle: "产品测试员", workplaceCode: "320505", startDate: "2026-01-05", monthlyWage: "4500", contractType: "固定期限劳动合同" });
    const id = await importFile(caseworker.scope, partner.id, csv([head, spouse, worker]));
    expect(await getImportBatch(caseworker.scope, id)).toMatchObject({ status: "PREVIEW", newRows: 3, errorRows: 0 });
    expect(await commit(caseworker.scope, id)).toEqual({ committed: true });

    const h = (await personByIdNumber(head.nationalId!))!;
    const s = (await personByIdNumber(spouse.nationalId!))!;
    expect(h).toMatchObject({ name: head.name, officeId: office.id, caseworkerId: caseworker.user.id, migration: "WILLING", povertyStatus: "REGISTERED_POOR", phone: head.phone });
    expect(s.householdId).toBe(h.householdId);
    expect(s.povertyStatus).toBe("REGISTERED_POOR");
    expect(h.household!.members.map((m) => m.relation).sort()).toEqual(["SELF", "SPOUSE"]);
    expect(h.household).toMatchObject({ perCapitaIncome: 3200, povertyStatus: "REGISTERED_POOR" });
    expect(h.nameGrams.length).toBeGreaterThan(0);

    const w = (await personByIdNumber(worker.nationalId!))!;
    expect(w.employmentStatus).toBe("EMPLOYED");
    expect(w.placements).toHaveLength(1);
    expect(w.placements[0]).toMatchObject({ status: "ACTIVE", title: "产品测试员", monthlyWage: 4500, countyCode: "320505", holdsOpening: false });
    expect(w.placements[0]!.employer.uscc).toBe(uscc);
    expect(w.placements[0]!.followUps.length).toBeGreaterThan(0);

    expect((await auditOf("person", h.id)).map((a) => a.action)).toEqual(["person.created"]);
    const created = (await auditOf("person", h.id))[0]!.changes as Record<string, unknown>;
    // What the file filled in is in the history, as a registration through the form logs it; nothing empty.
    expect(created).toMatchObject({ importBatchId: id, row: 2, name: head.name, phone: head.phone, migration: "WILLING", employmentStatus: expect.any(String), householdId: h.householdId });
    expect(Object.values(created)).not.toContain(null);
    expect(JSON.stringify(created)).not.toContain(head.nationalId);
    expect((await auditOf("person", w.id)).map((a) => a.action)).toEqual(["person.created", "placement.created"]);
    expect((await auditOf("import_batch", id)).map((a) => a.action)).toEqual(["exchange.imported"]);

    const log = await listExchangeLog(caseworker.scope, { partnerOfficeId: partner.id });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ direction: "RECEIVED", rows: 3, newRows: 3, updatedRows: 0, batchId: id });
    expect(await getImportBatch(caseworker.scope, id)).toMatchObject({ status: "COMMITTED" });
    expect((await db().importBatch.findUniqueOrThrow({ where: { id } })).fileData).toBeNull();
  });

  it("re-importing the same file changes nothing: every row unchanged, no person written", async () => {
    const { partner, caseworker } = await setting();
    const rows = [person({ phone: randomPhone(), povertyStatus: "已脱贫户" }), person({ employerName: "无锡佳测", employerUscc: uniqueUscc(), jobTitle: "质检员", workplaceCode: "320206", startDate: "2026-02-01", monthlyWage: "5000" })];
    const file = csv(rows);
    const first = await importFile(caseworker.scope, partner.id, file);
    await commit(caseworker.scope, first);
    const before = await Promise.all(rows.map((r) => personByIdNumber(r.nationalId!)));
    const auditBefore = await db().auditEvent.count({ where: { entityType: "person", entityId: { in: before.map((p) => String(p!.id)) } } });

    const again = await importFile(caseworker.scope, partner.id, file);
    expect(await getImportBatch(caseworker.scope, again)).toMatchObject({ status: "PREVIEW", newRows: 0, updatedRows: 0, unchangedRows: 2, conflictRows: 0, duplicateOfId: first });
    expect(await commit(caseworker.scope, again)).toEqual({ committed: true });

    const after = await Promise.all(rows.map((r) => personByIdNumber(r.nationalId!)));
    expect(after.map((p) => [p!.version, p!.updatedAt.getTime(), p!.placements.length])).toEqual(before.map((p) => [p!.version, p!.updatedAt.getTime(), p!.placements.length]));
    expect(await db().auditEvent.count({ where: { entityType: "person", entityId: { in: before.map((p) => String(p!.id)) } } })).toBe(auditBefore);
    // The receipt is logged, with nothing new or changed.
    const log = await listExchangeLog(caseworker.scope, { partnerOfficeId: partner.id });
    expect(log[0]).toMatchObject({ batchId: again, newRows: 0, updatedRows: 0, unchangedRows: 2 });
  });
});

describe("updating people we hold", () => {
  it("shows a field-by-field diff and applies it when we did not change the person since the file's data time", async () => {
    const { partner, caseworker } = await setting();
    const nationalId = randomNationalId({ region: "520625" });
    const { id: personId } = await createTestPerson(caseworker.scope, { nationalId, name: uniqueName(), phone: "13900000001", originDivisionCode: "520625" });
    const ours = await db().person.findUniqueOrThrow({ where: { id: personId } });
    const newPhone = randomPhone();
    const file = csv([{ name: ours.name, nationalId, originDivisionCode: "520625", phone: newPhone, employmentStatus: "已就业", perCapitaIncome: "6100", asOf: formatTimestamp(new Date(Date.now() + 1000)) }]);
    const id = await importFile(caseworker.scope, partner.id, file);
    const [row] = await rowsOf(caseworker.scope, id);
    expect(row).toMatchObject({ status: "UPDATE", conflict: false, personId });
    expect(row!.diff).toEqual([
      { column: "phone", ours: "13900000001", file: newPhone },
      { column: "employmentStatus", ours: "UNEMPLOYED", file: "EMPLOYED" },
      { column: "perCapitaIncome", ours: null, file: 6100 },
    ]);
    await commit(caseworker.scope, id);
    const after = await db().person.findUniqueOrThrow({ where: { id: personId }, include: { household: true } });
    expect(after).toMatchObject({ phone: newPhone, employmentStatus: "EMPLOYED", version: ours.version + 1 });
    expect(after.household!.perCapitaIncome).toBe(6100);
    const audit = await auditOf("person", personId);
    expect(audit.at(-1)).toMatchObject({ action: "person.updated" });
    expect(audit.at(-1)!.changes).toMatchObject({ phone: ["13900000001", newPhone], employmentStatus: ["UNEMPLOYED", "EMPLOYED"], importBatchId: id });
    expect((await auditOf("household", after.householdId!)).at(-1)).toMatchObject({ action: "household.updated", changes: { perCapitaIncome: [null, 6100] } });
  });

  it("a person we changed after the file's data time is a conflict; commit waits for a decision; keep ours changes nothing", async () => {
    const { partner, caseworker } = await setting();
    const nationalId = randomNationalId({ region: "520625" });
    const registered = personInput({ nationalId, name: uniqueName(), phone: "13900000002", originDivisionCode: "520625", caseworkerId: caseworker.user.id });
    const { id: personId } = await createTestPerson(caseworker.scope, registered);
    const exportedAt = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await updatePerson(caseworker.scope, personId, updatePersonSchema.parse({ ...registered, phone: "13900000003", version: 1 }));

    const id = await importFile(caseworker.scope, partner.id, csv([{ name: registered.name, nationalId, originDivisionCode: "520625", phone: "13900000004", asOf: formatTimestamp(exportedAt) }]));
    const [row] = await rowsOf(caseworker.scope, id);
    expect(row).toMatchObject({ status: "UPDATE", conflict: true, decision: null });
    expect(row!.diff).toEqual([{ column: "phone", ours: "13900000003", file: "13900000004" }]);
    expect(await getImportBatch(caseworker.scope, id)).toMatchObject({ conflictRows: 1 });
    const error = await expectAppError(requestCommit(caseworker.scope, id), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { _form: "exchange.commitErrors.undecided" } });

    await decideConflicts(caseworker.scope, id, { decision: "KEEP_OURS", rows: [row!.rowNumber] });
    await commit(caseworker.scope, id);
    expect(await db().person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({ phone: "13900000003", version: 2 });
    expect((await listExchangeLog(caseworker.scope, { partnerOfficeId: partner.id }))[0]).toMatchObject({ updatedRows: 0, unchangedRows: 1 });
    // The batch says what the import did, as the log does: the kept row is unchanged, listed there.
    expect(await getImportBatch(caseworker.scope, id)).toMatchObject({ status: "COMMITTED", updatedRows: 0, unchangedRows: 1, conflictRows: 1 });
    expect((await listImportRows(caseworker.scope, id, "UPDATE", 1))!.total).toBe(0);
    expect((await listImportRows(caseworker.scope, id, "UNCHANGED", 1))!.rows).toMatchObject([{ rowNumber: row!.rowNumber, decision: "KEEP_OURS" }]);
  });

  it("take the file applies a conflicting row; without a data time or an earlier exchange every difference is a conflict", async () => {
    const { partner, caseworker } = await setting();
    const nationalId = randomNationalId({ region: "520625" });
    const { id: personId } = await createTestPerson(caseworker.scope, { nationalId, name: uniqueName(), phone: "13900000005", originDivisionCode: "520625" });
    const id = await importFile(caseworker.scope, partner.id, csv([{ name: "", nationalId, originDivisionCode: "520625", phone: "13900000006" }].map((r) => ({ ...r, name: "改名" + uniqueName(2) }))));
    const [row] = await rowsOf(caseworker.scope, id);
    expect(row).toMatchObject({ status: "UPDATE", conflict: true });
    await decideConflicts(caseworker.scope, id, { decision: "TAKE_FILE" });
    await commit(caseworker.scope, id);
    const after = await db().person.findUniqueOrThrow({ where: { id: personId } });
    expect(after.phone).toBe("13900000006");
    expect(after.name.startsWith("改名")).toBe(true);
    expect(after.nameGrams).toContain("改名");
  });

  it("ends a placement we hold when the file gives its end, releasing nothing it did not hold", async () => {
    const { partner, caseworker } = await setting();
    const uscc = uniqueUscc();
    const worker = person({ employerName: "苏州某厂", employerUscc: uscc, jobTitle: "普工", workplaceCode: "320505", startDate: "2026-01-05", monthlyWage: "4200" });
    await commit(caseworker.scope, await importFile(caseworker.scope, partner.id, csv([worker])));
    const id = await importFile(caseworker.scope, partner.id, csv([{ ...worker, endDate: "2026-03-01", endReason: "返乡" }]));
    const [row] = await rowsOf(caseworker.scope, id);
    expect(row).toMatchObject({ status: "UPDATE", conflict: false });
    expect(row!.diff).toEqual([
      { column: "employmentStatus", ours: "EMPLOYED", file: "UNEMPLOYED" },
      { column: "endDate", ours: null, file: "2026-03-01" },
      { column: "endReason", ours: null, file: "RETURNED_HOME" },
    ]);
    await commit(caseworker.scope, id);
    const after = (await personByIdNumber(worker.nationalId!))!;
    expect(after.employmentStatus).toBe("UNEMPLOYED");
    expect(after.placements[0]).toMatchObject({ status: "ENDED", endReason: "RETURNED_HOME" });
    expect(after.placements[0]!.followUps.filter((f) => f.status === "OPEN")).toEqual([]);
  });
});

describe("checking a file again", () => {
  it("keeps each decision whose differences are still the same, and asks again where ours changed", async () => {
    const { partner, caseworker } = await setting();
    // Two people we hold; the file (no data time, no earlier exchange) differs on both: two conflicts.
    const people = await Promise.all(
      ["13900000011", "13900000012"].map(async (phone) => {
        const input = personInput({ nationalId: randomNationalId({ region: "520625" }), name: uniqueName(), phone, originDivisionCode: "520625", caseworkerId: caseworker.user.id });
        return { input, id: (await createTestPerson(caseworker.scope, input)).id };
      }),
    );
    const id = await importFile(caseworker.scope, partner.id, csv(people.map(({ input }, i) => ({ name: input.name, nationalId: input.nationalId, originDivisionCode: "520625", phone: `1390000002${i}` }))));
    const [keep, take] = await rowsOf(caseworker.scope, id);
    expect([keep!.conflict, take!.conflict]).toEqual([true, true]);
    await decideConflicts(caseworker.scope, id, { decision: "KEEP_OURS", rows: [keep!.rowNumber] });
    await decideConflicts(caseworker.scope, id, { decision: "TAKE_FILE", rows: [take!.rowNumber] });

    // A colleague changes the second person's phone: the commit stops, the user checks again.
    await updatePerson(caseworker.scope, people[1]!.id, updatePersonSchema.parse({ ...people[1]!.input, phone: "13900000031", version: 1 }));
    expect(await commit(caseworker.scope, id)).toEqual({ committed: false });
    await recheckImportBatch(caseworker.scope, id);
    await validateImportBatch(caseworker.scope, id);

    const [kept, asked] = await rowsOf(caseworker.scope, id);
    expect(kept).toMatchObject({ rowNumber: keep!.rowNumber, conflict: true, decision: "KEEP_OURS" });
    expect(asked).toMatchObject({ rowNumber: take!.rowNumber, conflict: true, decision: null });
    expect(asked!.diff).toEqual([{ column: "phone", ours: "13900000031", file: "13900000021" }]);
    const error = await expectAppError(requestCommit(caseworker.scope, id), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { _form: "exchange.commitErrors.undecided" } });
    // The decisions were kept on the batch only while the rows were staged again.
    expect((await db().importBatch.findUniqueOrThrow({ where: { id }, select: { keptDecisions: true } })).keptDecisions).toBeNull();
  });

  it("a decision is work on the preview: the retention rule's 30 days start again", async () => {
    const { partner, office, caseworker } = await setting();
    const input = personInput({ nationalId: randomNationalId({ region: "520625" }), name: uniqueName(), phone: "13900000041", originDivisionCode: "520625" });
    await createTestPerson(caseworker.scope, input);
    const id = await importFile(caseworker.scope, partner.id, csv([{ name: input.name, nationalId: input.nationalId, originDivisionCode: "520625", phone: "13900000042" }]));
    await db().$executeRaw`UPDATE import_batches SET updated_at = now() - interval '31 days' WHERE id = ${id}`;
    await decideConflicts(caseworker.scope, id, { decision: "TAKE_FILE" });
    await purgeExpiredImports({ officeIds: [office.id] });
    expect((await getImportBatch(caseworker.scope, id))!.status).toBe("PREVIEW");
  });
});

describe("retention of what files said", () => {
  it("drops a committed file's rows after 180 days and an untouched preview (with its file) after 30; counts, log and audit stay", async () => {
    const { partner, office, caseworker } = await setting();
    const old = await importFile(caseworker.scope, partner.id, csv([person(), person()]));
    await commit(caseworker.scope, old);
    const recent = await importFile(caseworker.scope, partner.id, csv([person()]));
    await commit(caseworker.scope, recent);
    const abandoned = await importFile(caseworker.scope, partner.id, csv([person()]));
    const open = await importFile(caseworker.scope, partner.id, csv([person()]));
    const died = await importFile(caseworker.scope, partner.id, csv([person()]));
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    await db().importBatch.update({ where: { id: old }, data: { committedAt: daysAgo(181) } });
    await db().importBatch.update({ where: { id: recent }, data: { committedAt: daysAgo(179) } });
    await db().$executeRaw`UPDATE import_batches SET updated_at = ${daysAgo(31)} WHERE id = ${abandoned}`;
    await db().$executeRaw`UPDATE import_batches SET updated_at = ${daysAgo(29)} WHERE id = ${open}`;
    // A check whose worker died a month ago and was never resumed.
    await db().$executeRaw`UPDATE import_batches SET status = 'VALIDATING', heartbeat_at = ${daysAgo(40)}, updated_at = ${daysAgo(40)} WHERE id = ${died}`;

    await purgeExpiredImports({ now, officeIds: [office.id] });
    const batch = (id: number) => db().importBatch.findUniqueOrThrow({ where: { id }, select: { status: true, rowsPurgedAt: true, fileData: true, newRows: true, totalRows: true } });
    const rows = (id: number) => db().importRow.count({ where: { batchId: id } });

    expect(await batch(old)).toMatchObject({ status: "COMMITTED", rowsPurgedAt: now, newRows: 2, totalRows: 2 });
    expect(await rows(old)).toBe(0);
    expect(await batch(recent)).toMatchObject({ status: "COMMITTED", rowsPurgedAt: null });
    expect(await rows(recent)).toBe(1);
    expect(await batch(abandoned)).toMatchObject({ status: "DISCARDED", rowsPurgedAt: now, fileData: null });
    expect(await rows(abandoned)).toBe(0);
    expect(await batch(open)).toMatchObject({ status: "PREVIEW", rowsPurgedAt: null });
    expect((await batch(open)).fileData).not.toBeNull();
    expect(await rows(open)).toBe(1);
    expect(await batch(died)).toMatchObject({ status: "DISCARDED", fileData: null });
    expect(await rows(died)).toBe(0);
    // The people and the exchange log are untouched; the purges are audited as the system's.
    expect(await db().person.count({ where: { officeId: office.id } })).toBe(3);
    expect((await listExchangeLog(caseworker.scope, { partnerOfficeId: partner.id })).map((l) => l.batchId).sort()).toEqual([old, recent].sort());
    expect(await auditOf("import_batch", old)).toContainEqual(expect.objectContaining({ action: "exchange.import_rows_purged", actorId: null }));
    expect(await auditOf("import_batch", abandoned)).toContainEqual(expect.objectContaining({ action: "exchange.import_expired", actorId: null }));

    // Again: nothing more to do, nothing audited twice.
    expect(await purgeExpiredImports({ now, officeIds: [office.id] })).toEqual({ expired: 0, purged: 0 });
    expect((await auditOf("import_batch", old)).filter((a) => a.action === "exchange.import_rows_purged")).toHaveLength(1);
  });
});

describe("all or nothing", () => {
  it("a row that fails at commit (registered meanwhile) leaves nothing written and the batch back in preview", async () => {
    const { partner, office, caseworker } = await setting();
    const first = person();
    const second = person();
    const id = await importFile(caseworker.scope, partner.id, csv([first, second]));
    const before = await db().person.count({ where: { officeId: office.id } });
    // Someone registers the second person between the check and the commit.
    await createTestPerson(caseworker.scope, { nationalId: second.nationalId!, name: second.name!, originDivisionCode: "520625" });
    expect(await commit(caseworker.scope, id)).toEqual({ committed: false });
    expect(await getImportBatch(caseworker.scope, id)).toMatchObject({ status: "PREVIEW", errorKey: "exchange.commitErrors.registeredMeanwhile" });
    expect(await personByIdNumber(first.nationalId!)).toBeNull();
    expect(await db().person.count({ where: { officeId: office.id } })).toBe(before + 1);
    expect(await listExchangeLog(caseworker.scope, { partnerOfficeId: partner.id })).toEqual([]);
  });

  it("a person changed between the check and the commit stops the whole commit", async () => {
    const { partner, caseworker } = await setting();
    const nationalId = randomNationalId({ region: "520625" });
    const registered = personInput({ nationalId, name: uniqueName(), phone: "13900000007", originDivisionCode: "520625", caseworkerId: caseworker.user.id });
    const { id: personId } = await createTestPerson(caseworker.scope, registered);
    const newcomer = person();
    const id = await importFile(caseworker.scope, partner.id, csv([{ name: registered.name, nationalId, originDivisionCode: "520625", phone: "13900000008", asOf: formatTimestamp(new Date(Date.now() + 1000)) }, newcomer]));
    await updatePerson(caseworker.scope, personId, updatePersonSchema.parse({ ...registered, notes: "刚改过", version: 1 }));
    expect(await commit(caseworker.scope, id)).toEqual({ committed: false });
    expect(await getImportBatch(caseworker.scope, id)).toMatchObject({ status: "PREVIEW", errorKey: "exchange.commitErrors.changedMeanwhile", errorParams: { rows: "2" } });
    expect(await personByIdNumber(newcomer.nationalId!)).toBeNull();
    expect((await db().person.findUniqueOrThrow({ where: { id: personId } })).phone).toBe("13900000007");
  });

  it("a discarded batch drops its staged rows and file", async () => {
    const { partner, caseworker } = await setting();
    const id = await importFile(caseworker.scope, partner.id, csv([person()]));
    await discardImportBatch(caseworker.scope, id);
    expect(await db().importRow.count({ where: { batchId: id } })).toBe(0);
    expect(await db().importBatch.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DISCARDED", fileData: null });
  });
});

describe("scope", () => {
  it("a caseworker cannot change, or register again, someone another office holds; the row says so without saying who", async () => {
    const { partner, caseworker } = await setting();
    const other = await actorIn((await freshOffice("3202")).id, "CASEWORKER");
    const nationalId = randomNationalId({ region: "520625" });
    await createTestPerson(other.scope, { nationalId, name: uniqueName(), originDivisionCode: "520625" });
    const id = await importFile(caseworker.scope, partner.id, csv([person({ nationalId })]));
    const [row] = await rowsOf(caseworker.scope, id);
    expect(row).toMatchObject({ status: "ERROR", errors: [{ column: "nationalId", key: "exchange.rowErrors.notYours" }] });
    // And another office's caseworker cannot read this batch at all.
    expect(await getImportBatch(other.scope, id)).toBeNull();
    expect(await listImportRows(other.scope, id, "ALL", 1)).toBeNull();
  });

  it("a partner office imports only people of its own region and never changes others", async () => {
    const liuba = await freshOffice("610729", "ORIGIN_BUREAU");
    const partner = await actorIn(liuba.id, "PARTNER");
    const wuxi = await actorIn((await freshOffice("3202")).id, "CASEWORKER");
    const yinjiangPerson = randomNationalId({ region: "520625" });
    await createTestPerson(wuxi.scope, { nationalId: yinjiangPerson, name: uniqueName(), originDivisionCode: "520625" });
    const ownNew = person({ nationalId: randomNationalId({ region: "610729" }), originDivisionCode: "610729" });
    const id = await importFile(
      partner.scope,
      // A partner's batch is always with itself, whatever office it names.
      liuba.id + 100_000,
      csv([ownNew, person({ nationalId: yinjiangPerson, originDivisionCode: "610729" }), person({ originDivisionCode: "520625" })]),
    );
    const rows = await rowsOf(partner.scope, id);
    expect(rows.map((r) => r.status)).toEqual(["NEW", "ERROR", "ERROR"]);
    expect(rows[1]!.errors).toEqual([{ column: "nationalId", key: "exchange.rowErrors.notYours" }]);
    expect(rows[2]!.errors).toEqual([{ column: "originDivisionCode", key: "exchange.rowErrors.outsidePartnerRegion" }]);
    expect(await getImportBatch(partner.scope, id)).toMatchObject({ partnerOfficeId: liuba.id });
  });

  it("a partner office's file may carry placement columns; they are read past, never written", async () => {
    const liuba = await freshOffice("610729", "ORIGIN_BUREAU");
    const partner = await actorIn(liuba.id, "PARTNER");
    const row = person({ nationalId: randomNationalId({ region: "610729" }), originDivisionCode: "610729", employerName: "某厂", employerUscc: uniqueUscc(), jobTitle: "普工", workplaceCode: "320505", startDate: "2026-01-01" });
    const id = await importFile(partner.scope, liuba.id, csv([row]));
    expect(await getImportBatch(partner.scope, id)).toMatchObject({ newRows: 1, notices: [{ key: "exchange.notices.placementsIgnored" }] });
    await commit(partner.scope, id);
    const created = (await personByIdNumber(row.nationalId!))!;
    expect(created.officeId).toBe(liuba.id);
    expect(created.placements).toEqual([]);
  });

  it("a partner office exports only its own region, and a wider region is refused", async () => {
    const liuba = await freshOffice("610729", "ORIGIN_BUREAU");
    const partner = await actorIn(liuba.id, "PARTNER");
    const wuxi = await actorIn((await freshOffice("3202")).id, "CASEWORKER");
    const ours = randomNationalId({ region: "610729" });
    const theirs = randomNationalId({ region: "520625" });
    await createTestPerson(wuxi.scope, { nationalId: ours, name: uniqueName(), originDivisionCode: "610729" });
    await createTestPerson(wuxi.scope, { nationalId: theirs, name: uniqueName(), originDivisionCode: "520625" });
    await expectAppError(buildExport(partner.scope, { partnerOfficeId: liuba.id, region: "61", from: null, to: null, format: "CSV" }), "VALIDATION");
    await expectAppError(buildExport(partner.scope, { partnerOfficeId: liuba.id, region: "520625", from: null, to: null, format: "CSV" }), "VALIDATION");
    const file = await buildExport(partner.scope, { partnerOfficeId: 999_999, region: "", from: null, to: null, format: "CSV" });
    const ids = (await parseCsv(file.bytes)).rows.map((r) => r.cells[1]);
    expect(ids).toContain(ours);
    expect(ids).not.toContain(theirs);
    expect((await parseCsv(file.bytes)).rows.every((r) => r.cells[6]!.startsWith("610729"))).toBe(true);
  });
});

describe("export", () => {
  it("writes the template for the caseworker's people from the partner's region, neutralised, audited and logged; it imports back unchanged", async () => {
    const { partner, caseworker } = await setting();
    const other = await actorIn((await freshOffice("3202")).id, "CASEWORKER");
    const nationalId = randomNationalId({ region: "520625" });
    const { id: personId } = await createTestPerson(caseworker.scope, { nationalId, name: uniqueName(), originDivisionCode: "520625", notes: "=HYPERLINK(\"http://x\")" });
    const elsewhere = randomNationalId({ region: "520625" });
    await createTestPerson(other.scope, { nationalId: elsewhere, name: uniqueName(), originDivisionCode: "520625" });

    for (const format of ["CSV", "XLSX"] as const) {
      const file = await buildExport(caseworker.scope, { partnerOfficeId: partner.id, region: "", from: null, to: null, format });
      const table = format === "CSV" ? (await parseCsv(file.bytes)) : await parseXlsx(file.bytes);
      expect(table.headers).toEqual(COLUMNS.map((c) => c.zh));
      const mine = table.rows.find((r) => r.cells[1] === nationalId)!;
      expect(mine.cells[COLUMNS.findIndex((c) => c.key === "notes")]).toBe("'=HYPERLINK(\"http://x\")");
      expect(table.rows.some((r) => r.cells[1] === elsewhere)).toBe(false);
      expect(file.rows).toBe(table.rows.length);
    }
    const log = await listExchangeLog(caseworker.scope, { partnerOfficeId: partner.id });
    expect(log.map((l) => [l.direction, l.format])).toEqual([["SENT", "XLSX"], ["SENT", "CSV"]]);
    const audit = await db().auditEvent.findMany({ where: { actorId: caseworker.user.id, action: "exchange.exported" } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit.map((a) => a.changes))).not.toContain(nationalId);

    // The exported file, sent back as it is: every row unchanged (the data time says so), nothing written.
    const file = await buildExport(caseworker.scope, { partnerOfficeId: partner.id, region: "520625", from: null, to: null, format: "XLSX" });
    const before = await db().person.findUniqueOrThrow({ where: { id: personId } });
    const id = await importFile(caseworker.scope, partner.id, file.bytes, file.fileName);
    const batch = await getImportBatch(caseworker.scope, id);
    expect(batch).toMatchObject({ status: "PREVIEW", errorRows: 0, newRows: 0, updatedRows: 0, conflictRows: 0 });
    expect(batch!.unchangedRows).toBe(file.rows);
    await commit(caseworker.scope, id);
    expect((await db().person.findUniqueOrThrow({ where: { id: personId } })).version).toBe(before.version);
  });

  it("filters by period: people changed in it", async () => {
    const { partner, caseworker } = await setting();
    const nationalId = randomNationalId({ region: "520625" });
    await createTestPerson(caseworker.scope, { nationalId, name: uniqueName(), originDivisionCode: "520625" });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const inPeriod = await buildExport(caseworker.scope, { partnerOfficeId: partner.id, region: "", from: today, to: today, format: "CSV" });
    expect((await parseCsv(inPeriod.bytes)).rows.map((r) => r.cells[1])).toContain(nationalId);
    const before = await buildExport(caseworker.scope, { partnerOfficeId: partner.id, region: "", from: "2020-01-01", to: "2020-12-31", format: "CSV" });
    expect((await parseCsv(before.bytes)).rows).toEqual([]);
  });
});

describe("expected exchanges", () => {
  it("a supervisor sets a monthly cadence; overdue once a month and the grace days pass with nothing received", async () => {
    const { partner, office } = await setting();
    const supervisor = await actorIn(office.id, "SUPERVISOR");
    const caseworker = await actorIn(office.id, "CASEWORKER");
    await expectAppError(saveExpectation(caseworker.scope, { officeId: office.id, partnerOfficeId: partner.id, cadence: "MONTHLY", graceDays: 3, active: true }), "FORBIDDEN");
    await saveExpectation(supervisor.scope, { officeId: office.id, partnerOfficeId: partner.id, cadence: "MONTHLY", graceDays: 3, active: true });
    const [expectation] = (await listExpectations(caseworker.scope)).filter((e) => e.partnerOfficeId === partner.id);
    expect(expectation).toMatchObject({ cadence: "MONTHLY", graceDays: 3, lastReceivedAt: null });
    const in40days = new Date(Date.now() + 40 * 86_400_000);
    expect(expectationState({ lastReceivedAt: expectation!.lastReceivedAt, since: expectation!.createdAt, cadence: "MONTHLY", graceDays: 3 }, in40days).overdue).toBe(true);
    expect(expectationState({ lastReceivedAt: expectation!.lastReceivedAt, since: expectation!.createdAt, cadence: "MONTHLY", graceDays: 3 }).overdue).toBe(false);

    await commit(caseworker.scope, await importFile(caseworker.scope, partner.id, csv([person()])));
    const [after] = (await listExpectations(caseworker.scope)).filter((e) => e.partnerOfficeId === partner.id);
    expect(after!.lastReceivedAt).not.toBeNull();
    expect((await auditOf("office", office.id)).map((a) => a.action)).toContain("exchange.expectation_updated");
  });
});
