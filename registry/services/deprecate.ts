import { ConcordError } from '../../contracts/index.js';
import type { MarkKind, VersionHeader } from '../storage/contract-records.js';
import type { Principal } from '../storage/principal-store.js';
import { requireContractOwner } from './contract-owner.js';
import type { ContractReads } from './contract-reads.js';
import { withTransaction } from './registry-stores.js';
import type { ServiceContext } from './service-context.js';
import { eventMessages, WEBHOOK_EVENTS } from './webhook-events.js';

export interface DeprecationService {
  /**
   * Marks a version deprecated (still resolvable) or yanked (never resolved again); only the
   * contract's owner or an admin may. Marks are permanent. Audited and announced by webhook.
   * Throws ConcordError `invalid-argument` for an empty reason.
   */
  mark(id: string, version: string, kind: MarkKind, reason: string, principal: Principal): Promise<VersionHeader>;
}

export function createDeprecationService(context: ServiceContext, reads: ContractReads): DeprecationService {
  const { stores, clock } = context;
  return {
    async mark(id, version, kind, reason, principal) {
      await requireContractOwner(stores, principal, await reads.getContract(id), kind === 'yanked' ? 'yank versions of' : 'deprecate versions of');
      const verb = kind === 'yanked' ? 'yank' : 'deprecate';
      if (reason.trim() === '') {
        throw new ConcordError('invalid-argument', `give a reason to ${verb} ${id} ${version}: consumers read it to decide what to do`);
      }
      const header = await withTransaction(stores, clock, async (trx) => {
        const before = (await trx.contracts.listVersions(id)).find((each) => each.version === version);
        const marked = await trx.contracts.mark(id, version, kind, reason, principal.id);
        if (before !== undefined && before[kind] === undefined) {
          const event = kind === 'yanked' ? WEBHOOK_EVENTS.yanked : WEBHOOK_EVENTS.deprecated;
          const messages = await eventMessages({ ownerReceivers: context.ownerReceivers, consumers: trx.consumers }, id, event, { version, reason, by: principal.id, byName: principal.name }, version);
          await trx.outbox.enqueue(messages);
        }
        return marked;
      });
      context.onWebhooksQueued();
      return header;
    },
  };
}
