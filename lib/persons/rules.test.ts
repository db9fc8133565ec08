import { describe, expect, it } from "vitest";
import {
  classifySearch,
  deriveTrack,
  householdFigures,
  nameGrams,
  nameInitials,
  queryGrams,
  type TrackInput,
} from "@/lib/persons/rules";

const sorted = (values: string[]) => [...values].sort();

describe("nameGrams", () => {
  it("one character: just that character", () => {
    expect(nameGrams("雪")).toEqual(["雪"]);
  });

  it("two characters: both characters and the pair", () => {
    expect(sorted(nameGrams("马成"))).toEqual(sorted(["马", "成", "马成"]));
  });

  it("three or more characters: every character and every adjacent pair, nothing else", () => {
    expect(sorted(nameGrams("代江敏"))).toEqual(sorted(["代", "江", "敏", "代江", "江敏"]));
    const grams = nameGrams("欧阳娜娜");
    expect(sorted(grams)).toEqual(sorted(["欧", "阳", "娜", "欧阳", "阳娜", "娜娜"]));
    expect(grams).not.toContain("欧阳娜");
  });

  it("keeps each gram once when characters repeat", () => {
    expect(sorted(nameGrams("马马成"))).toEqual(sorted(["马", "成", "马马", "马成"]));
    expect(nameGrams("哈哈哈")).toEqual(["哈", "哈哈"]);
  });

  it("ignores surrounding and inner spaces and folds Latin letters to lowercase", () => {
    expect(sorted(nameGrams(" 马 成 "))).toEqual(sorted(["马", "成", "马成"]));
    expect(nameGrams("Li")).toEqual(["l", "i", "li"]);
  });

  it("counts characters outside the basic plane as one character", () => {
    expect(sorted(nameGrams("𠮷田"))).toEqual(sorted(["𠮷", "田", "𠮷田"]));
  });
});

describe("queryGrams", () => {
  it("one character: that character (the GIN index finds it)", () => {
    expect(queryGrams("马")).toEqual(["马"]);
  });

  it("two characters: the pair only", () => {
    expect(queryGrams("马成")).toEqual(["马成"]);
  });

  it("three or more: every adjacent pair, each once", () => {
    expect(queryGrams("代江敏")).toEqual(["代江", "江敏"]);
    expect(queryGrams("哈哈哈")).toEqual(["哈哈"]);
  });

  it("every gram a query needs is among the name's grams, for every fragment of the name", () => {
    const name = "欧阳娜娜";
    const chars = Array.from(name);
    const grams = new Set(nameGrams(name));
    for (let from = 0; from < chars.length; from++) {
      for (let to = from + 1; to <= chars.length; to++) {
        for (const gram of queryGrams(chars.slice(from, to).join(""))) expect(grams.has(gram)).toBe(true);
      }
    }
  });

  it("an empty query needs nothing", () => {
    expect(queryGrams("  ")).toEqual([]);
  });
});

describe("nameInitials", () => {
  it("马成 -> mc, 代江敏 -> djm", () => {
    expect(nameInitials("马成")).toBe("mc");
    expect(nameInitials("代江敏")).toBe("djm");
    expect(nameInitials("韩雪")).toBe("hx");
  });

  it("reads polyphonic surnames with their surname pronunciation", () => {
    expect(nameInitials("单田芳")).toBe("stf"); // 单 shàn, not dān
    expect(nameInitials("曾国藩")).toBe("zgf"); // 曾 zēng, not céng
    expect(nameInitials("解缙")).toBe("xj"); // 解 xiè
    expect(nameInitials("仇英")).toBe("qy"); // 仇 qiú
    expect(nameInitials("区小红")).toBe("oxh"); // 区 ōu
    expect(nameInitials("乐嘉")).toBe("yj"); // 乐 yuè
  });

  it("uses the surname reading only for the surname", () => {
    // The second 单 is a given name: dān.
    expect(nameInitials("单单")).toBe("sd");
  });

  it("reads compound surnames as surnames", () => {
    expect(nameInitials("尉迟恭")).toBe("ycg");
    expect(nameInitials("长孙无忌")).toBe("zswj");
  });

  it("names in Latin letters become their lowercase letters", () => {
    expect(nameInitials("Ma Cheng")).toBe("macheng");
  });
});

describe("classifySearch", () => {
  it("nothing typed", () => {
    expect(classifySearch("")).toEqual({ kind: "none" });
    expect(classifySearch("   ")).toEqual({ kind: "none" });
  });

  it("a full ID number, with a lowercase x and spaces", () => {
    expect(classifySearch("630225199004120314")).toEqual({ kind: "idFull", value: "630225199004120314" });
    expect(classifySearch("52062519800101004x")).toEqual({ kind: "idFull", value: "52062519800101004X" });
    expect(classifySearch(" 520625 19800101 004X ")).toEqual({ kind: "idFull", value: "52062519800101004X" });
  });

  it("the last four characters of an ID number", () => {
    expect(classifySearch("004x")).toEqual({ kind: "idSuffix", value: "004X" });
    expect(classifySearch("0314")).toEqual({ kind: "idSuffix", value: "0314" });
  });

  it("a mobile number", () => {
    expect(classifySearch("13897012345")).toEqual({ kind: "phone", value: "13897012345" });
    expect(classifySearch("138 9701 2345")).toEqual({ kind: "phone", value: "13897012345" });
  });

  it("some digits of a phone number (3 and 5 to 10)", () => {
    expect(classifySearch("138")).toEqual({ kind: "digits", value: "138" });
    expect(classifySearch("12345")).toEqual({ kind: "digits", value: "12345" });
    expect(classifySearch("1389701234")).toEqual({ kind: "digits", value: "1389701234" });
  });

  it("pinyin initials, lowercased", () => {
    expect(classifySearch("MC")).toEqual({ kind: "initials", value: "mc" });
    expect(classifySearch("djm")).toEqual({ kind: "initials", value: "djm" });
  });

  it("a name or a fragment of one", () => {
    expect(classifySearch("马")).toEqual({ kind: "name", value: "马" });
    expect(classifySearch(" 马 成 ")).toEqual({ kind: "name", value: "马成" });
    expect(classifySearch("Ma成")).toEqual({ kind: "name", value: "ma成" });
  });

  it("never treats an 11-digit number that is not a mobile number as a phone", () => {
    expect(classifySearch("12345678901").kind).not.toBe("phone");
  });
});

describe("deriveTrack (因人施策)", () => {
  const base: TrackInput = { migration: "WILLING", health: "HEALTHY", skillCount: 1, trainingWishes: [], needs: [] };

  it("can and will migrate, with skills -> transfer employment", () => {
    expect(deriveTrack(base)).toEqual({ track: "TRANSFER", reason: "CAN_AND_WILL_MIGRATE" });
    expect(deriveTrack({ ...base, health: "CHRONIC_ILLNESS" })).toEqual({ track: "TRANSFER", reason: "CAN_AND_WILL_MIGRATE" });
  });

  it("unwilling to migrate -> local placement, whatever else is true", () => {
    expect(deriveTrack({ ...base, migration: "UNWILLING" })).toEqual({ track: "LOCAL", reason: "UNWILLING_TO_MIGRATE" });
    expect(deriveTrack({ ...base, migration: "UNWILLING", skillCount: 0 })).toEqual({ track: "LOCAL", reason: "UNWILLING_TO_MIGRATE" });
    expect(deriveTrack({ ...base, migration: "UNWILLING", health: "DISABLED" })).toEqual({ track: "LOCAL", reason: "UNWILLING_TO_MIGRATE" });
  });

  it("disability or serious illness -> local placement even when willing", () => {
    expect(deriveTrack({ ...base, health: "DISABLED" })).toEqual({ track: "LOCAL", reason: "HEALTH_LIMITS_MIGRATION" });
    expect(deriveTrack({ ...base, health: "SERIOUS_ILLNESS", skillCount: 0 })).toEqual({ track: "LOCAL", reason: "HEALTH_LIMITS_MIGRATION" });
  });

  it("no skills -> train, then place", () => {
    expect(deriveTrack({ ...base, skillCount: 0 })).toEqual({ track: "TRAIN_THEN_PLACE", reason: "LACKS_SKILLS" });
    expect(deriveTrack({ ...base, migration: "UNDECIDED", skillCount: 0 })).toEqual({ track: "TRAIN_THEN_PLACE", reason: "LACKS_SKILLS" });
  });

  it("skilled but asking for training first -> train, then place", () => {
    const input = { ...base, needs: ["TRAINING"], trainingWishes: ["PLUMBING_ELECTRICAL"] };
    expect(deriveTrack(input)).toEqual({ track: "TRAIN_THEN_PLACE", reason: "WANTS_TRAINING_FIRST" });
    // A wish without the need (or the need without a programme) is not enough.
    expect(deriveTrack({ ...base, trainingWishes: ["E_COMMERCE"] }).track).toBe("TRANSFER");
    expect(deriveTrack({ ...base, needs: ["TRAINING"] }).track).toBe("TRANSFER");
  });

  it("undecided about migrating, with skills -> local placement until they decide", () => {
    expect(deriveTrack({ ...base, migration: "UNDECIDED" })).toEqual({ track: "LOCAL", reason: "MIGRATION_UNDECIDED" });
  });
});

describe("householdFigures", () => {
  it("counts size, labourers and dependants from the members", () => {
    // 代江敏's household: seven people, one labourer.
    const members = [true, false, false, false, false, false, false].map((isLabourer) => ({ isLabourer }));
    expect(householdFigures(members)).toEqual({ size: 7, labourers: 1, dependants: 6 });
    expect(householdFigures([{ isLabourer: true }, { isLabourer: true }])).toEqual({ size: 2, labourers: 2, dependants: 0 });
  });

  it("an empty household has no one", () => {
    expect(householdFigures([])).toEqual({ size: 0, labourers: 0, dependants: 0 });
  });
});
