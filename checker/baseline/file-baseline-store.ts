import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConcordError } from '../../contracts/errors.js';
import { CONTRACT_ID_PATTERN } from '../../contracts/document/identifiers.js';
import type { CheckReport } from '../model.js';
import { baselineSourceKey } from './baseline-store.js';
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

/** The file a source's baseline is kept in: `<dir>/<contract>/<source-hash>.json`. */
export function baselineFile(dir: string, contract: string, source: string): string {
  // The contract id becomes a folder name, so only real ids (no `/`, no `..`) get that far.
  if (!CONTRACT_ID.test(contract)) {
    throw new ConcordError('invalid-argument', `"${contract.slice(0, 80)}" is not a contract id: baselines are kept per contract like commerce.orders`);
  }
  const hash = createHash('sha256').update(source, 'utf8').digest('hex').slice(0, SOURCE_HASH_LENGTH);
  return join(resolve(dir), contract, `${hash}.json`);
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

/**
 * Baselines as one JSON file per contract and source (the newest report only), for checks run
 * without a registry. Writes are atomic (see {@link writeFileAtomically}).
 */
export function createFileBaselineStore(options: FileBaselineOptions = {}): BaselineStore {
  const dir = options.dir ?? DEFAULT_BASELINE_DIR;
  return {
    description: `files ${dir}`,
    async latest(contract, source) {
      const file = baselineFile(dir, contract, source);
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
    },
    async record(report) {
      const file = baselineFile(dir, report.contract, baselineSourceKey(report));
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomically(file, `${JSON.stringify(report, null, 2)}\n`);
    },
  };
}
