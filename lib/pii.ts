import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// National ID numbers are sensitive personal information (PIPL art. 28): stored as AES-256-GCM
// ciphertext, found by a keyed hash (a plain hash of an 18-digit number with a known structure
// is brute-forced in minutes), shown masked unless a permitted user reveals them.
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
