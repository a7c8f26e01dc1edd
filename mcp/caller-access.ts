import type { RegistryClient, Role } from '../registry/client/index.js';

/** Roles whose tokens may pin: the registry lets consumers pin for consumers of their own, publishers and admins for any. */
const WRITING_ROLES: ReadonlySet<Role> = new Set(['consumer', 'publisher', 'admin']);

/** Whether a principal of `role` may call the writing tools. */
export function canWriteRole(role: Role): boolean {
  return WRITING_ROLES.has(role);
}

/** Who the MCP server acts for: a principal of the registry, or nobody (a registry with public reads). */
export interface CallerAccess {
  /** The principal's name and role; undefined for a caller without a token. */
  readonly principal?: { readonly name: string; readonly role: Role };
  readonly canWrite: boolean;
}

/**
 * Asks the registry who the client's token belongs to (`GET /api/whoami`); a client without a
 * token reads anonymously and never writes. Rejects with the registry's ConcordError
 * (`unauthorized` for an unknown or revoked token, `unreadable-input` when it cannot be reached).
 */
export async function callerAccess(client: RegistryClient, hasToken: boolean): Promise<CallerAccess> {
  if (!hasToken) return { canWrite: false };
  const principal = await client.whoami();
  return { principal: { name: principal.name, role: principal.role }, canWrite: canWriteRole(principal.role) };
}
