import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, auditMember, auditSkill, diffFields, placeCodesIn, skillRefsIn } from "@/lib/audit/rules";

describe("diffFields", () => {
  it("lists only the fields whose value differs, as [before, after]", () => {
    const before = { name: "马成", phone: "13897012345", expectedWage: 6000 };
    expect(diffFields(before, { name: "马成", phone: "13897054321", expectedWage: 6000 })).toEqual({
      phone: ["13897012345", "13897054321"],
    });
  });

  it("looks only at the fields given as after", () => {
    expect(diffFields({ a: 1, b: 2 }, { a: 1 })).toEqual({});
    expect(diffFields({ a: 1, b: 2 } as Record<string, unknown>, { c: 3 })).toEqual({ c: [null, 3] });
  });

  it("compares dates by instant and writes them as ISO strings", () => {
    const d1 = new Date("2020-06-30T00:00:00.000Z");
    expect(diffFields({ since: d1 }, { since: new Date(d1.getTime()) })).toEqual({});
    expect(diffFields({ since: d1 }, { since: new Date("2020-12-01T00:00:00.000Z") })).toEqual({
      since: ["2020-06-30T00:00:00.000Z", "2020-12-01T00:00:00.000Z"],
    });
    expect(diffFields<Record<string, unknown>>({ since: null }, { since: d1 })).toEqual({ since: [null, "2020-06-30T00:00:00.000Z"] });
  });

  it("compares arrays by content and order", () => {
    expect(diffFields({ needs: ["TRAINING", "TRANSPORT"] }, { needs: ["TRAINING", "TRANSPORT"] })).toEqual({});
    expect(diffFields({ needs: ["TRAINING", "TRANSPORT"] }, { needs: ["TRANSPORT", "TRAINING"] })).toEqual({
      needs: [["TRAINING", "TRANSPORT"], ["TRANSPORT", "TRAINING"]],
    });
    expect(diffFields({ needs: [] as string[] }, { needs: ["ACCOMMODATION"] })).toEqual({ needs: [[], ["ACCOMMODATION"]] });
    expect(diffFields({ needs: ["ACCOMMODATION"] }, { needs: [] })).toEqual({ needs: [["ACCOMMODATION"], []] });
  });

  it("treats null and undefined as the same empty value, and writes it as null", () => {
    expect(diffFields<Record<string, unknown>>({ note: null }, { note: undefined })).toEqual({});
    expect(diffFields<Record<string, unknown>>({ note: undefined }, { note: null })).toEqual({});
    expect(diffFields<Record<string, unknown>>({}, { note: null })).toEqual({});
    expect(diffFields<Record<string, unknown>>({ note: "年老" }, { note: undefined })).toEqual({ note: ["年老", null] });
  });

  it("does not confuse empty values of different kinds", () => {
    expect(diffFields<Record<string, unknown>>({ note: null }, { note: "" })).toEqual({ note: [null, ""] });
    expect(diffFields<Record<string, unknown>>({ wage: 0 }, { wage: null })).toEqual({ wage: [0, null] });
    expect(diffFields<Record<string, unknown>>({ active: false }, { active: null })).toEqual({ active: [false, null] });
    expect(diffFields<Record<string, unknown>>({ wage: 1 }, { wage: "1" })).toEqual({ wage: [1, "1"] });
  });

  it("the result is plain JSON (it goes into a jsonb column)", () => {
    const changes = diffFields<Record<string, unknown>>({ at: new Date(0), list: [new Date(0)] }, { at: new Date(1), list: [new Date(1)] });
    expect(JSON.parse(JSON.stringify(changes))).toEqual(changes);
  });
});

describe("AUDIT_ACTIONS", () => {
  it("is a closed list of unique domain.verb names", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(/^[a-z]+\.[a-z_]+$/);
  });
});

describe("placeCodesIn", () => {
  it("finds the division codes of place fields in values, lists and [before, after] pairs, once each", () => {
    const events = [
      { changes: { originDivisionCode: "630225", name: "马成", preferredRegions: ["3202", "3205"] } },
      { changes: { currentDivisionCode: ["320213", "320206"], preferredRegions: [["3202"], ["3202", "3206"]] } },
      { changes: { divisionCode: [null, "520625"], phone: ["13800000000", "13900000000"] } },
      { changes: null },
    ];
    expect(placeCodesIn(events).sort()).toEqual(["320206", "320213", "3202", "3205", "3206", "520625", "630225"].sort());
  });

  it("leaves other fields alone, numbers that look like codes included", () => {
    expect(placeCodesIn([{ changes: { idNumber: "630225********0314", householdId: 12, expectedWage: 6000, phone: "13897012345" } }])).toEqual([]);
  });
});

describe("skillRefsIn", () => {
  it("finds catalogue skills by id, and older rows' skills by name, in lists and [before, after] pairs", () => {
    const events = [
      { changes: { skills: [[auditSkill("焊接", "BASIC", null, undefined, 7)], [auditSkill("焊接", "SKILLED", null, undefined, 7), auditSkill("修自行车", "BASIC")]] } },
      { changes: { skills: ["拉面制作 (SKILLED)", "焊接: BASIC → CERTIFIED (焊工证)"] } },
      { changes: { name: "焊接", notes: "拉面制作 (SKILLED)" } },
      { changes: null },
    ];
    const refs = skillRefsIn(events);
    expect(refs.ids).toEqual([7]);
    expect(refs.names.sort()).toEqual(["修自行车", "拉面制作", "焊接"].sort());
  });
});

describe("auditSkill and auditMember", () => {
  it("keep codes, and leave out an empty certificate", () => {
    expect(auditSkill("焊工", "CERTIFIED", "焊工证")).toEqual({ skill: "焊工", level: "CERTIFIED", certificate: "焊工证" });
    expect(auditSkill("焊工", "CERTIFIED", null, "BASIC", 7)).toEqual({ skill: "焊工", skillId: 7, was: "BASIC", level: "CERTIFIED" });
    expect(auditSkill("拉面制作", "SKILLED", null)).toEqual({ skill: "拉面制作", level: "SKILLED" });
    expect(auditMember("马秀兰", "PARENT")).toEqual({ name: "马秀兰", relation: "PARENT" });
  });
});
