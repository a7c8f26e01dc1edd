import { isConcordError } from '../contracts/index.js';
import type { RegistryClient, VersionDetail, VersionMarkInfo } from '../registry/client/index.js';
import { isOutage } from './outage.js';

/** What a poll found, for the handle to apply. */
export type WatchOutcome =
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'unchanged' }
  /** The range answered anew: a new ETag, and maybe another version or new marks. */
  | { readonly kind: 'answer'; readonly detail: VersionDetail; readonly etag: string | null; readonly usedMarks: Marks | undefined }
  /** The range resolves to no version any more (its versions were yanked); the marks of the version in use. */
  | { readonly kind: 'gone'; readonly usedMarks: Marks | undefined };

export interface Marks {
  readonly deprecated: VersionMarkInfo;
  readonly yanked: VersionMarkInfo;
}

/** The marks of the version in use, read when the range moved away from it (was it yanked?); undefined when the registry did not say. */
async function marksOf(client: RegistryClient, contract: string, version: string): Promise<Marks | undefined> {
  try {
    const answer = await client.revalidate(contract, { version });
    return answer.changed ? { deprecated: answer.detail.deprecated, yanked: answer.detail.yanked } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One poll of a pin: a conditional GET of the range's resolution with the last ETag, so an
 * unchanged pin costs the registry a 304. When the range now answers another version, or none,
 * the version in use is read too, because a yank shows there and not in the range's answer.
 */
export async function pollPin(client: RegistryClient, contract: string, range: string, inUse: string, etag: string | null): Promise<WatchOutcome> {
  try {
    const answer = await client.revalidate(contract, { range }, etag ?? undefined);
    if (!answer.changed) return { kind: 'unchanged' };
    const usedMarks = answer.detail.version === inUse ? undefined : await marksOf(client, contract, inUse);
    return { kind: 'answer', detail: answer.detail, etag: answer.etag, usedMarks };
  } catch (error) {
    if (isOutage(error)) return { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
    if (isConcordError(error) && error.code === 'not-found') return { kind: 'gone', usedMarks: await marksOf(client, contract, inUse) };
    return { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
  }
}
