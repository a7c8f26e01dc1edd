/** When failed deliveries are tried again, and when the dispatcher gives up. */
export interface RetrySchedule {
  /** Delay before the second attempt; each later one doubles it. */
  readonly baseDelayMs: number;
  /** No wait is longer than this, however many attempts failed. */
  readonly maxDelayMs: number;
  /** Attempts in all, the first one included; after the last failure the message is given up. */
  readonly maxAttempts: number;
  /**
   * `full`: the wait is uniformly random up to the doubled delay, so the receivers a whole fleet
   * of senders retries are not hit at the same instant. `none`: the wait is the doubled delay
   * itself, for a schedule people read as "after 5 s, 10 s, 20 s".
   */
  readonly jitter: 'full' | 'none';
}

/**
 * The wait after failed attempt number `attempt` (1-based): `baseDelayMs * 2^(attempt-1)`, capped
 * at `maxDelayMs`, with the schedule's jitter applied. Returns null once `attempt` reached
 * `maxAttempts`: give up. `random` (for the full jitter) defaults to Math.random.
 */
export function retryDelay(attempt: number, schedule: RetrySchedule, random: () => number = Math.random): number | null {
  if (attempt >= schedule.maxAttempts) return null;
  const ceiling = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return schedule.jitter === 'full' ? Math.round(random() * ceiling) : ceiling;
}
