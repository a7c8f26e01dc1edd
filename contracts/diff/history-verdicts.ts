import { breaksIn, directionOf, isTransitive, ruleBreaks } from '../compat-mode.js';
import type { Change } from '../findings.js';
import type { CompatibilityMode, CompatibilityPolicy, Contract } from '../model.js';
import { ruleById } from '../rules/catalog.js';
import type { Bump } from '../semver-policy.js';
import { byVersion, contractChanges, judgedReport, withPreparedSchema } from './contract-diff.js';
import type { ChangeSource, DiffOptions, DiffReport } from './contract-diff.js';
import { diffContractMeta } from './contract-meta-diff.js';
import { diffFeatures } from './feature-diff.js';
import { diffMetrics } from './metric-diff.js';
import { streamSchemaChanges } from './schema-diff.js';
import { sameJson } from './subtree-key.js';

/**
 * A transitive check needs, per earlier version, a verdict (does anything break, which bump do
 * the changes need?), and the findings themselves only for the previous version, which the
 * answer shows, and for versions whose verdict refuses the candidate. Against 500 earlier
 * versions of a growing schema that is hundreds of thousands of findings nobody reads; a verdict
 * stops at the first breaking change and keeps nothing.
 */

/** What one comparison decides, exactly as its full report would: `compatible` and `requiredBump` agree with `judgedReport`. */
export interface Verdict {
  readonly compatible: boolean;
  readonly requiredBump: Bump;
}

/** Gives the verdict on one pair; the registry answers from diffs it has cached where it can. */
export type VerdictSource = (before: Contract, after: Contract, mode: CompatibilityMode, policy: CompatibilityPolicy) => Verdict;

/** Thrown through the engine to stop a comparison at its first breaking change. */
const DECIDED = Symbol('decided');

/** Folds changes into a verdict, one at a time; throws DECIDED at the first breaking one. */
function verdictFold(mode: CompatibilityMode, policy: CompatibilityPolicy): { take(change: Change): void; bump(): Bump } {
  const direction = directionOf(mode);
  let bump: Bump = 'none';
  return {
    take(change) {
      if (breaksIn(ruleBreaks(change.rule, policy), direction)) throw DECIDED;
      if (bump !== 'minor') bump = ruleById(change.rule).bump === 'minor' ? 'minor' : 'patch';
    },
    bump: () => bump,
  };
}

function decide(mode: CompatibilityMode, policy: CompatibilityPolicy, feed: (take: (change: Change) => void) => void): Verdict {
  const fold = verdictFold(mode, policy);
  try {
    feed((change) => fold.take(change));
  } catch (error) {
    if (error === DECIDED) return { compatible: false, requiredBump: 'major' };
    throw error;
  }
  return { compatible: true, requiredBump: fold.bump() };
}

/** The verdict of changes already computed (say read from a cache). */
export function verdictOf(changes: readonly Change[], mode: CompatibilityMode, policy: CompatibilityPolicy): Verdict {
  return decide(mode, policy, (take) => changes.forEach(take));
}

/**
 * The verdict on `before` -> `after` under a mode and policy, as `judgedReport(contractChanges(before, after), ...)`
 * would give it, computed without keeping any change and stopping at the first breaking one.
 */
export function contractVerdict(before: Contract, after: Contract, mode: CompatibilityMode, policy: CompatibilityPolicy): Verdict {
  return decide(mode, policy, (take) => {
    streamSchemaChanges(before.schema, after.schema, take);
    if (!sameJson(before.metrics, after.metrics)) diffMetrics(before.metrics, after.metrics, after.owner).forEach(take);
    if (!sameJson(before.features, after.features)) diffFeatures(before.features, after.features).forEach(take);
    diffContractMeta(before, after).forEach(take);
  });
}

/** One earlier version's verdict, with its full report on demand. */
export interface HistoryVerdict {
  readonly version: string;
  readonly verdict: Verdict;
  /** The comparison in full (every finding), computed on the first call; the previous version's is computed up front. */
  report(): DiffReport;
}

export interface HistoryVerdicts {
  readonly compatible: boolean;
  readonly mode: CompatibilityMode;
  readonly policy: CompatibilityPolicy;
  /** The versions the mode compares with, oldest first: the latest only, or every one when transitive. */
  readonly verdicts: readonly HistoryVerdict[];
}

/**
 * `checkAgainstHistory`, answering with a verdict per earlier version: the latest earlier version
 * is compared in full (through `changes`, default `contractChanges`), older ones only as far as
 * their verdict needs (through `verdicts`, default `contractVerdict`), and their full reports
 * are computed only when asked for. Every verdict and report equals what `checkAgainstHistory`
 * gives for the same version.
 */
export function checkHistoryVerdicts(
  given: Contract,
  history: readonly Contract[],
  options: DiffOptions & { readonly changes?: ChangeSource; readonly verdicts?: VerdictSource } = {},
): HistoryVerdicts {
  const mode = options.mode ?? given.compatibility.mode;
  const policy = options.policy ?? given.compatibility.policy;
  const changesOf = options.changes ?? contractChanges;
  const verdictFor = options.verdicts ?? contractVerdict;
  const earlier = byVersion(history);
  const targets = directionOf(mode) === 'none' ? [] : isTransitive(mode) ? earlier : earlier.slice(-1);
  const candidate = targets.length > 1 ? withPreparedSchema(given) : given;
  const latest = targets.at(-1);
  const verdicts = targets.map((previous): HistoryVerdict => {
    let full: DiffReport | undefined;
    const report = (): DiffReport => (full ??= judgedReport(changesOf(previous, candidate), mode, policy, { contract: candidate.contract, from: previous.version, to: candidate.version }));
    if (previous === latest) {
      const { compatible, requiredBump } = report();
      return { version: previous.version, verdict: { compatible, requiredBump }, report };
    }
    return { version: previous.version, verdict: verdictFor(previous, candidate, mode, policy), report };
  });
  return { compatible: verdicts.every((entry) => entry.verdict.compatible), mode, policy, verdicts };
}
