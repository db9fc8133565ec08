import "server-only";
import { z } from "zod";

// Environment is read once, here, and validated. `npm start` fills in generated secrets for the
// demo (scripts/start.ts); a real deployment sets them.
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded");

const schema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (npm start sets it for the embedded database)"),
  NEXTAUTH_SECRET: z.string().min(16),
  PII_ENCRYPTION_KEY: base64Key,
  PII_HASH_KEY: base64Key,
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().positive().default(8),
  // Reverse proxies in front of the app that append to X-Forwarded-For (lib/auth/throttle-rules.ts).
  TRUSTED_PROXIES: z.coerce.number().int().min(1).max(10).default(1),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid environment:\n${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
