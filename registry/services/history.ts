import { contractChanges } from '../../contracts/diff/contract-diff.js';
import type { ChangeSource } from '../../contracts/diff/contract-diff.js';
import { normalizeContract } from '../../contracts/document/normalize-contract.js';
import type { ContractDocument } from '../../contracts/document/normalize-contract.js';
import type { Change } from '../../contracts/findings.js';
import type { Contract } from '../../contracts/model.js';
import { canonicalJson, sha256Hex } from '../storage/content-hash.js';
import type { StoredVersion, VersionHeader } from '../storage/contract-records.js';
import type { DiffCache } from '../storage/diff-cache.js';
import { withTransaction } from './registry-stores.js';
import type { ServiceContext } from './service-context.js';

/** A published version with its contract model rebuilt. */
export interface HistoryEntry {
  readonly header: VersionHeader;
  readonly contract: Contract;
}

/**
 * Most published versions whose rebuilt models a registry keeps in memory. A publish in a
 * transitive mode needs every earlier version's model and diff key; keeping them saves rebuilding
 * and hashing hundreds of documents per publish. A thousand covers two 500-version histories, and
 * at a few kilobytes per typical contract stays within tens of megabytes.
 */
export const MAX_REMEMBERED_VERSIONS = 1_000;

/** Rebuilt models of published versions and diff keys of contracts, remembered by content. */
export interface HistoryMemo {
  /** The version with its model, rebuilt once per content hash while remembered. */
  entry(stored: StoredVersion): HistoryEntry;
  /** {@link diffKey}, computed once per contract object. */
  keyOf(contract: Contract): string;
}

/**
 * The key diffs are cached under: the hash of everything in a contract except its version
 * number, which no change depends on. Two versions that differ only in their number share their
 * diffs with every other version.
 */
export function diffKey(contract: Contract): string {
  return sha256Hex(canonicalJson({ ...contract, version: undefined }));
}

/**
 * Rebuilds the contract model of a published version from its stored document and bundled
 * schema. The document passed validation when it was published, so it is not validated again.
 */
function rebuild(stored: StoredVersion): Contract {
  // The cast is safe: only documents that passed the meta-schema are ever stored.
  const document = stored.document as ContractDocument;
  return normalizeContract({ ...document, schema: stored.bundledSchema });
}

/** A memo of at most `capacity` (default {@link MAX_REMEMBERED_VERSIONS}) models, least recently used out first. */
export function createHistoryMemo(capacity: number = MAX_REMEMBERED_VERSIONS): HistoryMemo {
  const models = new Map<string, Contract>();
  const keys = new WeakMap<Contract, string>();
  return {
    entry(stored) {
      let contract = models.get(stored.contentHash);
      if (contract === undefined) {
        contract = rebuild(stored);
        if (models.size >= capacity) models.delete(models.keys().next().value as string);
      } else {
        models.delete(stored.contentHash);
      }
      models.set(stored.contentHash, contract);
      return { header: stored, contract };
    },
    keyOf(contract) {
      let key = keys.get(contract);
      if (key === undefined) {
        key = diffKey(contract);
        keys.set(contract, key);
      }
      return key;
    },
  };
}

/** Diffs for one check: served from the cache where it had them, computed and remembered otherwise. */
export interface CachedChanges {
  /** For `checkAgainstHistory`; synchronous because every cached pair was fetched up front. */
  readonly source: ChangeSource;
  /** Stores the diffs this check had to compute, so the next check of the same pair reuses them. */
  save(cache: DiffCache): Promise<void>;
}

/**
 * Fetches from `cache`, in one go, the diffs between each of `earlier` and `candidate`, and
 * returns a change source over them. Pairs the cache lacks are computed on first use.
 */
export async function cachedChanges(cache: DiffCache, memo: HistoryMemo, candidate: Contract, earlier: readonly Contract[]): Promise<CachedChanges> {
  const after = memo.keyOf(candidate);
  const befores = [...new Set(earlier.map((contract) => memo.keyOf(contract)))].filter((before) => before !== after);
  const found = befores.length === 0 ? new Map<string, readonly Change[]>() : await cache.getMany(befores, after);
  const known = new Map<string, readonly Change[]>([...found].map(([before, changes]) => [`${before} ${after}`, changes]));
  const computed = new Map<string, { readonly beforeHash: string; readonly afterHash: string; readonly changes: readonly Change[] }>();

  return {
    source(before, afterContract) {
      const beforeKey = memo.keyOf(before);
      const afterKey = memo.keyOf(afterContract);
      if (beforeKey === afterKey) return [];
      const pair = `${beforeKey} ${afterKey}`;
      const cached = known.get(pair);
      if (cached !== undefined) return cached;
      const changes = contractChanges(before, afterContract);
      known.set(pair, changes);
      computed.set(pair, { beforeHash: beforeKey, afterHash: afterKey, changes });
      return changes;
    },
    async save(target) {
      if (computed.size === 0) return;
      await target.putMany([...computed.values()]);
      computed.clear();
    },
  };
}

/**
 * Stores the diffs a check computed in the background, in one transaction of its own after the
 * check's: the answer does not wait for them, and since the cache only saves time, a failure is
 * logged and never fails the request.
 */
export function saveComputedDiffs(context: ServiceContext, cached: CachedChanges): void {
  context.background.run('storing computed diffs in the diff cache', () => withTransaction(context.stores, context.clock, (trx) => cached.save(trx.diffCache)));
}
