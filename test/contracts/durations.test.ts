import { describe, expect, test } from 'vitest';
import { durationChange, formatDuration, MAX_DURATION_SECONDS, parseDuration, parsePeriod, sameDuration } from '../../contracts/durations.js';

describe('parseDuration', () => {
  test.each([
    ['30s', 30],
    ['15m', 900],
    ['1h', 3_600],
    ['7d', 604_800],
    ['2w', 1_209_600],
    ['3650d', MAX_DURATION_SECONDS],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  test.each(['', '0m', '15', 'm', '1.5h', '-1h', ' 1h', '1H', '1 h', 'PT1H', '01h', '3651d', '99999999999d'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  test('the longest duration is ten years; one second more is refused', () => {
    expect(parseDuration(`${MAX_DURATION_SECONDS}s`)).toBe(MAX_DURATION_SECONDS);
    expect(parseDuration(`${MAX_DURATION_SECONDS + 1}s`)).toBeUndefined();
  });
});

describe('periods and comparisons', () => {
  test.each([
    ['day', 86_400],
    ['24h', 86_400],
    ['week', 604_800],
    ['fortnight', undefined],
  ])('period %s is %s seconds', (text, seconds) => {
    expect(parsePeriod(text)).toBe(seconds);
  });

  test.each([
    ['30d', '720h', true],
    ['1h', '60m', true],
    ['1h', '2h', false],
    [undefined, undefined, true],
    ['1h', undefined, false],
    ['soon', 'soon', true],
    ['soon', 'later', false],
  ])('%s and %s state the same span: %s', (a, b, same) => {
    expect(sameDuration(a, b)).toBe(same);
  });

  test.each([
    ['1h', '60m', 'same'],
    [undefined, '1h', 'added'],
    ['1h', undefined, 'removed'],
    ['1h', '2h', 'longer'],
    ['2h', '1h', 'shorter'],
    ['1h', 'soon', 'incomparable'],
  ] as const)('%s to %s is %s', (before, after, movement) => {
    expect(durationChange(before, after)).toBe(movement);
  });
});

describe('formatDuration prints two units as people read them', () => {
  test.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [1_234, '1.2s'],
    [12_000, '12s'],
    [59_999, '59.9s'],
    [192_000, '3m 12s'],
    [3_600_000, '1h'],
    [7 * 3_600_000 + 5 * 60_000 + 59_000, '7h 5m'],
    // The case a freshness message once printed as `36d 446m`.
    [(36 * 86_400 + 446 * 60) * 1000, '36d 7h'],
    [-5, '0 ms'],
  ])('%i ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
