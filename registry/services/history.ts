import { LRUCache } from 'lru-cache';
import { contractChanges, ConcordError, normalizeContract, contractVerdict, verdictOf, canonicalJson, sha256Hex } from '../../contracts/index.js';
import type { ChangeSource, ContractDocument, Verdict, VerdictSource, Change, Contract } from '../../contracts/index.js';
import type { ContractQueries } from '../storage/contract-queries.js';
import type { StoredVersion, VersionHeader } from '../storage/contract-records.js';
import type { DiffCache } from '../storage/diff-cache.js';

/** A published version with its contract model rebuilt. */
export interface HistoryEntry {
  readonly header: VersionHeader;
  readonly contract: Contract;
}

/**
 * Most heap, in bytes, that rebuilt models of published versions may take in a registry. A
 * publish in a transitive mode needs every earlier version's model; published versions never
 * change, so a model rebuilt once serves every later publish, dry run and changelog. A model's
 * heap is estimated from its stored JSON ({@link MODEL_HEAP_PER_JSON_BYTE}); 48 MiB holds about
 * 16 MiB of stored JSON, thousands of typical versions (several long histories at once, so
 * publishes into two of them in turn do not push each other's out), while a burst of publishing
 * into many contracts leaves at most this much behind.
 */
export const MAX_REMEMBERED_BYTES = 48 * 1024 * 1024;

/**
 * Heap bytes a rebuilt model takes per byte of its stored JSON (document plus bundled schema).
 * Measured at 2.3 for 5,000 typical contracts (heap used after GC, `node --expose-gc`); 3 leaves
 * room for schemas with more, smaller nodes.
 */
export const MODEL_HEAP_PER_JSON_BYTE = 3;

/**
 * Most version headers a registry keeps in memory across contracts. A header takes about 400
 * bytes of heap, so 20,000 stay under 8 MiB. A publish reads every header of its contract;
 * remembered ones are proved current by two counts instead of being read again, and 20,000 cover
 * forty 500-version histories.
 */
export const MAX_REMEMBERED_HEADERS = 20_000;

/**
 * Most verdicts (see checkHistoryVerdicts) a registry keeps in memory, keyed by the diff keys of
 * the pair, mode and policy (about 250 bytes each, so at most about 12 MB). A dry run followed by
 * its publish, a re-publish or an impact check asks for the same verdicts against every earlier
 * version again; 50,000 hold a hundred such checks against 500-version histories.
 */
export const MAX_REMEMBERED_VERDICTS = 50_000;

/** Rebuilt models of published versions and diff keys of contracts, remembered by content. */
export interface HistoryMemo {
  /** A remembered verdict, by {@link verdictKey}. */
  verdict(key: string): Verdict | undefined;
  /** Remembers a verdict, least recently used out first past MAX_REMEMBERED_VERDICTS. */
  rememberVerdict(key: string, verdict: Verdict): void;
  /** The headers of contract `id` as last remembered, if they are; see {@link currentHeaders}. */
  headers(id: string): readonly VersionHeader[] | undefined;
  /** Remembers every header of contract `id`, in semver order, least recently used out first. */
  rememberHeaders(id: string, headers: readonly VersionHeader[]): void;
  /** The version with its model, rebuilt once per content hash while remembered. */
  entry(stored: StoredVersion): HistoryEntry;
  /** The version with its model when it is remembered, without its document. */
  known(header: VersionHeader): HistoryEntry | undefined;
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

/** The heap bytes a version's model is charged against the memo's budget: its stored JSON times {@link MODEL_HEAP_PER_JSON_BYTE}. */
function storedBytes(stored: StoredVersion): number {
  return MODEL_HEAP_PER_JSON_BYTE * ((JSON.stringify(stored.document)?.length ?? 0) + (JSON.stringify(stored.bundledSchema)?.length ?? 0));
}

/**
 * A memo of models worth at most `budget` bytes of estimated heap (default
 * {@link MAX_REMEMBERED_BYTES}) and of at most `headerBudget` headers (default
 * {@link MAX_REMEMBERED_HEADERS}), least recently used out first.
 */
export function createHistoryMemo(budget: number = MAX_REMEMBERED_BYTES, headerBudget: number = MAX_REMEMBERED_HEADERS): HistoryMemo {
  // Sizes must be positive: an empty header list counts as one. A model or header list larger
  // than its whole budget is used but not kept, rather than pushing out every other.
  const models = new LRUCache<string, Contract>({ maxSize: budget });
  const verdicts = new LRUCache<string, Verdict>({ max: MAX_REMEMBERED_VERDICTS });
  const headerLists = new LRUCache<string, readonly VersionHeader[]>({ maxSize: headerBudget, sizeCalculation: (headers) => Math.max(1, headers.length) });
  const keys = new WeakMap<Contract, string>();
  return {
    verdict: (key) => verdicts.get(key),
    rememberVerdict(key, verdict) {
      verdicts.set(key, verdict);
    },
    headers: (id) => headerLists.get(id),
    rememberHeaders(id, headers) {
      headerLists.set(id, headers);
    },
    entry(stored) {
      const remembered = models.get(stored.contentHash);
      if (remembered !== undefined) return { header: stored, contract: remembered };
      const contract = rebuild(stored);
      models.set(stored.contentHash, contract, { size: Math.max(1, storedBytes(stored)) });
      return { header: stored, contract };
    },
    known(header) {
      const contract = models.get(header.contentHash);
      return contract === undefined ? undefined : { header, contract };
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

/**
 * The headers of every version of contract `id`, in semver order: the remembered ones while
 * `queries` proves them current (ContractQueries.isCurrent), otherwise read and remembered.
 */
export async function currentHeaders(queries: ContractQueries, memo: HistoryMemo, id: string): Promise<readonly VersionHeader[]> {
  const remembered = memo.headers(id);
  if (remembered !== undefined && (await queries.isCurrent(id, remembered))) return remembered;
  const headers = await queries.listVersions(id);
  memo.rememberHeaders(id, headers);
  return headers;
}

/**
 * The models of the versions `headers` name (of contract `id`), in the same order: from `memo`
 * where it holds them, the rest read in one go through `queries` and remembered. Throws
 * ConcordError `internal` when a listed version cannot be read back.
 */
export async function loadHistory(queries: ContractQueries, memo: HistoryMemo, id: string, headers: readonly VersionHeader[]): Promise<HistoryEntry[]> {
  const found = headers.map((header) => memo.known(header));
  const missing = headers.filter((_header, index) => found[index] === undefined).map((header) => header.version);
  const loaded = missing.length === 0 ? [] : await queries.getStoredVersions(id, missing);
  const byVersion = new Map(loaded.map((stored) => [stored.version, stored]));
  return headers.map((header, index) => {
    const entry = found[index];
    if (entry !== undefined) return entry;
    const stored = byVersion.get(header.version);
    if (stored === undefined) throw new ConcordError('internal', `${id} ${header.version} is listed but its document could not be read`);
    // The marks are the header's: they may be newer than the stored row's read.
    return { header, contract: memo.entry(stored).contract };
  });
}

/** A diff computed during a check, as the diff cache stores it. */
export interface ComputedChanges {
  readonly beforeHash: string;
  readonly afterHash: string;
  readonly changes: readonly Change[];
}

/** The diffs a check knows, in a form that crosses to a worker thread: see {@link changeSourceOver}. */
export interface KnownChanges {
  /** The diff key of each contract asked about, in the same order. */
  readonly keys: readonly string[];
  /** Diffs known so far, keyed `beforeKey afterKey`. */
  readonly pairs: readonly (readonly [string, readonly Change[]])[];
  /** Verdicts remembered so far, keyed `beforeKey afterKey mode policy`. */
  readonly verdicts: readonly (readonly [string, Verdict])[];
}

/** Diffs for one check: served from the cache where it had them, computed and remembered otherwise. */
export interface CachedChanges {
  /** For `checkAgainstHistory`; synchronous because every cached pair was fetched up front. */
  readonly source: ChangeSource;
  /**
   * For `checkHistoryVerdicts`: from the memo's verdicts, else from cached diffs, else computed
   * by the engine (stopping at the first breaking change) and remembered in the memo.
   */
  readonly verdict: VerdictSource;
  /** The key diffs of `contract` are cached under ({@link diffKey}). */
  keyOf(contract: Contract): string;
  /** The diff between two contracts when it is known, without computing it. */
  lookup(before: Contract, after: Contract): readonly Change[] | undefined;
  /** The keys of `contracts`, every diff known so far and the remembered verdicts of each against the candidate in its mode, for a check run in a worker. */
  snapshot(contracts: readonly Contract[]): KnownChanges;
  /** Takes in diffs and verdicts computed elsewhere (in a worker): `source` and `verdict` serve them, `save` stores the diffs. */
  absorb(computed: readonly ComputedChanges[], verdicts?: readonly (readonly [string, Verdict])[]): void;
  /** Stores the diffs this check had to compute, so the next check of the same pair reuses them. */
  save(cache: DiffCache): Promise<void>;
}

/**
 * A change source over `known` diffs (keyed `beforeKey afterKey`) that computes the others with
 * the engine, remembers them in `known` and lists them in `computed`. Identical contracts have
 * no changes and are never diffed.
 */
export function changeSourceOver(keyOf: (contract: Contract) => string, known: Map<string, readonly Change[]>, computed: Map<string, ComputedChanges>): ChangeSource {
  return (before, afterContract) => {
    const beforeKey = keyOf(before);
    const afterKey = keyOf(afterContract);
    if (beforeKey === afterKey) return [];
    const pair = `${beforeKey} ${afterKey}`;
    const cached = known.get(pair);
    if (cached !== undefined) return cached;
    const changes = contractChanges(before, afterContract);
    known.set(pair, changes);
    computed.set(pair, { beforeHash: beforeKey, afterHash: afterKey, changes });
    return changes;
  };
}

/**
 * A verdict source (see checkHistoryVerdicts): from `recall`, else from a `known` diff, else
 * computed by the engine, stopping at the first breaking change; what it finds goes to `remember`.
 */
export function verdictSourceOver(
  keyOf: (contract: Contract) => string,
  known: ReadonlyMap<string, readonly Change[]>,
  recall: (key: string) => Verdict | undefined,
  remember: (key: string, verdict: Verdict) => void,
): VerdictSource {
  return (before, afterContract, mode, policy) => {
    const beforeKey = keyOf(before);
    const afterKey = keyOf(afterContract);
    if (beforeKey === afterKey) return { compatible: true, requiredBump: 'none' };
    const key = `${beforeKey} ${afterKey} ${mode} ${policy}`;
    const remembered = recall(key);
    if (remembered !== undefined) return remembered;
    const cached = known.get(`${beforeKey} ${afterKey}`);
    const verdict = cached !== undefined ? verdictOf(cached, mode, policy) : contractVerdict(before, afterContract, mode, policy);
    remember(key, verdict);
    return verdict;
  };
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
  const computed = new Map<string, ComputedChanges>();
  const keyOf = (contract: Contract): string => memo.keyOf(contract);

  return {
    source: changeSourceOver(keyOf, known, computed),
    verdict: verdictSourceOver(keyOf, known, (key) => memo.verdict(key), (key, verdict) => memo.rememberVerdict(key, verdict)),
    keyOf,
    lookup(before, afterContract) {
      const beforeKey = keyOf(before);
      const afterKey = keyOf(afterContract);
      return beforeKey === afterKey ? [] : known.get(`${beforeKey} ${afterKey}`);
    },
    snapshot(contracts) {
      const keys = contracts.map(keyOf);
      const { mode, policy } = candidate.compatibility;
      const verdicts: (readonly [string, Verdict])[] = [];
      for (const before of new Set(keys)) {
        const key = `${before} ${after} ${mode} ${policy}`;
        const remembered = memo.verdict(key);
        if (remembered !== undefined) verdicts.push([key, remembered]);
      }
      return { keys, pairs: [...known], verdicts };
    },
    absorb(more, verdicts = []) {
      for (const each of more) {
        const pair = `${each.beforeHash} ${each.afterHash}`;
        if (known.has(pair)) continue;
        known.set(pair, each.changes);
        computed.set(pair, each);
      }
      for (const [key, verdict] of verdicts) memo.rememberVerdict(key, verdict);
    },
    async save(target) {
      if (computed.size === 0) return;
      await target.putMany([...computed.values()]);
      computed.clear();
    },
  };
}
