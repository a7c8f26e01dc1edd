import type { Writable } from 'node:stream';

/** Which of a gate run's two writables failed first, and with what error. */
export interface WritableFailure {
  readonly stream: 'output' | 'dead-letter';
  readonly error: NodeJS.ErrnoException;
}

/** The first failure of a gate run's writables, as a value to check and a signal to stop waits with. */
export interface FailureWatch {
  /** Aborts on the first failure. A signal rather than a promise, because listeners on a signal can be removed after each wait, so a run of any length does not pile them up. */
  readonly signal: AbortSignal;
  /** The first failure so far, or undefined while both writables are healthy. */
  current(): WritableFailure | undefined;
  /** Removes the 'error' listeners, leaving the writables as the caller handed them over. */
  dispose(): void;
}

/**
 * Listens for 'error' on `output` and `deadLetter` for the length of one gate run. Without a
 * listener a write error (EPIPE once the reader of stdout has gone, ENOSPC or EIO under the
 * dead-letter file) is an unhandled 'error' event that kills the process with a stack trace; with
 * one, the run can stop between batches, where every line it wrote is complete. A writable that
 * already failed before the run counts at once, since its 'error' event has come and gone.
 */
export function watchWritables(output: Writable, deadLetter: Writable): FailureWatch {
  const controller = new AbortController();
  let first: WritableFailure | undefined;
  const fail = (failure: WritableFailure): void => {
    if (first !== undefined) return;
    first = failure;
    controller.abort(failure.error);
  };
  const onOutputError = (error: Error): void => fail({ stream: 'output', error });
  const onDeadLetterError = (error: Error): void => fail({ stream: 'dead-letter', error });
  if (output.errored !== null) onOutputError(output.errored);
  else if (deadLetter.errored !== null) onDeadLetterError(deadLetter.errored);
  output.on('error', onOutputError);
  deadLetter.on('error', onDeadLetterError);
  return {
    signal: controller.signal,
    current: () => first,
    dispose: () => {
      output.off('error', onOutputError);
      deadLetter.off('error', onDeadLetterError);
    },
  };
}

/** Settles like `promise`, or with `stopped` once `signal` aborts, whichever comes first; the abort listener goes away either way. */
async function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | 'stopped'> {
  let onAbort = (): void => undefined;
  const stopped = new Promise<'stopped'>((resolve) => {
    onAbort = () => resolve('stopped');
    if (signal.aborted) resolve('stopped');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, stopped]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Yields what `source` yields until `signal` aborts. A writable that fails while the input is
 * quiet (the dead-letter disk fails while stdin waits on a slow producer) then ends the run at
 * once, not at the next input chunk. A read still in flight at that moment cannot be cancelled
 * from here (an async iterator queues `return()` behind it), so it is left to the owner of the
 * input to destroy it; a run stopped between reads closes `source` as `for await` would.
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let reading = false;
  try {
    for (;;) {
      reading = true;
      const next = await unlessAborted(iterator.next(), signal);
      if (next === 'stopped') return;
      reading = false;
      if (next.done === true) return;
      yield next.value;
    }
  } finally {
    if (!reading) await iterator.return?.();
  }
}
