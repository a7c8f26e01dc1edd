import { SEVERITY_RANK, type Contract } from '../../contracts/index.js';
import type { CheckFinding, FeedProfile, ReadIssueKind, ViolationGroup } from '../model.js';
import type { ContractRef } from './drift-finding.js';
import { resolveThresholds, type DriftThresholds } from './drift-thresholds.js';
import { detectMetricDrift } from './metric-sanity.js';
import { monotonicFields } from './monotonic-drift.js';
import { detectReadHealth } from './read-health.js';
import { detectSchemaDrift } from './schema-drift.js';
import { detectSlaDrift } from './sla-drift.js';
import { detectStatisticalDrift } from './statistical-drift.js';

export interface DetectDriftInput {
  /** The pinned contract the records are checked against. */
  readonly contract: Contract;
  /** The analyzer's profile of the analyzed records (with its observed schema). */
  readonly profile: FeedProfile;
  /** The analyzer's violation groups for the same records. */
  readonly violations: readonly ViolationGroup[];
  /** The analyzed records, for metric sanity; iterated once. Empty skips metric sanity. */
  readonly sample: Iterable<unknown>;
  /** Records read from the feed, sampled or not. */
  readonly read: number;
  /** Read issues of the run counted by kind, for read health; none when absent. */
  readonly readIssues?: Readonly<Partial<Record<ReadIssueKind, number>>>;
  /** True when the feed was read to its end, so `read` is its whole volume (volume SLA is judged only then). */
  readonly wholeFeedRead: boolean;
  /** The last stored profile of the same source; without one, statistical drift is skipped. */
  readonly baseline?: FeedProfile;
  /** The clock freshness is judged against. */
  readonly now: Date;
  /** Overrides of the contract's `sla.x-drift` thresholds and the defaults, e.g. from a job. */
  readonly thresholds?: Partial<DriftThresholds>;
  /**
   * The source's name or description, mixed into fingerprints so one contract checked on two
   * sources keeps the two sources' findings apart. Defaults to none.
   */
  readonly source?: string;
}

/**
 * Every drift finding of one run: read health (detectReadHealth), schema drift (the compatibility engine over the observed
 * schema, likely renames, the validator's violation groups), statistical drift against
 * `baseline`, SLA volume and freshness, and metric sanity. Each finding carries a rule id from
 * DRIFT_RULES, a severity, a JSON pointer, the field, a message naming the contract, version,
 * field and what to do next, and a fingerprint of rule, contract, path (and source), never of
 * counts or values. With no records analyzed, only `no-records-analysed` and SLA findings are possible. Throws ConcordError `invalid-contract`/`invalid-argument` for bad thresholds
 * and the compatibility engine's errors for schemas past its limits.
 */
export function detectDrift(input: DetectDriftInput): CheckFinding[] {
  const ref: ContractRef = { contract: input.contract.id, version: input.contract.version };
  const thresholds = resolveThresholds(input.contract, input.thresholds);
  const key = input.source !== undefined ? { key: input.source } : {};
  const read = detectReadHealth({ ref, read: input.read, analysed: input.profile.records, issues: input.readIssues ?? {}, thresholds, ...key });
  const sla = detectSlaDrift({ ref, contract: input.contract, profile: input.profile, read: input.read, wholeFeedRead: input.wholeFeedRead, now: input.now, ...key });
  // No records say nothing about fields or distributions: that the run saw none is the finding.
  if (input.profile.records === 0) return [...read, ...sla];
  const schema = detectSchemaDrift({
    ref,
    contract: input.contract,
    profile: input.profile,
    violations: input.violations,
    ...(input.baseline !== undefined ? { baseline: input.baseline } : {}),
    thresholds,
    ...key,
  });
  const statistical =
    input.baseline === undefined
      ? []
      : detectStatisticalDrift({
          ref,
          profile: input.profile,
          baseline: input.baseline,
          thresholds,
          nullReported: schema.nullReported,
          valuesReported: schema.valuesReported,
          monotonic: monotonicFields(input.contract.schema),
          ...key,
        });
  const metrics = detectMetricDrift({ ref, contract: input.contract, sample: input.sample, ...key });
  return [...read, ...schema.findings, ...statistical, ...sla, ...metrics]
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding);
}
