import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConcordError, CONTRACT_ID_PATTERN } from '../../contracts/index.js';
import type { CheckReport } from '../model.js';
import { baselineSourceKey, becomesBaseline } from './baseline-store.js';
import type { BaselineStore } from './baseline-store.js';

/** Where local baselines live when nothing else is said, relative to the working directory. */
export const DEFAULT_BASELINE_DIR = '.concord/baselines';

/**
 * Hex characters of the source key's SHA-256 in a baseline's file name: source keys may be URLs
 * or globs that are not valid file names, and 64 bits keep two sources of one contract apart.
 */
export const SOURCE_HASH_LENGTH = 16;

const CONTRACT_ID = new RegExp(CONTRACT_ID_PATTERN);

export interface FileBaselineOptions {
  /** Folder of the baselines; defaults to {@link DEFAULT_BASELINE_DIR}. */
  readonly dir?: string;
}

/**
 * The file a source's newest run is kept in: `<dir>/<contract>/<source-hash>.json`; its baseline
 * is kept beside it as `<source-hash>.baseline.json` (see {@link baselineFileOf}).
 */
export function baselineFile(dir: string, contract: string, source: string): string {
  // The contract id becomes a folder name, so only real ids (no `/`, no `..`) get that far.
  if (!CONTRACT_ID.test(contract)) {
    throw new ConcordError('invalid-argument', `"${contract.slice(0, 80)}" is not a contract id: baselines are kept per contract like commerce.orders`);
  }
  const hash = createHash('sha256').update(source, 'utf8').digest('hex').slice(0, SOURCE_HASH_LENGTH);
  return join(resolve(dir), contract, `${hash}.json`);
}

/** The baseline file next to a source's newest-run file. */
export function baselineFileOf(latestFile: string): string {
  return latestFile.replace(/\.json$/, '.baseline.json');
}

/**
 * Writes `text` to `file` so that a reader (or the next run after a crash) sees either the old
 * file or the new one, never half of one: the text goes to a temporary file in the same folder,
 * is flushed to disk, and is renamed over the target, which is atomic on one file system.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // The rename lives in the folder's entry list: flushing the folder makes it survive a power cut too.
  const folder = await open(dirname(file), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

async function readReport(file: string, contract: string, source: string): Promise<CheckReport | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConcordError('source-unavailable', `the baseline of ${contract} on ${source} could not be read from ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
  try {
    return JSON.parse(text) as CheckReport;
  } catch (error) {
    throw new ConcordError('unreadable-input', `the baseline of ${contract} on ${source} in ${file} is not JSON: delete the file and the next check records a fresh baseline`, { file }, { cause: error });
  }
}

async function writeReport(file: string, report: CheckReport): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomically(file, `${JSON.stringify(report, null, 2)}\n`);
}

/**
 * Makes the newest recorded run of `contract` on `source` its baseline, whatever its verdict: a
 * person saying "this is the feed now" (`concord baseline accept --baseline file`). Returns the
 * accepted report; ConcordError `not-found` when the source has no recorded run.
 */
export async function acceptFileBaseline(contract: string, source: string, options: FileBaselineOptions = {}): Promise<CheckReport> {
  const file = baselineFile(options.dir ?? DEFAULT_BASELINE_DIR, contract, source);
  const latest = await readReport(file, contract, source);
  if (latest === undefined) throw new ConcordError('not-found', `${contract} has no recorded run on source ${source} in ${file}: run a check of it first`, { file });
  await writeReport(baselineFileOf(file), latest);
  return latest;
}

/**
 * Baselines as JSON files per contract and source, for checks run without a registry: the newest
 * report, and beside it the baseline (the newest passing report, or the one accepted since).
 * A folder written before baselines were kept apart has no baseline file; its newest report then
 * serves as baseline when it passed. Writes are atomic (see {@link writeFileAtomically}).
 */
export function createFileBaselineStore(options: FileBaselineOptions = {}): BaselineStore {
  const dir = options.dir ?? DEFAULT_BASELINE_DIR;
  return {
    description: `files ${dir}`,
    async latest(contract, source) {
      return readReport(baselineFile(dir, contract, source), contract, source);
    },
    async baseline(contract, source) {
      const file = baselineFile(dir, contract, source);
      const kept = await readReport(baselineFileOf(file), contract, source);
      if (kept !== undefined) return kept;
      const latest = await readReport(file, contract, source);
      return latest !== undefined && becomesBaseline(latest) ? latest : undefined;
    },
    async record(report) {
      const file = baselineFile(dir, report.contract, baselineSourceKey(report));
      // The baseline first: a crash in between leaves the old newest run, never a newest run without its baseline.
      if (becomesBaseline(report)) await writeReport(baselineFileOf(file), report);
      await writeReport(file, report);
    },
  };
}
