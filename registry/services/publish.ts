import { utcDay } from '../../contracts/index.js';
import type { ConcordError, Finding, LintProblem, Bump, VersionCheck } from '../../contracts/index.js';
import { headerOf } from '../storage/contract-records.js';
import type { StoredVersion } from '../storage/contract-records.js';
import { sortByVersion } from '../storage/version-order.js';
import type { Principal } from '../storage/principal-store.js';
import type { ContractText } from './contract-body.js';
import type { ContractReads } from './contract-reads.js';
import { saveComputedDiffs } from './save-computed-diffs.js';
import { evaluateNow, gatherFacts } from './publish-facts.js';
import type { GatheredFacts } from './publish-facts.js';
import { evaluatePublish, refusalOf } from './publish-verdict.js';
import type { PublishVerdict } from './publish-verdict.js';
import { RefusalError } from './refusal-error.js';
import { createStores } from './registry-stores.js';
import type { ServiceContext } from './service-context.js';
import { eventMessages, WEBHOOK_EVENTS } from './webhook-events.js';

/** What a publish answers: the version, and how it compares with the one before it. */
export interface PublishOutcome {
  /** `existing` when the same content was already published under this version; nothing was written. */
  readonly outcome: 'published' | 'existing';
  readonly version: StoredVersion;
  /** The line of the version (`1.x`): it is the newest of that line, whatever later lines hold. */
  readonly line: string;
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
   * Publishes a contract body for `principal`: the body is loaded (lint), evaluated by
   * evaluatePublish, and when accepted version, metrics, audit entry and webhooks are written in
   * one transaction, where the evaluation is repeated on what the transaction reads. Throws the
   * verdict's refusal (RefusalError with every reason: `unauthorized`, `forbidden`, `conflict`,
   * `breaking-change`), and what loading the body throws (`invalid-contract` and others).
   */
  publish(body: ContractText, principal: Principal): Promise<PublishOutcome>;
}

/** What the audit row keeps of each finding an acceptance let through: enough to find it in the rules file later. */
function acceptedFindings(changes: readonly Finding[]): { rule: string; path: string; fingerprint: string; reason: string; expires: string; severity: string }[] {
  return changes.flatMap(({ rule, path, fingerprint, accepted }) =>
    accepted === undefined ? [] : [{ rule, path, fingerprint: fingerprint ?? '', reason: accepted.reason, expires: accepted.expires, severity: accepted.severity }],
  );
}

function resultOf(outcome: PublishOutcome['outcome'], version: StoredVersion, verdict: PublishVerdict): PublishOutcome {
  return {
    outcome,
    version,
    line: verdict.line,
    ...(verdict.previousVersion === undefined ? {} : { previousVersion: verdict.previousVersion }),
    compatible: verdict.compatible,
    requiredBump: verdict.requiredBump,
    ...(verdict.versionCheck === undefined ? {} : { versionCheck: verdict.versionCheck }),
    changes: verdict.changes,
    warnings: verdict.warnings,
  };
}

/** The publish flow over the context's stores: the evaluation of a dry run, then the commit. */
export function createPublishService(context: ServiceContext, reads: ContractReads): PublishService {
  const { stores, clock } = context;

  return {
    async publish(body, principal) {
      // Parsing, linting and every diff run in the evaluation pool, within one deadline for the request.
      const evaluator = context.evaluation.session();
      const candidate = await evaluator.load(body, reads.resolveRegistryRef);
      const { contract } = candidate;
      const id = contract.id;

      // Evaluated first against the registry as it stands, outside any transaction: a refusal
      // needs no lock. Inside, under the lock, the facts are read again (the models and diffs are
      // reused when the history is the same), so the lock is held for a few statements rather
      // than hundreds of diffs, and what is committed was judged on what the transaction sees.
      const { verdict: earlyVerdict, gathered: early } = await evaluateNow(context, evaluator, candidate, principal);
      const before = early.headers;
      const earlyRefusal = refusalOf(earlyVerdict);
      if (earlyRefusal !== undefined) {
        saveComputedDiffs(context, early.cached);
        throw earlyRefusal;
      }

      let verdict = earlyVerdict;
      let gathered: GatheredFacts = early;
      const outcome = await stores.contracts.publish<ConcordError>(
        { contract, document: candidate.document, publishedBy: principal.id, knownVersions: before },
        async (existing, trx) => {
          const inTrx = createStores(trx, clock);
          gathered = await gatherFacts(inTrx, context.memo, evaluator, candidate, principal, existing, early.facts.overrides?.today ?? utcDay(clock()), early);
          verdict = evaluatePublish(gathered.facts);
          const refusal = refusalOf(verdict);
          if (refusal !== undefined) return { accept: false, refusal };
          const webhooks = await eventMessages(
            { ownerReceivers: context.ownerReceivers, consumers: inTrx.consumers },
            id,
            WEBHOOK_EVENTS.published,
            {
              version: contract.version,
              line: verdict.line,
              previousVersion: verdict.previousVersion ?? null,
              publishedBy: principal.id,
              publishedByName: principal.name,
              compatible: verdict.compatible,
              requiredBump: verdict.requiredBump,
              changes: verdict.changes.map(({ rule, severity, path, field, message }) => ({ rule, severity, path, field: field ?? null, message })),
            },
            contract.version,
          );
          const accepted = acceptedFindings(verdict.changes);
          const auditDetail = { compatible: verdict.compatible, requiredBump: verdict.requiredBump, changes: verdict.changes.length, ...(accepted.length === 0 ? {} : { accepted }) };
          return { accept: true, ...(verdict.previousVersion === undefined ? {} : { fromVersion: verdict.previousVersion }), auditDetail, webhooks };
        },
      );

      if (gathered.cached !== early.cached) saveComputedDiffs(context, early.cached);
      saveComputedDiffs(context, gathered.cached);
      switch (outcome.kind) {
        case 'published':
          // The history the evaluation saw, now with this version: current until anything else is appended.
          context.memo.rememberHeaders(id, sortByVersion([...gathered.headers, headerOf(outcome.version)]));
          context.onWebhooksQueued();
          return resultOf('published', outcome.version, verdict);
        case 'unchanged':
          // The same answer as when it was published: compared with the versions below it.
          return resultOf('existing', outcome.version, verdict);
        case 'conflict':
          throw new RefusalError('conflict', outcome.message, [], [{ code: 'content-conflict', message: outcome.message }]);
        case 'refused':
          throw outcome.refusal;
      }
    },
  };
}
