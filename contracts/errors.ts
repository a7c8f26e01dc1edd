import type { Finding, LintProblem } from './findings.js';

/**
 * The one exception type of Concord. Findings (compatibility changes, lint problems, drift) are
 * values, never exceptions; a ConcordError is a fault that stops an operation.
 */
export type ConcordErrorCode =
  | 'unreadable-input' // a file or body could not be read or parsed (YAML/JSON syntax)
  | 'invalid-contract' // the document parsed but does not satisfy the contract meta-schema
  | 'invalid-schema' // the record schema is not a usable JSON Schema
  | 'ref-forbidden' // a $ref points outside the contract's folder, to the network, or to an unknown scheme
  | 'ref-unresolved' // a $ref target does not exist
  | 'too-large' // a size, depth or count limit was exceeded
  | 'too-complex' // a document needs more work (time, memory, branches, nodes) than one request may take
  | 'invalid-expression' // a metric expression or filter does not parse
  | 'unknown-field' // a declared field path names no field of the record schema it is checked against
  | 'invalid-argument' // a caller passed a bad option (mode, policy, version)
  | 'not-found'
  | 'conflict'
  | 'breaking-change' // a new version breaks its contract's compatibility mode without the bump semver asks for
  | 'unauthorized'
  | 'forbidden'
  | 'source-unavailable' // a feed (file, HTTP API, database, stream) could not be opened or read
  | 'storage-full' // the registry's database (or its disk) is full: nothing was stored
  | 'busy' // the service has more work queued than it takes on; try again shortly
  | 'internal';

/** An error that crossed a process boundary: what the other side (e.g. the registry over HTTP) said. */
export interface RemoteErrorDetail {
  /** The HTTP status, when an answer arrived. */
  readonly status?: number;
  /** The other side's own code, which may be finer than ours (e.g. `breaking-change`), or `unreachable` / `timeout`. */
  readonly code: string;
  /** Every finding the other side gave for the error, e.g. the breaking changes behind a refused publish. */
  readonly findings?: readonly (Finding | LintProblem)[];
  /** Every reason the other side refused for, first the one the code and message tell (a refused publish). */
  readonly reasons?: readonly { readonly code: string; readonly message: string }[];
}

export interface ConcordErrorDetail {
  /** File the problem is in, when known. */
  readonly file?: string;
  /** JSON pointer into the document, when known. */
  readonly pointer?: string;
  /** 1-based line and column, when known. */
  readonly line?: number;
  readonly column?: number;
  /** Set when the error was reported by another process. */
  readonly remote?: RemoteErrorDetail;
}

export class ConcordError extends Error {
  override readonly name = 'ConcordError';
  constructor(
    readonly code: ConcordErrorCode,
    message: string,
    readonly detail: ConcordErrorDetail = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isConcordError(value: unknown): value is ConcordError {
  return value instanceof ConcordError;
}

/**
 * The one place an error code becomes a CLI exit code: 1 means "refused by policy" (a breaking
 * change, a conflict, a permission refusal), 2 "could not run" (bad input or arguments, nothing
 * found, no or an unknown token, unreachable). A missing or unknown token is 2, not 1: the
 * registry has not judged the request, the caller has to fix how it calls.
 */
export const EXIT_CODE_BY_ERROR: Readonly<Record<ConcordErrorCode, number>> = Object.freeze({
  'unreadable-input': 2,
  'invalid-contract': 2,
  'invalid-schema': 2,
  'ref-forbidden': 2,
  'ref-unresolved': 2,
  'too-large': 2,
  'too-complex': 2,
  'invalid-expression': 2,
  'unknown-field': 2,
  'invalid-argument': 2,
  'not-found': 2,
  conflict: 1,
  // Like `concord diff`: 1 means "ran, and found breaking changes".
  'breaking-change': 1,
  unauthorized: 2,
  forbidden: 1,
  'source-unavailable': 2,
  // Could not run: the input was fine, the registry had no room to store it.
  'storage-full': 2,
  // Like an unreachable registry: the same command may succeed in a moment.
  busy: 2,
  internal: 3,
});

/** The one place an error code becomes an HTTP status. */
export const HTTP_STATUS_BY_ERROR: Readonly<Record<ConcordErrorCode, number>> = Object.freeze({
  'unreadable-input': 400,
  'invalid-contract': 422,
  'invalid-schema': 422,
  'ref-forbidden': 422,
  'ref-unresolved': 422,
  'too-large': 413,
  'too-complex': 422,
  'invalid-expression': 422,
  'unknown-field': 422,
  'invalid-argument': 400,
  'not-found': 404,
  conflict: 409,
  'breaking-change': 409,
  unauthorized: 401,
  forbidden: 403,
  // The registry itself is fine; a feed it was asked about is not.
  'source-unavailable': 502,
  // 507 Insufficient Storage: the request was fine and may be sent again once space is freed.
  'storage-full': 507,
  busy: 503,
  internal: 500,
});

/** Formats "file:line:column pointer" for messages, leaving out what is unknown. */
export function describeLocation(detail: ConcordErrorDetail): string {
  const parts: string[] = [];
  if (detail.file !== undefined) {
    let where = detail.file;
    if (detail.line !== undefined) where += `:${detail.line}`;
    if (detail.line !== undefined && detail.column !== undefined) where += `:${detail.column}`;
    parts.push(where);
  }
  if (detail.pointer !== undefined && detail.pointer !== '') parts.push(`at ${detail.pointer}`);
  return parts.join(' ');
}
