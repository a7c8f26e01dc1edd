import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactUrl } from '../sources/redact.js';

/**
 * A run that could not check its feed: the source was unreachable, the contract could not be
 * loaded, or the run timed out. An incident is not a run: it says nothing about the data, so it
 * is never recorded as run history (a fake `breaking` verdict would page consumers for an outage
 * of the checker's own access, and would hide the last real baseline). It is logged, kept in a
 * JSON-lines file, retried with backoff, and makes `jobs run-once` exit 2.
 */
export interface Incident {
  readonly job: string;
  readonly contract: string;
  /** The job's source as {@link describeJobSource} shows it: no passwords or secret parameters. */
  readonly source: string;
  /** ISO 8601, when the failed attempt started. */
  readonly at: string;
  /** 1-based attempt and the attempts the job allows. */
  readonly attempt: number;
  readonly attempts: number;
  /** ConcordError code (`source-unavailable`, `not-found`, ...) or `internal`. */
  readonly code: string;
  readonly message: string;
  /** When the next attempt starts; absent when this was the last one. */
  readonly retryAt?: string;
}

/**
 * A job's `source` fit for logs, the incidents file and alerts: a source name or path as written,
 * a URL or DSN (`postgres://user:secret@...`, `https://...?token=...`) without its password and
 * with secret-looking query values replaced, as source descriptions show them (redactUrl).
 */
export function describeJobSource(source: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? redactUrl(source) : source;
}

export interface IncidentLog {
  record(incident: Incident): Promise<void>;
}

/** Appends incidents as JSON lines to `file` (folders created as needed). */
export function createIncidentLog(file: string): IncidentLog {
  return {
    async record(incident) {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(incident)}\n`, 'utf8');
    },
  };
}
