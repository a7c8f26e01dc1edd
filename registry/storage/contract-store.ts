import { ConcordError } from '../../contracts/index.js';
import type { Person } from '../../contracts/index.js';
import { AUDIT_ACTIONS, createAuditLog } from './audit-log.js';
import { systemClock, timestamp } from './clock.js';
import type { Clock } from './clock.js';
import { publishVersion } from './contract-publish.js';
import type { Decide, PublishInput, PublishOutcome } from './contract-publish.js';
import { createContractQueries } from './contract-queries.js';
import type { ContractQueries } from './contract-queries.js';
import type { ContractSummary, MarkKind, VersionHeader } from './contract-records.js';
import { inTransaction } from './in-transaction.js';
import { mapStorageErrors } from './storage-errors.js';
import type { Executor } from './tables.js';

export interface NewOwner {
  readonly owner: Person;
  /** The principal who acts as owner; absent leaves the contract to admins until one is set. */
  readonly principalId?: string;
}

/** Contracts and their published versions: SQLite and PostgreSQL behind one implementation. */
export interface ContractStore extends ContractQueries {
  /**
   * Publishes `input` in one transaction that serialises publishes of the same contract: loads
   * the versions already published, answers `unchanged` when this version exists with the same
   * content hash and `conflict` when it exists with different content, otherwise asks `decide`
   * and, when it accepts, writes the version, its metric definitions, the audit entry and the
   * decision's webhooks — all or nothing.
   */
  publish<TRefusal>(input: PublishInput, decide: Decide<TRefusal>): Promise<PublishOutcome<TRefusal>>;
  /**
   * Marks a published version deprecated or yanked, with an audit entry. Marks are permanent;
   * marking again keeps the first mark. ConcordError `not-found` for an unpublished version.
   */
  mark(id: string, version: string, kind: MarkKind, reason: string, by: string): Promise<VersionHeader>;
  /** Hands the contract to a new owner, with an audit entry. ConcordError `not-found` for an unknown contract. */
  transferOwnership(id: string, to: NewOwner, by: string): Promise<ContractSummary>;
}

export interface ContractStoreOptions {
  /** Defaults to the system clock. */
  readonly clock?: Clock;
}

/** The contract store over `executor` (the database, or a transaction to join). */
export function createContractStore(executor: Executor, options: ContractStoreOptions = {}): ContractStore {
  const clock = options.clock ?? systemClock;
  const queries = createContractQueries(executor);
  return {
    ...queries,

    publish(input, decide) {
      return publishVersion(executor, clock, input, decide);
    },

    mark(id, version, kind, reason, by) {
      return inTransaction(executor, async (trx) => {
        const published = await trx
          .selectFrom('contract_versions')
          .select('version')
          .where('contract_id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst();
        if (published === undefined) {
          throw new ConcordError('not-found', `${id} ${version} is not published: check the version against the contract's version list`);
        }
        const at = clock();
        const inserted = await trx
          .insertInto('version_marks')
          .values({ contract_id: id, version, mark: kind, reason, marked_by: by, marked_at: timestamp(at) })
          .onConflict((conflict) => conflict.columns(['contract_id', 'version', 'mark']).doNothing())
          .executeTakeFirst();
        if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) {
          await createAuditLog(trx, { clock: () => at }).append({
            actor: by,
            action: kind === 'yanked' ? AUDIT_ACTIONS.yank : AUDIT_ACTIONS.deprecate,
            contractId: id,
            toVersion: version,
            detail: { reason },
          });
        }
        const header = (await createContractQueries(trx).listVersions(id)).find((v) => v.version === version);
        if (header === undefined) throw new ConcordError('internal', `${id} ${version} vanished while being marked ${kind}`);
        return header;
      });
    },

    transferOwnership(id, to, by) {
      return inTransaction(executor, async (trx) => {
        const trxQueries = createContractQueries(trx);
        const before = await trxQueries.getContract(id);
        if (before === undefined) {
          throw new ConcordError('not-found', `contract ${id} does not exist: check the id, or publish it first`);
        }
        const at = clock();
        await mapStorageErrors(
          { missing: `principal "${to.principalId ?? ''}" does not exist: create it before handing ${id} to it` },
          () =>
            trx
              .updateTable('contracts')
              .set({
                owner_name: to.owner.name,
                owner_email: to.owner.email,
                owner_principal_id: to.principalId ?? null,
                updated_at: timestamp(at),
              })
              .where('id', '=', id)
              .execute(),
        );
        await createAuditLog(trx, { clock: () => at }).append({
          actor: by,
          action: AUDIT_ACTIONS.transferOwnership,
          contractId: id,
          detail: {
            from: { ...before.owner, principalId: before.ownerPrincipalId ?? null },
            to: { ...to.owner, principalId: to.principalId ?? null },
          },
        });
        const after = await trxQueries.getContract(id);
        if (after === undefined) throw new ConcordError('internal', `contract ${id} vanished while changing owner`);
        return after;
      });
    },
  };
}
