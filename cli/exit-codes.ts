import type { Writable } from 'node:stream';
import { isReaderGone } from '../checker/index.js';

/*
 * The one exit-code table of `concord`. Every command's help ends with EXIT_CODES_HELP, the README
 * repeats it, and errors become codes through EXIT_CODE_BY_ERROR (contracts/errors.ts).
 */

export const EXIT_OK = 0;
/** Refused by policy: findings (lint errors, breaking changes), a conflict, or a permission refusal. */
export const EXIT_REFUSED = 1;
/** Could not run: bad input or arguments, nothing found, no or an unknown token, unreachable. */
export const EXIT_COULD_NOT_RUN = 2;
/** A fault the program did not expect. */
export const EXIT_INTERNAL = 3;
/**
 * The reader of stdout went away (`concord ... | head -1`): 128 + SIGPIPE (13), what a shell
 * reports for a C filter the same pipe killed, so `set -o pipefail` scripts and PIPESTATUS see
 * concord like cat or grep. Node ignores SIGPIPE, hence the explicit code.
 */
export const EXIT_OUTPUT_CLOSED = 128 + 13;

export const EXIT_CODES_HELP = `
Exit codes of every concord command:
  0    done (valid, compatible, accepted, listed)
  1    refused by policy: lint errors or breaking changes found, a conflict, or the
       registry refused the operation (ownership, role or namespace)
  2    could not run: bad input or arguments, no such contract, version or consumer,
       no token or an unknown one, registry unreachable
  3    unexpected internal failure
  141  stdout was closed by its reader (e.g. | head): output stops, nothing is printed`;

/**
 * Makes `stream` (stdout) end the program quietly with {@link EXIT_OUTPUT_CLOSED} once its reader
 * has gone, instead of an unhandled EPIPE with a stack trace. Other write errors are reported
 * through `fail`. Returns whether the reader has gone, for the caller's final exit code.
 */
export function watchOutputClosed(stream: Writable, fail: (error: Error) => void): () => boolean {
  let closed = false;
  stream.on('error', (error: Error) => {
    if (isReaderGone(error)) {
      closed = true;
      process.exitCode = EXIT_OUTPUT_CLOSED;
      return;
    }
    fail(error);
  });
  return () => closed;
}
