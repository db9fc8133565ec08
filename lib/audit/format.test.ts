import { describe, expect, it } from "vitest";
import { formatAuditValue, type HistoryWords } from "@/lib/audit/format";
import { auditMember, auditSkill } from "@/lib/audit/rules";

const zh: HistoryWords = {
  field: (name) => ({ name: "姓名", relation: "关系", startDate: "开始日期" })[name] ?? null,
  enumWord: (group, code) =>
    (({ "relation.PARENT": "父母", "relation.CHILD": "子女", "skillLevel.BASIC": "初级", "skillLevel.CERTIFIED": "持证", "skillLevel.SKILLED": "熟练", "employmentStatus.EMPLOYED": "已就业" }) as Record<string, string>)[`${group}.${code}`] ?? null,
  withDetail: (main, detail) => `${main}（${detail}）`,
  detailSeparator: "，",
  listSeparator: "、",
  yes: "是",
  no: "否",
  places: { "630225": "青海省 / 海东市 / 循化撒拉族自治县", "3202": "江苏省 / 无锡市" },
};
const en: HistoryWords = { ...zh, withDetail: (main, detail) => `${main} (${detail})`, detailSeparator: ", ", listSeparator: ", ", enumWord: (g, c) => (({ "relation.PARENT": "Parent", "skillLevel.SKILLED": "Skilled" }) as Record<string, string>)[`${g}.${c}`] ?? null };

describe("formatAuditValue", () => {
  it("writes members, skills and places in words", () => {
    expect(formatAuditValue("members", [auditMember("马秀兰", "PARENT"), auditMember("马小明", "CHILD")], zh)).toBe("马秀兰（父母）、马小明（子女）");
    expect(formatAuditValue("skills", [auditSkill("拉面制作", "CERTIFIED", "拉面师证")], zh)).toBe("拉面制作（持证，拉面师证）");
    expect(formatAuditValue("skills", [auditSkill("焊接", "CERTIFIED", "焊工证", "BASIC")], zh)).toBe("焊接（初级 → 持证，焊工证）");
    expect(formatAuditValue("originDivisionCode", "630225", zh)).toBe("青海省 / 海东市 / 循化撒拉族自治县");
    expect(formatAuditValue("preferredRegions", ["3202", "3205"], zh)).toBe("江苏省 / 无锡市、3205");
  });

  it("reads the text older rows hold (before members and skills were values) into the same words", () => {
    expect(formatAuditValue("member", "马秀兰 (PARENT)", zh)).toBe("马秀兰（父母）");
    expect(formatAuditValue("members", ["马秀兰 (PARENT)"], en)).toBe("马秀兰 (Parent)");
    expect(formatAuditValue("skills", ["拉面制作 (SKILLED)", "焊接 (CERTIFIED, 焊工证)"], zh)).toBe("拉面制作（熟练）、焊接（持证，焊工证）");
    expect(formatAuditValue("skills", ["焊接: BASIC → CERTIFIED (焊工证)", "电工: — → BASIC"], zh)).toBe("焊接（初级 → 持证，焊工证）、电工（初级）");
    // A member without a code, and other text, stay as they are.
    expect(formatAuditValue("member", "父亲", zh)).toBe("父亲");
    expect(formatAuditValue("notes", "马秀兰 (PARENT)", zh)).toBe("马秀兰 (PARENT)");
  });

  it("names catalogue skills in the reader's language, by id or (older rows) by Chinese name; free text stays", () => {
    const enSkills: HistoryWords = { ...en, skills: { "#7": "Welding", 焊接: "Welding", 拉面制作: "Hand-pulled noodles" } };
    expect(formatAuditValue("skills", [auditSkill("焊接", "SKILLED", null, undefined, 7)], enSkills)).toBe("Welding (Skilled)");
    expect(formatAuditValue("skills", ["拉面制作 (SKILLED)"], enSkills)).toBe("Hand-pulled noodles (Skilled)");
    expect(formatAuditValue("skills", [auditSkill("修自行车", "SKILLED")], enSkills)).toBe("修自行车 (Skilled)");
    // Without the catalogue's names the logged name is shown.
    expect(formatAuditValue("skills", [auditSkill("焊接", "SKILLED", null, undefined, 7)], en)).toBe("焊接 (Skilled)");
  });

  it("names a status by the record the action is about, and shows references to other records as numbers", () => {
    const words: HistoryWords = { ...zh, enumWord: (g, c) => (({ "referralStatus.REFERRED": "已推荐", "followUpStatus.OPEN": "待回访" }) as Record<string, string>)[`${g}.${c}`] ?? null };
    expect(formatAuditValue("status", "REFERRED", words, "referral.updated")).toBe("已推荐");
    expect(formatAuditValue("status", "OPEN", words, "followup.scheduled")).toBe("待回访");
    expect(formatAuditValue("status", "REFERRED", words)).toBe("REFERRED");
    expect(formatAuditValue("vacancyId", 12, words)).toBe("#12");
    expect(formatAuditValue("importBatchId", "3", words)).toBe("#3");
    expect(formatAuditValue("expectedWage", 6000, words)).toBe("6000");
  });

  it("writes enums, booleans, empties and nested records", () => {
    expect(formatAuditValue("employmentStatus", "EMPLOYED", zh)).toBe("已就业");
    expect(formatAuditValue("employmentStatus", "SOMETHING_NEW", zh)).toBe("SOMETHING_NEW");
    expect(formatAuditValue("isLabourer", false, zh)).toBe("否");
    expect(formatAuditValue("notes", null, zh)).toBe("—");
    expect(formatAuditValue("notes", [], zh)).toBe("—");
    expect(formatAuditValue("from", { startDate: "2020-03-01", relation: "PARENT", empty: null }, zh)).toBe("开始日期 2020-03-01；关系 父母");
  });
});
