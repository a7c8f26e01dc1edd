import { describe, expect, test } from 'vitest';
import { RECEIVER_HASH_CHARS, receiverLabel } from '../../delivery/address-policy.js';

describe('receiverLabel', () => {
  test.each([
    ['https://hooks.example.com/services/T0/B1/secret-a', 'https://hooks.example.com/services/T0/B1/secret-b'],
    ['https://hooks.example.com/hook?token=a', 'https://hooks.example.com/hook?token=b'],
    ['http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/b'],
  ])('%s and %s share an origin but not a label, and neither shows its path or query', (first, second) => {
    const a = receiverLabel(new URL(first));
    const b = receiverLabel(new URL(second));
    const origin = new URL(first).origin;
    expect(a).toMatch(new RegExp(`^${origin.replace(/[.]/g, '\\.')}/… #[0-9a-f]{${RECEIVER_HASH_CHARS}}$`));
    expect(a).not.toBe(b);
    expect(`${a} ${b}`).not.toMatch(/secret|token|\/a\b|\/b\b/);
    expect(receiverLabel(new URL(first))).toBe(a);
  });
});
