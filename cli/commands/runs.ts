import type { Command } from 'commander';
import { ConcordError } from '../../contracts/index.js';
import { parseContractId } from '../contract-ref.js';
import { parseFormat } from '../options.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';

const FORMATS = ['text', 'json'] as const;

interface PruneOptions extends RegistryCommandOptions {
  readonly olderThan: string;
  readonly keep?: string;
  readonly contract?: string;
  readonly format: string;
}

/** `--keep` as a whole number of at least 1; the registry checks the upper limit. */
function parseKeep(text: string): number {
  const keep = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(keep) || keep < 1) {
    throw new ConcordError('invalid-argument', `--keep ${text.slice(0, 20)} is not a whole number of at least 1: give how many of the newest runs of each source to keep, like --keep 3`);
  }
  return keep;
}

/** Adds `concord runs prune`: deletes old check runs through the registry's API (admin token). */
export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('Manage the check runs recorded in the registry');

  const prune = runs
    .command('prune')
    .description("Delete check runs recorded before a cutoff, keeping the newest runs of every contract's source (admin only)")
    .requiredOption('--older-than <age>', 'a duration back from now (90d, 12h; units s, m, h, d, w) or an ISO date (2026-08-01)')
    .option('--keep <n>', 'newest runs of every contract and source kept whatever their age (default: 1, the current verdict; baselines are always kept)')
    .option('--contract <id>', 'only this contract (default: every contract)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text');
  addRegistryOptions(prune).addHelpText(
    'after',
    `
The newest run of a source is its current verdict, so at least that one is always kept; so is
each source's baseline (its last passing or accepted run), which its next check compares with. To prune automatically, start the registry with
concord serve --run-retention 90d (or CONCORD_RUN_RETENTION=90d).

Examples:
  concord runs prune --older-than 90d --token "$ADMIN_TOKEN"
  concord runs prune --older-than 2026-08-01 --keep 10 --contract commerce.orders`,
  );
  prune.action(async (options: PruneOptions) => {
    const format = parseFormat(options.format, FORMATS);
    const keep = options.keep === undefined ? undefined : parseKeep(options.keep);
    const contract = options.contract === undefined ? undefined : parseContractId(options.contract);
    const result = await registryClientFrom(options).pruneRuns({
      olderThan: options.olderThan,
      ...(keep === undefined ? {} : { keepLatestPerSource: keep }),
      ...(contract === undefined ? {} : { contract }),
    });
    const scope = contract === undefined ? '' : ` of ${contract}`;
    process.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : `deleted ${result.deleted} check runs${scope} older than ${options.olderThan}\n`);
  });
}
