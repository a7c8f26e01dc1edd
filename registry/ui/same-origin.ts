import { ConcordError } from '../../contracts/index.js';
import type { Request, RequestHandler } from 'express';

/** Why a form post was refused as cross-site, or undefined when it came from the registry's own pages. */
export function crossSiteReason(req: Request): string | undefined {
  const host = req.headers.host;
  if (host === undefined) return 'the request names no Host';
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  // Browsers send Origin on every POST; Referer is the fallback for the few that do not.
  const claimed = origin !== undefined && origin !== 'null' ? origin : referer;
  if (claimed === undefined || claimed === '') return 'the request says neither where it came from (Origin) nor which page sent it (Referer)';
  let claimedHost: string;
  try {
    claimedHost = new URL(claimed).host;
  } catch {
    return `its origin ${claimed.slice(0, 80)} is not a URL`;
  }
  // Host, not scheme: behind a TLS-terminating proxy the registry sees http while the page was https.
  return claimedHost === host.toLowerCase() ? undefined : `it came from ${claimedHost}, not from ${host}`;
}

/**
 * CSRF defence for the UI's form posts, besides the SameSite=Strict cookie: a post is accepted only
 * when its Origin (or, failing that, its Referer) names this registry's own host. Others are
 * refused with ConcordError `forbidden`.
 */
export const requireSameOrigin: RequestHandler = (req, _res, next) => {
  const reason = crossSiteReason(req);
  if (reason === undefined) {
    next();
    return;
  }
  next(new ConcordError('forbidden', `this form post was refused because ${reason}: open the page on the registry itself and submit it again`));
};
