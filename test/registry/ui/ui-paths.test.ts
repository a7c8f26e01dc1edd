import { describe, expect, test } from 'vitest';
import { localReturnPath, uiPaths } from '../../../registry/ui/ui-paths.js';

describe('localReturnPath', () => {
  test.each([
    ['/contracts/commerce.orders?version=1.0.0', '/contracts/commerce.orders?version=1.0.0'],
    ['/', '/'],
    [undefined, '/'],
    ['', '/'],
    ['//evil.example/x', '/'],
    ['https://evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/ok path', '/'],
    ['javascript:alert(1)', '/'],
    [`/${'a'.repeat(2_000)}`, '/'],
  ])('%j goes to %j', (input, expected) => {
    expect(localReturnPath(input)).toBe(expected);
  });
});

describe('uiPaths', () => {
  test('escapes ids and query values', () => {
    expect(uiPaths.contract('a/b?c', '1.0.0')).toBe('/contracts/a%2Fb%3Fc?version=1.0.0');
    expect(uiPaths.versions('x.y', '1.0.0', '2.0.0')).toBe('/contracts/x.y/versions?from=1.0.0&to=2.0.0');
    expect(uiPaths.catalog({ q: 'a&b', status: '' })).toBe('/?q=a%26b');
    expect(uiPaths.login('/contracts/x', 'required')).toBe('/login?next=%2Fcontracts%2Fx&notice=required');
  });
});
