import { describe, expect, it } from "vitest";
import {
  ageOn,
  buildNationalId,
  checkCharacter,
  maskNationalId,
  normalizeNationalId,
  parseNationalId,
  type NationalIdError,
} from "@/lib/persons/national-id";

const TODAY = new Date(Date.UTC(2026, 5, 1));

function errorOf(raw: string, today = TODAY): NationalIdError | null {
  const parsed = parseNationalId(raw, today);
  return parsed.ok ? null : parsed.error;
}

/** Replaces the check character with a different, wrong one. */
function withWrongCheck(id: string): string {
  const wrong = id[17] === "0" ? "1" : "0";
  return id.slice(0, 17) + wrong;
}

describe("parseNationalId", () => {
  it("accepts the example number of GB 11643 and derives birth date, gender and region", () => {
    const parsed = parseNationalId("11010519491231002X", TODAY);
    expect(parsed).toEqual({
      ok: true,
      value: { normalized: "11010519491231002X", regionCode: "110105", birthDate: new Date(Date.UTC(1949, 11, 31)), gender: "FEMALE" },
    });
  });

  it("accepts the demo people's numbers (马成, 代江敏, 郑波)", () => {
    const maCheng = buildNationalId("630225", "19900412", 31);
    const daiJiangmin = buildNationalId("520625", "19780315", 15);
    const zhengBo = buildNationalId("610729", "19950626", 95);
    expect(maCheng).toBe("630225199004120314");
    expect(daiJiangmin).toBe("520625197803150154");

    const a = parseNationalId(maCheng, TODAY);
    expect(a.ok && a.value).toMatchObject({ regionCode: "630225", gender: "MALE", birthDate: new Date(Date.UTC(1990, 3, 12)) });
    const b = parseNationalId(daiJiangmin, TODAY);
    expect(b.ok && b.value).toMatchObject({ regionCode: "520625", gender: "MALE", birthDate: new Date(Date.UTC(1978, 2, 15)) });
    const c = parseNationalId(zhengBo, TODAY);
    expect(c.ok && c.value).toMatchObject({ regionCode: "610729", gender: "MALE", birthDate: new Date(Date.UTC(1995, 5, 26)) });
  });

  it("derives gender from the parity of the 17th digit", () => {
    for (const sequence of [10, 12, 998]) {
      const parsed = parseNationalId(buildNationalId("520625", "19800101", sequence), TODAY);
      expect(parsed.ok && parsed.value.gender).toBe("FEMALE");
    }
    for (const sequence of [1, 13, 999]) {
      const parsed = parseNationalId(buildNationalId("520625", "19800101", sequence), TODAY);
      expect(parsed.ok && parsed.value.gender).toBe("MALE");
    }
  });

  it("accepts a lowercase x check character and spaces, and normalises them", () => {
    const upper = buildNationalId("520625", "19800101", 4);
    expect(upper.endsWith("X")).toBe(true);
    const lower = upper.slice(0, 17) + "x";
    const parsed = parseNationalId(` ${lower.slice(0, 6)} ${lower.slice(6, 14)} ${lower.slice(14)} `, TODAY);
    expect(parsed.ok && parsed.value.normalized).toBe(upper);
    expect(normalizeNationalId(lower)).toBe(upper);
  });

  it("LENGTH: 17, 19 and 15 characters (old 15-digit numbers are not accepted)", () => {
    const valid = buildNationalId("520625", "19800101", 11);
    expect(errorOf(valid.slice(0, 17))).toBe("LENGTH");
    expect(errorOf(valid + "1")).toBe("LENGTH");
    expect(errorOf("520625800101011")).toBe("LENGTH");
    expect(errorOf("")).toBe("LENGTH");
  });

  it("FORMAT: a letter other than a final X, or an X before the end", () => {
    const valid = buildNationalId("520625", "19800101", 11);
    expect(errorOf(valid.slice(0, 17) + "Y")).toBe("FORMAT");
    expect(errorOf("X" + valid.slice(1))).toBe("FORMAT");
    expect(errorOf(valid.slice(0, 10) + "X" + valid.slice(11))).toBe("FORMAT");
    expect(errorOf(valid.slice(0, 17) + "-")).toBe("FORMAT");
  });

  it("CHECKSUM: a wrong check character, or one swapped digit", () => {
    const valid = buildNationalId("520625", "19800101", 11);
    expect(errorOf(valid)).toBeNull();
    expect(errorOf(withWrongCheck(valid))).toBe("CHECKSUM");
    // Two adjacent different digits of the sequence swapped: the weighted sum changes.
    const swapped = valid.slice(0, 14) + valid[15] + valid[14] + valid.slice(16);
    expect(valid[14]).not.toBe(valid[15]);
    expect(errorOf(swapped)).toBe("CHECKSUM");
  });

  it("BIRTH_DATE: 30 February, month 13, day 00, before 1900, in the future", () => {
    expect(errorOf(buildNationalId("520625", "19900230", 11))).toBe("BIRTH_DATE");
    expect(errorOf(buildNationalId("520625", "19900229", 11))).toBe("BIRTH_DATE"); // 1990 is not a leap year
    expect(errorOf(buildNationalId("520625", "20000229", 11))).toBeNull(); // 2000 is
    expect(errorOf(buildNationalId("520625", "19901301", 11))).toBe("BIRTH_DATE");
    expect(errorOf(buildNationalId("520625", "19900100", 11))).toBe("BIRTH_DATE");
    expect(errorOf(buildNationalId("520625", "18991231", 11))).toBe("BIRTH_DATE");
    expect(errorOf(buildNationalId("520625", "20260602", 11))).toBe("BIRTH_DATE"); // tomorrow
    expect(errorOf(buildNationalId("520625", "20260601", 11))).toBeNull(); // born today
    expect(errorOf(buildNationalId("520625", "20300101", 11), new Date())).toBe("BIRTH_DATE");
  });

  it("REGION: a well-formed number whose first six digits are no county", () => {
    expect(errorOf(buildNationalId("999999", "19800101", 11))).toBe("REGION");
    expect(errorOf(buildNationalId("520000", "19800101", 11))).toBe("REGION"); // a province, not a county
    // Prefectures without counties (东莞 4419) issue numbers under <city>00.
    expect(errorOf(buildNationalId("441900", "19800101", 11))).toBeNull();
  });
});

describe("checkCharacter", () => {
  it("computes ISO 7064 MOD 11-2 for known numbers", () => {
    expect(checkCharacter("11010519491231002")).toBe("X");
    expect(checkCharacter("63022519900412031")).toBe("4");
    expect(buildNationalId("520625", "19780315", 15).slice(-1)).toBe(checkCharacter("52062519780315015"));
  });
});

describe("maskNationalId", () => {
  it("shows the first six and last four characters", () => {
    expect(maskNationalId("520625", "015X")).toBe("520625********015X");
    expect(maskNationalId("520625", "015X")).toHaveLength(18);
  });
});

describe("ageOn", () => {
  const born = new Date(Date.UTC(1978, 2, 15));

  it("counts a year only on the birthday itself", () => {
    expect(ageOn(born, new Date(Date.UTC(2026, 2, 14)))).toBe(47);
    expect(ageOn(born, new Date(Date.UTC(2026, 2, 15)))).toBe(48);
    expect(ageOn(born, new Date(Date.UTC(2026, 2, 16)))).toBe(48);
    expect(ageOn(born, new Date(Date.UTC(2026, 1, 28)))).toBe(47);
    expect(ageOn(born, new Date(Date.UTC(2026, 11, 31)))).toBe(48);
  });

  it("is 0 on the day of birth and before the first birthday", () => {
    expect(ageOn(born, born)).toBe(0);
    expect(ageOn(born, new Date(Date.UTC(1979, 2, 14)))).toBe(0);
    expect(ageOn(born, new Date(Date.UTC(1979, 2, 15)))).toBe(1);
  });

  it("counts a 29 February birthday from 1 March in common years", () => {
    const leap = new Date(Date.UTC(2000, 1, 29));
    expect(ageOn(leap, new Date(Date.UTC(2023, 1, 28)))).toBe(22);
    expect(ageOn(leap, new Date(Date.UTC(2023, 2, 1)))).toBe(23);
    expect(ageOn(leap, new Date(Date.UTC(2024, 1, 29)))).toBe(24);
  });
});
