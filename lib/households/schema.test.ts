import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { changePovertyStatusSchema, saveHouseholdSchema } from "@/lib/households/schema";

/** The messages of a failed parse, by dotted path. */
function messages(result: { success: boolean; error?: z.ZodError }): Record<string, string> {
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((i) => [i.path.map(String).join("."), i.message]));
}

describe("household schemas", () => {
  it("saveHousehold: empty strings become null, members keep their id", () => {
    const parsed = saveHouseholdSchema.parse({ version: 1, divisionCode: "", addressDetail: " ", perCapitaIncome: "", registrationNote: "", members: [{ id: 4, name: "代母", relation: "PARENT" }] });
    expect(parsed).toEqual({
      version: 1,
      divisionCode: null,
      addressDetail: null,
      perCapitaIncome: null,
      registrationNote: null,
      members: [{ id: 4, name: "代母", relation: "PARENT", birthYear: null, isLabourer: false, note: null }],
    });
  });

  it("changePovertyStatus: a date in the future is refused with an i18n key", () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(messages(changePovertyStatusSchema.safeParse({ version: 1, status: "LIFTED", effectiveDate: future }))).toEqual({ effectiveDate: "validation.dateFuture" });
    expect(messages(changePovertyStatusSchema.safeParse({ version: 1, status: "LIFTED", effectiveDate: "someday" }))).toEqual({ effectiveDate: "validation.date" });
    expect(changePovertyStatusSchema.parse({ version: 1, status: "LIFTED", effectiveDate: "2020-06-30", note: "" })).toEqual({
      version: 1,
      status: "LIFTED",
      effectiveDate: new Date("2020-06-30"),
      note: null,
    });
  });
});
