import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's 2024 minimum (19 MiB, 2 passes): memory-hard, ~20 ms on these machines.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps the timing the same, so the
// response time does not tell which usernames exist.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash("not-a-real-password", OPTIONS);
  return dummyHash;
}
