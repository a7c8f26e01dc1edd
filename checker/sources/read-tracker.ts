import type { OpenOptions } from '../model.js';
import { PROGRESS_EVERY_RECORDS } from './limits.js';

/**
 * The bookkeeping every source shares: counts records against `limit`, reports progress now and
 * then, and tells the read loop when to stop (limit reached or `signal` aborted).
 */
export class ReadTracker {
  records = 0;
  bytes = 0;
  private lastReported = 0;

  constructor(private readonly options: OpenOptions) {}

  /** Records still wanted: `Infinity` when no limit was given. */
  get remaining(): number {
    return this.options.limit === undefined ? Infinity : Math.max(0, this.options.limit - this.records);
  }

  /** True once the read should stop: the limit is reached or the consumer aborted. */
  get done(): boolean {
    return this.remaining === 0 || this.options.signal?.aborted === true;
  }

  /** Counts one record about to be yielded. */
  count(): void {
    this.records += 1;
    if (this.records - this.lastReported >= PROGRESS_EVERY_RECORDS) this.report();
  }

  addBytes(n: number): void {
    this.bytes += n;
  }

  /** Reports the final figures; sources call it when the read ends, however it ends. */
  report(): void {
    this.lastReported = this.records;
    this.options.onProgress?.(this.bytes > 0 ? { records: this.records, bytes: this.bytes } : { records: this.records });
  }
}
