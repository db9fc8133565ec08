// DATABASE_URL when set; otherwise the embedded demo cluster that `npm start` uses.
import { startEmbeddedDatabase } from "./embedded-db";

export const DEMO_DB = { name: "pg", database: "jobbridge", preferredPort: 54329 };

export async function resolveDatabase(): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const db = await startEmbeddedDatabase({ ...DEMO_DB, durable: true, log: (m) => console.log(m) });
  return { url: db.url, embedded: true, stop: db.stop };
}
