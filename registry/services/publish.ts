import semver from 'semver';
import { ConcordError } from '../../contracts/errors.js';
import type { Finding, LintProblem } from '../../contracts/findings.js';
import type { Bump, VersionCheck } from '../../contracts/semver-policy.js';
import { requireNamespace, requireOwner, requireRole } from '../auth/permissions.js';
import type { Contract } from '../../contracts/model.js';
import { headerOf } from '../storage/contract-records.js';
import type { StoredVersion, VersionHeader } from '../storage/contract-records.js';
import { sortByVersion } from '../storage/version-order.js';
import type { Principal } from '../storage/principal-store.js';
import type { EvaluationSession } from '../evaluation/evaluation-pool.js';
import type { Candidate, ContractText } from './contract-body.js';
import type { ContractReads } from './contract-reads.js';
import type { Evaluation } from './evaluate.js';
import { cachedChanges, currentHeaders, loadHistory, saveComputedDiffs } from './history.js';
import type { CachedChanges } from './history.js';
import { metricConflicts } from './metric-catalog.js';
import { RefusalError } from './refusal-error.js';
import { createStores } from './registry-stores.js';
import type { RegistryStores } from './registry-stores.js';
import type { ServiceContext } from './service-context.js';
import { eventMessages, WEBHOOK_EVENTS } from './webhook-events.js';

/** What a publish answers: the version, and how it compares with the one before it. */
export interface PublishResult {
  /** `existing` when the same content was already published under this version; nothing was written. */
  readonly outcome: 'published' | 'existing';
  readonly version: StoredVersion;
  readonly previousVersion?: string;
  readonly compatible: boolean;
  readonly requiredBump: Bump;
  readonly versionCheck?: VersionCheck;
  /** Findings against the previous version, judged in the contract's mode. */
  readonly changes: readonly Finding[];
  /** Lint warnings of the document; they did not stop the publish. */
  readonly warnings: readonly LintProblem[];
}

export interface PublishService {
  /**
   * Publishes a contract body for `principal`: lint, ownership, compatibility in the contract's
   * mode, the semver bump and the metric catalog are checked, then version, metrics, audit entry
   * and webhooks are written in one transaction. Throws ConcordError `forbidden`, RefusalError
   * `invalid-contract` / `breaking-change` / `conflict` with findings, ConcordError `conflict` for
   * different content under a published version, and what loading the body throws.
   */
  publish(body: ContractText, principal: Principal): Promise<PublishResult>;
}

function resultOf(outcome: PublishResult['outcome'], version: StoredVersion, evaluation: Evaluation, candidate: Candidate): PublishResult {
  return {
    outcome,
    version,
    ...(evaluation.previous === undefined ? {} : { previousVersion: evaluation.previous }),
    compatible: evaluation.compatible,
    requiredBump: evaluation.requiredBump,
    ...(evaluation.versionCheck === undefined ? {} : { versionCheck: evaluation.versionCheck }),
    changes: evaluation.changes,
    warnings: candidate.warnings.filter((problem) => problem.severity === 'warning'),
  };
}

/**
 * Whether two readings of a contract's history would be judged alike: the same versions with the
 * same contents and the same yanks (yanked versions are left out of every comparison).
 */
function sameHistory(a: readonly VersionHeader[], b: readonly VersionHeader[]): boolean {
  if (a === b) return true;
  return (
    a.length === b.length &&
    a.every((header, index) => {
      const other = b[index];
      return other !== undefined && other.version === header.version && other.contentHash === header.contentHash && (other.yanked === undefined) === (header.yanked === undefined);
    })
  );
}

/** The publish flow over the context's stores. */
export function createPublishService(context: ServiceContext, reads: ContractReads): PublishService {
  const { stores, clock } = context;

  /** Evaluates `contract` in `evaluator` against the versions `headers` name, reading through `through` what the memo lacks. */
  const check = async (evaluator: EvaluationSession, through: RegistryStores, contract: Contract, headers: readonly VersionHeader[]): Promise<{ evaluation: Evaluation; cached: CachedChanges }> => {
    const history = await loadHistory(through.contracts, context.memo, contract.contract, headers);
    const cached = await cachedChanges(through.diffCache, context.memo, contract, history.map((entry) => entry.contract));
    return { evaluation: await evaluator.evaluate(contract, history, cached), cached };
  };

  return {
    async publish(body, principal) {
      requireRole(principal, 'publisher', 'publish contracts');
      // Parsing, linting and every diff run in the evaluation pool, within one deadline for the request.
      const evaluator = context.evaluation.session();
      const candidate = await evaluator.load(body, reads.resolveRegistryRef);
      const { contract } = candidate;
      const id = contract.contract;
      requireNamespace(principal, id);
      const current = await stores.contracts.getContract(id);
      if (current !== undefined) requireOwner(principal, current, 'publish new versions of');

      // The comparison with the history runs before the transaction, against the history as it
      // stands now; inside, under the lock, it is reused only when the history is still the same,
      // so the lock is held for a few statements rather than hundreds of diffs. The headers come
      // from the memo when two counts prove them current, and the transaction reuses them the same way.
      const before = await currentHeaders(stores.contracts, context.memo, id);
      const early = before.some((header) => header.version === contract.version) ? undefined : await check(evaluator, stores, contract, before);

      let evaluation: Evaluation | undefined;
      let cached: CachedChanges | undefined;
      let history: readonly VersionHeader[] = before;
      const outcome = await stores.contracts.publish<ConcordError>(
        { contract, document: candidate.document, publishedBy: principal.id, knownVersions: before },
        async (existing, trx) => {
          history = existing;
          const inTrx = createStores(trx, clock);
          // Checked again under the lock: ownership may have changed since the check above.
          const owner = await inTrx.contracts.getContract(id);
          if (owner !== undefined) {
            try {
              requireOwner(principal, owner, 'publish new versions of');
            } catch (error) {
              if (error instanceof ConcordError) return { accept: false, refusal: error };
              throw error;
            }
          }
          ({ evaluation, cached } = early !== undefined && sameHistory(before, existing) ? early : await check(evaluator, inTrx, contract, existing));
          if (evaluation.refusal !== undefined) return { accept: false, refusal: evaluation.refusal };
          const conflicts = await metricConflicts(contract, inTrx.metrics, inTrx.contracts);
          if (conflicts.length > 0) return { accept: false, refusal: new RefusalError('conflict', conflicts.join(' '), []) };
          const webhooks = await eventMessages(
            { ownerReceivers: context.ownerReceivers, consumers: inTrx.consumers },
            id,
            WEBHOOK_EVENTS.published,
            {
              version: contract.version,
              previousVersion: evaluation.previous ?? null,
              publishedBy: principal.id,
              publishedByName: principal.name,
              compatible: evaluation.compatible,
              requiredBump: evaluation.requiredBump,
              changes: evaluation.changes.map(({ rule, severity, path, field, message }) => ({ rule, severity, path, field: field ?? null, message })),
            },
            contract.version,
          );
          const auditDetail = { compatible: evaluation.compatible, requiredBump: evaluation.requiredBump, changes: evaluation.changes.length };
          return { accept: true, auditDetail, webhooks };
        },
      );

      switch (outcome.kind) {
        case 'published': {
          // The history the check saw, now with this version: current until anything else is appended.
          context.memo.rememberHeaders(id, sortByVersion([...history, headerOf(outcome.version)]));
          context.onWebhooksQueued();
          if (cached !== undefined) saveComputedDiffs(context, cached);
          if (evaluation === undefined) throw new ConcordError('internal', `${id} ${contract.version} was published without being checked`);
          return resultOf('published', outcome.version, evaluation, candidate);
        }
        case 'unchanged': {
          // The same answer as when it was published: compared with the versions below it.
          const below = (await stores.contracts.listVersions(id)).filter((header) => semver.lt(header.version, contract.version));
          return resultOf('existing', outcome.version, (await check(evaluator, stores, contract, below)).evaluation, candidate);
        }
        case 'conflict':
          throw new ConcordError('conflict', outcome.message);
        case 'refused':
          throw outcome.refusal;
      }
    },
  };
}
