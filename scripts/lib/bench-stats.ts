// Percentiles and timing loops shared by the benchmarks (scripts/bench*.ts).

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export type Stats = { min: number; p50: number; p95: number; max: number; runs: number };

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: sorted[0] ?? NaN, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? NaN, runs: sorted.length };
}

/** Runs `work(i)` `warmup` times untimed, then `iterations` times timed (ms each). */
export async function timeRuns(work: (i: number) => Promise<unknown>, iterations: number, warmup = 3): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return stats(samples);
}
