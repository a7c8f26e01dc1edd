import { describe, expect, test } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE, retryDelay } from '../../../registry/webhooks/retry-schedule.js';

const schedule = { baseDelayMs: 1_000, maxDelayMs: 5_000, maxAttempts: 5 };

describe('webhook retry delays', () => {
  test.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 5_000],
  ])('after failed attempt %i the delay is at most %i ms, with full jitter', (attempt, ceiling) => {
    expect(retryDelay(attempt, schedule, () => 1)).toBe(ceiling);
    expect(retryDelay(attempt, schedule, () => 0)).toBe(0);
    expect(retryDelay(attempt, schedule, () => 0.5)).toBe(ceiling / 2);
  });

  test('the last attempt gives up, and so does any past it', () => {
    expect(retryDelay(schedule.maxAttempts - 1, schedule, () => 1)).not.toBeNull();
    expect(retryDelay(schedule.maxAttempts, schedule, () => 1)).toBeNull();
    expect(retryDelay(schedule.maxAttempts + 1, schedule, () => 1)).toBeNull();
  });

  test('the default schedule never waits longer than its cap', () => {
    const delays = Array.from({ length: DEFAULT_RETRY_SCHEDULE.maxAttempts - 1 }, (_, i) => retryDelay(i + 1, DEFAULT_RETRY_SCHEDULE, () => 1) ?? -1);
    expect(Math.max(...delays)).toBeLessThanOrEqual(DEFAULT_RETRY_SCHEDULE.maxDelayMs);
    expect(retryDelay(DEFAULT_RETRY_SCHEDULE.maxAttempts, DEFAULT_RETRY_SCHEDULE)).toBeNull();
  });
});
