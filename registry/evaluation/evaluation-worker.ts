import { parentPort } from 'node:worker_threads';
import type { JsonSchema } from '../../contracts/index.js';
import type { VersionHeader } from '../storage/contract-records.js';
import { runTask } from './evaluation-tasks.js';
import type { TaskHooks } from './evaluation-tasks.js';
import { fromWire, toWire } from './evaluation-wire.js';
import type { FromWorker, ToWorker } from './evaluation-wire.js';
import { lowerThreadPriority } from './thread-priority.js';

/*
 * An evaluation worker: runs one task at a time for the pool (evaluation-pool.ts) and asks the
 * pool's thread for `registry:` refs, since the store lives there.
 */

const port = parentPort;
if (port === null) throw new Error('evaluation-worker.ts runs only as a worker thread of the evaluation pool');

lowerThreadPriority();

const send = (message: FromWorker): void => port.postMessage(message);
const waiting = new Map<number, { readonly resolve: (schema: JsonSchema) => void; readonly reject: (error: Error) => void }>();
let nextRequest = 0;

port.on('message', (message: ToWorker) => {
  if (message.type === 'resolved') {
    const pending = waiting.get(message.request);
    waiting.delete(message.request);
    if (message.ok) pending?.resolve(message.value);
    else pending?.reject(fromWire(message.error));
    return;
  }
  const { id } = message;
  const hooks: TaskHooks = {
    resolveRegistryRef: (target) =>
      new Promise<JsonSchema>((resolve, reject) => {
        nextRequest += 1;
        waiting.set(nextRequest, { resolve, reject });
        send({ type: 'resolve', id, request: nextRequest, target });
      }),
    observe: (seen) => send({ type: 'progress', id, seen }),
  };
  // The input is what the pool sent for this task name (the pool's types tie the two together).
  runTask(message.task, message.input as never, hooks).then(
    (value) => send({ type: 'result', id, ok: true, value }),
    (error: unknown) => send({ type: 'result', id, ok: false, error: toWire(error) }),
  );
});

/**
 * A small document evaluated once before the worker says it is ready: the first evaluation in a
 * fresh thread pays for compiling the engine's code and loading what it imports lazily, which
 * must not count against a request's deadline.
 */
const WARM_UP = JSON.stringify({
  contract: 'warm.up',
  version: '1.0.0',
  owner: { name: 'Concord', email: 'warm-up@example.com' },
  schema: { type: 'object', properties: { id: { type: 'string' }, kind: { oneOf: [{ const: 'a' }, { const: 'b' }] } }, required: ['id'] },
});

async function warmUp(): Promise<void> {
  const hooks: TaskHooks = { resolveRegistryRef: () => Promise.reject(new Error('no registry refs while warming up')), observe: () => undefined };
  const first = await runTask('load', { text: WARM_UP }, hooks);
  const second = await runTask('load', { text: WARM_UP.replace('"required":["id"]', '"required":[]').replace('1.0.0', '1.1.0') }, hooks);
  const { id: contract } = first.contract;
  const header: VersionHeader = { contractId: contract, version: '1.0.0', contentHash: 'warm-up', status: 'active', compatibility: first.contract.compatibility, publishedBy: 'warm-up', publishedAt: new Date(0).toISOString() };
  await runTask('evaluate', { candidate: second.contract, history: [{ header, contract: first.contract }], known: { keys: [], pairs: [], verdicts: [] } }, hooks);
}

warmUp().then(
  () => send({ type: 'ready' }),
  // A worker that cannot evaluate a known-good document is broken: its error reaches the pool as the thread's error.
  (error: unknown) => {
    throw error;
  },
);
