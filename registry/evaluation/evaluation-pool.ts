import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConcordError } from '../../contracts/index.js';
import type { RegistryResolver, Change, Contract } from '../../contracts/index.js';
import type { BodyLabel, Candidate, ContractText } from '../services/contract-body.js';
import type { Evaluation } from '../services/evaluate.js';
import type { CachedChanges, HistoryEntry } from '../services/history.js';
import { EVALUATION_DEADLINE_MS, EVALUATION_HEAP_MB, EVALUATION_IDLE_MS, EVALUATION_POOL_SIZE, MAX_QUEUED_EVALUATIONS } from './evaluation-limits.js';
import { evaluationFromWire, fromWire, heldModelKey, toWire } from './evaluation-wire.js';
import type { EvaluateInput, FromWorker, TaskName, Tasks, ToWorker } from './evaluation-wire.js';
import { describeWidest } from './schema-extent.js';

/** Tuning of an evaluation pool; every field defaults to its constant in evaluation-limits.ts. */
export interface EvaluationOptions {
  readonly size?: number;
  readonly deadlineMs?: number;
  readonly heapMb?: number;
  readonly idleMs?: number;
  readonly maxQueued?: number;
}

/** One request's evaluations: they share one deadline. */
export interface EvaluationSession {
  /** Parses, bundles and lints a body, as `loadCandidate` (contract-body.ts) does. */
  load(body: ContractText, resolveRegistryRef: RegistryResolver): Promise<Candidate>;
  /** Evaluates a candidate against its history, as `evaluateCandidate` (evaluate.ts) does, with the diffs of `cached`; the diffs it computes join `cached`. */
  evaluate(candidate: Contract, history: readonly HistoryEntry[], cached: CachedChanges): Promise<Evaluation>;
  /** The changes from `before` to `after`: from `cached` when known, else computed and added to it. */
  changes(cached: CachedChanges, before: Contract, after: Contract): Promise<readonly Change[]>;
}

/**
 * Worker threads that evaluate contract documents off the event loop. Each session's work must
 * finish within the deadline or it fails with ConcordError `too-complex` (HTTP 422) and its
 * worker is stopped; a worker that runs out of heap or stack fails its task the same way. More
 * than `maxQueued` tasks waiting for a worker fail with ConcordError `busy` (HTTP 503).
 */
export interface EvaluationPool {
  session(): EvaluationSession;
  /** Stops every worker; tasks still waiting or running fail with ConcordError `busy`. */
  close(): Promise<void>;
}

interface Job {
  readonly task: TaskName;
  readonly input: unknown;
  readonly budget: { spentMs: number };
  /** What the task is about, until the worker says more. */
  label: string;
  seen?: BodyLabel;
  readonly resolveRegistryRef?: RegistryResolver;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  /** Keys (diff key and version) of the published models this slot's worker holds: they are not sent to it again. */
  readonly held: Set<string>;
  ready: boolean;
  job?: Job;
  startedAt?: number;
  deadline?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

/**
 * Where the worker's code is. From the built `dist/` it is the compiled `.js` next to this file;
 * from TypeScript sources (tests, `node --import tsx`) the worker registers tsx first, through a
 * small module given as a data: URL, since a fresh thread does not have the parent's loaders.
 */
function workerScript(): URL {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new URL('./evaluation-worker.js', here);
  const tsxApi = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./evaluation-worker.ts', here).href;
  // The thread's priority is lowered before the worker's modules are compiled, which from sources takes a second or two.
  const priority = new URL('./thread-priority.ts', here).href;
  const boot = [
    `import { register } from ${JSON.stringify(tsxApi)};`,
    'register();',
    `const { lowerThreadPriority } = await import(${JSON.stringify(priority)});`,
    'lowerThreadPriority();',
    `await import(${JSON.stringify(entry)});`,
  ].join('\n');
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

const isStackOverflow = (error: Error): boolean => error instanceof RangeError || (error.name === 'RangeError' && /call stack/i.test(error.message));

/** Creates an evaluation pool; workers start on first use and stop after `idleMs` without work. */
/**
 * Most published models one worker holds between tasks. Every publish in a long history needs the
 * same earlier models; sending them all each time (a structured clone of every version) and
 * preparing the copies again made a publish's cost grow with the history. Worst case: this many
 * models of at most one request body (MAX_BODY_BYTES) each, in one worker; a worker also stops
 * when idle, which frees them all.
 */
export const MAX_HELD_MODELS = 2_000;

/**
 * `input` without the models the worker already holds (by diff key and version), and
 * `held` updated to what the worker will hold once it has read it. When `held` would grow past
 * `limit`, the worker is told to forget everything and every model is sent again.
 */
export function withoutHeldModels(held: Set<string>, input: EvaluateInput, limit: number = MAX_HELD_MODELS): EvaluateInput {
  const keys = input.history.map((entry, index) => {
    const diffKey = input.known.keys[index + 1];
    return diffKey === undefined ? undefined : heldModelKey(diffKey, entry.header);
  });
  const fresh = new Set(keys.filter((key): key is string => key !== undefined && !held.has(key)));
  const forget = held.size + fresh.size > limit;
  if (forget) held.clear();
  const history = input.history.map((entry, index) => {
    const key = keys[index];
    if (key === undefined || entry.contract === undefined) return entry;
    if (held.has(key)) return { header: entry.header };
    if (held.size < limit) held.add(key);
    return entry;
  });
  return forget ? { ...input, history, forget } : { ...input, history };
}

export function createEvaluationPool(options: EvaluationOptions = {}): EvaluationPool {
  const size = Math.max(1, options.size ?? EVALUATION_POOL_SIZE);
  const deadlineMs = options.deadlineMs ?? EVALUATION_DEADLINE_MS;
  const heapMb = options.heapMb ?? EVALUATION_HEAP_MB;
  const idleMs = options.idleMs ?? EVALUATION_IDLE_MS;
  const maxQueued = options.maxQueued ?? MAX_QUEUED_EVALUATIONS;
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let script: URL | undefined;
  let closed = false;
  let nextId = 0;
  const ids = new Map<Slot, number>();

  const tooComplex = (job: Job, why: string): ConcordError => {
    const widest = job.seen === undefined ? undefined : describeWidest(job.seen.extent);
    const pointer = job.seen?.extent.widestCombinator?.pointer ?? job.seen?.extent.widestObject?.pointer;
    const label = job.seen?.label ?? job.label;
    const where = widest === undefined ? '' : ` (its widest part is ${widest})`;
    return new ConcordError(
      'too-complex',
      `${label} is too complex to compare ${why}${where}: nothing was stored; simplify that part (fewer branches, or one discriminating property) or split the feed into several contracts`,
      pointer === undefined ? {} : { pointer },
    );
  };

  const retire = (slot: Slot): void => {
    clearTimeout(slot.deadline);
    clearTimeout(slot.idle);
    slots.delete(slot);
    ids.delete(slot);
    void slot.worker.terminate();
  };

  const finish = (slot: Slot): Job | undefined => {
    const { job } = slot;
    clearTimeout(slot.deadline);
    if (job !== undefined && slot.startedAt !== undefined) job.budget.spentMs += performance.now() - slot.startedAt;
    slot.job = undefined;
    slot.startedAt = undefined;
    return job;
  };

  const settleIdle = (slot: Slot): void => {
    // An idle worker must not keep the process alive, and goes away after a while without work.
    slot.worker.unref();
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (slot.job === undefined) retire(slot);
    }, idleMs);
    slot.idle.unref();
  };

  const start = (slot: Slot, job: Job): void => {
    clearTimeout(slot.idle);
    slot.job = job;
    slot.worker.ref();
    if (!slot.ready) return;
    const remaining = deadlineMs - job.budget.spentMs;
    if (remaining <= 0) {
      finish(slot);
      job.reject(tooComplex(job, `within ${deadlineMs} ms`));
      settleIdle(slot);
      dispatch();
      return;
    }
    slot.startedAt = performance.now();
    slot.deadline = setTimeout(() => {
      const stopped = finish(slot);
      retire(slot);
      stopped?.reject(tooComplex(job, `within ${deadlineMs} ms`));
      // Replaced at once, so the next request does not wait for a worker to start.
      if (!closed && queue.length === 0) spawn();
      dispatch();
    }, remaining);
    nextId += 1;
    ids.set(slot, nextId);
    const input = job.task === 'evaluate' ? withoutHeldModels(slot.held, job.input as EvaluateInput) : job.input;
    const message: ToWorker = { type: 'task', id: nextId, task: job.task, input };
    slot.worker.postMessage(message);
  };

  const onMessage = (slot: Slot, message: FromWorker): void => {
    if (message.type === 'ready') {
      slot.ready = true;
      if (slot.job !== undefined) start(slot, slot.job);
      else settleIdle(slot);
      return;
    }
    if (message.id !== ids.get(slot)) return;
    const { job } = slot;
    if (job === undefined) return;
    if (message.type === 'progress') {
      job.seen = message.seen;
      return;
    }
    if (message.type === 'resolve') {
      const answer = (reply: ToWorker): void => {
        if (slot.job === job) slot.worker.postMessage(reply);
      };
      const resolver = job.resolveRegistryRef;
      if (resolver === undefined) {
        answer({ type: 'resolved', request: message.request, ok: false, error: toWire(new Error('this task resolves no registry refs')) });
        return;
      }
      resolver(message.target).then(
        (value) => answer({ type: 'resolved', request: message.request, ok: true, value }),
        (error: unknown) => answer({ type: 'resolved', request: message.request, ok: false, error: toWire(error) }),
      );
      return;
    }
    finish(slot);
    settleIdle(slot);
    if (message.ok) job.resolve(message.value);
    else {
      // Whatever the worker got through before it failed, the pool no longer counts on it holding anything.
      if (job.task === 'evaluate') slot.held.clear();
      const error = fromWire(message.error);
      job.reject(isStackOverflow(error) ? tooComplex(job, 'without running out of stack') : error);
    }
    dispatch();
  };

  const spawn = (): Slot => {
    script ??= workerScript();
    const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    const slot: Slot = { worker, held: new Set(), ready: false };
    slots.add(slot);
    worker.on('message', (message: FromWorker) => onMessage(slot, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const job = finish(slot);
      retire(slot);
      if (job !== undefined) job.reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex(job, `within ${heapMb} MiB of memory`) : error);
      dispatch();
    });
    worker.on('exit', () => {
      if (!slots.has(slot)) return;
      const job = finish(slot);
      retire(slot);
      job?.reject(new Error('an evaluation worker stopped unexpectedly'));
      dispatch();
    });
    return slot;
  };

  function dispatch(): void {
    while (queue.length > 0 && !closed) {
      let free: Slot | undefined;
      for (const slot of slots) if (slot.job === undefined) free = slot;
      if (free === undefined && slots.size < size) free = spawn();
      if (free === undefined) return;
      const job = queue.shift();
      if (job !== undefined) start(free, job);
    }
  }

  const run = <T extends TaskName>(budget: { spentMs: number }, task: T, input: Tasks[T]['input'], label: string, resolveRegistryRef?: RegistryResolver): Promise<Tasks[T]['output']> => {
    if (closed) return Promise.reject(new ConcordError('busy', 'the registry is shutting down: send the request again once it is back'));
    if (queue.length >= maxQueued) {
      return Promise.reject(new ConcordError('busy', `the registry has ${queue.length} documents waiting to be evaluated, the most it queues: send the request again in a few seconds`));
    }
    return new Promise<Tasks[T]['output']>((resolve, reject) => {
      queue.push({ task, input, budget, label, resolve: resolve as (value: unknown) => void, reject, ...(resolveRegistryRef === undefined ? {} : { resolveRegistryRef }) });
      dispatch();
    });
  };

  return {
    session() {
      const budget = { spentMs: 0 };
      return {
        load: (body, resolveRegistryRef) => run(budget, 'load', body, 'the contract', resolveRegistryRef),
        async evaluate(candidate, history, cached) {
          const known = cached.snapshot([candidate, ...history.map((entry) => entry.contract)]);
          const output = await run(budget, 'evaluate', { candidate, history, known }, `${candidate.id} ${candidate.version}`);
          cached.absorb(output.computed, output.verdicts);
          return evaluationFromWire(output.evaluation);
        },
        async changes(cached, before, after) {
          const known = cached.lookup(before, after);
          if (known !== undefined) return known;
          const changes = await run(budget, 'changes', { before, after }, `${after.id} ${after.version}`);
          cached.absorb([{ beforeHash: cached.keyOf(before), afterHash: cached.keyOf(after), changes }]);
          return changes;
        },
      };
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new ConcordError('busy', 'the registry is shutting down: send the request again once it is back'));
      await Promise.all(
        [...slots].map(async (slot) => {
          const job = finish(slot);
          job?.reject(new ConcordError('busy', 'the registry is shutting down: send the request again once it is back'));
          clearTimeout(slot.idle);
          slots.delete(slot);
          await slot.worker.terminate();
        }),
      );
    },
  };
}
