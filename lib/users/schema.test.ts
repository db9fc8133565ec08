import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createUserSchema, updateUserSchema } from "@/lib/users/schema";

/** The messages of a failed parse, by dotted path. */
function messages(result: { success: boolean; error?: z.ZodError }): Record<string, string> {
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((i) => [i.path.map(String).join("."), i.message]));
}

describe("user schemas", () => {
  it("usernames are lowercased; short passwords and bad names give i18n keys", () => {
    expect(createUserSchema.parse({ username: " Wuxi_New ", displayName: "新人", role: "CASEWORKER", officeId: "2", password: "long-enough-1" })).toMatchObject({
      username: "wuxi_new",
      officeId: 2,
    });
    expect(messages(createUserSchema.safeParse({ username: "a b", displayName: "", role: "CASEWORKER", officeId: 2, password: "short" }))).toEqual({
      username: "validation.username",
      displayName: "validation.required",
      password: "validation.passwordLength",
    });
  });

  it("an update names the version and whether the account is active", () => {
    expect(updateUserSchema.safeParse({ displayName: "x", role: "ADMIN", officeId: 1 }).success).toBe(false);
  });
});
