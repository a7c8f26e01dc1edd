import { nameProblem, requireValidName, ConcordError } from '../../contracts/index.js';
import { requireRole } from '../auth/permissions.js';
import type { Page, PageRequest } from '../storage/paging.js';
import type { ApiToken, Principal, Role } from '../storage/principal-store.js';
import { SERVICE_AUDIT_ACTIONS } from './audit-actions.js';
import { withTransaction } from './registry-stores.js';
import type { ServiceContext } from './service-context.js';

/** Most namespaces one publisher token may cover; more than this is an admin in disguise. */
export const MAX_TOKEN_NAMESPACES = 64;

export interface NewToken {
  readonly name: string;
  readonly role: Role;
  /** Required for publishers: the namespaces they may publish into. */
  readonly namespaces?: readonly string[];
}

export interface IssuedCredential {
  readonly principal: Principal;
  /** Shown once; only its hash is stored. */
  readonly token: string;
  readonly tokenInfo: ApiToken;
}

export interface TokenService {
  /** Creates a principal with a token; admins only. */
  create(input: NewToken, principal: Principal): Promise<IssuedCredential>;
  /** Every token with its principal, newest first; admins only. */
  list(page: PageRequest, principal: Principal): Promise<Page<ApiToken & { readonly principal: Principal }>>;
  /** Revokes a token; admins only. Throws ConcordError `not-found` for an unknown or revoked token. */
  revoke(tokenId: string, principal: Principal): Promise<void>;
}

function checkNewToken(input: NewToken): void {
  const nameRefusal = nameProblem('principal-name', input.name.trim(), '/name');
  if (nameRefusal !== undefined) throw new ConcordError('invalid-argument', `${nameRefusal}: name the person or job that will use the token`, { pointer: '/name' });
  const namespaces = input.namespaces ?? [];
  if (namespaces.length > MAX_TOKEN_NAMESPACES) {
    throw new ConcordError('invalid-argument', `${namespaces.length} namespaces given, more than ${MAX_TOKEN_NAMESPACES}: issue an admin token instead`);
  }
  for (const [index, namespace] of namespaces.entries()) requireValidName('namespace', namespace, `/namespaces/${index}`, `/namespaces/${index}`);
  if (input.role === 'publisher' && namespaces.length === 0) {
    throw new ConcordError('invalid-argument', 'a publisher token needs namespaces: list the namespaces it may publish into, like ["commerce"]');
  }
  if (input.role !== 'publisher' && namespaces.length > 0) {
    throw new ConcordError('invalid-argument', `namespaces apply to publisher tokens only: drop them for a ${input.role} token`);
  }
}

export function createTokenService(context: ServiceContext): TokenService {
  const { stores, clock } = context;
  return {
    async create(input, principal) {
      requireRole(principal, 'admin', 'create tokens');
      checkNewToken(input);
      return withTransaction(stores, clock, async (trx) => {
        const created = await trx.principals.createPrincipal({ name: input.name.trim(), role: input.role, namespaces: input.namespaces ?? [] });
        const issued = await trx.principals.createToken(created.id, { label: input.name.trim() });
        await trx.audit.append({
          actor: principal.id,
          action: SERVICE_AUDIT_ACTIONS.tokenCreate,
          detail: { principal: created.id, role: created.role, namespaces: [...created.namespaces], token: issued.token.id },
        });
        return { principal: created, token: issued.plaintext, tokenInfo: issued.token };
      });
    },

    async list(page, principal) {
      requireRole(principal, 'admin', 'list tokens');
      return stores.principals.listAllTokens(page);
    },

    async revoke(tokenId, principal) {
      requireRole(principal, 'admin', 'revoke tokens');
      await withTransaction(stores, clock, async (trx) => {
        if (!(await trx.principals.revokeToken(tokenId))) {
          throw new ConcordError('not-found', `token ${tokenId} does not exist or is already revoked: check the id`);
        }
        await trx.audit.append({ actor: principal.id, action: SERVICE_AUDIT_ACTIONS.tokenRevoke, detail: { token: tokenId } });
      });
    },
  };
}
