import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { RegistryServices } from '../services/registry-services.js';
import type { UiAssets } from './assets.js';

/** What every UI route module registers its pages with. */
export interface UiRouteContext {
  readonly services: RegistryServices;
  readonly assets: UiAssets;
  /** Before every page: security headers, the viewer, read access. */
  readonly reading: readonly RequestHandler[];
  /** Before every form post: security headers, the same-origin check, the form parser, the viewer. */
  readonly posting: readonly RequestHandler[];
  /** After every UI route: errors as pages. */
  readonly errors: ErrorRequestHandler;
}
