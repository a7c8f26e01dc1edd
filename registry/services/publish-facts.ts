import { isAdmin } from '../auth/permissions.js';
import { contractContentHash, utcDay } from '../../contracts/index.js';
import type { VersionHeader } from '../storage/contract-records.js';
import type { Principal } from '../storage/principal-store.js';
import type { EvaluationSession } from '../evaluation/evaluation-pool.js';
import type { Candidate } from './contract-body.js';
import type { Evaluation } from './evaluate.js';
import { cachedChanges, currentHeaders, loadHistory } from './history.js';
import type { CachedChanges, HistoryEntry, HistoryMemo } from './history.js';
import { metricFacts } from './metric-catalog.js';
import { evaluatePublish, liveVersions, pinReach } from './publish-verdict.js';
import type { PinFact, PublishFacts, PublishVerdict } from './publish-verdict.js';
import type { RegistryStores } from './registry-stores.js';
import type { ServiceContext } from './service-context.js';

/** The facts of one evaluation, with what reading them cost that a later one may reuse. */
export interface GatheredFacts {
  readonly facts: PublishFacts;
  /** The headers the history was read from. */
  readonly headers: readonly VersionHeader[];
  /** The diffs the evaluation used; the ones it computed are worth storing afterwards. */
  readonly cached: CachedChanges;
}

/**
 * Whether two readings of a contract's history would be judged alike: the same versions with the
 * same contents and the same yanks (yanked versions are left out of every comparison).
 */
export function sameHistory(a: readonly VersionHeader[], b: readonly VersionHeader[]): boolean {
  if (a === b) return true;
  return (
    a.length === b.length &&
    a.every((header, index) => {
      const other = b[index];
      return other !== undefined && other.version === header.version && other.contentHash === header.contentHash && (other.yanked === undefined) === (header.yanked === undefined);
    })
  );
}

/**
 * Reads everything evaluatePublish judges `candidate` on, through `stores` (the database, or a
 * publish's transaction): the contract and its owning principal, the models of the versions
 * `headers` name, cached diffs against them, the metric catalog's definitions of its metric names,
 * and the pins on the contract. The comparison with the history, and the diffs against the versions
 * pinned consumers resolve to, are computed in `evaluator` (the evaluation pool, off the event
 * loop). With `reuse` whose headers are the same history, its models, diffs and comparison are
 * taken as they are instead of being looked up or computed again. `today` (YYYY-MM-DD, UTC) is
 * the day the body's acceptances are judged on.
 */
export async function gatherFacts(
  stores: RegistryStores,
  memo: HistoryMemo,
  evaluator: EvaluationSession,
  candidate: Candidate,
  principal: Principal | undefined,
  headers: readonly VersionHeader[],
  today: string,
  reuse?: GatheredFacts,
): Promise<GatheredFacts> {
  const { contract } = candidate;
  const id = contract.id;
  const summary = await stores.contracts.getContract(id);
  const ownerId = summary?.ownerPrincipalId;
  // The owning principal is named only in a refusal, so it is looked up only when there may be one.
  const needsOwnerName = summary !== undefined && ownerId !== undefined && (principal === undefined || (!isAdmin(principal) && principal.id !== ownerId));
  const ownerPrincipal = needsOwnerName ? await stores.principals.getPrincipal(ownerId) : undefined;

  let history: readonly HistoryEntry[];
  let cached: CachedChanges;
  let lineage: Evaluation | undefined;
  if (reuse !== undefined && sameHistory(reuse.headers, headers)) {
    ({ history } = reuse.facts);
    ({ cached } = reuse);
    if (reuse.facts.candidate === contract) ({ lineage } = reuse.facts);
  } else {
    history = await loadHistory(stores.contracts, memo, id, headers);
    cached = await cachedChanges(
      stores.diffCache,
      memo,
      contract,
      history.map((entry) => entry.contract),
    );
  }
  lineage ??= await evaluator.evaluate(contract, history, cached);

  const pins: PinFact[] = [];
  for (const pin of await stores.consumers.listPinsByContract(id)) {
    const consumer = await stores.consumers.getConsumer(pin.consumer);
    pins.push({ pin, ...(consumer === undefined ? {} : { contact: consumer.contact }) });
  }
  // The diffs against the versions pinned consumers resolve to are computed in the pool as well;
  // they join `cached`, so evaluatePublish finds them there instead of diffing on the event loop.
  const live = liveVersions(history, contract.version);
  const previous = lineage.previous === undefined ? undefined : live.find((entry) => entry.header.version === lineage.previous);
  for (const { pin } of pins) {
    const base = pinReach(contract.version, live, previous, pin.range)?.base;
    if (base !== undefined && base !== previous) await evaluator.changes(cached, base.contract, contract);
  }

  const facts: PublishFacts = {
    ...(principal === undefined ? {} : { principal }),
    candidate: contract,
    contentHash: reuse?.facts.candidate === contract ? reuse.facts.contentHash : contractContentHash(contract),
    warnings: candidate.warnings,
    ...(summary === undefined ? {} : { registered: { summary, ...(ownerPrincipal === undefined ? {} : { ownerPrincipal }) } }),
    history,
    changes: cached.source,
    verdicts: cached.verdict,
    lineage,
    metrics: await metricFacts(contract, stores.metrics, stores.contracts),
    pins,
    ...(candidate.overrides === undefined ? {} : { overrides: { rules: candidate.overrides, today } }),
  };
  return { facts, headers, cached };
}

/**
 * What publishing `candidate` as `principal` would do now, judged on the registry as it stands
 * (outside any transaction): the one start of a publish, its dry run and the UI's preview. The
 * diffs it computed are in `gathered.cached`, for the caller to store when it is done.
 */
export async function evaluateNow(
  context: ServiceContext,
  evaluator: EvaluationSession,
  candidate: Candidate,
  principal: Principal | undefined,
): Promise<{ readonly verdict: PublishVerdict; readonly gathered: GatheredFacts }> {
  const headers = await currentHeaders(context.stores.contracts, context.memo, candidate.contract.id);
  const gathered = await gatherFacts(context.stores, context.memo, evaluator, candidate, principal, headers, utcDay(context.clock()));
  return { verdict: evaluatePublish(gathered.facts), gathered };
}
