import express from 'express';
import type { Express, Request, RequestHandler, Response, Router } from 'express';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.js';
import type { RegistryServices } from '../services/registry-services.js';
import { ASSET_PATH, loadAssets } from './assets.js';
import type { UiAssets } from './assets.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { registerContractRoutes } from './contract-routes.js';
import { registerDriftRoutes } from './drift-routes.js';
import { formBody, formField } from './form-body.js';
import { registerImpactRoutes } from './impact-route.js';
import { registerMetricRoutes } from './metric-routes.js';
import { errorPage, LOGIN_NOTICES, loginPage } from './pages/login-page.js';
import type { LoginNotice } from './pages/login-page.js';
import type { UiRouteContext } from './route-context.js';
import { requireSameOrigin } from './same-origin.js';
import { securityHeaders } from './security-headers.js';
import type { SessionStore } from '../storage/session-store.js';
import { clearSessionCookie, sessionIdOf, setSessionCookie, viewerMiddleware } from './session.js';
import { localReturnPath, uiPaths } from './ui-paths.js';
import { requireReader, sendPage, uiErrorHandler } from './ui-response.js';

export interface UiOptions {
  readonly services: RegistryServices;
  /** The API's authenticator: checks the token a user logs in with, and Authorization headers on pages. */
  readonly authenticator: Authenticator;
  /** Where logins start sessions; the cookie carries a session id, never the token. */
  readonly sessions: SessionStore;
  /** Defaults to false: pages need a login. */
  readonly publicRead?: boolean;
  readonly logger: Logger;
  /** Defaults to the files in registry/ui/assets. */
  readonly assets?: UiAssets;
}

function loginNotice(text: string | undefined): LoginNotice | undefined {
  return text !== undefined && Object.hasOwn(LOGIN_NOTICES, text) ? (text as LoginNotice) : undefined;
}

/** Log in with an API token (starting a session whose id an HttpOnly, SameSite=Strict cookie keeps) and log out (ending it). */
function registerSessionRoutes(app: Router, context: UiRouteContext, options: UiOptions, viewer: RequestHandler): void {
  const { assets } = context;
  const publicRead = options.publicRead ?? false;
  const showLogin = (req: Request, res: Response, next: string, extra: { readonly notice?: LoginNotice; readonly error?: string; readonly status?: number }) =>
    sendPage(req, res, assets, { title: 'Log in', section: 'login', status: extra.status ?? 200, content: loginPage({ next, publicRead, ...extra }) });

  app.get('/login', securityHeaders, viewer, (req: Request, res: Response) => {
    const query = req.query as Record<string, unknown>;
    const notice = loginNotice(typeof query['notice'] === 'string' ? query['notice'] : undefined);
    showLogin(req, res, localReturnPath(typeof query['next'] === 'string' ? query['next'] : undefined), notice === undefined ? {} : { notice });
  }, context.errors);

  app.post('/login', ...context.posting, async (req: Request, res: Response) => {
    const token = (formField(req, 'token') ?? '').trim();
    const next = localReturnPath(formField(req, 'next'));
    const authentication = token === '' ? undefined : await options.authenticator.authenticate(`Bearer ${token}`);
    if (authentication?.kind !== 'principal') {
      const reason = authentication?.kind === 'invalid' ? authentication.reason : 'give the token to log in with';
      showLogin(req, res, next, { status: 401, error: `That token was not accepted: ${reason}.` });
      return;
    }
    const sessionId = await options.sessions.create({
      principalId: authentication.principal.id,
      ...(authentication.tokenId === undefined ? {} : { tokenId: authentication.tokenId }),
    });
    setSessionCookie(req, res, sessionId);
    res.redirect(303, next);
  }, context.errors);

  app.post('/logout', ...context.posting, async (req: Request, res: Response) => {
    const sessionId = sessionIdOf(req);
    if (sessionId !== undefined) await options.sessions.end(sessionId);
    clearSessionCookie(req, res);
    res.redirect(303, uiPaths.login(undefined, 'logged-out'));
  }, context.errors);
}

/**
 * The web UI, served by the registry's own app at `/` and below (the API keeps `/api`): pages
 * rendered on the server, authenticated like the API by a token (header or session cookie), with
 * a strict Content-Security-Policy. Register before the app's JSON not-found handler: unmatched
 * page URLs get an HTML 404 here.
 */
export function registerUiRoutes(app: Express, options: UiOptions): void {
  const assets = options.assets ?? loadAssets();
  const viewer = viewerMiddleware({
    authenticator: options.authenticator,
    sessions: options.sessions,
    principals: options.services.stores.principals,
    publicRead: options.publicRead ?? false,
  });
  const context: UiRouteContext = {
    services: options.services,
    assets,
    reading: [securityHeaders, viewer, requireReader],
    posting: [securityHeaders, requireSameOrigin, formBody, viewer],
    errors: uiErrorHandler(options.logger, assets),
  };
  // One router for all of the UI, so the app's own route table (and the OpenAPI check of it) stays the API's.
  const router = express.Router();
  router.get(`${ASSET_PATH}:name`, securityHeaders, assets.handler);
  registerSessionRoutes(router, context, options, viewer);
  registerCatalogRoutes(router, context);
  registerContractRoutes(router, context);
  registerDriftRoutes(router, context);
  registerMetricRoutes(router, context);
  registerImpactRoutes(router, context);
  router.use((req, res, next) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && !req.path.startsWith('/api/') && req.accepts(['json', 'html']) === 'html';
    if (!page) {
      next();
      return;
    }
    securityHeaders(req, res, () => {
      sendPage(req, res, assets, { title: 'Not found', section: 'none', status: 404, content: errorPage(404, `there is no page at ${req.path}: start from the contracts list`) });
    });
  });
  app.use(router);
}
