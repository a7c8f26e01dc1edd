import { ConcordError } from '../../contracts/errors.js';
import type { ContractSummary } from '../storage/contract-records.js';
import type { Principal } from '../storage/principal-store.js';

/*
 * Who may do what. Roles: an admin may do anything; a publisher may publish into the namespaces
 * its token was scoped to and manage what it owns; a reader may only read. Ownership of a
 * contract belongs to one principal, the first publisher of its id unless handed on since.
 */

/** The namespace of `namespace.name`: everything before the first dot. */
export function namespaceOf(contractId: string): string {
  const dot = contractId.indexOf('.');
  return dot === -1 ? contractId : contractId.slice(0, dot);
}

export function isAdmin(principal: Principal): boolean {
  return principal.role === 'admin';
}

/** Refuses principals whose role is below `role` (`reader` < `publisher` < `admin`). */
export function requireRole(principal: Principal, role: 'publisher' | 'admin', action: string): void {
  if (principal.role === 'admin') return;
  if (role === 'publisher' && principal.role === 'publisher') return;
  const need = role === 'admin' ? 'an admin token' : 'a publisher or admin token';
  throw new ConcordError('forbidden', `${principal.name} (${principal.role}) may not ${action}: use ${need}`);
}

/** Refuses a publisher whose token does not cover the contract's namespace, and every reader. */
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
