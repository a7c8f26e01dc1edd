import { ownerProblem, requireOwner } from '../auth/permissions.js';
import type { ContractSummary } from '../storage/contract-records.js';
import type { Principal } from '../storage/principal-store.js';
import type { RegistryStores } from './registry-stores.js';

/**
 * Refuses anyone but the contract's owner principal and admins (ConcordError `forbidden`), naming
 * the owning principal as it is registered and the contract's contact person separately. The
 * owner is looked up only for a refusal.
 */
export async function requireContractOwner(stores: RegistryStores, principal: Principal, contract: ContractSummary, action: string): Promise<void> {
  if (ownerProblem(principal, contract, action) === undefined) return;
  const owner = contract.ownerPrincipalId === undefined ? undefined : await stores.principals.getPrincipal(contract.ownerPrincipalId);
  requireOwner(principal, contract, action, owner);
}
