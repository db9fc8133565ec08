// GB 11643-1999 citizen identification numbers: 6-digit region code, 8-digit birth date,
// 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
import { isKnownCountyCode } from "@/lib/reference/regions";

export type NationalIdError = "LENGTH" | "FORMAT" | "CHECKSUM" | "BIRTH_DATE" | "REGION";

export type ParsedNationalId = {
  normalized: string;
  regionCode: string;
  birthDate: Date; // UTC midnight
  gender: "MALE" | "FEMALE";
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function normalizeNationalId(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

export function parseNationalId(
  raw: string,
  today: Date = new Date(),
): { ok: true; value: ParsedNationalId } | { ok: false; error: NationalIdError } {
  const id = normalizeNationalId(raw);
  if (id.length !== 18) return { ok: false, error: "LENGTH" };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, error: "FORMAT" };

  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = new Date(Date.UTC(year, month - 1, day));
  const realDate =
    birthDate.getUTCFullYear() === year && birthDate.getUTCMonth() === month - 1 && birthDate.getUTCDate() === day;
  if (!realDate || year < 1900 || birthDate.getTime() > today.getTime()) return { ok: false, error: "BIRTH_DATE" };

  if (checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, error: "CHECKSUM" };

  const regionCode = id.slice(0, 6);
  if (!isKnownCountyCode(regionCode)) return { ok: false, error: "REGION" };

  const gender = Number(id[16]) % 2 === 1 ? "MALE" : "FEMALE";
  return { ok: true, value: { normalized: id, regionCode, birthDate, gender } };
}

/** First 6 and last 4 characters, as shown to anyone who has not revealed the number. */
export function maskNationalId(prefix6: string, last4: string): string {
  return `${prefix6}********${last4}`;
}

/**
 * How the history records a registered number: the issuing region only. With the birth date the
 * profile holds, the mask's last four would make the whole number (decision 004).
 */
export function auditedNationalId(normalized: string): string {
  return `${normalized.slice(0, 6)}************`;
}

/** Builds a valid number for the given parts (used by factories and tests). */
export function buildNationalId(regionCode: string, birth: string, sequence: number): string {
  const first17 = `${regionCode}${birth}${String(sequence).padStart(3, "0")}`;
  return first17 + checkCharacter(first17);
}

export function ageOn(birthDate: Date, on: Date = new Date()): number {
  let age = on.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday =
    on.getUTCMonth() < birthDate.getUTCMonth() ||
    (on.getUTCMonth() === birthDate.getUTCMonth() && on.getUTCDate() < birthDate.getUTCDate());
  if (beforeBirthday) age--;
  return age;
}
