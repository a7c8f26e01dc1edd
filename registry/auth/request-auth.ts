import type { RequestHandler, Response } from 'express';
import { ConcordError } from '../../contracts/index.js';
import type { Principal } from '../storage/principal-store.js';
import type { Authentication, Authenticator } from './authenticator.js';

/** Where the authentication middleware leaves its answer for the handlers. */
interface AuthLocals {
  authentication?: Authentication;
}

const TOKEN_HINT = 'send a token as "Authorization: Bearer <token>"; an admin issues tokens with POST /api/tokens';

/**
 * Express middleware that authenticates the request's bearer token, if any. A token that is sent
 * but unknown, revoked or malformed is refused at once with 401, for reads too, so a mistyped
 * token is never mistaken for anonymous access.
 */
export function authenticateRequests(authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    const authentication = await authenticator.authenticate(req.headers.authorization);
    if (authentication.kind === 'invalid') {
      next(new ConcordError('unauthorized', `the token was not accepted: ${authentication.reason}`));
      return;
    }
    (res.locals as AuthLocals).authentication = authentication;
    next();
  };
}

/** The authenticated principal of a request, or undefined for anonymous requests. */
export function principalOrAnonymous(res: Response): Principal | undefined {
  const authentication = (res.locals as AuthLocals).authentication;
  return authentication?.kind === 'principal' ? authentication.principal : undefined;
}

/** The authenticated principal of a request; throws ConcordError `unauthorized` for anonymous ones. */
export function principalOf(res: Response): Principal {
  const principal = principalOrAnonymous(res);
  if (principal === undefined) throw new ConcordError('unauthorized', `this request needs a token: ${TOKEN_HINT}`);
  return principal;
}

/** Middleware for reads: anyone when `publicRead`, otherwise any authenticated principal. */
export function requireReadAccess(publicRead: boolean): RequestHandler {
  return (_req, res, next) => {
    if (publicRead || principalOrAnonymous(res) !== undefined) {
      next();
      return;
    }
    next(new ConcordError('unauthorized', `reading this registry needs a token: ${TOKEN_HINT}`));
  };
}
