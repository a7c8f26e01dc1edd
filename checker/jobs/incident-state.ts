import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConcordError } from '../../contracts/index.js';
import type { IncidentStreak } from '../alerts/incident-alert.js';
import { writeFileAtomically } from '../baseline/file-baseline-store.js';
import { JOB_NAME } from './jobs-file.js';

/** A job's streak of failed attempts and whether the owners were told, kept across restarts. */
export interface IncidentState extends IncidentStreak {
  /** The id of the `incident` alert queued for this streak; absent until the threshold was reached. */
  readonly alertId?: string;
}

/**
 * Where incident states live: one JSON file per job (`<dir>/<job>.json`), written atomically like
 * local baselines, so a restart of `jobs run` knows whether an incident was already alerted and a
 * crash never leaves half a file. One file per job, not one for all: jobs run side by side and
 * each writes only its own.
 */
export interface IncidentStateStore {
  readonly dir: string;
  /** The job's open streak, or undefined when its last attempt worked (or it never failed). */
  read(job: string): Promise<IncidentState | undefined>;
  write(state: IncidentState): Promise<void>;
  /** Ends the job's streak. */
  clear(job: string): Promise<void>;
}

function fileOf(dir: string, job: string): string {
  // Job names from a jobs file always pass; anything else must not become a path outside `dir`.
  if (!JOB_NAME.test(job)) throw new ConcordError('invalid-argument', `"${job.slice(0, 100)}" is not a job name: incident state is kept per job like orders-prod`);
  return join(dir, `${job}.json`);
}

/** The incident states in `dir` (created on the first write). */
export function createIncidentStateStore(dir: string): IncidentStateStore {
  const folder = resolve(dir);
  return {
    dir: folder,
    async read(job) {
      const file = fileOf(folder, job);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new ConcordError('source-unavailable', `the incident state of job ${job} could not be read from ${file}: ${(error as Error).message}`, { file }, { cause: error });
      }
      try {
        return JSON.parse(text) as IncidentState;
      } catch (error) {
        throw new ConcordError('unreadable-input', `the incident state of job ${job} in ${file} is not JSON: delete the file and the job's failures are counted afresh`, { file }, { cause: error });
      }
    },
    async write(state) {
      const file = fileOf(folder, state.job);
      await mkdir(folder, { recursive: true });
      await writeFileAtomically(file, `${JSON.stringify(state, null, 2)}\n`);
    },
    async clear(job) {
      await rm(fileOf(folder, job), { force: true });
    },
  };
}
