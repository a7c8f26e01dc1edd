import { describe, expect, test } from 'vitest';
import { FINGERPRINT_LENGTH, fingerprint } from '../../contracts/fingerprint.js';

describe('fingerprint', () => {
  test('is the same for the same parts across calls', () => {
    const parts = ['record-type', 'commerce.orders', '/customer_id', 'type'];
    expect(fingerprint(parts)).toBe(fingerprint([...parts]));
    expect(fingerprint(parts)).toMatch(new RegExp(`^[0-9a-f]{${FINGERPRINT_LENGTH}}$`));
  });

  test.each([
    [['a', 'bc'], ['ab', 'c']],
    [['record-type', '/a'], ['/a', 'record-type']],
    [['x', 1], ['x', '1']],
    [['x'], ['x', null]],
    [['record-required', '/a', 'required'], ['record-required', '/b', 'required']],
  ])('tells %j from %j', (left, right) => {
    expect(fingerprint(left)).not.toBe(fingerprint(right));
  });

  test('treats undefined like null so optional parts are stable', () => {
    expect(fingerprint(['rule', undefined])).toBe(fingerprint(['rule', null]));
  });

  test('is pinned to a known value so a refactor cannot silently re-key every stored alert', () => {
    expect(fingerprint(['record-type', '/amount', 'type'])).toBe('806c8487182ae0b5');
    expect(fingerprint([])).toBe('4f53cda18c2baa0c');
  });
});
