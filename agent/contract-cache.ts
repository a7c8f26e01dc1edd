import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { VersionDetail } from '../registry/client/index.js';

/** The last good answer for one pin, as kept on disk. */
export interface CachedContract {
  /** The registry and pin the answer belongs to; a file read for another one is ignored. */
  readonly url: string;
  readonly contract: string;
  readonly range: string;
  /** The registry's ETag for the answer, sent back as `If-None-Match`. */
  readonly etag: string | null;
  /** When the registry last confirmed this answer (ISO time): the `since` of a stale handle. */
  readonly confirmedAt: string;
  readonly detail: VersionDetail;
}

/** Where cached contracts live unless `cacheDir` says otherwise: `$XDG_CACHE_HOME/concord/agent`, else `~/.cache/concord/agent`. */
export function defaultCacheDir(): string {
  const base = process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache');
  return join(base, 'concord', 'agent');
}

/** The file of one (registry, contract, range): hashed, so any URL and range make a safe file name. */
export function cacheFileFor(cacheDir: string, url: string, contract: string, range: string): string {
  const key = createHash('sha256').update(JSON.stringify([url, contract, range]), 'utf8').digest('hex').slice(0, 32);
  return join(cacheDir, `${contract}-${key}.json`);
}

function isCached(value: unknown, url: string, contract: string, range: string): value is CachedContract {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Partial<CachedContract>;
  return entry.url === url && entry.contract === contract && entry.range === range && typeof entry.confirmedAt === 'string'
    && entry.detail !== null && typeof entry.detail === 'object' && typeof entry.detail.version === 'string';
}

/** The cached answer for a pin; undefined when there is none or the file is unreadable or belongs to another pin. */
export async function readCached(file: string, url: string, contract: string, range: string): Promise<CachedContract | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return isCached(value, url, contract, range) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes an answer atomically: to a temporary file in the same folder, then renamed over the
 * old one, so a reader (another agent process, or this one after a crash) sees the old answer
 * or the new one, never half of one.
 */
export async function writeCached(file: string, cacheDir: string, entry: CachedContract): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(entry), { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
