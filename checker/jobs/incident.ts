import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

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
