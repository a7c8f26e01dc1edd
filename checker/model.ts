/**
 * The checker's shared vocabulary: what a feed source yields, what a sampler keeps, and what a
 * check run reports. Sources, analysis, drift, reports, alerts and the scheduler all speak these
 * types and nothing of each other's internals.
 */
import type { JsonSchema, Severity } from '../contracts/index.js';

/**
 * Kinds of read issue. `malformed`: a record that is not the format (not JSON, a CSV row with the
 * wrong cells); `oversized`: longer than the line limit; `decode`: not UTF-8 (or a file of unknown
 * format); `truncated`: the input stopped being readable before its end, and the rest was
 * skipped; `retry`: a request that was retried (nothing was lost).
 */
export const READ_ISSUE_KINDS = ['malformed', 'oversized', 'decode', 'truncated', 'retry'] as const;

export type ReadIssueKind = (typeof READ_ISSUE_KINDS)[number];

/** A problem met while reading a feed that does not stop the run: it is counted and reported. */
export interface ReadIssue {
  readonly kind: ReadIssueKind;
  /** Where in the feed: `orders-2026-11-01.jsonl:17`, `GET https://host/api?page=3`, `nats orders.created #1042`. */
  readonly location: string;
  readonly message: string;
}

/** The order a source reads in, when it chooses one: `by: 'id'`; `stable: false` when nothing fixes it (a table without a key). */
export interface ReadOrder {
  readonly by?: string;
  readonly stable: boolean;
}

/** How far a read has got; sources call it now and then so a terminal can show a progress line. */
export interface ReadProgress {
  readonly records: number;
  readonly bytes?: number;
}

export interface OpenOptions {
  /** Aborted when the sampler is full, the run times out or the process shuts down; a source stops reading promptly. */
  readonly signal?: AbortSignal;
  /**
   * The most records the run will use, when the sampler knows it (head N): sources push it down
   * (`LIMIT` in SQL, fewer pages over HTTP). Undefined means the whole feed is wanted.
   */
  readonly limit?: number;
  /** The contract's record schema: CSV sources type their columns by it. */
  readonly schema?: JsonSchema;
  readonly onIssue?: (issue: ReadIssue) => void;
  /** Told once per read by sources that choose an order (SQL); a source that never calls it yields records in feed order. */
  readonly onOrder?: (order: ReadOrder) => void;
  readonly onProgress?: (progress: ReadProgress) => void;
}

/**
 * One upstream feed. `open` streams parsed records (JSON values) without holding the feed in
 * memory; every call starts a fresh read. Faults that stop the read (unreachable host, missing
 * file, bad credentials) are thrown as ConcordError with code `source-unavailable` or
 * `invalid-argument` (a bad source spec); they never leak secrets (tokens, passwords) into messages.
 */
export interface FeedSource {
  /** A human name for reports and logs with secrets removed: `file orders/*.jsonl.gz`, `http https://api.example.com/orders`. */
  readonly description: string;
  /** What reading all of it is called in reports (`whole table`); default `whole feed`. */
  readonly whole?: string;
  open(options?: OpenOptions): AsyncIterable<unknown>;
}

/** Keeps the records a run analyzes. */
export interface Sampler {
  /** Records the run will analyze at most, when known up front (pushed into sources as `limit`). */
  readonly limit?: number;
  /** Offers one record read from the feed; returns false once the sampler wants no more (reading stops). */
  offer(record: unknown): boolean;
  /** The records kept, in the order the analysis should see them. */
  kept(): readonly unknown[] | Iterable<unknown>;
  /** Records offered so far (the whole feed for reservoir and time-window samplers). */
  readonly seen: number;
}

/**
 * Which records a run analyzed, so two runs can be compared: `kind` and, in words, `text`
 * (`first 10000 by id`, `random 10000 of 2000000 read by id, seed 1`, `whole table`).
 * `stable` is false when the read order is not fixed (an SQL source without a primary key or
 * `orderBy`), so the same data may give another sample.
 */
export interface SampleSelection {
  readonly kind: 'first' | 'random' | 'window' | 'whole';
  readonly text: string;
  /** The columns the source read by (SQL), as `id` or `created_at desc, id`. */
  readonly orderBy?: string;
  readonly stable: boolean;
}

export type Verdict = 'pass' | 'warn' | 'breaking';

/**
 * Every violation and drift item is a finding: data, not an exception. `fingerprint` is stable
 * across runs for the same rule, contract, source and path (it never contains counts or values),
 * so alerts can tell a new problem from one already reported.
 */
export interface CheckFinding {
  readonly rule: string;
  readonly severity: Severity;
  /** JSON pointer into the record schema (`/properties/customer_id`) or into the record (`/items/0/sku`). */
  readonly path: string;
  /** The record field, dotted (`customer.id`, `items[].sku`), when there is one. */
  readonly field?: string;
  readonly message: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly fingerprint: string;
}

/**
 * Records failing one schema keyword at one field path, grouped: the evidence behind the drift
 * findings (which say each fact once, per field and cause), not findings of their own.
 */
export interface ViolationGroup extends CheckFinding {
  readonly keyword: string;
  readonly count: number;
  /** count / records analyzed. */
  readonly rate: number;
  /** Up to MAX_EXAMPLES_PER_VIOLATION offending values; values of `pii` fields are replaced by `"[redacted]"`. */
  readonly examples: readonly unknown[];
  /** For `enum`/`const`: each failing value (null included) with how often it occurred, most frequent first, at most MAX_COUNTED_VALUES. */
  readonly values?: readonly { readonly value: unknown; readonly count: number }[];
  /** Occurrences of failing values past the MAX_COUNTED_VALUES distinct ones listed. */
  readonly otherValues?: number;
}

/** A profile figure that may be an estimate. */
export type ApproximateFigure = 'distinct' | 'quantiles';

export interface NumericProfile {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Approximate quantiles keyed `p01`, `p25`, `p50`, `p75`, `p99`. */
  readonly quantiles: Readonly<Record<string, number>>;
}

/** What was observed for one field path across the analyzed records. */
export interface FieldProfile {
  /** Dotted field path as in `Change.field` (`customer.id`, `items[].sku`). */
  readonly field: string;
  /** Whether the contract's schema declares this field. */
  readonly declared: boolean;
  readonly present: number;
  readonly presenceRate: number;
  readonly nulls: number;
  readonly nullRate: number;
  /** Count per observed JSON type: `string`, `integer`, `number`, `boolean`, `object`, `array`, `null`. */
  readonly types: Readonly<Record<string, number>>;
  /** Approximate distinct count from a bounded sketch (see `approximate`). */
  readonly distinct: number;
  /**
   * Which figures of this field are estimates, so reports can mark them (`≈` in text): `distinct`
   * (a HyperLogLog sketch, about 1.6% standard error) and `quantiles` (from a seeded sample of the
   * values, when there were more than it holds). Absent when every figure is exact.
   */
  readonly approximate?: readonly ApproximateFigure[];
  readonly numeric?: NumericProfile;
  readonly stringLength?: { readonly min: number; readonly max: number };
  /** Per format the values were tested against: how many matched of how many tested. */
  readonly formats?: Readonly<Record<string, { readonly tested: number; readonly matched: number }>>;
  /** Most frequent values (strings, numbers, booleans) with counts; empty for pii fields. */
  readonly top?: readonly { readonly value: unknown; readonly count: number }[];
}

export interface FeedProfile {
  readonly records: number;
  readonly fields: readonly FieldProfile[];
  /** The schema the analyzed records actually satisfy, derived from the profile. */
  readonly observedSchema: JsonSchema;
  /** Newest value of the SLA freshness field seen, ISO 8601, when the contract has one. */
  readonly newest?: string;
}

/** The result of one check run; this is also the JSON report and the body stored as run history. */
export interface CheckReport {
  readonly verdict: Verdict;
  readonly contract: string;
  readonly version: string;
  /**
   * The version a contract change describing this feed would be published as: the next breaking
   * step not yet in the registry (`3.0.0` when 2.0.0 exists). Set when the contract came from the
   * registry; reports without it assume the obvious next major.
   */
  readonly nextVersion?: string;
  /** Source description (no secrets) and, when it came from the contract's `sources`, its name. */
  readonly source: string;
  readonly sourceName?: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** Records read from the feed and records analyzed. */
  readonly read: number;
  readonly sampled: number;
  readonly sampler: string;
  readonly selection: SampleSelection;
  /** Every read issue counted, by kind, and the first MAX_READ_ISSUE_EXAMPLES of them. */
  readonly readIssues: { readonly count: number; readonly byKind?: Readonly<Partial<Record<ReadIssueKind, number>>>; readonly examples: readonly ReadIssue[] };
  readonly violations: readonly ViolationGroup[];
  readonly drift: readonly CheckFinding[];
  readonly profile: FeedProfile;
}
