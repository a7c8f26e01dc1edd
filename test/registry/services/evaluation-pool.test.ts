import { afterEach, describe, expect, test } from 'vitest';
import { ConcordError } from '../../../contracts/errors.js';
import { createEvaluationPool } from '../../../registry/evaluation/evaluation-pool.js';
import type { EvaluationPool } from '../../../registry/evaluation/evaluation-pool.js';
import { ordersDocument } from '../http/registry-harness.js';

const noRefs = () => Promise.reject(new Error('no registry refs here'));
const wide = JSON.stringify(ordersDocument('1.0.0', { metrics: undefined, schema: { oneOf: Array.from({ length: 9_000 }, (_, index) => ({ properties: { k: { const: index } } })) } }));

const failure = async (promise: Promise<unknown>): Promise<ConcordError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ConcordError)) throw new Error(`expected a ConcordError, got ${String(error)}`);
  return error;
};

describe('the evaluation pool', () => {
  let pool: EvaluationPool | undefined;
  afterEach(() => pool?.close());

  test('one task past the queue limit is refused at once with busy; the queued ones run to their deadline', async () => {
    pool = createEvaluationPool({ size: 1, maxQueued: 1, deadlineMs: 500 });
    const running = pool.session().load({ text: wide }, noRefs);
    const queued = pool.session().load({ text: wide }, noRefs);
    const refused = await failure(pool.session().load({ text: wide }, noRefs));
    expect(refused.code).toBe('busy');
    expect(refused.message).toMatch(/1 documents waiting to be evaluated, the most it queues/);
    for (const each of [running, queued]) expect((await failure(each)).code).toBe('too-complex');
  });

  test('a session shares one deadline across its tasks, and a closed pool refuses work', async () => {
    pool = createEvaluationPool({ size: 1, deadlineMs: 500 });
    const session = pool.session();
    expect((await failure(session.load({ text: wide }, noRefs))).message).toMatch(/commerce\.orders 1\.0\.0 is too complex to compare within 500 ms/);
    // The budget is spent: the next task of the same request fails without running.
    expect((await failure(session.load({ text: JSON.stringify(ordersDocument('1.0.1')) }, noRefs))).code).toBe('too-complex');
    // A new request gets a new budget on a new worker.
    expect((await pool.session().load({ text: JSON.stringify(ordersDocument('1.0.2')) }, noRefs)).contract.version).toBe('1.0.2');
    await pool.close();
    expect((await failure(pool.session().load({ text: JSON.stringify(ordersDocument('1.0.3')) }, noRefs))).code).toBe('busy');
  });
});
