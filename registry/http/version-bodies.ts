import { LRUCache } from 'lru-cache';
import type { ContractReads } from '../services/contract-reads.js';
import type { PrincipalNames } from '../services/principal-names.js';
import type { VersionHeader } from '../storage/contract-records.js';
import { versionHeaderView } from './views.js';

/**
 * Most bytes of serialized version content kept in memory. Published content never changes, so
 * the versions clients resolve again and again are served without reading and re-serializing
 * their documents; 64 MiB holds thousands of typical contracts while a registry of very large
 * schemas cannot grow without bound.
 */
export const MAX_CACHED_BODY_BYTES = 64 * 1024 * 1024;

/** The JSON of one version as GET answers it, with the immutable document and schema kept as text. */
export interface VersionBodies {
  /** The response text for `header`: its marks fresh, its document and schema from memory when known; principals named from `names`. */
  render(header: VersionHeader, names: PrincipalNames): Promise<string>;
}

/** Loads the `"document":…,"schema":…` text of a version; tests pass their own. */
export type ContentLoader = (header: VersionHeader) => Promise<string>;

/** A loader reading the version through the contract reads. */
export function contentFrom(reads: ContractReads): ContentLoader {
  return async (header) => {
    const stored = await reads.getVersion(header.contractId, header.version);
    return `"document":${JSON.stringify(stored.document)},"schema":${JSON.stringify(stored.bundledSchema)}`;
  };
}

/**
 * Version responses with content cached by content hash, least recently used out first once the
 * texts pass `budget` bytes (default {@link MAX_CACHED_BODY_BYTES}). Marks (deprecated, yanked)
 * come from the header, read fresh on every request.
 */
export function createVersionBodies(load: ContentLoader, budget: number = MAX_CACHED_BODY_BYTES): VersionBodies {
  // A text longer than the whole budget is served but not kept, rather than pushing out every
  // other; sizes must be positive, so an empty text counts as one byte.
  const contents = new LRUCache<string, string>({ maxSize: budget, sizeCalculation: (text) => Math.max(1, Buffer.byteLength(text, 'utf8')) });
  return {
    async render(header, names) {
      let content = contents.get(header.contentHash);
      if (content === undefined) {
        content = await load(header);
        contents.set(header.contentHash, content);
      }
      const head = JSON.stringify({ contract: header.contractId, ...versionHeaderView(header, names) });
      return `${head.slice(0, -1)},${content}}`;
    },
  };
}
