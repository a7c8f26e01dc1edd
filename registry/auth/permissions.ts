import { ConcordError } from '../../contracts/index.js';
import type { ContractSummary } from '../storage/contract-records.js';
import type { Principal, Role } from '../storage/principal-store.js';
import { describePrincipal } from './describe-principal.js';

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

/** Why `principal`'s role is below `role` (`reader` < `consumer` < `publisher` < `admin`) for `action`; undefined when it is not. */
export function roleProblem(principal: Principal, role: Exclude<Role, 'reader'>, action: string): string | undefined {
  if (RANK[principal.role] >= RANK[role]) return undefined;
  return `${principal.name} (${principal.role}) may not ${action}: use ${NEED[role]}`;
}

/** Refuses principals whose role is below `role` (`reader` < `consumer` < `publisher` < `admin`). */
export function requireRole(principal: Principal, role: Exclude<Role, 'reader'>, action: string): void {
  const problem = roleProblem(principal, role, action);
  if (problem !== undefined) throw new ConcordError('forbidden', problem);
}

/** Why a publisher's token does not cover the contract's namespace; undefined for admins, covered publishers and roles that cannot publish at all. */
export function namespaceProblem(principal: Principal, contractId: string): string | undefined {
  if (principal.role !== 'publisher') return undefined;
  const namespace = namespaceOf(contractId);
  if (principal.namespaces.includes(namespace)) return undefined;
  const scope = principal.namespaces.length === 0 ? 'no namespace' : `only ${principal.namespaces.join(', ')}`;
  return `${principal.name} may publish into ${scope}, not ${namespace}: ask an admin for a token scoped to ${namespace}`;
}

/** Refuses a publisher whose token does not cover the contract's namespace, and every consumer and reader. */
export function requireNamespace(principal: Principal, contractId: string): void {
  requireRole(principal, 'publisher', `publish ${contractId}`);
  const problem = namespaceProblem(principal, contractId);
  if (problem !== undefined) throw new ConcordError('forbidden', problem);
}

/**
 * Why `principal` may not `action` the contract because another principal owns it; undefined
 * for its owner and admins. Names the owning principal (`ownerPrincipal`, when it was looked up)
 * and the contract's contact person separately: they are often different people.
 */
export function ownerProblem(principal: Principal, contract: ContractSummary, action: string, ownerPrincipal?: { readonly name: string }): string | undefined {
  if (isAdmin(principal) || contract.ownerPrincipalId === principal.id) return undefined;
  const owner = contract.ownerPrincipalId === undefined ? 'no principal' : describePrincipal(contract.ownerPrincipalId, ownerPrincipal);
  const contact = `${contract.owner.name} <${contract.owner.email}>`;
  return (
    `${principal.name} may not ${action} ${contract.id}: it is owned by ${owner} (its contact person is ${contact}); ` +
    'ask its owner or an admin to do it, or to transfer ownership to you'
  );
}

/** Refuses anyone but the contract's owner principal and admins. */
export function requireOwner(principal: Principal, contract: ContractSummary, action: string, ownerPrincipal?: { readonly name: string }): void {
  const problem = ownerProblem(principal, contract, action, ownerPrincipal);
  if (problem !== undefined) throw new ConcordError('forbidden', problem);
}
