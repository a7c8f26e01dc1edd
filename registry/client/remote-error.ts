import { ConcordError, HTTP_STATUS_BY_ERROR } from '../../contracts/index.js';
import type { ConcordErrorCode, RemoteErrorDetail, Finding, LintProblem } from '../../contracts/index.js';

/** How the client reports a request that got no answer: the registry's output could not be read. */
const NO_ANSWER_CODE: ConcordErrorCode = 'unreadable-input';

/** Our code for a status when the registry's own code is not one of ours (e.g. `breaking-change`). */
const CODE_BY_STATUS: Readonly<Record<number, ConcordErrorCode>> = Object.freeze({
  400: 'invalid-argument',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  422: 'invalid-contract',
});

function isOurCode(code: string): code is ConcordErrorCode {
  return Object.hasOwn(HTTP_STATUS_BY_ERROR, code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a request was, for messages: `POST /api/contracts`. */
export interface RequestLabel {
  readonly method: string;
  readonly url: string;
}

/**
 * Turns a registry error answer into a ConcordError: the registry's message as is, our code for
 * it (the registry's own when it is one of ours, else one chosen by status), where in the body
 * the problem is when the registry said, and the registry's status, code, findings and reasons under
 * `detail.remote`. A body that is not the registry's error shape
 * (a proxy's page, say) still becomes an error naming the status.
 */
export function errorFromAnswer(status: number, body: unknown, request: RequestLabel): ConcordError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const remoteCode = typeof error?.code === 'string' ? error.code : `http-${status}`;
  const code = isOurCode(remoteCode) ? remoteCode : (CODE_BY_STATUS[status] ?? 'internal');
  const message =
    typeof error?.message === 'string' && error.message !== ''
      ? error.message
      : `the registry answered ${request.method} ${request.url} with HTTP ${status} and no error message: check that the URL points at a Concord registry`;
  const findings = Array.isArray(error?.findings) ? (error.findings as readonly (Finding | LintProblem)[]) : undefined;
  const reasons = Array.isArray(error?.reasons)
    ? error.reasons.filter((reason): reason is { code: string; message: string } => isRecord(reason) && typeof reason.code === 'string' && typeof reason.message === 'string')
    : undefined;
  const remote: RemoteErrorDetail = {
    status,
    code: remoteCode,
    ...(findings !== undefined ? { findings } : {}),
    ...(reasons !== undefined && reasons.length > 0 ? { reasons: reasons.map(({ code: each, message: text }) => ({ code: each, message: text })) } : {}),
  };
  const pointer = typeof error?.pointer === 'string' ? { pointer: error.pointer } : {};
  const line = typeof error?.line === 'number' ? { line: error.line } : {};
  const column = typeof error?.column === 'number' ? { column: error.column } : {};
  return new ConcordError(code, message, { ...pointer, ...line, ...column, remote });
}

/** A request that got no answer in time. */
export function timeoutError(request: RequestLabel, timeoutMs: number): ConcordError {
  return new ConcordError(
    NO_ANSWER_CODE,
    `the registry did not answer ${request.method} ${request.url} within ${timeoutMs} ms: check that it is up, or allow more time`,
    { remote: { code: 'timeout' } },
  );
}

/** A request that could not be sent or whose answer broke off. */
export function unreachableError(request: RequestLabel, cause: unknown): ConcordError {
  const reason = describeCause(cause);
  return new ConcordError(
    NO_ANSWER_CODE,
    `cannot reach the registry for ${request.method} ${request.url}${reason === '' ? '' : ` (${reason})`}: check the registry URL (--url or CONCORD_URL) and that the server is running`,
    { remote: { code: 'unreachable' } },
    { cause },
  );
}

/** fetch wraps the socket error in a TypeError whose `cause` says what happened (ECONNREFUSED, bad port, ...). */
function describeCause(cause: unknown): string {
  const inner = isRecord(cause) && 'cause' in cause ? cause.cause : undefined;
  for (const candidate of [inner, cause]) {
    if (isRecord(candidate) && typeof candidate.code === 'string') return candidate.code;
  }
  for (const candidate of [inner, cause]) {
    if (candidate instanceof Error && candidate.message !== '') return candidate.message;
  }
  return '';
}

/** Whether a failed answer is worth one more try for a request that may safely be repeated. */
export function isTransientStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}
