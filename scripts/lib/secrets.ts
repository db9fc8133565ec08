// Secrets for the demo: made once and kept beside the demo database (0600), so that encrypted
// ID numbers stay readable across restarts. A deployment sets its own in the environment.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defaultDataRoot } from "./embedded-db";

export function demoSecrets(): Record<string, string> {
  const file = path.join(defaultDataRoot(), "secrets.json");
  let stored: Record<string, string> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8"));
  const wanted = {
    NEXTAUTH_SECRET: () => randomBytes(32).toString("base64url"),
    PII_ENCRYPTION_KEY: () => randomBytes(32).toString("base64"),
    PII_HASH_KEY: () => randomBytes(32).toString("base64"),
  };
  let changed = false;
  for (const [key, make] of Object.entries(wanted)) {
    if (!stored[key]) {
      stored[key] = make();
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  // Values set in the environment win over the stored ones.
  return Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, process.env[k] ?? v]));
}

