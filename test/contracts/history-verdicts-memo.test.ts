import { describe, expect, test, vi } from 'vitest';
import { contractChanges } from '../../contracts/diff/contract-diff.js';
import { contractVerdict, verdictOf } from '../../contracts/diff/history-verdicts.js';
import { prepareSchema } from '../../contracts/diff/prepared-schema.js';
import type * as SchemaDiff from '../../contracts/diff/schema-diff.js';
import type { CompatibilityMode, CompatibilityPolicy, Contract, JsonSchema } from '../../contracts/model.js';

/*
 * Per-property verdicts are remembered across candidates: the next candidate repeats nearly every
 * property of the last, so against the same older version it needs the engine only for what it
 * changed itself. Each case counts the engine's runs for a second candidate, a new object, and
 * checks its verdict against the full list of changes.
 */

const engine = vi.hoisted(() => ({ runs: 0 }));

vi.mock('../../contracts/diff/schema-diff.js', async (importOriginal) => {
  const actual = await importOriginal<typeof SchemaDiff>();
  return {
    ...actual,
    streamSchemaChanges: (...args: Parameters<typeof actual.streamSchemaChanges>): void => {
      engine.runs += 1;
      actual.streamSchemaChanges(...args);
    },
  };
});

/** Every case names its properties after its own field, so no case finds what another remembered. */
function contract(version: string, field: string, properties: Record<string, unknown>): Contract {
  return {
    contract: 'commerce.orders',
    version,
    owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
    compatibility: { mode: 'full_transitive', policy: 'strict' },
    schema: prepareSchema({ type: 'object', properties: { [`${field}_id`]: { type: 'string' }, ...properties }, required: [`${field}_id`] } as JsonSchema),
    metrics: [],
    features: [],
  } as unknown as Contract;
}

/** Engine runs for the verdict on `before` -> `after`, which must equal the verdict of every change. */
function runsFor(before: Contract, after: Contract, mode: CompatibilityMode, policy: CompatibilityPolicy): number {
  engine.runs = 0;
  const verdict = contractVerdict(before, after, mode, policy);
  const runs = engine.runs;
  expect(verdict).toEqual(verdictOf(contractChanges(before, after), mode, policy));
  return runs;
}

describe('per-property verdicts remembered across candidates', () => {
  test.each([
    // The second candidate keeps the first one's properties and adds one of its own: only that one is judged.
    { name: 'a changed property the next candidate keeps', field: 'status', was: { type: 'string' }, is: { type: 'integer' }, nextMode: 'full_transitive' as const, expected: 1 },
    { name: 'a description rewritten', field: 'note', was: { type: 'string', description: 'old' }, is: { type: 'string', description: 'new' }, nextMode: 'full_transitive' as const, expected: 1 },
    // Under another mode nothing the first candidate learnt applies.
    { name: 'the same change under another mode', field: 'kind', was: { type: 'string' }, is: { type: 'integer' }, nextMode: 'backward_transitive' as const, expected: 5 },
  ])('$name', ({ field, was, is, nextMode, expected }) => {
    const older = contract('1.0.0', field, { [field]: was });
    const first = contract('1.1.0', field, { [field]: is, [`${field}_added`]: { type: 'string' } });
    const second = contract('1.2.0', field, { [field]: is, [`${field}_added`]: { type: 'string' }, [`${field}_next`]: { type: 'boolean' } });
    // Each of its three properties against a side without it, and the change of `field`: nothing remembered yet.
    expect(runsFor(older, first, 'full_transitive', 'strict')).toBe(4);
    expect(runsFor(older, second, nextMode, 'strict')).toBe(expected);
  });
});
