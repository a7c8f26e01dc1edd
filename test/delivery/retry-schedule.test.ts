import { describe, expect, test } from 'vitest';
import { DEFAULT_ALERT_RETRY } from '../../checker/alerts/dispatcher.js';
import { retryDelay } from '../../delivery/index.js';
import type { RetrySchedule } from '../../delivery/index.js';
import { DEFAULT_RETRY_SCHEDULE } from '../../registry/webhooks/dispatcher.js';

const jittered: RetrySchedule = { baseDelayMs: 1_000, maxDelayMs: 5_000, maxAttempts: 5, jitter: 'full' };
const plain: RetrySchedule = { ...jittered, jitter: 'none' };

describe('retry delays', () => {
  test.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 5_000],
  ])('after failed attempt %i the delay is at most %i ms, with full jitter', (attempt, ceiling) => {
    expect(retryDelay(attempt, jittered, () => 1)).toBe(ceiling);
    expect(retryDelay(attempt, jittered, () => 0)).toBe(0);
    expect(retryDelay(attempt, jittered, () => 0.5)).toBe(ceiling / 2);
  });

  test.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 5_000],
  ])('after failed attempt %i the delay is exactly %i ms without jitter, whatever the random source says', (attempt, delay) => {
    expect(retryDelay(attempt, plain, () => 0)).toBe(delay);
    expect(retryDelay(attempt, plain, () => 0.5)).toBe(delay);
  });

  test.each([jittered, plain])('the last attempt gives up, and so does any past it (jitter $jitter)', (schedule) => {
    expect(retryDelay(schedule.maxAttempts - 1, schedule, () => 1)).not.toBeNull();
    expect(retryDelay(schedule.maxAttempts, schedule, () => 1)).toBeNull();
    expect(retryDelay(schedule.maxAttempts + 1, schedule, () => 1)).toBeNull();
  });

  test.each([
    ['registry webhooks', DEFAULT_RETRY_SCHEDULE],
    ['checker alerts', DEFAULT_ALERT_RETRY],
  ])('the default schedule of %s never waits longer than its cap', (_name, schedule) => {
    const delays = Array.from({ length: schedule.maxAttempts - 1 }, (_, i) => retryDelay(i + 1, schedule, () => 1) ?? -1);
    expect(Math.max(...delays)).toBeLessThanOrEqual(schedule.maxDelayMs);
    expect(retryDelay(schedule.maxAttempts, schedule)).toBeNull();
  });
});
