// Runs the Prisma CLI without its native schema engine (it cannot be downloaded here) and without
// the update check. `generate`, `validate` and `format` work this way.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(here, "no-schema-engine.sh"),
};
const cli = path.join(here, "..", "node_modules", "prisma", "build", "index.js");
const r = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(r.status ?? 1);
