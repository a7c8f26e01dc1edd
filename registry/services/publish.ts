import semver from 'semver';
import { ConcordError } from '../../contracts/errors.js';
import type { Finding, LintProblem } from '../../contracts/findings.js';
import type { Bump, VersionCheck } from '../../contracts/semver-policy.js';
import { requireNamespace, requireOwner, requireRole } from '../auth/permissions.js';
import type { StoredVersion } from '../storage/contract-records.js';
import type { Principal } from '../storage/principal-store.js';
import { loadCandidate } from './contract-body.js';
import type { Candidate, ContractText } from './contract-body.js';
import type { ContractReads } from './contract-reads.js';
import { evaluateCandidate } from './evaluate.js';
import type { Evaluation } from './evaluate.js';
import { cachedChanges, saveComputedDiffs } from './history.js';
import type { CachedChanges } from './history.js';
import { metricConflicts } from './metric-catalog.js';
import { RefusalError } from './refusal-error.js';
import { createStores } from './registry-stores.js';
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

/** The publish flow over the context's stores. */
export function createPublishService(context: ServiceContext, reads: ContractReads): PublishService {
  const { stores, clock } = context;

  return {
    async publish(body, principal) {
      requireRole(principal, 'publisher', 'publish contracts');
      const candidate = await loadCandidate(body, reads.resolveRegistryRef);
      const { contract } = candidate;
      const id = contract.contract;
      requireNamespace(principal, id);
      const current = await stores.contracts.getContract(id);
      if (current !== undefined) requireOwner(principal, current, 'publish new versions of');

      let evaluation: Evaluation | undefined;
      let cached: CachedChanges | undefined;
      const outcome = await stores.contracts.publish<ConcordError>(
        { contract, document: candidate.document, publishedBy: principal.id },
        async (existing, trx) => {
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
          const history = existing.map((stored) => context.memo.entry(stored));
          cached = await cachedChanges(inTrx.diffCache, context.memo, contract, history.map((entry) => entry.contract));
          evaluation = evaluateCandidate(contract, history, cached.source);
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
          context.onWebhooksQueued();
          if (cached !== undefined) saveComputedDiffs(context, cached);
          if (evaluation === undefined) throw new ConcordError('internal', `${id} ${contract.version} was published without being checked`);
          return resultOf('published', outcome.version, evaluation, candidate);
        }
        case 'unchanged': {
          // The same answer as when it was published: compared with the versions below it.
          const below = (await stores.contracts.listStoredVersions(id))
            .filter((stored) => semver.lt(stored.version, contract.version))
            .map((stored) => context.memo.entry(stored));
          const again = await cachedChanges(stores.diffCache, context.memo, contract, below.map((entry) => entry.contract));
          return resultOf('existing', outcome.version, evaluateCandidate(contract, below, again.source), candidate);
        }
        case 'conflict':
          throw new ConcordError('conflict', outcome.message);
        case 'refused':
          throw outcome.refusal;
      }
    },
  };
}
