import { ConcordError } from '../../contracts/errors.js';
import type { ContractSummary } from '../storage/contract-records.js';
import type { Principal, Role } from '../storage/principal-store.js';

/*
 * Who may do what. Roles: an admin may do anything; a publisher may publish into the namespaces
 * its token was scoped to and manage what it owns; a consumer (an agent builder) may read and
 * register, pin and unpin consumers of its own; a reader may only read. Each role may do what
 * the roles below it may. Ownership of a contract belongs to one principal, the first publisher
 * of its id unless handed on since.
 */

/** The namespace of `namespace.name`: everything before the first dot. */
export function namespaceOf(contractId: string): string {
  const dot = contractId.indexOf('.');
  return dot === -1 ? contractId : contractId.slice(0, dot);
}

export function isAdmin(principal: Principal): boolean {
  return principal.role === 'admin';
}

/** Roles from fewest rights to most: a role may do whatever a lower one may. */
const RANK: Readonly<Record<Role, number>> = Object.freeze({ reader: 0, consumer: 1, publisher: 2, admin: 3 });

/** What to ask for, per least role an action needs. */
const NEED: Readonly<Record<Exclude<Role, 'reader'>, string>> = Object.freeze({
  consumer: 'a consumer, publisher or admin token',
  publisher: 'a publisher or admin token',
  admin: 'an admin token',
});

/** Refuses principals whose role is below `role` (`reader` < `consumer` < `publisher` < `admin`). */
export function requireRole(principal: Principal, role: Exclude<Role, 'reader'>, action: string): void {
  if (RANK[principal.role] >= RANK[role]) return;
  throw new ConcordError('forbidden', `${principal.name} (${principal.role}) may not ${action}: use ${NEED[role]}`);
}

/** Refuses a publisher whose token does not cover the contract's namespace, and every consumer and reader. */
export function requireNamespace(principal: Principal, contractId: string): void {
  requireRole(principal, 'publisher', `publish ${contractId}`);
  if (isAdmin(principal)) return;
  const namespace = namespaceOf(contractId);
  if (!principal.namespaces.includes(namespace)) {
    const scope = principal.namespaces.length === 0 ? 'no namespace' : `only ${principal.namespaces.join(', ')}`;
    throw new ConcordError(
      'forbidden',
      `${principal.name} may publish into ${scope}, not ${namespace}: ask an admin for a token scoped to ${namespace}`,
    );
  }
}

/** Refuses anyone but the contract's owner principal and admins. */
export function requireOwner(principal: Principal, contract: ContractSummary, action: string): void {
  if (isAdmin(principal) || contract.ownerPrincipalId === principal.id) return;
  const owner = `${contract.owner.name} <${contract.owner.email}>`;
  throw new ConcordError(
    'forbidden',
    `${principal.name} may not ${action} ${contract.id}: it is owned by ${owner}; ask them or an admin to do it, or to transfer ownership to you`,
  );
}
