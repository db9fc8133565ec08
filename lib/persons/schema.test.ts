import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildNationalId } from "@/lib/persons/national-id";
import {
  createPersonSchema,
  overrideTrackSchema,
  personListQuerySchema,
  updatePersonSchema,
  type CreatePersonInput,
} from "@/lib/persons/schema";

const VALID_ID = buildNationalId("520625", "19780315", 15);

function input(overrides: Record<string, unknown> = {}): CreatePersonInput {
  return {
    name: "代江敏",
    nationalId: VALID_ID,
    phone: "15186012345",
    originDivisionCode: "520625",
    consentGiven: true,
    ...overrides,
  } as CreatePersonInput;
}

/** The messages of a failed parse, by dotted path. */
function messages(result: { success: boolean; error?: z.ZodError }): Record<string, string> {
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((i) => [i.path.map(String).join("."), i.message]));
}

describe("createPersonSchema", () => {
  it("accepts a minimal registration and fills the defaults", () => {
    const parsed = createPersonSchema.parse(input());
    expect(parsed).toMatchObject({
      name: "代江敏",
      nationalId: VALID_ID,
      phone: "15186012345",
      health: "HEALTHY",
      employmentStatus: "UNEMPLOYED",
      migration: "UNDECIDED",
      relation: "SELF",
      household: null,
      joinHouseholdId: null,
      skills: [],
      needs: [],
      trainingWishes: [],
      preferredSectors: [],
      preferredRegions: [],
      consentGiven: true,
    });
  });

  it.each([
    ["LENGTH", "52062519780315015"],
    ["FORMAT", "52062519780315015Y"],
    ["CHECKSUM", VALID_ID.slice(0, 17) + (VALID_ID.endsWith("0") ? "1" : "0")],
    ["BIRTH_DATE", buildNationalId("520625", "19780230", 15)],
    ["REGION", buildNationalId("999999", "19780315", 15)],
  ])("a wrong ID number gives validation.nationalId.%s", (code, nationalId) => {
    expect(messages(createPersonSchema.safeParse(input({ nationalId })))).toEqual({ nationalId: `validation.nationalId.${code}` });
  });

  it("a phone number that is not a mainland mobile gives validation.phone", () => {
    for (const phone of ["12345", "12897012345", "1389701234", "138970123456", "abcdefghijk"]) {
      expect(messages(createPersonSchema.safeParse(input({ phone })))).toEqual({ phone: "validation.phone" });
    }
  });

  it("a phone number with spaces or dashes is stored as digits", () => {
    expect(createPersonSchema.parse(input({ phone: "151-8601 2345" })).phone).toBe("15186012345");
  });

  it("consent not given (false or missing) gives validation.consent", () => {
    expect(messages(createPersonSchema.safeParse(input({ consentGiven: false })))).toEqual({ consentGiven: "validation.consent" });
    expect(messages(createPersonSchema.safeParse(input({ consentGiven: undefined })))).toEqual({ consentGiven: "validation.consent" });
  });

  it("every field message is an i18n key", () => {
    const result = createPersonSchema.safeParse(
      input({
        name: "  ",
        nationalId: "1",
        phone: "1",
        originDivisionCode: "52",
        currentDivisionCode: "5206",
        expectedWage: "lots",
        consentGiven: false,
        skills: [{ skillId: null, customName: "" }],
        ethnicity: "族".repeat(21),
        household: { povertyStatusSince: "not a date", perCapitaIncome: -1 },
      }),
    );
    expect(messages(result)).toEqual({
      name: "validation.required",
      nationalId: "validation.nationalId.LENGTH",
      phone: "validation.phone",
      originDivisionCode: "validation.division",
      currentDivisionCode: "validation.division",
      expectedWage: "validation.number",
      consentGiven: "validation.consent",
      "skills.0.skillId": "validation.skillRequired",
      ethnicity: "validation.tooLong",
      "household.povertyStatusSince": "validation.date",
      "household.perCapitaIncome": "validation.range",
    });
  });

  it("empty strings from the form become null", () => {
    const parsed = createPersonSchema.parse(
      input({
        phone: "",
        ethnicity: "  ",
        education: "",
        healthNote: "",
        originAddressDetail: "",
        currentDivisionCode: "",
        currentAddressDetail: "",
        workHistory: "",
        migrationNote: "",
        expectedWage: "",
        trainingWishNote: "",
        caseworkerId: "",
        notes: "",
        joinHouseholdId: "",
        household: { divisionCode: "", addressDetail: "", povertyStatusSince: "", perCapitaIncome: "", members: [{ name: "代母", relation: "PARENT", birthYear: "", note: "" }] },
      }),
    );
    for (const field of ["phone", "ethnicity", "education", "healthNote", "originAddressDetail", "currentDivisionCode", "currentAddressDetail", "workHistory", "migrationNote", "expectedWage", "trainingWishNote", "caseworkerId", "notes", "joinHouseholdId"] as const) {
      expect(parsed[field], field).toBeNull();
    }
    expect(parsed.household).toMatchObject({ divisionCode: null, addressDetail: null, povertyStatusSince: null, perCapitaIncome: null });
    expect(parsed.household?.members[0]).toMatchObject({ birthYear: null, note: null, isLabourer: false });
  });

  it("text is trimmed and numbers typed as text become numbers", () => {
    const parsed = createPersonSchema.parse(input({ name: "  代江敏 ", ethnicity: " 土家族 ", expectedWage: "4200" }));
    expect(parsed).toMatchObject({ name: "代江敏", ethnicity: "土家族", expectedWage: 4200 });
  });

  it("a village or town code is a division; a city is not", () => {
    expect(createPersonSchema.parse(input({ originDivisionCode: "520625100201" })).originDivisionCode).toBe("520625100201");
    expect(createPersonSchema.parse(input({ originDivisionCode: "520625100" })).originDivisionCode).toBe("520625100");
    expect(messages(createPersonSchema.safeParse(input({ originDivisionCode: "5206251" })))).toEqual({ originDivisionCode: "validation.division" });
  });

  it("a skill needs the catalogue or a name; catalogue skills keep their level", () => {
    const parsed = createPersonSchema.parse(input({ skills: [{ skillId: "7", level: "CERTIFIED", certificate: " 电工证 " }, { customName: "拉面" }] }));
    expect(parsed.skills).toEqual([
      { skillId: 7, customName: null, level: "CERTIFIED", certificate: "电工证" },
      { skillId: null, customName: "拉面", level: "BASIC", certificate: null },
    ]);
  });

  it("unknown enum values are refused", () => {
    const result = createPersonSchema.safeParse(input({ needs: ["PONY"], migration: "MAYBE" }));
    expect(Object.keys(messages(result)).sort()).toEqual(["migration", "needs.0"]);
  });
});

describe("updatePersonSchema", () => {
  it("needs the version the edit was based on, and has no ID number or consent", () => {
    const { nationalId: _id, consentGiven: _consent, ...fields } = input();
    expect(updatePersonSchema.safeParse(fields).success).toBe(false);
    const parsed = updatePersonSchema.parse({ ...fields, version: 3, nationalId: "ignored" });
    expect(parsed.version).toBe(3);
    expect(parsed).not.toHaveProperty("nationalId");
  });
});

describe("overrideTrackSchema", () => {
  it("an override needs a reason", () => {
    expect(messages(overrideTrackSchema.safeParse({ version: 1, track: "LOCAL", note: "" }))).toEqual({ note: "validation.overrideNote" });
    expect(messages(overrideTrackSchema.safeParse({ version: 1, track: "LOCAL" }))).toEqual({ note: "validation.overrideNote" });
    expect(overrideTrackSchema.parse({ version: 1, track: "LOCAL", note: " 需照顾老人 " })).toEqual({ version: 1, track: "LOCAL", note: "需照顾老人" });
  });

  it("clearing the override needs no reason", () => {
    expect(overrideTrackSchema.parse({ version: 2, track: "", note: "" })).toEqual({ version: 2, track: null, note: null });
  });
});

describe("personListQuerySchema", () => {
  it("reads the query string", () => {
    expect(personListQuerySchema.parse({ q: "马", track: "LOCAL", origin: "6302", caseworkerId: "12", after: "500" })).toEqual({
      q: "马",
      track: "LOCAL",
      origin: "6302",
      caseworkerId: 12,
      after: 500,
    });
  });

  it("refuses an origin that is not a division prefix (it goes into a LIKE)", () => {
    expect(personListQuerySchema.safeParse({ origin: "52%" }).success).toBe(false);
    expect(personListQuerySchema.safeParse({ origin: "5" }).success).toBe(false);
  });
});
