import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import type { SweepFilter } from "@/lib/jobs/mutations";
import { JOB_SCHEMA, MONITORING_CRON, MONITORING_EXPIRE_SECONDS, MONITORING_QUEUE, SWEEP_CRON, SWEEP_EXPIRE_SECONDS, SWEEP_QUEUE, type SweepPart } from "@/lib/jobs/rules";
import { runFollowUpSweep, type SweepResult } from "@/lib/jobs/sweep";
import { purgeExpiredImports } from "@/lib/data-exchange/mutations";

// The app's job queue: pg-boss in its own PostgreSQL schema ("pgboss", created and migrated by
// pg-boss itself, outside our Prisma migrations) of the app's database. Every app instance starts
// one (instrumentation.ts) and works two queues: the follow-up sweep (escalations and overdue
// reminders, every five minutes and on request) and monitoring (hourly). Their "stately" policy
// allows one job running and one waiting per queue across all instances, so however many
// instances ask, sweeps never overlap and never pile up; the cron schedules are kept by pg-boss
// in the database and fire once per slot whatever the number of instances. Notifications are
// deduplicated by their unique (user, dedupe key) index besides.
// See docs/decisions/008-follow-ups-and-jobs.md.

/** The queues, what each sweeps, and when. */
// The hourly job also applies the data-exchange retention rule (purgeExpiredImports).
const JOBS: { queue: string; cron: string; parts: readonly SweepPart[]; expireInSeconds: number; retention?: true }[] = [
  { queue: SWEEP_QUEUE, cron: SWEEP_CRON, parts: ["escalations", "overdue"], expireInSeconds: SWEEP_EXPIRE_SECONDS },
  { queue: MONITORING_QUEUE, cron: MONITORING_CRON, parts: ["monitoring"], expireInSeconds: MONITORING_EXPIRE_SECONDS, retention: true },
];

export type StartOptions = {
  /** Defaults to DATABASE_URL. */
  connectionString?: string;
  /** Sweep only these offices (tests that share their database with other test files). */
  filter?: SweepFilter;
  /** How often an idle worker looks for a sweep another instance queued, in seconds (≥ 0.5). */
  pollingIntervalSeconds?: number;
  /** Stop the queue on SIGTERM/SIGINT (the app server; tests stop it themselves). */
  handleSignals?: boolean;
  log?: (message: string) => void;
};

type State = {
  boss: PgBoss | null;
  starting: Promise<PgBoss> | null;
  stopping: Promise<void> | null;
  /** This process's worker on the sweep queue (woken at once by requestFollowUpSweep). */
  workerId: string | null;
  lastSweep: (SweepResult & { at: Date }) | null;
  lastError: { message: string; at: Date } | null;
  sweeps: number;
  signalsHooked: boolean;
};

// One queue per process: Next bundles instrumentation.ts apart from the routes, so the state
// lives on globalThis where both (and the dev server's reloads) find it.
const globalState = globalThis as unknown as { jobbridgeJobs?: State };
const state: State = (globalState.jobbridgeJobs ??= {
  boss: null,
  starting: null,
  stopping: null,
  workerId: null,
  lastSweep: null,
  lastError: null,
  sweeps: 0,
  signalsHooked: false,
});

/** No queue during `next build`, or where the deployment runs it elsewhere (JOBBRIDGE_DISABLE_JOBS=1). */
export function jobsDisabled(): boolean {
  return process.env.JOBBRIDGE_DISABLE_JOBS === "1" || process.env.NEXT_PHASE === "phase-production-build";
}

const defaultLog = (message: string) => console.log(`[jobs] ${message}`);

/**
 * Starts the queue in this process (once; later calls get the same one): installs or migrates
 * pg-boss's schema, creates the two queues, works them, keeps their schedules and asks for one
 * run of each now.
 */
export async function startJobQueue(options: StartOptions = {}): Promise<void> {
  if (state.stopping) await state.stopping;
  if (state.boss) return;
  const log = options.log ?? defaultLog;
  state.starting ??= (async () => {
    const boss = new PgBoss({
      connectionString: options.connectionString ?? env().DATABASE_URL,
      schema: JOB_SCHEMA,
      application_name: "jobbridge-jobs",
      max: 3,
    });
    boss.on("error", (error) => {
      // One line: while the database is unreachable every poll reports the same error.
      state.lastError = { message: error.message, at: new Date() };
      console.error(`[jobs] ${error.message}`);
    });
    try {
      await boss.start();
      for (const job of JOBS) {
        const settings = { name: job.queue, policy: "stately", retryLimit: 2, retryDelay: 30, expireInSeconds: job.expireInSeconds } as const;
        // createQueue leaves an existing queue as it was; updateQueue brings it to these settings.
        await boss.createQueue(job.queue, settings);
        await boss.updateQueue(job.queue, settings);
        const workerId = await boss.work(job.queue, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 5 }, async () => {
          const result = await runFollowUpSweep({ ...options.filter, parts: job.parts });
          // The retention rule's failure must not fail (and repeat) the sweep: the next hour tries again.
          const purged = job.retention
            ? await purgeExpiredImports({ officeIds: options.filter?.officeIds }).catch((error: Error) => {
                log(`retention failed: ${error.message}`);
                return null;
              })
            : null;
          state.lastSweep = { ...result, at: new Date() };
          state.sweeps++;
          const done = [
            result.escalated && `${result.escalated} escalated`,
            result.overdueNotified && `${result.overdueNotified} overdue reminders`,
            result.monitoringCreated && `${result.monitoringCreated} monitoring follow-ups`,
          ].filter(Boolean);
          if (purged?.expired) done.push(`${purged.expired} unfinished imports expired`);
          if (purged?.purged) done.push(`rows of ${purged.purged} committed imports purged`);
          if (done.length) log(`${job.queue}: ${done.join(", ")} (${result.ms} ms)`);
          return result;
        });
        if (job.queue === SWEEP_QUEUE) state.workerId = workerId;
        // China has no daylight saving; the zone only matters to cron expressions with hours.
        await boss.schedule(job.queue, job.cron, {}, { tz: "Asia/Shanghai" });
        await boss.send(job.queue, { reason: "start" });
        boss.notifyWorker(workerId);
      }
    } catch (error) {
      await boss.stop({ graceful: false, wait: true }).catch(() => {});
      throw error;
    }
    state.boss = boss;
    return boss;
  })().finally(() => {
    state.starting = null;
  });
  await state.starting;
  if (options.handleSignals) hookSignals();
}

/**
 * Starts the queue without holding up the server; if the database cannot be reached yet, tries
 * again every minute. The app works without the queue: only notifications wait.
 */
export function startJobQueueInBackground(options: StartOptions = {}) {
  const attempt = () => {
    startJobQueue(options).catch((error) => {
      console.error("[jobs] the job queue did not start; trying again in a minute", error);
      setTimeout(attempt, 60_000).unref();
    });
  };
  attempt();
}

/** Stops taking jobs, lets a running sweep finish (up to 10 s), and closes the queue's connections. */
export async function stopJobQueue(): Promise<void> {
  if (state.stopping) return state.stopping;
  const boss = state.boss ?? (state.starting ? await state.starting.catch(() => null) : null);
  if (!boss) return;
  state.stopping = boss
    .stop({ graceful: true, wait: true, timeout: 10_000 })
    .catch((error) => console.error("[jobs] stopping the job queue", error))
    .finally(() => {
      state.boss = null;
      state.workerId = null;
      state.stopping = null;
    });
  return state.stopping;
}

/**
 * Asks for a sweep soon (after a third failed attempt to reach someone), instead of at the next
 * five-minute mark. Call after the write committed. If a sweep is already waiting this adds
 * nothing (that one will see the new failure); this instance's worker is woken at once. Returns
 * false when this process runs no queue (the scheduled sweep elsewhere will pick it up).
 */
export async function requestFollowUpSweep(): Promise<boolean> {
  const boss = state.boss;
  if (!boss) return false;
  await boss.send(SWEEP_QUEUE, { reason: "requested" });
  if (state.workerId) boss.notifyWorker(state.workerId);
  return true;
}

/** What this process's queue did last (for an admin page or a health check). */
export function jobQueueStatus() {
  return { running: Boolean(state.boss), sweeps: state.sweeps, lastSweep: state.lastSweep, lastError: state.lastError };
}

function hookSignals() {
  if (state.signalsHooked) return;
  state.signalsHooked = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      // Next's server has its own handler that closes it and exits; without one (a bare
      // process), re-raise the signal once the queue has stopped so the process still ends.
      const othersHandle = process.listenerCount(signal) > 0;
      void stopJobQueue().finally(() => {
        if (!othersHandle) process.kill(process.pid, signal);
      });
    });
  }
}
