import type { ReadProgress } from './model.js';

/**
 * Least time between two redraws of the progress line. Sources report progress per record or per
 * page; redrawing five times a second reads as live while costing nothing next to the read.
 */
export const PROGRESS_INTERVAL_MS = 200;

/** The terminal stream a progress line is drawn on: stderr in the CLI. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressLine {
  /** Redraws the line with the records read so far and the rate, at most every PROGRESS_INTERVAL_MS. */
  update(progress: ReadProgress): void;
  /** Erases the line, so the report starts on a clean terminal; safe to call more than once. */
  clear(): void;
}

const ERASE_LINE = '\r\u001b[2K';

/**
 * A one-line progress display ("reading file orders.jsonl: 120000 records, 48000/s") on a
 * terminal. When `stream` is not a TTY (a pipe, a CI log) every call does nothing, so reports
 * and logs never carry control characters. `now` defaults to `Date.now`.
 */
export function createProgressLine(stream: ProgressStream, label: string, now: () => number = Date.now): ProgressLine {
  if (stream.isTTY !== true) return { update: () => undefined, clear: () => undefined };
  const started = now();
  let lastDrawn = -Infinity;
  let drawn = false;
  return {
    update(progress) {
      const at = now();
      if (at - lastDrawn < PROGRESS_INTERVAL_MS) return;
      lastDrawn = at;
      const seconds = (at - started) / 1000;
      const rate = seconds > 0 ? `, ${Math.round(progress.records / seconds)}/s` : '';
      stream.write(`${ERASE_LINE}${label}: ${progress.records} records${rate}`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write(ERASE_LINE);
      drawn = false;
    },
  };
}
