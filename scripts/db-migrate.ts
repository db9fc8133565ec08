// `npm run db:migrate`: apply pending migrations to DATABASE_URL (or to the embedded demo database).
import { applyMigrations } from "./lib/migrate";
import { resolveDatabase } from "./lib/database-url";

const db = await resolveDatabase();
try {
  const applied = await applyMigrations(db.url);
  console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
} finally {
  await db.stop();
}
