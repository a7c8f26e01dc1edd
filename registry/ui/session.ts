import type { Request, RequestHandler, Response } from 'express';
import type { Authenticator } from '../auth/authenticator.js';
import { MAX_CREDENTIAL_LENGTH } from '../auth/authenticator.js';
import type { Principal } from '../storage/principal-store.js';

/** The cookie holding the API token a user logged in with. */
export const SESSION_COOKIE = 'concord_token';

/** Who is looking at a UI page. */
export interface Viewer {
  /** Undefined for anonymous viewers (public-read servers only get that far). */
  readonly principal?: Principal;
  /** True when the registry lets anyone read. */
  readonly publicRead: boolean;
  /** True when the request carried a token that is no longer accepted (its cookie is being cleared). */
  readonly expired?: boolean;
}

interface ViewerLocals {
  viewer?: Viewer;
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header.length > 2 * MAX_CREDENTIAL_LENGTH + 4096) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function cookieAttributes(req: Request): string {
  // Secure only over https, or a login over plain http on 127.0.0.1 would never be sent back.
  return `Path=/; HttpOnly; SameSite=Strict${req.secure ? '; Secure' : ''}`;
}

/** Sets the session cookie: the token itself, readable by no script, sent only on same-site requests. */
export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.append('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(token)}; ${cookieAttributes(req)}`);
}

/** Expires the session cookie (logout, or a token no longer accepted). */
export function clearSessionCookie(req: Request, res: Response): void {
  res.append('set-cookie', `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes(req)}`);
}

/** The credentials of a UI request as an Authorization header value: the header itself, else the session cookie. */
export function credentialsOf(req: Request): string | undefined {
  if (req.headers.authorization !== undefined) return req.headers.authorization;
  const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
  return token === undefined || token === '' ? undefined : `Bearer ${token}`;
}

/**
 * Authenticates UI requests with the same authenticator as the API, from the Authorization header
 * or the session cookie. A token that is no longer accepted (revoked) makes the viewer anonymous
 * and `expired`, and its cookie is cleared, so the viewer is asked to log in again rather than
 * refused on every page.
 */
export function viewerMiddleware(authenticator: Authenticator, publicRead: boolean): RequestHandler {
  return async (req, res, next) => {
    const authentication = await authenticator.authenticate(credentialsOf(req));
    let viewer: Viewer = { publicRead };
    if (authentication.kind === 'principal') viewer = { principal: authentication.principal, publicRead };
    if (authentication.kind === 'invalid') {
      clearSessionCookie(req, res);
      viewer = { publicRead, expired: true };
    }
    (res.locals as ViewerLocals).viewer = viewer;
    next();
  };
}

/** The viewer that {@link viewerMiddleware} found; anonymous before it ran. */
export function viewerOf(res: Response): Viewer {
  return (res.locals as ViewerLocals).viewer ?? { publicRead: false };
}

/** Whether the viewer may read registry pages: anyone on a public-read registry, else any principal. */
export function canRead(viewer: Viewer): boolean {
  return viewer.publicRead || viewer.principal !== undefined;
}
