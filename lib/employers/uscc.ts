// GB 32100-2015 unified social credit codes (统一社会信用代码): 18 characters from a 31-letter
// alphabet (no I, O, Z, S, V); position 1 registration authority, 2 organisation type, 3-8 region
// code, 9-17 organisation code, 18 check character (weighted sum mod 31).
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccError = "LENGTH" | "CHARACTERS" | "CHECKSUM";

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function normalizeUscc(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

export function validateUscc(raw: string): { ok: true; value: string } | { ok: false; error: UsccError } {
  const code = normalizeUscc(raw);
  if (code.length !== 18) return { ok: false, error: "LENGTH" };
  if (![...code].every((c) => ALPHABET.includes(c))) return { ok: false, error: "CHARACTERS" };
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return { ok: false, error: "CHECKSUM" };
  return { ok: true, value: code };
}

/** A valid code for a region and serial (for demo data and tests). */
export function buildUscc(regionCode: string, serial: number): string {
  const orgCode = String(serial).padStart(9, "0").slice(-9);
  const first17 = `91${regionCode.slice(0, 6).padEnd(6, "0")}${orgCode}`;
  return first17 + usccCheckCharacter(first17);
}
