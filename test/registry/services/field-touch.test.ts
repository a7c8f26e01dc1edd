import { describe, expect, test } from 'vitest';
import type { Finding } from '../../../contracts/findings.js';
import { touches } from '../../../registry/services/field-touch.js';

const finding = (field?: string): Finding => ({ rule: 'property-removed', path: '/properties/x', severity: 'breaking', message: 'm', ...(field === undefined ? {} : { field }) });

describe('which findings touch a consumer\'s declared fields', () => {
  test.each([
    ['customer_id', ['customer_id'], true],
    ['customer_id', ['customer'], false],
    ['customer.id', ['customer'], true],
    ['customer', ['customer.id'], true],
    ['customer_ids', ['customer_id'], false],
    ['items[].sku', ['items'], true],
    ['items', ['items[].sku'], true],
    ['amount', ['customer_id', 'amount'], true],
    ['amount', [], true],
    [undefined, [], true],
    [undefined, ['amount'], false],
  ] as const)('a finding on %s touches a consumer reading %j: %s', (field, fields, expected) => {
    expect(touches(finding(field), fields)).toBe(expected);
  });
});
