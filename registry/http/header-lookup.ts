import type { ContractReads } from '../services/contract-reads.js';
import type { ChangeStamp } from '../storage/change-stamp.js';
import type { VersionHeader } from '../storage/contract-records.js';
import { createStampedCache } from '../storage/stamped-cache.js';

/**
 * Most (contract, version or range) answers kept between requests. An entry is a small header;
 * ten thousand cover every pin of a large registry in a few megabytes, and requests for endless
 * distinct ranges only push older entries out.
 */
export const MAX_CACHED_SELECTIONS = 10_000;

/** Which version of a contract a GET asks for: a version (or `latest`), or a semver range. */
export type VersionSelector = { readonly version: string } | { readonly range: string };

/** Finds the header a version GET answers with; errors (unknown contract, bad range) are thrown, never kept. */
export type HeaderLookup = (id: string, selector: VersionSelector) => Promise<VersionHeader>;

/**
 * `reads.findHeader`, with answers kept in memory until the database's change stamp moves: a
 * publish, yank or deprecation (by any process) is seen by the first read after its commit,
 * while the reads in between cost no query.
 */
export function cachedHeaderLookup(reads: ContractReads, stamp: ChangeStamp, capacity: number = MAX_CACHED_SELECTIONS): HeaderLookup {
  const cache = createStampedCache<VersionHeader>(stamp, capacity);
  return (id, selector) => {
    // JSON keeps any id and selector apart, whatever characters a caller puts in them.
    const key = JSON.stringify('range' in selector ? ['range', id, selector.range] : ['version', id, selector.version]);
    return cache.get(key, () => reads.findHeader(id, selector));
  };
}
