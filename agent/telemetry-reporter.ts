import type { RecordVerdict } from '../contracts/index.js';
import { MAX_TELEMETRY_FIELD_LENGTH, MAX_TELEMETRY_FIELDS, MAX_TELEMETRY_VERSIONS } from '../vocabulary/index.js';
import type { TelemetryBatch, VersionTelemetry } from '../vocabulary/index.js';
import { MAX_TRACKED_FIELDS } from './agent-limits.js';

/** What happened to the telemetry so far: the caller can look, nothing is ever thrown at it. */
export interface TelemetryStats {
  /** Batches the registry took. */
  readonly sent: number;
  /** Batches that failed (registry down, an error answer); their counts went into the next batch. */
  readonly failed: number;
  /** Why the last batch failed, while the failure is the latest outcome. */
  readonly lastError: string | undefined;
  /** Records not counted because MAX_TELEMETRY_VERSIONS versions were already waiting to be sent. */
  readonly uncounted: number;
}

export interface TelemetryReporter {
  /** Counts one verdict against a contract version; synchronous and allocation-free for a valid record. */
  record(version: string, verdict: RecordVerdict): void;
  /** Sends what was counted since the last batch; resolves when done, never rejects. */
  flush(): Promise<void>;
  /** Stops the timer and sends what is left, once. */
  close(): Promise<void>;
  readonly stats: TelemetryStats;
}

interface Tally {
  validated: number;
  rejected: number;
  readonly fields: Map<string, number>;
  otherFieldFailures: number;
}

export interface TelemetryReporterOptions {
  /** Posts one batch; a rejection is counted in `stats.failed`. */
  readonly send: (batch: TelemetryBatch) => Promise<void>;
  /** Milliseconds between batches; 0 sends only on flush() and close(). */
  readonly intervalMs: number;
}

const newTally = (): Tally => ({ validated: 0, rejected: 0, fields: new Map(), otherFieldFailures: 0 });

function toReport(version: string, tally: Tally): VersionTelemetry {
  const ranked = [...tally.fields].sort((a, b) => b[1] - a[1]);
  const shown = ranked.slice(0, MAX_TELEMETRY_FIELDS);
  const other = tally.otherFieldFailures + ranked.slice(MAX_TELEMETRY_FIELDS).reduce((sum, [, count]) => sum + count, 0);
  return {
    version,
    validated: tally.validated,
    rejected: tally.rejected,
    topFields: shown.map(([field, count]) => ({ field, count })),
    ...(other > 0 ? { otherFieldFailures: other } : {}),
  };
}

/**
 * Counts validated and rejected records per contract version, with the fields rejected records
 * failed at (names only: values never leave the process), and posts them in batches every
 * `intervalMs`. Memory is bounded: MAX_TELEMETRY_VERSIONS versions (records of a further version are
 * only counted in `stats.uncounted`) and MAX_TRACKED_FIELDS names per version. A failed post puts its
 * counts back, so they go with the next batch; nothing reaches the caller but `stats`.
 */
export function createTelemetryReporter(options: TelemetryReporterOptions): TelemetryReporter {
  let tallies = new Map<string, Tally>();
  let sent = 0;
  let failed = 0;
  let uncounted = 0;
  let lastError: string | undefined;
  let inFlight: Promise<void> | undefined;
  let closed = false;

  const tallyOf = (version: string): Tally | undefined => {
    let tally = tallies.get(version);
    if (tally === undefined && tallies.size < MAX_TELEMETRY_VERSIONS) {
      tally = newTally();
      tallies.set(version, tally);
    }
    return tally;
  };

  const countField = (tally: Tally, field: string, count: number): void => {
    const name = field.slice(0, MAX_TELEMETRY_FIELD_LENGTH);
    const known = tally.fields.get(name);
    if (known !== undefined) tally.fields.set(name, known + count);
    else if (tally.fields.size < MAX_TRACKED_FIELDS) tally.fields.set(name, count);
    else tally.otherFieldFailures += count;
  };

  const putBack = (reports: readonly VersionTelemetry[]): void => {
    for (const report of reports) {
      const tally = tallyOf(report.version);
      if (tally === undefined) continue;
      tally.validated += report.validated;
      tally.rejected += report.rejected;
      tally.otherFieldFailures += report.otherFieldFailures ?? 0;
      for (const { field, count } of report.topFields) countField(tally, field, count);
    }
  };

  const sendNow = async (): Promise<void> => {
    const reports = [...tallies].filter(([, tally]) => tally.validated > 0).map(([version, tally]) => toReport(version, tally));
    tallies = new Map();
    if (reports.length === 0) return;
    try {
      await options.send({ versions: reports });
      sent += 1;
      lastError = undefined;
    } catch (error) {
      failed += 1;
      lastError = error instanceof Error ? error.message : String(error);
      putBack(reports);
    }
  };

  const flush = (): Promise<void> => {
    // One batch at a time: a slow registry must not pile up posts.
    inFlight ??= sendNow().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const timer = options.intervalMs > 0 ? setInterval(() => void flush(), options.intervalMs) : undefined;
  // Telemetry alone must never keep an agent's process alive.
  timer?.unref();

  return {
    record(version, verdict) {
      const tally = tallyOf(version);
      if (tally === undefined) {
        uncounted += 1;
        return;
      }
      tally.validated += 1;
      if (verdict.valid) return;
      tally.rejected += 1;
      // A field counts once per rejected record, however many of its array items failed.
      const seen = new Set<string>();
      for (const error of verdict.errors) {
        if (seen.has(error.field)) continue;
        seen.add(error.field);
        countField(tally, error.field, 1);
      }
    },
    flush,
    async close() {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      await inFlight;
      await flush();
    },
    get stats() {
      return { sent, failed, lastError, uncounted };
    },
  };
}
