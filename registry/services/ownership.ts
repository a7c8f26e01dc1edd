import { ConcordError } from '../../contracts/errors.js';
import type { Person } from '../../contracts/model.js';
import { namespaceOf, requireOwner } from '../auth/permissions.js';
import type { ContractSummary } from '../storage/contract-records.js';
import type { Principal } from '../storage/principal-store.js';
import type { ContractReads } from './contract-reads.js';
import { withTransaction } from './registry-stores.js';
import type { ServiceContext } from './service-context.js';
import { eventMessages, WEBHOOK_EVENTS } from './webhook-events.js';

/** The new owner: the principal who will act as owner, and the person named in listings. */
export interface OwnerChange extends Person {
  readonly principal: string;
}

export interface OwnershipService {
  /**
   * Hands a contract to another principal; only its owner or an admin may. The new owner must be
   * an admin or a publisher scoped to the contract's namespace, or it could never publish it.
   * Audited, and announced by webhook in the same transaction.
   */
  transfer(id: string, to: OwnerChange, principal: Principal): Promise<ContractSummary>;
}

export function createOwnershipService(context: ServiceContext, reads: ContractReads): OwnershipService {
  const { stores, clock } = context;
  return {
    async transfer(id, to, principal) {
      requireOwner(principal, await reads.getContract(id), 'transfer');
      const target = await stores.principals.getPrincipal(to.principal);
      if (target === undefined) {
        throw new ConcordError('not-found', `principal ${to.principal} does not exist: create a token for the new owner first (POST /api/tokens)`);
      }
      const namespace = namespaceOf(id);
      if (target.role === 'reader' || (target.role === 'publisher' && !target.namespaces.includes(namespace))) {
        throw new ConcordError(
          'invalid-argument',
          `${target.name} (${target.role}) cannot publish into ${namespace}, so it could not own ${id}: give it a publisher token scoped to ${namespace} first`,
        );
      }
      const summary = await withTransaction(stores, clock, async (trx) => {
        const after = await trx.contracts.transferOwnership(id, { owner: { name: to.name, email: to.email }, principalId: target.id }, principal.id);
        const messages = await eventMessages({ ownerReceivers: context.ownerReceivers, consumers: trx.consumers }, id, WEBHOOK_EVENTS.ownershipTransferred, {
          owner: { name: to.name, email: to.email, principal: target.id },
          by: principal.id,
        });
        await trx.outbox.enqueue(messages);
        return after;
      });
      context.onWebhooksQueued();
      return summary;
    },
  };
}
