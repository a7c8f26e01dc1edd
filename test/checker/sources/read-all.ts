import type { FeedSource, OpenOptions, ReadIssue, ReadProgress } from '../../../checker/model.js';

export interface ReadResult {
  readonly records: unknown[];
  readonly issues: ReadIssue[];
  readonly progress: ReadProgress[];
}

/** Reads a source to its end (or `stopAfter` records, then stops iterating), keeping what it reported. */
export async function readAll(source: FeedSource, options: OpenOptions = {}, stopAfter = Infinity): Promise<ReadResult> {
  const records: unknown[] = [];
  const issues: ReadIssue[] = [];
  const progress: ReadProgress[] = [];
  for await (const record of source.open({ ...options, onIssue: (issue) => issues.push(issue), onProgress: (p) => progress.push(p) })) {
    records.push(record);
    if (records.length >= stopAfter) break;
  }
  return { records, issues, progress };
}

/** Open file descriptors of this process (Linux), to prove a read closed its files. */
export async function openFileCount(): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir('/proc/self/fd')).length;
}
