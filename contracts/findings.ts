/**
 * Findings are data: every compatibility change, lint problem and drift item is one of these,
 * with a stable kebab-case rule id from the catalog and a JSON pointer.
 */
export type Severity = 'breaking' | 'warning' | 'info';

/** Direction(s) in which a change can break readers or writers. See contracts/compat-mode.ts. */
export type Breaks = 'backward' | 'forward' | 'both' | 'none';

/**
 * A change between two versions as the diff engines see it, before a mode decides its severity.
 * `path` is a JSON pointer: into the record schema for schema changes (e.g.
 * `/properties/customer_id`), `/metrics/<name>/<key>` and `/features/<name>/<key>` for semantic
 * definitions, `/<key>` for top-level contract fields.
 */
export interface Change {
  readonly rule: string;
  readonly path: string;
  /** The record field the change is about, as a dotted path (`customer.id`, `items[].sku`), when there is one. */
  readonly field?: string;
  readonly message: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** A change judged under a compatibility mode and policy. */
export interface Finding extends Change {
  readonly severity: Severity;
}

/** A lint problem in one contract document. */
export interface LintProblem {
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  /** JSON pointer into the contract document. */
  readonly path: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}
