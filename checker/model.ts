/**
 * The checker's in-process vocabulary: what a feed source yields and what a sampler keeps.
 * Sources, analysis, drift, reports, alerts and the scheduler all speak these types and nothing
 * of each other's internals. What a check run reports crosses process boundaries, so it is
 * defined once in the shared vocabulary and re-exported here.
 */
import type { JsonSchema } from '../contracts/index.js';
import type { ReadIssue } from '../vocabulary/index.js';

export { READ_ISSUE_KINDS } from '../vocabulary/index.js';
export type {
  ApproximateFigure,
  CheckFinding,
  CheckReport,
  FeedProfile,
  FieldProfile,
  NumericProfile,
  ReadIssue,
  ReadIssueKind,
  SampleSelection,
  Verdict,
  ViolationGroup,
} from '../vocabulary/index.js';

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

