import { loadContractFile, type LoadedDocument, type LoadOptions } from '../document/load-contract.js';
import type { LintProblem } from '../findings.js';
import { lintSemantics } from './semantic-lint.js';

export interface LintResult {
  readonly file: string;
  readonly kind: LoadedDocument['kind'];
  /** Contract id and version when the document is a contract that got far enough to have them. */
  readonly contract?: string;
  readonly version?: string;
  /** True when no problem has severity `error`. */
  readonly valid: boolean;
  readonly problems: readonly LintProblem[];
}

function withPosition(problem: LintProblem, document: LoadedDocument): LintProblem {
  if (problem.line !== undefined) return problem;
  const position = document.locate(problem.path);
  return { ...problem, file: problem.file ?? document.file, ...(position ?? {}) };
}

/**
 * Lints a contract document (or a bare JSON Schema file): document structure, the record schema,
 * then metrics and features against the schema's fields. Unreadable input throws a ConcordError;
 * everything else is reported as problems with file, line and column where known.
 */
export async function lintContract(path: string, options: LoadOptions = {}): Promise<LintResult> {
  const document = await loadContractFile(path, options);
  const semantic = document.contract !== undefined ? lintSemantics(document.contract) : [];
  const problems = [...document.problems, ...semantic].map((problem) => withPosition(problem, document));
  return {
    file: document.file,
    kind: document.kind,
    ...(document.contract !== undefined
      ? { contract: document.contract.id, version: document.contract.version }
      : {}),
    valid: !problems.some((problem) => problem.severity === 'breaking'),
    problems,
  };
}
