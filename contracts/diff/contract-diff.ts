import { SemVer } from 'semver';
import { directionOf, isTransitive, judge } from '../compat-mode.js';
import type { Change, Finding } from '../findings.js';
import type { CompatibilityMode, CompatibilityPolicy, Contract, JsonSchema } from '../model.js';
import { requiredBump, type Bump } from '../semver-policy.js';
import { diffContractMeta } from './contract-meta-diff.js';
import { diffFeatures } from './feature-diff.js';
import { diffMetrics } from './metric-diff.js';
import { prepareSchema } from './prepared-schema.js';
import { diffSchemas } from './schema-diff.js';
import { sameJson } from './subtree-key.js';

export interface DiffOptions {
  /** Defaults to the newer contract's own mode, or `forward` for bare schemas. */
  readonly mode?: CompatibilityMode;
  /** Defaults to the newer contract's own policy, or `strict` for bare schemas. */
  readonly policy?: CompatibilityPolicy;
}

/** The answer to "what changed between these two versions, and whom does it break?". */
export interface DiffReport {
  readonly compatible: boolean;
  readonly mode: CompatibilityMode;
  readonly policy: CompatibilityPolicy;
  readonly requiredBump: Bump;
  readonly changes: readonly Finding[];
  readonly contract?: string;
  readonly from?: string;
  readonly to?: string;
}

/**
 * Every raw change between two contract versions: schema, metrics, features, and contract metadata.
 * Metric and feature lists that are the same JSON on both sides are not diffed: equal definitions
 * give no changes, and for frozen contracts (all loaded ones) the equality costs O(1) once their
 * subtree keys exist, which a transitive check against hundreds of versions pays per version.
 */
export function contractChanges(before: Contract, after: Contract): Change[] {
  const changes = diffSchemas(before.schema, after.schema);
  if (!sameJson(before.metrics, after.metrics)) changes.push(...diffMetrics(before.metrics, after.metrics, after.owner));
  if (!sameJson(before.features, after.features)) changes.push(...diffFeatures(before.features, after.features));
  changes.push(...diffContractMeta(before, after));
  return changes;
}

/** The changes judged under a mode and policy, as the report of one comparison. */
export function judgedReport(
  changes: readonly Change[],
  mode: CompatibilityMode,
  policy: CompatibilityPolicy,
  ids: Pick<DiffReport, 'contract' | 'from' | 'to'>,
): DiffReport {
  const findings = judge(changes, mode, policy);
  return {
    compatible: !findings.some((finding) => finding.severity === 'breaking'),
    mode,
    policy,
    requiredBump: requiredBump(findings),
    changes: findings,
    ...ids,
  };
}

/**
 * Diffs two versions of a contract and judges every change under a compatibility mode.
 * Mode and policy default to the newer version's declared compatibility.
 */
export function diffContracts(before: Contract, after: Contract, options: DiffOptions = {}): DiffReport {
  const mode = options.mode ?? after.compatibility.mode;
  const policy = options.policy ?? after.compatibility.policy;
  return judgedReport(contractChanges(before, after), mode, policy, {
    contract: after.id,
    from: before.version,
    to: after.version,
  });
}

/** Diffs two bare JSON Schemas. Mode defaults to `forward`, policy to `strict`. */
export function diffSchemaDocuments(before: JsonSchema, after: JsonSchema, options: DiffOptions = {}): DiffReport {
  return judgedReport(diffSchemas(before, after), options.mode ?? 'forward', options.policy ?? 'strict', {});
}

/** One earlier version checked against a candidate. */
export interface HistoryComparison {
  readonly version: string;
  readonly report: DiffReport;
}

export interface HistoryCheck {
  readonly compatible: boolean;
  readonly mode: CompatibilityMode;
  readonly policy: CompatibilityPolicy;
  /** The comparisons the mode asks for: the latest version only, or every version when transitive. */
  readonly comparisons: readonly HistoryComparison[];
}

/** Computes the raw changes between two versions; the registry passes a cached one keyed by content hashes. */
export type ChangeSource = (before: Contract, after: Contract) => readonly Change[];

/** Contracts oldest first, each version parsed once rather than twice per comparison of the sort. */
export function byVersion(contracts: readonly Contract[]): Contract[] {
  return contracts
    .map((contract) => ({ contract, version: new SemVer(contract.version) }))
    .sort((a, b) => a.version.compare(b.version))
    .map(({ contract }) => contract);
}

/** The contract with its schema prepared (see `prepareSchema`); the same object when it already was. */
export function withPreparedSchema(contract: Contract): Contract {
  const schema = prepareSchema(contract.schema);
  return schema === contract.schema ? contract : { ...contract, schema };
}

/**
 * Checks a candidate version against the earlier versions of its contract (in any order) under
 * the mode: non-transitive modes compare with the highest earlier version only, `_transitive`
 * modes with every earlier version. Mode `none` compares nothing. Defaults as in `diffContracts`.
 * When it is compared with more than one version, a candidate whose schema is not frozen all the
 * way down is passed to `changes` as a copy with a frozen copy of its schema, normalized once.
 */
export function checkAgainstHistory(
  given: Contract,
  history: readonly Contract[],
  options: DiffOptions & { readonly changes?: ChangeSource } = {},
): HistoryCheck {
  const mode = options.mode ?? given.compatibility.mode;
  const policy = options.policy ?? given.compatibility.policy;
  const changesOf = options.changes ?? contractChanges;
  const earlier = byVersion(history);
  const targets = directionOf(mode) === 'none' ? [] : isTransitive(mode) ? earlier : earlier.slice(-1);
  // Compared many times: normalized once (a no-op for contracts loaded through this library, which are frozen).
  const candidate = targets.length > 1 ? withPreparedSchema(given) : given;
  const comparisons = targets.map((previous) => ({
    version: previous.version,
    report: judgedReport(changesOf(previous, candidate), mode, policy, {
      contract: candidate.id,
      from: previous.version,
      to: candidate.version,
    }),
  }));
  return {
    compatible: comparisons.every((comparison) => comparison.report.compatible),
    mode,
    policy,
    comparisons,
  };
}
