import { describe, expect, it } from "vitest";
import { buildNationalId } from "@/lib/persons/national-id";
import { buildUscc } from "@/lib/employers/uscc";
import {
  diffPerson,
  duplicateIds,
  expectationState,
  formatTimestamp,
  householdMismatch,
  isConflict,
  neutraliseCell,
  nextDue,
  parseDateCell,
  parseRow,
  parseTimestampCell,
  planPlacement,
  unneutraliseCell,
  type OurPlacement,
  type Ours,
} from "@/lib/data-exchange/rules";
import { mapHeaders, templateHeaders, enumValue } from "@/lib/data-exchange/template";

const TODAY = new Date(Date.UTC(2026, 10, 26));
const ID = buildNationalId("520625", "19780315", 13);
const USCC = buildUscc("320505", 12345);

const base = { name: "代江敏", nationalId: ID, originDivisionCode: "520625" };
const keys = (errors: { column: string | null; key: string }[]) => errors.map((e) => `${e.column}:${e.key}`);

describe("parseRow", () => {
  it("reads a minimal row and derives nothing it was not given", () => {
    const { row, errors } = parseRow(base, TODAY);
    expect(errors).toEqual([]);
    expect(row.name).toBe("代江敏");
    expect(row.nationalId?.normalized).toBe(ID);
    expect(row.nationalId?.gender).toBe("MALE");
    expect(row).not.toHaveProperty("phone");
    expect(row.placement).toBeUndefined();
  });

  it("reads labels in Chinese or English, codes, and the usual variants", () => {
    const { row, errors } = parseRow({ ...base, education: "初中", health: "Healthy", employmentStatus: "EMPLOYED", migration: "愿意", povertyStatus: "建档立卡贫困户", relation: "户主", consentGiven: "是", expectedWage: "4,500", povertyStatusSince: "2019/3/1", phone: "139 1234 5678" }, TODAY);
    expect(errors).toEqual([]);
    expect(row).toMatchObject({ education: "JUNIOR_SECONDARY", health: "HEALTHY", employmentStatus: "EMPLOYED", migration: "WILLING", povertyStatus: "REGISTERED_POOR", relation: "HEAD", consentGiven: true, expectedWage: 4500, povertyStatusSince: "2019-03-01", phone: "13912345678" });
  });

  it("says what is wrong with each cell, by column", () => {
    const { errors } = parseRow({ name: "", nationalId: ID.slice(0, 17) + (ID[17] === "1" ? "2" : "1"), originDivisionCode: "5206", phone: "12345", education: "博士后", expectedWage: "很多", povertyStatusSince: "2019-02-30", consentGiven: "也许" }, TODAY);
    expect(keys(errors)).toEqual(
      expect.arrayContaining([
        "name:validation.required",
        "nationalId:validation.nationalId.CHECKSUM",
        "originDivisionCode:exchange.rowErrors.division",
        "phone:validation.phone",
        "education:exchange.rowErrors.unknownChoice",
        "expectedWage:validation.number",
        "povertyStatusSince:exchange.rowErrors.date",
        "consentGiven:exchange.rowErrors.yesNo",
      ]),
    );
    expect(errors.find((e) => e.column === "education")?.params).toEqual({ value: "博士后" });
  });

  it("recognises an ID number Excel turned into a number", () => {
    expect(keys(parseRow({ ...base, nationalId: "5.20625E+17" }, TODAY).errors)).toEqual(["nationalId:exchange.rowErrors.idAsNumber"]);
  });

  it("needs the relation when the household head is someone else", () => {
    const head = buildNationalId("520625", "19700101", 11);
    expect(keys(parseRow({ ...base, householdHeadId: head }, TODAY).errors)).toEqual(["relation:exchange.rowErrors.relationRequired"]);
    expect(parseRow({ ...base, householdHeadId: head, relation: "配偶" }, TODAY).errors).toEqual([]);
    expect(parseRow({ ...base, householdHeadId: ID }, TODAY).errors).toEqual([]);
  });

  it("a placement needs its employer, title, place and start; an end needs its reason", () => {
    expect(keys(parseRow({ ...base, jobTitle: "产品测试员" }, TODAY).errors)).toEqual([
      "employerName:exchange.rowErrors.placementRequired",
      "employerUscc:exchange.rowErrors.placementRequired",
      "workplaceCode:exchange.rowErrors.placementRequired",
      "startDate:exchange.rowErrors.placementRequired",
    ]);
    const placement = { employerName: "苏州欧普照明", employerUscc: USCC, jobTitle: "产品测试员", workplaceCode: "320505", startDate: "2026-03-01" };
    const ok = parseRow({ ...base, ...placement, monthlyWage: "4500", contractType: "固定期限劳动合同" }, TODAY);
    expect(ok.errors).toEqual([]);
    expect(ok.row.placement).toEqual({ ...placement, monthlyWage: 4500, contractType: "FIXED_TERM" });
    expect(keys(parseRow({ ...base, ...placement, endDate: "2026-02-01" }, TODAY).errors)).toEqual(["endDate:validation.endBeforeStart", "endReason:exchange.rowErrors.endReasonRequired"]);
    expect(keys(parseRow({ ...base, ...placement, endReason: "返乡" }, TODAY).errors)).toEqual(["endDate:exchange.rowErrors.endDateRequired"]);
    expect(keys(parseRow({ ...base, ...placement, employerUscc: "91320505MA1OOOOOO0" }, TODAY).errors)).toEqual(["employerUscc:validation.uscc.CHARACTERS"]);
  });

  it("takes back the apostrophe our own exports put before formula characters", () => {
    expect(parseRow({ ...base, notes: "'=1+1" }, TODAY).row.notes).toBe("=1+1");
    expect(parseRow({ ...base, notes: "'ok" }, TODAY).row.notes).toBe("'ok");
  });

  it("reads the data time we export, and a local time without zone as China time", () => {
    const at = new Date("2026-11-26T13:08:15.123Z");
    expect(parseRow({ ...base, asOf: formatTimestamp(at) }, TODAY).row.asOf).toEqual(at);
    expect(parseTimestampCell("2026-11-26 21:08")).toEqual(new Date("2026-11-26T13:08:00.000Z"));
    expect(keys(parseRow({ ...base, asOf: "yesterday" }, TODAY).errors)).toEqual(["asOf:exchange.rowErrors.timestamp"]);
  });
});

describe("cells", () => {
  it("neutralises = + - @ tab and CR, and only those", () => {
    for (const v of ["=SUM(A1)", "+86", "-1", "@cmd", "\tx", "\rx"]) expect(neutraliseCell(v)).toBe(`'${v}`);
    for (const v of ["马成", "13912345678", "a=b", ""]) expect(neutraliseCell(v)).toBe(v);
    for (const v of ["=SUM(A1)", "-1", "马成"]) expect(unneutraliseCell(neutraliseCell(v))).toBe(v);
  });

  it("reads the date forms people type", () => {
    expect(parseDateCell("2024-03-01")).toBe("2024-03-01");
    expect(parseDateCell("2024/3/1")).toBe("2024-03-01");
    expect(parseDateCell("2024.3.1")).toBe("2024-03-01");
    expect(parseDateCell("20240301")).toBe("2024-03-01");
    expect(parseDateCell("2024年3月1日")).toBe("2024-03-01");
    expect(parseDateCell("2024-03-01 00:00:00")).toBe("2024-03-01");
    expect(parseDateCell("45352")).toBe("2024-03-01");
    expect(parseDateCell("2023-02-29")).toBeNull();
    expect(parseDateCell("03/01/2024")).toBeNull();
  });
});

describe("headers", () => {
  it("maps Chinese, English and code headers, and reports missing, unknown and twice", () => {
    expect(mapHeaders(templateHeaders("zh")).missing).toEqual([]);
    expect(mapHeaders(templateHeaders("en")).missing).toEqual([]);
    const m = mapHeaders(["姓名*", " National ID Number ", "户籍地代码", "期望月薪", "身高", "姓名"]);
    expect(m.columns).toEqual({ name: 0, nationalId: 1, originDivisionCode: 2, expectedWage: 3 });
    expect(m.unknown).toEqual(["身高"]);
    expect(m.duplicated).toEqual(["姓名"]);
    expect(mapHeaders(["姓名"]).missing).toEqual(["nationalId", "originDivisionCode"]);
  });

  it("reads enum labels whatever their width or case", () => {
    expect(enumValue("education", "ＢＡＣＨＥＬＯＲ＿ＯＲ＿ＡＢＯＶＥ")).toBe("BACHELOR_OR_ABOVE");
    expect(enumValue("contractType", "fixed-term contract")).toBe("FIXED_TERM");
    expect(enumValue("education", "博士后")).toBeNull();
  });
});

describe("across rows", () => {
  it("marks every row whose ID appears more than once, with the others", () => {
    const dup = duplicateIds([
      { rowNumber: 2, nationalId: "A" },
      { rowNumber: 3, nationalId: "B" },
      { rowNumber: 4, nationalId: "A" },
      { rowNumber: 5, nationalId: null },
      { rowNumber: 6, nationalId: "A" },
    ]);
    expect([...dup.entries()]).toEqual([
      [2, [4, 6]],
      [4, [2, 6]],
      [6, [2, 4]],
    ]);
  });

  it("compares a member's household cells with the head's; blank is no opinion", () => {
    expect(householdMismatch({ povertyStatus: "LIFTED" }, { povertyStatus: "LIFTED", perCapitaIncome: 5000 })).toEqual([]);
    expect(householdMismatch({ povertyStatus: "NONE", perCapitaIncome: 5000 }, { povertyStatus: "LIFTED", perCapitaIncome: 5000 })).toEqual(["povertyStatus"]);
  });
});

describe("diff and conflicts", () => {
  const ours: Ours = {
    person: { name: "代江敏", phone: "13912345678", ethnicity: null, education: "PRIMARY", health: "HEALTHY", originDivisionCode: "520625", originAddressDetail: null, currentDivisionCode: null, currentAddressDetail: null, employmentStatus: "UNEMPLOYED", migration: "WILLING", expectedWage: 4000, consentGiven: true, notes: null },
    household: { povertyStatus: "REGISTERED_POOR", povertyStatusSince: "2016-01-01", perCapitaIncome: 3000 },
  };

  it("lists only the fields the file gives that differ", () => {
    expect(diffPerson({ name: "代江敏", phone: "13800000000", expectedWage: 4000, perCapitaIncome: 5200 }, ours)).toEqual([
      { column: "phone", ours: "13912345678", file: "13800000000" },
      { column: "perCapitaIncome", ours: 3000, file: 5200 },
    ]);
    expect(diffPerson({ name: "代江敏" }, ours)).toEqual([]);
  });

  it("is a conflict when we changed the record after the file's data time, or when there is no such time", () => {
    const base = new Date("2026-11-01T00:00:00Z");
    expect(isConflict(new Date("2026-10-31T00:00:00Z"), base)).toBe(false);
    expect(isConflict(base, base)).toBe(false);
    expect(isConflict(new Date("2026-11-02T00:00:00Z"), base)).toBe(true);
    expect(isConflict(new Date("2020-01-01T00:00:00Z"), null)).toBe(true);
  });

  const held: OurPlacement = { id: 7, employerUscc: USCC, startDate: "2026-03-01", jobTitle: "产品测试员", workplaceCode: "320505", monthlyWage: 4200, contractType: "FIXED_TERM", endDate: null, endReason: null, active: true };

  it("matches a placement by employer and start date and diffs it", () => {
    expect(planPlacement({ employerUscc: USCC, startDate: "2026-03-01", monthlyWage: 4200 }, [held])).toEqual({ kind: "same", placementId: 7 });
    expect(planPlacement({ employerUscc: USCC, startDate: "2026-03-01", monthlyWage: 4500, endDate: "2026-10-01", endReason: "WAGE" }, [held])).toEqual({
      kind: "update",
      placementId: 7,
      ends: true,
      diff: [
        { column: "monthlyWage", ours: 4200, file: 4500 },
        { column: "endDate", ours: null, file: "2026-10-01" },
        { column: "endReason", ours: null, file: "WAGE" },
      ],
    });
  });

  it("refuses a second active placement and changes to an ended one", () => {
    expect(planPlacement({ employerUscc: buildUscc("320206", 1), startDate: "2026-06-01", jobTitle: "x" }, [held])).toMatchObject({ kind: "error", error: { key: "exchange.rowErrors.otherActivePlacement" } });
    expect(planPlacement({ employerUscc: buildUscc("320206", 1), startDate: "2025-01-01", endDate: "2025-06-01", endReason: "WAGE" }, [held])).toMatchObject({ kind: "create", active: false });
    const ended = { ...held, active: false, endDate: "2026-05-01", endReason: "WAGE" };
    expect(planPlacement({ employerUscc: USCC, startDate: "2026-03-01", monthlyWage: 9999 }, [ended])).toMatchObject({ kind: "error" });
    expect(planPlacement({ employerUscc: USCC, startDate: "2026-03-01", endDate: "2026-05-01" }, [ended])).toEqual({ kind: "same", placementId: 7 });
  });
});

describe("expected exchanges", () => {
  it("a month after the last file, by the calendar", () => {
    expect(nextDue(new Date("2026-01-31T04:00:00Z"), "MONTHLY").toISOString().slice(0, 10)).toBe("2026-02-28");
    expect(nextDue(new Date("2026-01-15T04:00:00Z"), "QUARTERLY").toISOString().slice(0, 10)).toBe("2026-04-15");
    expect(nextDue(new Date("2026-01-15T04:00:00Z"), "WEEKLY").toISOString().slice(0, 10)).toBe("2026-01-22");
    // 23:30 UTC on the 14th is already the 15th in China.
    expect(nextDue(new Date("2026-01-14T23:30:00Z"), "WEEKLY").toISOString().slice(0, 10)).toBe("2026-01-22");
  });

  it("is overdue only once the grace days have passed", () => {
    const last = new Date("2026-10-01T02:00:00Z");
    expect(expectationState({ lastReceivedAt: last, since: last, cadence: "MONTHLY", graceDays: 5 }, new Date("2026-11-05T02:00:00Z"))).toMatchObject({ overdue: false, daysLate: 4 });
    expect(expectationState({ lastReceivedAt: last, since: last, cadence: "MONTHLY", graceDays: 5 }, new Date("2026-11-07T02:00:00Z"))).toMatchObject({ overdue: true, daysLate: 6 });
    expect(expectationState({ lastReceivedAt: null, since: new Date("2026-11-20T02:00:00Z"), cadence: "MONTHLY", graceDays: 0 }, new Date("2026-11-26T02:00:00Z"))).toMatchObject({ overdue: false, daysLate: 0 });
  });
});
