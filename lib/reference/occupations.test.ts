import { describe, expect, it } from "vitest";
import {
  OCCUPATION_EDITION,
  OCCUPATIONS,
  SOURCE_TITLE_REPAIRS,
  occupationAncestors,
} from "@/prisma/reference/occupations";

const byCode = new Map(OCCUPATIONS.map((o) => [o.code, o]));
const countAt = (level: number) => OCCUPATIONS.filter((o) => o.level === level).length;

describe("OCCUPATIONS (职业分类大典 2022)", () => {
  it("is the 2022 edition", () => {
    expect(OCCUPATION_EDITION).toContain("2022");
  });

  it("has 8 major, 79 medium and 449 minor groups, and the draft's 1,636 occupations", () => {
    expect(countAt(1)).toBe(8);
    expect(countAt(2)).toBe(79);
    expect(countAt(3)).toBe(449);
    expect(countAt(4)).toBe(1636);
    expect(OCCUPATIONS).toHaveLength(8 + 79 + 449 + 1636);
  });

  it("has unique codes, sorted", () => {
    expect(byCode.size).toBe(OCCUPATIONS.length);
    const codes = OCCUPATIONS.map((o) => o.code);
    expect(codes).toEqual([...codes].sort());
  });

  it("writes codes in the 4 / 4-10 / 4-10-01 / 4-10-01-05 form, one segment per level", () => {
    const shapes = [/^\d$/, /^\d-\d{2}$/, /^\d-\d{2}-\d{2}$/, /^\d-\d{2}-\d{2}-\d{2}$/];
    for (const o of OCCUPATIONS) expect(o.code, o.code).toMatch(shapes[o.level - 1]!);
  });

  it("has a parent for every row but the major groups, one level up", () => {
    for (const o of OCCUPATIONS) {
      if (o.level === 1) {
        expect(o.parentCode, o.code).toBeNull();
        continue;
      }
      const parent = byCode.get(o.parentCode ?? "");
      expect(parent, o.code).toBeDefined();
      expect(parent!.level, o.code).toBe(o.level - 1);
      expect(o.code.startsWith(`${parent!.code}-`), o.code).toBe(true);
    }
  });

  it("gives every row a title, and every major and medium group an English title", () => {
    for (const o of OCCUPATIONS) {
      expect(o.title.trim(), o.code).not.toBe("");
      expect(o.title, o.code).not.toMatch(/…|\.\.\.|\d/);
      if (o.titleEn !== null) expect(o.titleEn.trim(), o.code).not.toBe("");
      if (o.level <= 2) expect(o.titleEn, o.code).not.toBeNull();
    }
  });

  it("puts the programme's key occupations at their 2022 codes", () => {
    const expected: Record<string, string> = {
      "4-10-01-05": "养老护理员",
      "4-10-01-06": "家政服务员",
      "4-03-02-01": "中式烹调师",
      "4-03-02-02": "中式面点师",
      "4-02-06-01": "仓储管理员",
      "4-02-07-08": "快递员",
      "4-01-06-01": "电子商务师",
      "4-01-06-02": "互联网营销师",
      "2-06-07-13": "数字化管理师",
      "6-18-02-04": "焊工",
      "6-31-01-03": "电工",
      "6-31-03-05": "质检员",
      "4-07-05-01": "保安员",
      "4-09-08-01": "保洁员",
    };
    for (const [code, title] of Object.entries(expected)) {
      expect(byCode.get(code)?.title, code).toBe(title);
      expect(byCode.get(code)?.titleEn, code).not.toBeNull();
    }
    expect(byCode.get("4-10-01-05")?.titleEn).toBe("Elderly care worker");
  });

  it("keeps each repaired title as the source's text plus the completed ending", () => {
    for (const [code, sourceTitle] of Object.entries(SOURCE_TITLE_REPAIRS)) {
      const title = byCode.get(code)?.title ?? "";
      expect(title.startsWith(sourceTitle), code).toBe(true);
      expect(title.length, code).toBeGreaterThan(sourceTitle.length);
    }
  });
});

describe("occupationAncestors", () => {
  it("lists the groups above a code, outermost first", () => {
    expect(occupationAncestors("4-10-01-05")).toEqual(["4", "4-10", "4-10-01"]);
    expect(occupationAncestors("6-29-01")).toEqual(["6", "6-29"]);
    expect(occupationAncestors("6-29")).toEqual(["6"]);
    expect(occupationAncestors("6")).toEqual([]);
  });

  it("matches parentCode for every row", () => {
    for (const o of OCCUPATIONS) expect(occupationAncestors(o.code).at(-1) ?? null, o.code).toBe(o.parentCode);
  });
});
