import { describe, expect, it } from "vitest";
import { decryptPii } from "@/lib/pii";
import { decryptFile, encryptFile, encryptIdNumbers } from "@/lib/data-exchange/crypto";

const KEY = Buffer.alloc(32, 9).toString("base64");

describe("bulk encryption of ID numbers", () => {
  it("writes what lib/pii.ts reads, with a fresh IV for every number", () => {
    const ids = ["520625197803150013", "630225198001010011", "520625197803150013"];
    const cipher = encryptIdNumbers(ids, KEY);
    expect(cipher.map((c) => decryptPii(c, KEY))).toEqual(ids);
    expect(cipher[0]).not.toBe(cipher[2]);
    expect(cipher[0]!.startsWith("v1:")).toBe(true);
  });
});

describe("stored uploads", () => {
  it("round-trip, and a tampered file does not decrypt", () => {
    const bytes = new TextEncoder().encode("姓名,身份证号\n马成,630225198001010011\n");
    const stored = encryptFile(bytes, KEY);
    expect(new Uint8Array(decryptFile(stored, KEY))).toEqual(bytes);
    stored[stored.length - 1]! ^= 1;
    expect(() => decryptFile(stored, KEY)).toThrow();
  });
});
