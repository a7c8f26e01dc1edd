import { ConcordError, type ConcordErrorCode } from '../errors.js';

/**
 * A ConcordError for an expression that cannot be read. `{column}` in the message becomes
 * "column N", the 1-based column of `offset` in the expression text, which the detail carries too.
 * The code defaults to `invalid-expression`.
 */
export function expressionError(
  message: string,
  offset: number,
  code: Extract<ConcordErrorCode, 'invalid-expression' | 'too-large'> = 'invalid-expression',
): ConcordError {
  const column = offset + 1;
  return new ConcordError(code, message.replace('{column}', `column ${column}`), { column });
}
