import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { maskNationalId } from "@/lib/persons/national-id";

// National ID numbers are sensitive personal information (PIPL art. 28): stored as AES-256-GCM
// ciphertext, found by a keyed hash (a plain hash of an 18-digit number with a known structure
// is brute-forced in minutes), shown masked unless a permitted user reveals them.
// Nothing that completes the number is kept in clear: the issuing region and the birth date are
// (the profile and the matching need them), so the last four characters are kept only as a
// keyed hash for "the end of the ID number" searches, and the mask is made from the ciphertext.
// See docs/decisions/004-sensitive-personal-information.md.

export function encryptPii(plain: string, key = env().PII_ENCRYPTION_KEY): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(key, "base64"), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
}

export function decryptPii(stored: string, key = env().PII_ENCRYPTION_KEY): string {
  const [version, iv, tag, body] = stored.split(":");
  if (version !== "v1" || !iv || !tag || !body) throw new Error("unknown ciphertext format");
  const decipher = createDecipheriv("aes-256-gcm", Buffer.from(key, "base64"), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
}

export function hashPii(plain: string, key = env().PII_HASH_KEY): string {
  return createHmac("sha256", Buffer.from(key, "base64")).update(plain).digest("hex");
}

const last4Hashes = new Map<string, string>();

/**
 * The keyed hash of an ID number's last four characters, for searching by them. Domain-separated
 * from the whole number's hash, and cut to 16 hex characters (64 bits): there are only 11,000
 * endings, so collisions are negligible, and without PII_HASH_KEY the hash cannot be reversed.
 * Memoised, so an import of 100,000 rows computes at most 11,000.
 */
export function hashIdLast4(last4: string, key = env().PII_HASH_KEY): string {
  const memo = `${key}\u0000${last4}`;
  let hash = last4Hashes.get(memo);
  if (hash === undefined) {
    hash = createHmac("sha256", Buffer.from(key, "base64")).update(`id-last4:${last4}`).digest("hex").slice(0, 16);
    if (last4Hashes.size > 50_000) last4Hashes.clear();
    last4Hashes.set(memo, hash);
  }
  return hash;
}

/** The mask screens show (the first six and the last four characters), from the ciphertext. */
export function maskedIdOf(cipher: string, key = env().PII_ENCRYPTION_KEY): string {
  const id = decryptPii(cipher, key);
  return maskNationalId(id.slice(0, 6), id.slice(-4));
}
