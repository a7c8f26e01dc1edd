import { ConcordError } from '../../contracts/index.js';
import type { ConcordErrorCode, Finding, LintProblem } from '../../contracts/index.js';

/**
 * A refusal that comes with every finding behind it: the lint problems of an invalid contract,
 * or the breaking changes of a refused publish. The HTTP layer sends them as `error.findings`.
 */
export class RefusalError extends ConcordError {
  constructor(
    code: ConcordErrorCode,
    message: string,
    readonly findings: readonly (Finding | LintProblem)[],
    /** Every reason a publish was refused (stable codes), when the refusal is a publish's; see publish-verdict.ts. */
    readonly reasons: readonly { readonly code: string; readonly message: string }[] = [],
  ) {
    super(code, message);
  }
}

export function isRefusalError(value: unknown): value is RefusalError {
  return value instanceof RefusalError;
}
