import type { Request, RequestHandler, Response } from 'express';
import type { Authenticator } from '../auth/authenticator.js';
import { MAX_CREDENTIAL_LENGTH } from '../auth/authenticator.js';
import type { Principal, PrincipalStore } from '../storage/principal-store.js';
import type { SessionStore } from '../storage/session-store.js';

/** The cookie holding the id of a UI session (never an API token: see storage/session-store.ts). */
export const SESSION_COOKIE = 'concord_session';

/**
 * The cookie earlier releases kept the API token itself in. It is never read any more, but a
 * browser still holding one carries a live token, so it is expired wherever it is seen.
 */
export const LEGACY_TOKEN_COOKIE = 'concord_token';

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

/** Sets the session cookie: the session's id, readable by no script, sent only on same-site requests. */
export function setSessionCookie(req: Request, res: Response, sessionId: string): void {
  res.append('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(sessionId)}; ${cookieAttributes(req)}`);
}

/** Expires the session cookie (logout, or a token no longer accepted). */
export function clearSessionCookie(req: Request, res: Response): void {
  res.append('set-cookie', `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes(req)}`);
}

function clearLegacyCookie(req: Request, res: Response): void {
  if (cookieValue(req.headers.cookie, LEGACY_TOKEN_COOKIE) !== undefined) res.append('set-cookie', `${LEGACY_TOKEN_COOKIE}=; Max-Age=0; ${cookieAttributes(req)}`);
}

/** The session id a UI request's cookie carries, or undefined. */
export function sessionIdOf(req: Request): string | undefined {
  const id = cookieValue(req.headers.cookie, SESSION_COOKIE);
  return id === undefined || id === '' ? undefined : id;
}

/** Where the UI finds who is looking: the API's authenticator for an Authorization header, sessions for the cookie. */
export interface ViewerSources {
  readonly authenticator: Authenticator;
  readonly sessions: SessionStore;
  readonly principals: Pick<PrincipalStore, 'getPrincipal'>;
  readonly publicRead: boolean;
}

async function authenticateViewer(req: Request, sources: ViewerSources): Promise<{ readonly principal?: Principal; readonly expired: boolean }> {
  if (req.headers.authorization !== undefined) {
    const authentication = await sources.authenticator.authenticate(req.headers.authorization);
    if (authentication.kind === 'principal') return { principal: authentication.principal, expired: false };
    return { expired: authentication.kind === 'invalid' };
  }
  const sessionId = sessionIdOf(req);
  if (sessionId === undefined) return { expired: false };
  const principalId = await sources.sessions.find(sessionId);
  const principal = principalId === undefined ? undefined : await sources.principals.getPrincipal(principalId);
  return principal === undefined ? { expired: true } : { principal, expired: false };
}

/**
 * Finds the viewer of UI requests: from an Authorization header, checked exactly like the API's,
 * else from the session cookie. A header that is not accepted, or a session that ended (logout,
 * expiry, its token revoked), makes the viewer anonymous and `expired`, and the cookie is cleared,
 * so the viewer is asked to log in again rather than refused on every page.
 */
export function viewerMiddleware(sources: ViewerSources): RequestHandler {
  return async (req, res, next) => {
    clearLegacyCookie(req, res);
    const { principal, expired } = await authenticateViewer(req, sources);
    let viewer: Viewer = { publicRead: sources.publicRead };
    if (principal !== undefined) viewer = { principal, publicRead: sources.publicRead };
    if (expired) {
      clearSessionCookie(req, res);
      viewer = { publicRead: sources.publicRead, expired: true };
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
