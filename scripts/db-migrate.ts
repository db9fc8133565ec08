// `npm run db:migrate`: apply pending migrations to DATABASE_URL (or to the embedded demo database).
import { applyMigrations } from "./lib/migrate";
import { resolveDatabase } from "./lib/database-url";
import { demoSecrets } from "./lib/secrets";

const db = await resolveDatabase();
// Some migrations hash what they move with the app's keys: the demo's are kept beside its data.
if (db.embedded) Object.assign(process.env, demoSecrets());
try {
  const applied = await applyMigrations(db.url);
  console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
} finally {
  await db.stop();
}
