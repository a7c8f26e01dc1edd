import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SetDiffResult } from './changed-properties.js';
import type { SchemaObject } from './wide-schema.js';

/**
 * Times json-schema-diff on a pair in a worker thread, stopping it once a run passes its limit.
 */

export interface SetDiffPlan {
  /** A small pair run first, unmeasured, to warm the worker's JIT. */
  readonly warmup: { readonly before: SchemaObject; readonly after: SchemaObject };
  readonly runs: number;
  /** Wall time one run may take before its thread is stopped. */
  readonly limitMs: number;
}

export interface SetDiffTiming {
  /** Durations of the runs that finished. */
  readonly samplesMs: readonly number[];
  /** Set when a run passed `limitMs` and was stopped: its time is at least that. */
  readonly stoppedAfterMs?: number;
  /** The answer of the last finished run. */
  readonly result?: SetDiffResult;
}

interface Answer extends SetDiffResult {
  readonly ms: number;
}

/**
 * The worker's code, plain CommonJS so it runs without a TypeScript loader (worker threads of
 * Node 20 do not inherit tsx's). It receives { before, after } and answers with the result and
 * the time json-schema-diff took. A thread of its own lets the benchmark stop a run that takes
 * too long: the package works synchronously inside its promise.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const jsonSchemaDiff = require(workerData.modulePath);
parentPort.on('message', (job) => {
  const start = performance.now();
  jsonSchemaDiff.diffSchemas({ sourceSchema: job.before, destinationSchema: job.after }).then((result) => {
    parentPort.postMessage({ ms: performance.now() - start, addedJsonSchema: result.addedJsonSchema, removedJsonSchema: result.removedJsonSchema });
  });
});
`;

function runOnce(worker: Worker, before: SchemaObject, after: SchemaObject, limitMs: number): Promise<Answer | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.off('message', onMessage);
      resolve(undefined);
    }, limitMs);
    const onMessage = (answer: Answer): void => {
      clearTimeout(timer);
      worker.off('error', reject);
      resolve(answer);
    };
    worker.once('message', onMessage);
    worker.once('error', reject);
    worker.postMessage({ before, after });
  });
}

/** Warm-up, then up to `plan.runs` timed runs of json-schema-diff on the pair; stops at the first run past the limit. */
export async function timeSetDiff(before: SchemaObject, after: SchemaObject, plan: SetDiffPlan): Promise<SetDiffTiming> {
  const modulePath = createRequire(import.meta.url).resolve('json-schema-diff');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath } });
  try {
    if ((await runOnce(worker, plan.warmup.before, plan.warmup.after, plan.limitMs)) === undefined) {
      return { samplesMs: [], stoppedAfterMs: plan.limitMs };
    }
    const samplesMs: number[] = [];
    let result: SetDiffResult | undefined;
    for (let run = 0; run < plan.runs; run += 1) {
      const answer = await runOnce(worker, before, after, plan.limitMs);
      if (answer === undefined) return { samplesMs, stoppedAfterMs: plan.limitMs, ...(result !== undefined ? { result } : {}) };
      samplesMs.push(answer.ms);
      result = { addedJsonSchema: answer.addedJsonSchema, removedJsonSchema: answer.removedJsonSchema };
    }
    return { samplesMs, ...(result !== undefined ? { result } : {}) };
  } finally {
    await worker.terminate();
  }
}
