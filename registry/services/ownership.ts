import { ConcordError } from '../../contracts/index.js';
import type { Person } from '../../contracts/index.js';
import { namespaceOf } from '../auth/permissions.js';
import type { ContractSummary } from '../storage/contract-records.js';
import type { Principal, PrincipalStore } from '../storage/principal-store.js';
import { requireContractOwner } from './contract-owner.js';
import type { ContractReads } from './contract-reads.js';
import { withTransaction } from './registry-stores.js';
import type { ServiceContext } from './service-context.js';
import { eventMessages, WEBHOOK_EVENTS } from './webhook-events.js';

/** The new owner: the principal who will act as owner, and the person named in listings. */
export interface OwnerChange extends Person {
  /** The principal's name, or its id. */
  readonly principal: string;
}

/**
 * The principal `reference` names: the one with that id, else the one with that name. Names are
 * compared exactly; a name that differs only in case from a principal's is suggested.
 */
async function findPrincipal(principals: PrincipalStore, reference: string): Promise<Principal> {
  const found = (await principals.getPrincipal(reference)) ?? (await principals.findPrincipalByName(reference));
  if (found !== undefined) return found;
  const near = await principals.findPrincipalByName(reference, { ignoreCase: true });
  const hint = near === undefined ? 'create a token for the new owner first (concord token create)' : `did you mean "${near.name}"?`;
  throw new ConcordError('not-found', `no principal is named "${reference.slice(0, 128)}" (or has that id): ${hint}`);
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
      await requireContractOwner(stores, principal, await reads.getContract(id), 'transfer');
      const target = await findPrincipal(stores.principals, to.principal);
      const namespace = namespaceOf(id);
      const canPublishThere = target.role === 'admin' || (target.role === 'publisher' && target.namespaces.includes(namespace));
      if (!canPublishThere) {
        throw new ConcordError(
          'invalid-argument',
          `${target.name} (${target.role}) cannot publish into ${namespace}, so it could not own ${id}: give it a publisher token scoped to ${namespace} first`,
        );
      }
      const summary = await withTransaction(stores, clock, async (trx) => {
        const after = await trx.contracts.transferOwnership(id, { owner: { name: to.name, email: to.email }, principalId: target.id }, principal.id);
        const messages = await eventMessages({ ownerReceivers: context.ownerReceivers, consumers: trx.consumers }, id, WEBHOOK_EVENTS.ownershipTransferred, {
          owner: { name: to.name, email: to.email, principal: target.id, principalName: target.name },
          by: principal.id,
          byName: principal.name,
        });
        await trx.outbox.enqueue(messages);
        return after;
      });
      context.onWebhooksQueued();
      return summary;
    },
  };
}
