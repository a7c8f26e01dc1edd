import { describe, expect, test } from 'vitest';
import type { Contract } from '../../../contracts/model.js';
import { withoutHeldModels } from '../../../registry/evaluation/evaluation-pool.js';
import type { EvaluateInput } from '../../../registry/evaluation/evaluation-wire.js';
import type { VersionHeader } from '../../../registry/storage/contract-records.js';

/* The pool sends a worker only the published models it does not hold yet, and its record of what the worker holds stays a subset of what the worker really holds. */

const model = (version: string): Contract => ({ contract: 'commerce.orders', version }) as unknown as Contract;
const header = (version: string): VersionHeader => ({ version }) as unknown as VersionHeader;

function input(keys: readonly string[]): EvaluateInput {
  const history = keys.map((_, index) => ({ header: header(`1.${index}.0`), contract: model(`1.${index}.0`) }));
  return { candidate: model('2.0.0'), history, known: { keys: ['candidate', ...keys], pairs: [], verdicts: [] } };
}

const sent = (value: EvaluateInput): (string | undefined)[] => value.history.map((entry) => entry.contract?.version);

describe('models held by a worker', () => {
  test.each([
    { name: 'a first task sends every model', held: [], keys: ['a', 'b'], limit: 10, expected: ['1.0.0', '1.1.0'], after: ['a', 'b'], forget: undefined },
    { name: 'held models are left out', held: ['a 1.0.0'], keys: ['a', 'b'], limit: 10, expected: [undefined, '1.1.0'], after: ['a', 'b'], forget: undefined },
    { name: 'equal content under two versions is sent twice: each model keeps its version', held: [], keys: ['a', 'a', 'b'], limit: 10, expected: ['1.0.0', '1.1.0', '1.2.0'], after: ['a', 'a', 'b'], forget: undefined },
    { name: 'at the limit everything is sent again and the worker forgets', held: ['x 1.1.0', 'y 1.9.0'], keys: ['a', 'x'], limit: 2, expected: ['1.0.0', '1.1.0'], after: ['a', 'x'], forget: true },
    { name: 'a history larger than the limit is sent whole; only the first models are counted on', held: [], keys: ['a', 'b', 'c'], limit: 2, expected: ['1.0.0', '1.1.0', '1.2.0'], after: ['a', 'b'], forget: true },
  ])('$name', ({ held, keys, limit, expected, after, forget }) => {
    const record = new Set(held);
    const out = withoutHeldModels(record, input(keys), limit);
    expect(sent(out)).toEqual(expected);
    expect([...record].map((key) => key.split(' ')[0]).sort()).toEqual(after);
    expect(out.forget).toBe(forget);
  });
});
