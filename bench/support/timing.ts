import { performance } from 'node:perf_hooks';

/** How a benchmark is timed: runs thrown away to warm the JIT and caches, then measured runs. */
export interface TimingPlan {
  readonly warmup: number;
  readonly runs: number;
}

export interface Timing {
  /** Median wall time of the measured runs, in milliseconds. */
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
}

/** Median and minimum of measured durations. */
export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { medianMs: median, minMs: sorted[0] ?? 0, runs: sorted.length };
}

/** Times a synchronous task: `plan.warmup` unmeasured runs, then the median of `plan.runs`. */
export function timeSync(task: () => unknown, plan: TimingPlan): Timing {
  for (let run = 0; run < plan.warmup; run += 1) task();
  const samples: number[] = [];
  for (let run = 0; run < plan.runs; run += 1) {
    const start = performance.now();
    task();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** Times an asynchronous task the same way, one run at a time. */
export async function timeAsync(task: () => Promise<unknown>, plan: TimingPlan): Promise<Timing> {
  for (let run = 0; run < plan.warmup; run += 1) await task();
  const samples: number[] = [];
  for (let run = 0; run < plan.runs; run += 1) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** Milliseconds with a precision that suits their size. */
export function formatMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(3)} ms`;
}

/** `a / b` as `12.3x`, or `n/a` when b is zero. */
export function formatRatio(a: number, b: number): string {
  return b === 0 ? 'n/a' : `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}x`;
}
