/** When failed webhook deliveries are tried again, and when the dispatcher gives up. */
export interface RetrySchedule {
  /** Delay before the second attempt; each later one doubles it. */
  readonly baseDelayMs: number;
  /** No wait is longer than this, however many attempts failed. */
  readonly maxDelayMs: number;
  /** Attempts in all, the first one included; after the last failure the message is given up. */
  readonly maxAttempts: number;
}

/**
 * Ten seconds doubling to at most an hour, eight attempts: a receiver that is down for a deploy
 * (minutes) gets its messages on the next attempts, one that is gone for about two hours is
 * given up on, so the outbox never fills with messages nobody will take.
 */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = Object.freeze({ baseDelayMs: 10_000, maxDelayMs: 3_600_000, maxAttempts: 8 });

/**
 * The wait after failed attempt number `attempt` (1-based): exponential backoff with full jitter,
 * a uniformly random delay up to `baseDelayMs * 2^(attempt-1)` capped at `maxDelayMs`, so
 * receivers that come back are not hit by every registry's retries at the same instant.
 * Returns null once `attempt` reached `maxAttempts`: give up. `random` defaults to Math.random.
 */
export function retryDelay(attempt: number, schedule: RetrySchedule, random: () => number = Math.random): number | null {
  if (attempt >= schedule.maxAttempts) return null;
  const ceiling = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}
