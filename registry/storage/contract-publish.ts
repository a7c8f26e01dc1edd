import type { Transaction } from 'kysely';
import { ConcordError, contractContentHash } from '../../contracts/index.js';
import type { Contract } from '../../contracts/index.js';
import { dialectOf } from '../../migrations/index.js';
import { AUDIT_ACTIONS, createAuditLog } from './audit-log.js';
import { timestamp } from './clock.js';
import type { Clock } from './clock.js';
import { metricMeaningHash } from './content-hash.js';
import { createContractQueries } from './contract-queries.js';
import type { StoredVersion, VersionHeader } from './contract-records.js';
import { inTransaction } from './in-transaction.js';
import { toJsonText } from './json-text.js';
import type { JsonObject } from './json-text.js';
import { mapStorageErrors } from './storage-errors.js';
import type { Executor, Tables } from './tables.js';
import { isPrerelease, sortByVersion, versionParts } from './version-order.js';
import type { VersionParts } from './version-order.js';
import { createWebhookOutbox } from './webhook-outbox.js';
import type { NewWebhook } from './webhook-outbox.js';

export interface PublishInput {
  /** The parsed, validated contract with its schema bundled. */
  readonly contract: Contract;
  /** The source document as the publisher wrote it (a JSON value), kept for display and export. */
  readonly document: unknown;
  /** Principal id of the publisher. */
  readonly publishedBy: string;
  /**
   * The contract's versions as the caller read them before the transaction, if it did. When they
   * are still current (ContractQueries.isCurrent: two counts), the transaction hands them to
   * `decide` instead of reading every version again while it holds the lock.
   */
  readonly knownVersions?: readonly VersionHeader[];
}

/** What the domain's compatibility check answers: go ahead (with what to record and announce), or refuse. */
export type PublishDecision<TRefusal> =
  | {
      readonly accept: true;
      /**
       * The version the new one was compared with, recorded as the audit entry's `fromVersion`;
       * defaults to the version listings showed before. They differ for a maintenance release
       * (1.1.2 after 2.0.0 is compared with 1.1.1).
       */
      readonly fromVersion?: string;
      /** Merged into the audit entry's detail. */
      readonly auditDetail?: JsonObject;
      /** Queued in the same transaction, so they exist exactly when the version does. */
      readonly webhooks?: readonly NewWebhook[];
    }
  | { readonly accept: false; readonly refusal: TRefusal };

/**
 * The domain's check, called inside the publish transaction with the headers of every version
 * already published (semver order, oldest first; documents are left to the check, which may hold
 * them already). `trx` is there to read through other stores in the same transaction (documents,
 * the pins to notify); the check must not write through it.
 */
export type Decide<TRefusal> = (
  existing: readonly VersionHeader[],
  trx: Transaction<Tables>,
) => PublishDecision<TRefusal> | Promise<PublishDecision<TRefusal>>;

export type PublishOutcome<TRefusal> =
  | { readonly kind: 'published'; readonly version: StoredVersion }
  /** The same content was already published under this version; nothing was written. */
  | { readonly kind: 'unchanged'; readonly version: StoredVersion }
  /** Different content is already published under this version; nothing was written. */
  | { readonly kind: 'conflict'; readonly existing: VersionHeader; readonly message: string }
  | { readonly kind: 'refused'; readonly refusal: TRefusal };

/** Splits `namespace.name` at its first dot. */
function splitId(id: string): { readonly namespace: string; readonly name: string } {
  const dot = id.indexOf('.');
  if (dot <= 0 || dot === id.length - 1) {
    throw new ConcordError('invalid-argument', `contract id "${id}" has no namespace: write it as namespace.name, e.g. commerce.orders`, {
      pointer: '/contract',
    });
  }
  return { namespace: id.slice(0, dot), name: id.slice(dot + 1) };
}

/** The version listings show: the highest release, or the highest prerelease while there is no release. */
function displayVersion(versions: readonly string[]): string | undefined {
  const sorted = sortByVersion(versions.map((version) => ({ version }))).map(({ version }) => version);
  return sorted.filter((version) => !isPrerelease(version)).at(-1) ?? sorted.at(-1);
}

/**
 * Publishes one version in one transaction (see ContractStore.publish). Publishes of the same
 * contract are serialised: PostgreSQL locks the contract row, SQLite's `BEGIN IMMEDIATE` holds
 * the database's write lock.
 */
export async function publishVersion<TRefusal>(
  executor: Executor,
  clock: Clock,
  input: PublishInput,
  decide: Decide<TRefusal>,
): Promise<PublishOutcome<TRefusal>> {
  const { contract, publishedBy } = input;
  const id = contract.id;
  const identity = splitId(id);
  const parts = versionParts(id, contract.version);
  const contentHash = contractContentHash(contract);
  const missingPublisher = `publisher "${publishedBy}" is not a known principal: create the principal before publishing ${id}`;
  // Serialisation makes a duplicate version impossible; should one slip through anyway (a
  // caller's outer transaction on another handle), it is still a conflict, not a crash.
  const duplicate =
    `${id} ${contract.version} was published by another request at the same moment: ` +
    'fetch it and compare before publishing again';

  return mapStorageErrors({ missing: missingPublisher, conflict: duplicate }, () =>
    inTransaction(executor, async (trx): Promise<PublishOutcome<TRefusal>> => {
      const at = clock();
      const created = await claimContract(trx, input, identity, timestamp(at));
      const queries = createContractQueries(trx);
      const known = input.knownVersions;
      const existing = known !== undefined && (await queries.isCurrent(id, known)) ? known : await queries.listVersions(id);
      const same = existing.find((version) => version.version === contract.version);
      if (same !== undefined) {
        const stored = same.contentHash === contentHash ? await queries.getVersion(id, contract.version) : undefined;
        if (stored !== undefined) return { kind: 'unchanged', version: stored };
        return {
          kind: 'conflict',
          existing: same,
          message:
            `${id} ${contract.version} is already published with different content: ` +
            'published versions never change, so publish this as a new version',
        };
      }

      const decision = await decide(existing, trx);
      if (!decision.accept) {
        // Nothing of this publish may remain, including the contract row it may have created.
        if (created) await trx.deleteFrom('contracts').where('id', '=', id).execute();
        return { kind: 'refused', refusal: decision.refusal };
      }

      await insertVersion(trx, input, { ...parts, content_hash: contentHash, published_at: timestamp(at) });
      const earlier = existing.map((version) => version.version);
      await refreshSummary(trx, contract, earlier, timestamp(at));
      const previous = decision.fromVersion ?? displayVersion(earlier);
      await createAuditLog(trx, { clock: () => at }).append({
        actor: publishedBy,
        action: AUDIT_ACTIONS.publish,
        contractId: id,
        ...(previous === undefined ? {} : { fromVersion: previous }),
        toVersion: contract.version,
        detail: { ...decision.auditDetail, contentHash },
      });
      await createWebhookOutbox(trx, { clock: () => at }).enqueue(decision.webhooks ?? []);

      const version = await queries.getVersion(id, contract.version);
      if (version === undefined) {
        throw new ConcordError('internal', `${id} ${contract.version} vanished inside its own publish transaction`);
      }
      return { kind: 'published', version };
    }),
  );
}

/**
 * Makes sure the contract row exists and, on PostgreSQL, locks it until the transaction ends, so
 * publishes of one contract queue here. Returns whether this call created the row.
 */
async function claimContract(
  trx: Transaction<Tables>,
  input: PublishInput,
  identity: { readonly namespace: string; readonly name: string },
  now: string,
): Promise<boolean> {
  const { contract } = input;
  const inserted = await trx
    .insertInto('contracts')
    .values({
      id: contract.id,
      ...identity,
      owner_name: contract.owner.name,
      owner_email: contract.owner.email,
      owner_principal_id: input.publishedBy,
      team: contract.team ?? null,
      title: contract.title ?? null,
      status: contract.status,
      latest_version: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .executeTakeFirst();
  if (dialectOf(trx) === 'postgres') {
    await trx.selectFrom('contracts').select('id').where('id', '=', contract.id).forUpdate().execute();
  }
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Writes the version row and its metric definitions. */
async function insertVersion(
  trx: Transaction<Tables>,
  input: PublishInput,
  computed: VersionParts & { readonly content_hash: string; readonly published_at: string },
): Promise<void> {
  const { contract } = input;
  await trx
    .insertInto('contract_versions')
    .values({
      contract_id: contract.id,
      version: contract.version,
      ...computed,
      document: toJsonText(input.document),
      bundled_schema: toJsonText(contract.schema),
      status: contract.status,
      compatibility_mode: contract.compatibility.mode,
      compatibility_policy: contract.compatibility.policy,
      published_by: input.publishedBy,
    })
    .execute();
  if (contract.metrics.length === 0) return;
  await trx
    .insertInto('metric_definitions')
    .values(
      contract.metrics.map((metric) => ({
        contract_id: contract.id,
        version: contract.version,
        name: metric.name,
        definition: toJsonText(metric),
        meaning_hash: metricMeaningHash(metric),
        is_canonical: metric.references === undefined ? 1 : 0,
        reference: metric.references ?? null,
      })),
    )
    .execute();
}

/** Points the contract's listing fields at the new version when it is now the one listings show. */
async function refreshSummary(
  trx: Transaction<Tables>,
  contract: Contract,
  earlier: readonly string[],
  now: string,
): Promise<void> {
  const id = contract.id;
  if (displayVersion([...earlier, contract.version]) !== contract.version) {
    await trx.updateTable('contracts').set({ updated_at: now }).where('id', '=', id).execute();
    return;
  }
  await trx
    .updateTable('contracts')
    .set({
      team: contract.team ?? null,
      title: contract.title ?? null,
      status: contract.status,
      latest_version: contract.version,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  await trx.deleteFrom('contract_tags').where('contract_id', '=', id).execute();
  const tags = [...new Set(contract.tags)];
  if (tags.length > 0) await trx.insertInto('contract_tags').values(tags.map((tag) => ({ contract_id: id, tag }))).execute();
}
