import { describe, expect, test } from 'vitest';
import { breaksIn, directionOf, parseMode, parsePolicy } from '../contracts/compat-mode.js';
import { ConcordError } from '../contracts/errors.js';

describe('compatibility modes', () => {
  test.each([
    ['backward', 'backward', true],
    ['backward', 'forward', false],
    ['forward', 'forward', true],
    ['forward', 'backward', false],
    ['both', 'backward', true],
    ['both', 'forward', true],
    ['none', 'full', false],
    ['backward', 'full', true],
    ['forward', 'full', true],
    ['both', 'none', false],
  ] as const)('a change breaking %s is breaking under %s: %s', (breaks, direction, expected) => {
    expect(breaksIn(breaks, direction)).toBe(expected);
  });

  test.each([
    ['forward_transitive', 'forward'],
    ['FULL-TRANSITIVE', 'full'],
    ['backward', 'backward'],
    ['none', 'none'],
  ])('parses %s to direction %s', (text, direction) => {
    expect(directionOf(parseMode(text))).toBe(direction);
  });

  test.each(['sideways', '', 'full_transitive_x'])('rejects mode %j with a ConcordError', (text) => {
    expect(() => parseMode(text)).toThrow(ConcordError);
  });

  test('rejects an unknown policy', () => {
    expect(() => parsePolicy('loose')).toThrow(/strict or lenient/);
    expect(parsePolicy('Lenient')).toBe('lenient');
  });
});
