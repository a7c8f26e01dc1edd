/** When to try a failed alert delivery again. */
export interface AlertRetrySchedule {
  /** Wait after the first failure; doubled after each further one. */
  readonly baseMs: number;
  /** Longest wait between two attempts. */
  readonly maxMs: number;
  /** Attempts in all before a delivery is given up and moved to the outbox's `failed/` folder. */
  readonly maxAttempts: number;
}

/**
 * 5 s doubling up to 15 min, 20 attempts: the first retries ride out a receiver restart within
 * seconds, and the whole schedule spans about three and a half hours, long enough for someone to
 * fix a receiver that is down for an afternoon. A delivery given up is kept, never deleted.
 */
export const DEFAULT_ALERT_RETRY: AlertRetrySchedule = Object.freeze({ baseMs: 5_000, maxMs: 15 * 60_000, maxAttempts: 20 });

/** The wait after `attempts` failed attempts (1 or more), or undefined once the schedule gives up. */
export function retryDelayMs(schedule: AlertRetrySchedule, attempts: number): number | undefined {
  if (attempts >= schedule.maxAttempts) return undefined;
  return Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.max(0, attempts - 1));
}
