// Imports are checked and committed off the request: the upload returns at once and the page
// polls the batch's progress. On two shared cores, two 100,000-row files checked side by side
// would only both be slower, so this process works them one after another, and each yields to
// the event loop between chunks (mutations.ts) so that other users' requests are served
// meanwhile. The queue lives on globalThis: Next bundles route handlers and server actions
// separately, and both must find the same one.

type QueueState = { tail: Promise<void>; running: number; waiting: number };

const globalQueue = globalThis as unknown as { jobbridgeExchangeQueue?: QueueState };
const state: QueueState = (globalQueue.jobbridgeExchangeQueue ??= { tail: Promise.resolve(), running: 0, waiting: 0 });

/** Runs `work` after the exchange work queued before it; errors are logged, never thrown here. */
export function runExchangeWork(label: string, work: () => Promise<void>): Promise<void> {
  state.waiting++;
  const run = state.tail.then(async () => {
    state.waiting--;
    state.running++;
    try {
      await work();
    } catch (error) {
      console.error(`[exchange] ${label} failed`, error);
    } finally {
      state.running--;
    }
  });
  state.tail = run;
  return run;
}

/** Lets the event loop serve other requests before the next chunk of CPU work. */
export function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function exchangeQueueStatus() {
  return { running: state.running, waiting: state.waiting };
}
