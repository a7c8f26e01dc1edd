import { describe, expect, test, vi } from 'vitest';
import { normalizeContract } from '../../../contracts/document/normalize-contract.js';
import type { ContractDocument } from '../../../contracts/document/normalize-contract.js';
import type { Contract } from '../../../contracts/model.js';
import { runTask } from '../../../registry/evaluation/evaluation-tasks.js';
import type { TaskHooks } from '../../../registry/evaluation/evaluation-tasks.js';
import type { EvaluateOutput } from '../../../registry/evaluation/evaluation-wire.js';
import type * as History from '../../../registry/services/history.js';
import type { VersionHeader } from '../../../registry/storage/contract-records.js';

/*
 * A worker's evaluation is given the diff key of every contract it compares, so it hashes none
 * again, whether the candidate arrives frozen (as `load` made it) or as the unfrozen structured
 * clone a worker really receives. Hashing the candidate once per earlier version made a
 * 500-version transitive publish several times slower in the worker than on the event loop.
 */

const hashed = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../../registry/services/history.js', async (importOriginal) => {
  const actual = await importOriginal<typeof History>();
  return {
    ...actual,
    diffKey: (contract: Contract): string => {
      hashed.count += 1;
      return actual.diffKey(contract);
    },
  };
});

const { diffKey } = await import('../../../registry/services/history.js');

const hooks: TaskHooks = { resolveRegistryRef: () => Promise.reject(new Error('no registry refs here')), observe: () => undefined };

/** Version 1.0.n: fields 0..n, each described by its revision, so every version has content of its own. */
function contract(n: number, mode: string): Contract {
  const properties = Object.fromEntries(Array.from({ length: n + 1 }, (_unused, index) => [`field_${index}`, { type: 'string', description: `revision ${n}` }]));
  const document = {
    contract: 'commerce.orders',
    version: `1.0.${n}`,
    owner: { name: 'Dana', email: 'dana@example.com' },
    compatibility: mode,
    schema: { type: 'object', properties, required: ['field_0'] },
  } as unknown as ContractDocument;
  return normalizeContract(document);
}

function header(model: Contract): VersionHeader {
  return { contractId: model.id, version: model.version, contentHash: model.version, status: 'active', compatibility: model.compatibility, publishedBy: 'dana', publishedAt: '' };
}

async function evaluate(candidate: Contract, history: readonly Contract[]): Promise<{ output: EvaluateOutput; hashes: number }> {
  const keys = [candidate, ...history].map((model) => diffKey(model));
  hashed.count = 0;
  const output = await runTask('evaluate', { candidate, history: history.map((model) => ({ header: header(model), contract: model })), known: { keys, pairs: [], verdicts: [] } }, hooks);
  return { output, hashes: hashed.count };
}

/** The evaluation without where its refusal was thrown, which differs between two runs. */
function withoutStack(output: EvaluateOutput): unknown {
  const { refusal, ...rest } = output.evaluation;
  return { ...rest, refusal: refusal === undefined ? undefined : { ...refusal, stack: undefined } };
}

describe('an evaluation task given every diff key', () => {
  test.each([
    { name: 'a frozen candidate, transitive', mode: 'full_transitive', earlier: 6, cloned: false },
    { name: 'a structured-cloned candidate, transitive', mode: 'full_transitive', earlier: 6, cloned: true },
    { name: 'a structured-cloned candidate, latest only', mode: 'full', earlier: 6, cloned: true },
  ])('hashes no contract again: $name', async ({ mode, earlier, cloned }) => {
    const history = Array.from({ length: earlier }, (_unused, index) => contract(index, mode));
    const loaded = contract(earlier, mode);
    const { output, hashes } = await evaluate(cloned ? structuredClone(loaded) : loaded, history.map((model) => structuredClone(model)));
    expect(hashes).toBe(0);
    // The same verdicts as with the frozen models the event loop holds.
    const reference = await evaluate(loaded, history);
    expect(withoutStack(output)).toEqual(withoutStack(reference.output));
    expect(output.verdicts).toEqual(reference.output.verdicts);
    expect(output.evaluation.refusal?.code).toBe('breaking-change');
  });
});
