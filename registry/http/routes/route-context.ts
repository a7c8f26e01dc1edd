import type { RequestHandler } from 'express';
import type { RegistryServices } from '../../services/registry-services.js';
import type { HeaderLookup } from '../header-lookup.js';
import type { VersionBodies } from '../version-bodies.js';

/** What every route module registers its routes with. */
export interface RouteContext {
  readonly services: RegistryServices;
  /** Guards reads: public when the registry was started with public reads, otherwise any token. */
  readonly read: RequestHandler;
  /** Version responses with their immutable content kept in memory. */
  readonly versions: VersionBodies;
  /** The version a version GET or resolve answers with, kept in memory until the next commit. */
  readonly headers: HeaderLookup;
}
