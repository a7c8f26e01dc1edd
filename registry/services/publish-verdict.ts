import { judge } from '../../contracts/index.js';
import type { ConcordErrorCode, ChangeSource, VerdictSource, Finding, LintProblem, Contract, Person, RuleOverrides } from '../../contracts/index.js';
import { namespaceProblem, ownerProblem, roleProblem } from '../auth/permissions.js';
import type { Pin } from '../storage/consumer-store.js';
import type { ContractSummary } from '../storage/contract-records.js';
import type { Principal } from '../storage/principal-store.js';
import { evaluateCandidate } from './evaluate.js';
import type { Evaluation } from './evaluate.js';
import { touches } from './field-touch.js';
import type { HistoryEntry } from './history.js';
import { metricConflicts } from './metric-catalog.js';
import type { MetricFacts } from './metric-catalog.js';
import { overriddenFindings, overriddenLineage } from './overridden-lineage.js';
import { RefusalError } from './refusal-error.js';
import { highestInRange, inRange } from './resolve.js';
import type { ConsumerImpact, PublishVerdict, Reason, ReasonCode } from '../../vocabulary/index.js';

export type { ConsumerImpact, PublishVerdict, Reason, ReasonCode } from '../../vocabulary/index.js';

/*
 * The one answer to "what would happen if this principal published this document now?". Publish,
 * its dry run (`POST /api/contracts/{id}/check`, `concord publish --dry-run`) and the web UI's
 * impact preview all gather the same facts and call evaluatePublish; publish then commits what
 * it accepted, judging once more under the lock when the history moved. The function is pure (no
 * store, no clock), so it can run wherever the facts are.
 */

/**
 * The error code each refusal reason (vocabulary's REASON_CODES, in the order they are checked)
 * is answered with: the first reason decides the HTTP status and the CLI's exit code.
 */
export const REASON_ERROR_CODES = Object.freeze({
  'not-authenticated': 'unauthorized',
  'role-forbidden': 'forbidden',
  'namespace-forbidden': 'forbidden',
  'not-owner': 'forbidden',
  'content-conflict': 'conflict',
  'version-order': 'conflict',
  'breaking-change': 'breaking-change',
  'insufficient-bump': 'conflict',
  'metric-conflict': 'conflict',
  'metric-reference-unpublished': 'conflict',
} as const satisfies Readonly<Record<ReasonCode, ConcordErrorCode>>);

/** A pin on the contract, with its consumer's contact when the consumer is registered. */
export interface PinFact {
  readonly pin: Pin;
  readonly contact?: Person;
}

/** Everything a publish is judged on, read beforehand (see publish-facts.ts). */
export interface PublishFacts {
  /** Undefined for an anonymous caller. */
  readonly principal?: Principal;
  readonly candidate: Contract;
  /** The candidate's content hash, as the store computes it: the same hash under the same version is a re-publish. */
  readonly contentHash: string;
  readonly warnings: readonly LintProblem[];
  /** The contract as registered, when it is; with the principal that owns it, when known. */
  readonly registered?: { readonly summary: ContractSummary; readonly ownerPrincipal?: { readonly name: string } };
  /** Every published version, yanked ones included. */
  readonly history: readonly HistoryEntry[];
  /** Diffs between versions; a cached source serves the ones computed before. */
  readonly changes: ChangeSource;
  /**
   * Verdicts on older versions of a transitive comparison (see checkHistoryVerdicts); a cached
   * source answers from remembered verdicts and cached diffs. Computed by the engine when absent.
   */
  readonly verdicts?: VerdictSource;
  /**
   * The comparison with the history (evaluateCandidate) when it was already made, off the event
   * loop in the evaluation pool; made here from `changes` and `verdicts` otherwise.
   */
  readonly lineage?: Evaluation;
  readonly metrics: MetricFacts;
  readonly pins: readonly PinFact[];
  /**
   * The overrides the body carried (`.concord/rules.yaml`) and the day (YYYY-MM-DD, UTC) their
   * acceptances are judged on; absent: findings are judged as the catalog says.
   */
  readonly overrides?: { readonly rules: RuleOverrides; readonly today: string };
}

const UNKNOWN_CONTACT: Person = { name: 'unknown', email: 'unknown' };

function reason(code: ReasonCode, message: string, findings: readonly Finding[] = []): Reason {
  return { code, message, findings };
}

/** Who may publish: a token, a publisher role scoped to the namespace, and ownership of a registered contract. */
function permissionReasons(facts: PublishFacts): Reason[] {
  const id = facts.candidate.id;
  const { principal } = facts;
  if (principal === undefined) {
    return [reason('not-authenticated', `publishing ${id} needs a token: send a publisher or admin token as "Authorization: Bearer <token>"`)];
  }
  const role = roleProblem(principal, 'publisher', `publish ${id}`);
  if (role !== undefined) return [reason('role-forbidden', role)];
  const reasons: Reason[] = [];
  const namespace = namespaceProblem(principal, id);
  if (namespace !== undefined) reasons.push(reason('namespace-forbidden', namespace));
  if (facts.registered !== undefined) {
    const owner = ownerProblem(principal, facts.registered.summary, 'publish new versions of', facts.registered.ownerPrincipal);
    if (owner !== undefined) reasons.push(reason('not-owner', owner));
  }
  return reasons;
}

/** The published versions a candidate is judged against: not yanked, not its own version. */
export function liveVersions(history: readonly HistoryEntry[], version: string): HistoryEntry[] {
  return history.filter((entry) => entry.header.yanked === undefined && entry.header.version !== version);
}

/**
 * Whether a candidate reaches a consumer pinned to `range` (it falls in the range, or the range
 * holds `previous`), and the version the consumer's findings compare with: the one the range
 * resolves to today, else `previous`. Undefined when the consumer is not reached.
 */
export function pinReach(
  version: string,
  live: readonly HistoryEntry[],
  previous: HistoryEntry | undefined,
  range: string,
): { readonly receives: boolean; readonly base: HistoryEntry | undefined } | undefined {
  const receives = inRange(version, range);
  if (!receives && (previous === undefined || !inRange(previous.header.version, range))) return undefined;
  const resolved = highestInRange(
    live.map((entry) => entry.header),
    range,
  );
  const base = resolved === undefined ? previous : live.find((entry) => entry.header.version === resolved.version);
  return { receives, base };
}

/** The consumers a version reaches, each with the findings against the version it resolves to today that touch its fields. */
function consumerImpacts(facts: PublishFacts, live: readonly HistoryEntry[], previous: HistoryEntry | undefined, changesAgainstPrevious: readonly Finding[]): ConsumerImpact[] {
  const { candidate } = facts;
  const { mode, policy } = candidate.compatibility;
  const findingsAgainst = new Map<string, readonly Finding[]>();
  const findingsFrom = (base: HistoryEntry | undefined): readonly Finding[] => {
    if (base === undefined) return [];
    if (base === previous) return changesAgainstPrevious;
    let findings = findingsAgainst.get(base.header.version);
    if (findings === undefined) {
      findings = overriddenFindings(judge(facts.changes(base.contract, candidate), mode, policy), candidate, facts.overrides?.rules, facts.overrides?.today ?? '');
      findingsAgainst.set(base.header.version, findings);
    }
    return findings;
  };
  const impacts: ConsumerImpact[] = [];
  for (const { pin, contact } of facts.pins) {
    const reach = pinReach(candidate.version, live, previous, pin.range);
    if (reach === undefined) continue;
    const { receives, base } = reach;
    const findings = findingsFrom(base).filter((finding) => touches(finding, pin.fields));
    impacts.push({
      consumer: pin.consumer,
      contact: contact ?? UNKNOWN_CONTACT,
      range: pin.range,
      fields: pin.fields,
      ...(base === undefined ? {} : { resolvedVersion: base.header.version }),
      receives,
      affected: findings.some((finding) => finding.severity === 'breaking'),
      findings,
    });
  }
  return impacts;
}

/**
 * Comparisons already made, by history and candidate. Both are immutable and the diffs are a
 * deterministic function of them, so the answer never goes stale; a publish evaluates twice
 * (before its transaction and under the lock), and when the history read under the lock is the
 * one read before (publish-facts.ts hands back the same array), hundreds of judged comparisons are
 * not made again. Entries go when either object is no longer referenced.
 */
const lineages = new WeakMap<readonly HistoryEntry[], WeakMap<Contract, Evaluation>>();

function lineageOf(candidate: Contract, history: readonly HistoryEntry[], changes: ChangeSource, verdicts: VerdictSource | undefined): Evaluation {
  let byCandidate = lineages.get(history);
  if (byCandidate === undefined) {
    byCandidate = new WeakMap();
    lineages.set(history, byCandidate);
  }
  let lineage = byCandidate.get(candidate);
  if (lineage === undefined) {
    lineage = evaluateCandidate(candidate, history, changes, verdicts);
    byCandidate.set(candidate, lineage);
  }
  return lineage;
}

/**
 * Judges publishing `facts.candidate` as `facts.principal` against what the registry holds:
 * permissions (token, role, namespace, ownership), then the version (different content under a
 * published version; the newest of its line), compatibility and the semver bump in the
 * contract's mode (see evaluateCandidate), and the registry-wide metric catalog. Every reason is
 * collected, not only the first; consumers reached are listed whatever the outcome.
 */
export function evaluatePublish(facts: PublishFacts): PublishVerdict {
  const { candidate } = facts;
  const id = candidate.id;
  const reasons = permissionReasons(facts);

  const same = facts.history.find((entry) => entry.header.version === candidate.version);
  const existing = same !== undefined && same.header.contentHash === facts.contentHash;
  if (same !== undefined && !existing) {
    reasons.push(
      reason(
        'content-conflict',
        `${id} ${candidate.version} is already published with different content: published versions never change, so publish this as a new version`,
      ),
    );
  }
  // Overrides re-judge the comparison here, in the one evaluation, so publish, dry run and preview agree on them.
  const lineage = overriddenLineage(facts.lineage ?? lineageOf(candidate, facts.history, facts.changes, facts.verdicts), candidate, facts.overrides?.rules, facts.overrides?.today ?? '');
  // Re-publishing identical content is harmless and answered with the version as it is.
  if (!existing && lineage.refusal !== undefined && lineage.refusalCode !== undefined) {
    reasons.push(reason(lineage.refusalCode, lineage.refusal.message, lineage.refusal.findings));
  }
  if (!existing) {
    for (const problem of metricConflicts(candidate, facts.metrics)) {
      reasons.push(reason(problem.unpublishedReference ? 'metric-reference-unpublished' : 'metric-conflict', problem.message));
    }
  }

  const live = liveVersions(facts.history, candidate.version);
  const previous = lineage.previous === undefined ? undefined : live.find((entry) => entry.header.version === lineage.previous);
  const consumers = consumerImpacts(facts, live, previous, lineage.changes);
  const breaking = lineage.changes.some((finding) => finding.severity === 'breaking');
  const [first] = reasons;
  return {
    contract: id,
    version: candidate.version,
    outcome: first !== undefined ? 'refused' : existing ? 'existing' : 'accepted',
    reasons,
    ...(first === undefined ? {} : { refusal: { code: REASON_ERROR_CODES[first.code], message: first.message } }),
    firstVersion: facts.history.length === 0,
    line: lineage.line,
    ...(lineage.lineLatest === undefined ? {} : { lineLatest: lineage.lineLatest }),
    ...(lineage.previous === undefined ? {} : { previousVersion: lineage.previous }),
    compatible: lineage.compatible,
    requiredBump: lineage.requiredBump,
    ...(lineage.versionCheck === undefined ? {} : { versionCheck: lineage.versionCheck }),
    changes: lineage.changes,
    consumers,
    breakingUntouched: breaking && !consumers.some((consumer) => consumer.affected),
    warnings: facts.warnings.filter((problem) => problem.severity === 'warning'),
  };
}

/** The error a refused verdict is answered with: the first reason's code and message, every reason's findings and every reason. */
export function refusalOf(verdict: PublishVerdict): RefusalError | undefined {
  const [first] = verdict.reasons;
  if (first === undefined) return undefined;
  const findings = verdict.reasons.flatMap((each) => each.findings);
  return new RefusalError(REASON_ERROR_CODES[first.code], first.message, findings, verdict.reasons);
}
