import { ConcordError, isConcordError, applyRuleOverrides, utcDay, type RuleOverrides } from '../contracts/index.js';
import { createAnalyzer, type Analysis, type ValidatorCache } from './analysis/index.js';
import type { TransitionAlerts } from './alerts/transition-alerts.js';
import type { BaselineStore } from './baseline/baseline-store.js';
import { baselineSourceKey } from './baseline/baseline-store.js';
import { detectDrift, verdictOf, type DriftThresholds } from './drift/index.js';
import type { CheckReport, FeedSource, ReadIssue, ReadIssueKind, ReadOrder, ReadProgress } from './model.js';
import type { CheckedContract } from './resolve-contract.js';
import { createSampler, type SamplerOptions } from './sampling/create-sampler.js';
import { checkSampleSize, DEFAULT_SAMPLE_SEED, DEFAULT_SAMPLE_SIZE } from './sampling/sample-size.js';
import { recordRun } from './record-run.js';
import { nextFreeVersion } from './reports/report-findings.js';
import { describeSelection } from './sampling/sample-selection.js';

/**
 * Read issues kept as examples in a report; the rest are only counted. A feed with a broken
 * producer can have a malformed line in every record, and the report must stay small.
 */
export const MAX_READ_ISSUE_EXAMPLES = 20;

export interface RunCheckOptions {
  readonly contract: CheckedContract;
  readonly source: FeedSource;
  /** The source's name when it came from the contract's `sources`. */
  readonly sourceName?: string;
  /** Which records to analyze; default head DEFAULT_SAMPLE_SIZE. */
  readonly sampler?: SamplerOptions;
  /** Where the baseline is read from (the source's last passing or accepted run) and this run recorded; none skips statistical drift and history. */
  readonly baselineStore?: BaselineStore;
  /** Told about the run's transition from the previous recorded run before it is recorded; none alerts nobody. Needs `baselineStore`. */
  readonly alerts?: TransitionAlerts;
  /** Compiled validators to reuse across runs (a scheduler's); default a cache of the run's own. */
  readonly validators?: ValidatorCache;
  /** `.concord/rules.yaml` overrides: severities and accepted findings; default none. */
  readonly overrides?: RuleOverrides;
  /** Drift threshold overrides (a job's); default the contract's and the built-in ones. */
  readonly thresholds?: Partial<DriftThresholds>;
  /** Clock for `startedAt`, duration and freshness; default `() => new Date()`. */
  readonly now?: () => Date;
  /** Stops the read; the run then fails with `source-unavailable`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReadProgress) => void;
}

/** What the read produced, whichever sampler chose the records. */
interface ReadOutcome {
  readonly read: number;
  readonly sampled: number;
  /** The records analyzed, kept only when metric sanity needs them. */
  readonly sample: readonly unknown[];
  readonly wholeFeedRead: boolean;
  /** The order the source read in, when it chose one. */
  readonly order?: ReadOrder;
  readonly analysis: Analysis;
}

function describeSampler(options: SamplerOptions): string {
  const kind = options.kind ?? 'head';
  const size = options.size ?? DEFAULT_SAMPLE_SIZE;
  if (kind === 'head') return `head ${size}`;
  const seed = `seed ${options.seed ?? DEFAULT_SAMPLE_SEED}`;
  if (kind === 'window') return `window ${options.field ?? '?'} [${String(options.from)}, ${String(options.to)}) max ${size}, ${seed}`;
  return `${kind} ${size}, ${seed}`;
}

/** A fault while reading becomes `source-unavailable` naming the source; our own errors keep their code. */
function sourceFault(source: FeedSource, error: unknown, signal: AbortSignal | undefined): ConcordError {
  if (signal?.aborted === true && isConcordError(signal.reason)) return signal.reason;
  if (isConcordError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ConcordError('source-unavailable', `cannot read ${source.description}: ${reason}`, {}, { cause: error });
}

/**
 * One check run: opens `source` (with the sampler's limit and the contract's schema), offers
 * records to the sampler and stops reading once it is full, validates and profiles the kept
 * records, detects drift against the contract and the baseline of the same source (its last
 * passing or accepted run: a breaking run never becomes it),
 * decides the verdict, alerts on its transition (`alerts`) and records the run in `baselineStore`
 * (see recordRun). A head sampler's records are
 * analyzed as they stream (one pass, no second buffer). Read issues (malformed lines, retries)
 * are counted by kind with up to MAX_READ_ISSUE_EXAMPLES examples and never stop the run, but
 * they are part of its verdict (read health: `feed-unreadable`, `feed-truncated`,
 * `no-records-analysed`); a fault that stops the read is a ConcordError `source-unavailable` (or
 * the source's own code, `unreadable-input` for input that is not its format at all).
 */
export async function runCheck(options: RunCheckOptions): Promise<CheckReport> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const samplerOptions = options.sampler ?? {};
  const { contract } = options.contract;
  const issues: ReadIssue[] = [];
  let issueCount = 0;
  const byKind: Partial<Record<ReadIssueKind, number>> = {};
  const onIssue = (issue: ReadIssue): void => {
    issueCount += 1;
    byKind[issue.kind] = (byKind[issue.kind] ?? 0) + 1;
    if (issues.length < MAX_READ_ISSUE_EXAMPLES) issues.push(issue);
  };
  const outcome = await read(options, samplerOptions, onIssue);
  const { violations, profile } = outcome.analysis;
  const baseline = options.baselineStore === undefined ? undefined : await options.baselineStore.baseline(contract.id, baselineSourceKey({ source: options.source.description, ...(options.sourceName !== undefined ? { sourceName: options.sourceName } : {}) }));
  const finished = now();
  const drift = detectDrift({
    contract,
    profile,
    violations,
    sample: outcome.sample,
    read: outcome.read,
    readIssues: byKind,
    wholeFeedRead: outcome.wholeFeedRead,
    ...(baseline !== undefined ? { baseline: baseline.profile } : {}),
    now: finished,
    ...(options.thresholds !== undefined ? { thresholds: options.thresholds } : {}),
    source: options.sourceName ?? options.source.description,
  });
  const overridden = applyRuleOverrides(drift, options.overrides, utcDay(finished)).findings;
  const report: CheckReport = {
    // The findings say every fact once (violation groups are their evidence), so they alone decide.
    verdict: verdictOf(overridden),
    contract: contract.id,
    version: contract.version,
    ...(options.contract.publishedVersions !== undefined ? { nextVersion: nextFreeVersion(contract.version, options.contract.publishedVersions) } : {}),
    source: options.source.description,
    ...(options.sourceName !== undefined ? { sourceName: options.sourceName } : {}),
    startedAt: started.toISOString(),
    durationMs: Math.max(0, finished.getTime() - started.getTime()),
    read: outcome.read,
    sampled: outcome.sampled,
    sampler: describeSampler(samplerOptions),
    selection: describeSelection(samplerOptions, {
      read: outcome.read,
      sampled: outcome.sampled,
      wholeFeedRead: outcome.wholeFeedRead,
      ...(outcome.order !== undefined ? { order: outcome.order } : {}),
      ...(options.source.whole !== undefined ? { whole: options.source.whole } : {}),
    }),
    readIssues: { count: issueCount, byKind, examples: issues },
    violations,
    drift: overridden,
    profile,
  };
  await recordRun(report, { ...(options.baselineStore === undefined ? {} : { baselines: options.baselineStore }), ...(options.alerts === undefined ? {} : { alerts: options.alerts }) });
  return report;
}

async function read(options: RunCheckOptions, samplerOptions: SamplerOptions, onIssue: (issue: ReadIssue) => void): Promise<ReadOutcome> {
  const { contract } = options.contract;
  const analyzer = createAnalyzer({ contract, ...(options.validators !== undefined ? { validators: options.validators } : {}) });
  // Metric sanity evaluates expressions over the analyzed records; without metrics nothing is kept.
  const keep = contract.metrics.length > 0;
  const sample: unknown[] = [];
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const head = (samplerOptions.kind ?? 'head') === 'head';
  const size = samplerOptions.size ?? DEFAULT_SAMPLE_SIZE;
  // Built before the read so a bad kind, size or window fails before anything is opened.
  const sampler = head ? undefined : createSampler(samplerOptions);
  if (head) checkSampleSize(size);
  const limit = head ? size : sampler?.limit;
  let read = 0;
  let sampled = 0;
  let wholeFeedRead = true;
  let order: ReadOrder | undefined;
  try {
    const records = options.source.open({
      signal,
      ...(limit !== undefined ? { limit } : {}),
      schema: contract.schema,
      onIssue,
      onOrder: (told) => {
        order = told;
      },
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    });
    for await (const record of records) {
      read += 1;
      if (sampler === undefined) {
        analyzer.add(record);
        if (keep) sample.push(record);
        sampled += 1;
        if (sampled >= size) {
          wholeFeedRead = false;
          break;
        }
      } else if (!sampler.offer(record)) {
        wholeFeedRead = false;
        break;
      }
    }
  } catch (error) {
    throw sourceFault(options.source, error, options.signal);
  } finally {
    stop.abort();
  }
  if (options.signal?.aborted === true) throw sourceFault(options.source, options.signal.reason, options.signal);
  if (sampler !== undefined) {
    for (const record of sampler.kept()) {
      analyzer.add(record);
      if (keep) sample.push(record);
      sampled += 1;
    }
  }
  return { read, sampled, sample, wholeFeedRead, ...(order !== undefined ? { order } : {}), analysis: analyzer.finish() };
}
