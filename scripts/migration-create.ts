// npm run db:migration:create -- <name>
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the SQL that takes the
// migrations so far to prisma/schema.prisma, as `prisma migrate dev --create-only` would, minus
// drops of the hand-made indexes in prisma/raw-indexes.txt. The shadow database lives on a
// throwaway embedded PostgreSQL, so no DATABASE_URL is needed.
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase } from "./lib/embedded-db";
import {
  diffMigrationsToSchema,
  LOCKFILE,
  readRawIndexNames,
  scratchDatabasesOn,
  statementsOnly,
  withoutRawIndexDrops,
} from "./lib/schema-diff";

const ROOT = path.resolve(import.meta.dirname, "..");
const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
const RAW_INDEXES = path.join(ROOT, "prisma", "raw-indexes.txt");

/** Prisma's naming: lower-case words joined by "_", at most 200 characters. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
}

function utcTimestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

async function main(): Promise<number> {
  const name = slug(process.argv.slice(2).join(" "));
  if (!name) {
    console.error("usage: npm run db:migration:create -- <name>   (e.g. add_job_orders)");
    return 2;
  }

  const server = await startEmbeddedDatabase({
    name: "migration-shadow",
    database: "migration_shadow_admin",
    fresh: true,
    log: (m) => console.log(m),
  });
  try {
    const diff = await diffMigrationsToSchema({
      migrationsDir: MIGRATIONS_DIR,
      schemaPath: SCHEMA_PATH,
      shadowUrlFactory: scratchDatabasesOn(server.url),
    });
    // Hand-made indexes (prisma/raw-indexes.txt) are not drift: keep them.
    const sql = withoutRawIndexDrops(diff.sql, readRawIndexNames(RAW_INDEXES));
    if (diff.empty || !statementsOnly(sql)) {
      console.log("schema and migrations agree: no migration written");
      return 0;
    }

    const folder = `${utcTimestamp()}_${name}`;
    const existing = fs.existsSync(MIGRATIONS_DIR)
      ? fs.readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
      : [];
    // Migrations apply in name order: a new one must sort after every existing one.
    const later = existing.filter((existingName) => existingName >= folder);
    if (later.length > 0) {
      console.error(`${folder} would not sort after existing migration(s): ${later.join(", ")}`);
      return 1;
    }
    fs.mkdirSync(path.join(MIGRATIONS_DIR, folder), { recursive: true });
    fs.writeFileSync(path.join(MIGRATIONS_DIR, folder, "migration.sql"), sql);
    const lockfile = path.join(MIGRATIONS_DIR, "migration_lock.toml");
    if (!fs.existsSync(lockfile)) fs.writeFileSync(lockfile, LOCKFILE);

    console.log(`wrote ${path.relative(ROOT, path.join(MIGRATIONS_DIR, folder, "migration.sql"))}`);
    console.log(`(SQL by ${diff.engine}) review it, then apply with npm run db:migrate`);
    return 0;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
