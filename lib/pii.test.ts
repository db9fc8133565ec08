import { describe, expect, it } from "vitest";
import { decryptPii, encryptPii, hashIdLast4, hashPii, maskedIdOf } from "@/lib/pii";
import { auditedNationalId } from "@/lib/persons/national-id";

const encryption = Buffer.alloc(32, 7).toString("base64");
const hashKey = Buffer.alloc(32, 9).toString("base64");
const otherKey = Buffer.alloc(32, 11).toString("base64");
const id = "52062519780315001X";

describe("ID numbers at rest", () => {
  it("encrypts to a versioned ciphertext that decrypts only with its key", () => {
    const cipher = encryptPii(id, encryption);
    expect(cipher.startsWith("v1:")).toBe(true);
    expect(cipher).not.toContain(id.slice(-4));
    expect(decryptPii(cipher, encryption)).toBe(id);
    expect(() => decryptPii(cipher, otherKey)).toThrow();
  });

  it("makes the mask from the ciphertext: first six and last four", () => {
    expect(maskedIdOf(encryptPii(id, encryption), encryption)).toBe("520625********001X");
  });

  it("hashes the last four with a key, apart from the whole number's hash", () => {
    const hash = hashIdLast4("001X", hashKey);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hashIdLast4("001X", hashKey)).toBe(hash); // the same on every call (memoised or not)
    expect(hashIdLast4("001X", otherKey)).not.toBe(hash); // the key matters
    expect(hashIdLast4("0013", hashKey)).not.toBe(hash);
    expect(hashPii("001X", hashKey).startsWith(hash)).toBe(false); // domain-separated
  });

  it("all 11,000 endings hash apart", () => {
    const endings = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0")).flatMap((s) => [..."0123456789X"].map((c) => s + c));
    expect(new Set(endings.map((e) => hashIdLast4(e, hashKey))).size).toBe(11_000);
  });

  it("the history records the issuing region only", () => {
    expect(auditedNationalId(id)).toBe("520625************");
    expect(auditedNationalId(id)).toHaveLength(18);
  });
});
