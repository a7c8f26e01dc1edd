import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../contracts/diff/canonical-json.js';

/** An object with `key` as an own member: an object literal would set the prototype for `__proto__`. */
function withMember(key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  Object.defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
  return copy;
}

describe('canonical JSON', () => {
  test.each<[string, unknown, string]>([
    ['keys sorted at every level, array order kept', { b: 1, a: { d: [3, { z: 1, y: 2 }] } }, '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}'],
    ['undefined members left out, as JSON.stringify leaves them', { a: undefined, b: 1 }, '{"b":1}'],
    ['undefined array entries written as null', [undefined, 1], '[null,1]'],
    ['a top-level undefined written as null', undefined, 'null'],
    ['a member named __proto__ kept', withMember('__proto__', { x: 1 }), '{"__proto__":{"x":1}}'],
    ['a member named constructor kept', withMember('constructor', 1), '{"constructor":1}'],
    ['keys named like array indexes first, by number', { b: 1, '10': 2, '9': 3, '01': 4 }, '{"9":3,"10":2,"01":4,"b":1}'],
    ['a key past the largest array index sorted as text', { '4294967295': 1, '4294967294': 2, a: 3 }, '{"4294967294":2,"4294967295":1,"a":3}'],
    ['non-finite numbers written as null', { a: Number.NaN }, '{"a":null}'],
  ])('%s', (_, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  test('equals JSON.stringify of the same value built in canonical key order', () => {
    const value = { z: [1, 'two', { q: null, p: true }], a: { '2': 'x', '1': 'y' }, m: 'é\u2028' };
    const ordered = { a: { '1': 'y', '2': 'x' }, m: 'é\u2028', z: [1, 'two', { p: true, q: null }] };
    expect(canonicalJson(value)).toBe(JSON.stringify(ordered));
  });
});
