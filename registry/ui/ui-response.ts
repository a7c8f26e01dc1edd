import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { HTTP_STATUS_BY_ERROR, isConcordError } from '../../contracts/index.js';
import { MAX_BODY_BYTES } from '../request/limits.js';
import { storageFault } from '../storage/storage-errors.js';
import type { UiAssets } from './assets.js';
import type { SafeHtml } from './html.js';
import { layout } from './layout.js';
import type { Section } from './layout.js';
import { errorPage } from './pages/login-page.js';
import type { LoginNotice } from './pages/login-page.js';
import { canRead, viewerOf } from './session.js';
import { uiPaths } from './ui-paths.js';

/** What a page handler produces; the frame (navigation, session) is added around it. */
export interface PageResult {
  readonly title: string;
  readonly section: Section;
  readonly content: SafeHtml;
  /** Defaults to 200. */
  readonly status?: number;
}

/** Sends a page in the site's frame. Pages show what a principal may read, so no cache keeps them. */
export function sendPage(req: Request, res: Response, assets: UiAssets, page: PageResult): void {
  const frame = { title: page.title, section: page.section, viewer: viewerOf(res), assets, path: req.originalUrl };
  res.status(page.status ?? 200).setHeader('cache-control', 'no-store');
  res.type('html').send(layout(frame, page.content).markup);
}

/** 303 to the login page, with a way back to where the viewer was going (GETs only: a form post cannot be replayed). */
export function redirectToLogin(req: Request, res: Response, notice: LoginNotice): void {
  const next = req.method === 'GET' ? req.originalUrl : undefined;
  res.redirect(303, uiPaths.login(next, notice));
}

/** Lets through viewers who may read; sends the others to log in. */
export const requireReader: RequestHandler = (req, res, next) => {
  const viewer = viewerOf(res);
  if (canRead(viewer)) {
    next();
    return;
  }
  redirectToLogin(req, res, viewer.expired === true ? 'expired' : 'required');
};

/** Body-parser's refusals carry a 4xx status and a type; its messages are not written for people. */
function parserMessage(error: { readonly status: number; readonly type?: unknown }): string {
  if (error.status === 413) return `the form is larger than the registry accepts: a contract document may be at most ${MAX_BODY_BYTES} bytes`;
  return 'the form could not be read: reload the page and submit it again';
}

/**
 * Turns errors of UI routes into pages: `unauthorized` sends the viewer to log in; other
 * ConcordErrors show their message (written for people: it says what to do) with their status;
 * anything else is logged and shown as a generic failure, never with a stack.
 */
export function uiErrorHandler(logger: Logger, assets: UiAssets): ErrorRequestHandler {
  return (raw: unknown, req, res, next) => {
    if (res.headersSent) {
      next(raw);
      return;
    }
    const error = storageFault(raw) ?? raw;
    if (isConcordError(error) && error.code === 'unauthorized') {
      redirectToLogin(req, res, 'required');
      return;
    }
    let status = 500;
    let message = 'the registry failed on this page; the details are in its log: try again, and tell its operators if it keeps failing';
    const parserStatus = (error as { status?: unknown } | null)?.status;
    if (isConcordError(error) && error.code !== 'internal') {
      status = HTTP_STATUS_BY_ERROR[error.code];
      message = error.message;
      if (status >= 500) logger.error({ err: raw, method: req.method, url: req.originalUrl }, 'UI request failed');
    } else if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      status = parserStatus;
      message = parserMessage(error as { status: number });
    } else {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, 'UI request failed');
    }
    if (!req.complete) res.setHeader('connection', 'close');
    sendPage(req, res, assets, { title: 'Error', section: 'none', content: errorPage(status, message), status });
  };
}
