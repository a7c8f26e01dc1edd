import { describe, expect, test } from 'vitest';
import { parseRegistryRef } from '../../../contracts/document/registry-ref.js';
import { ConcordError } from '../../../contracts/errors.js';

describe('parseRegistryRef', () => {
  test.each([
    ['registry:commerce.money@^1#/definitions/Money', { contract: 'commerce.money', range: '^1', pointer: '/definitions/Money' }],
    ['registry:commerce.money@1.2.3', { contract: 'commerce.money', range: '1.2.3', pointer: '' }],
    ['registry:commerce.payments.refunds@~2.1#', { contract: 'commerce.payments.refunds', range: '~2.1', pointer: '' }],
    ['registry:a.b@>=1.0.0%20<2#/$defs/A%20B', { contract: 'a.b', range: '>=1.0.0 <2', pointer: '/$defs/A B' }],
    ['registry:shop.orders@*#/properties/id', { contract: 'shop.orders', range: '*', pointer: '/properties/id' }],
  ])('parses %s', (text, expected) => {
    expect(parseRegistryRef(text)).toEqual(expected);
  });

  test.each([
    ['no range', 'registry:commerce.money', /version range is missing/],
    ['an empty range', 'registry:commerce.money@#/a', /not a semver range/],
    ['a bad range', 'registry:commerce.money@banana', /not a semver range/],
    ['no namespace', 'registry:money@^1', /not a contract id/],
    ['upper case', 'registry:Commerce.Money@^1', /not a contract id/],
    ['a fragment that is not a pointer', 'registry:commerce.money@^1#Money', /not a JSON pointer/],
    ['another scheme', 'https://x/commerce.money@^1', /does not start with registry:/],
    ['a broken escape', 'registry:commerce.money@^1#/%E0%A4%A', /percent-escape/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseRegistryRef(text)).toThrow(ConcordError);
    expect(() => parseRegistryRef(text)).toThrow(message);
  });
});
