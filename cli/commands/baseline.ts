import type { Command } from 'commander';
import { acceptFileBaseline, DEFAULT_BASELINE_DIR } from '../../checker/index.js';
import { ConcordError } from '../../contracts/index.js';
import { parseContractId } from '../contract-ref.js';
import { parseFormat } from '../options.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';

const FORMATS = ['text', 'json'] as const;
const STORES = ['registry', 'file'] as const;

interface AcceptOptions extends RegistryCommandOptions {
  readonly source: string;
  readonly run?: string;
  readonly baseline: string;
  readonly baselineDir: string;
  readonly format: string;
}

/** `--run` as a run id: a whole number of at least 1. */
function parseRun(text: string): number {
  const run = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(run) || run < 1) {
    throw new ConcordError('invalid-argument', `--run ${text.slice(0, 20)} is not a run id: take one from the run history (GET /api/contracts/{id}/runs), or leave --run out for the newest run`);
  }
  return run;
}

/** Adds `concord baseline accept <contract> --source <name> [--run <id>]`. */
export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description('Manage the baselines checks compare their statistics with');
  const accept = baseline
    .command('accept')
    .description("Accept a check run as its source's baseline, whatever its verdict (the contract's owner or an admin; audited in the registry)")
    .argument('<contract>', 'contract id, like commerce.orders')
    .requiredOption('-s, --source <name>', "the source: its name in the contract's sources, or its description as runs record it")
    .option('--run <id>', "the run to accept (default: the source's newest run)")
    .option('--baseline <where>', `which baselines: ${STORES.join(' | ')}`, 'registry')
    .option('--baseline-dir <dir>', 'folder of local baselines, with --baseline file', DEFAULT_BASELINE_DIR)
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text');
  addRegistryOptions(accept).addHelpText(
    'after',
    `
A check compares its statistics with its source's baseline. A run becomes the baseline by itself
only when its verdict is pass, so a breaking run never becomes the yardstick of the next check
and a fixed feed passes again at once. When the feed has changed for good (a new market, a
planned migration), accept the run that shows it: the next checks compare with that one.

Examples:
  concord baseline accept commerce.orders --source prod --token "$OWNER_TOKEN"
  concord baseline accept commerce.orders --source prod --run 1234
  concord baseline accept shop.orders --source "file orders.jsonl" --baseline file`,
  );
  accept.action(async (contractText: string, options: AcceptOptions) => {
    const format = parseFormat(options.format, FORMATS);
    const store = parseFormat(options.baseline, STORES);
    const contract = parseContractId(contractText);
    const run = options.run === undefined ? undefined : parseRun(options.run);
    if (store === 'file') {
      if (run !== undefined) throw new ConcordError('invalid-argument', '--run needs the registry: local baselines keep only the newest run, so leave --run out or use --baseline registry');
      const report = await acceptFileBaseline(contract, options.source, { dir: options.baselineDir });
      const summary = { contract, source: options.source, verdict: report.verdict, startedAt: report.startedAt };
      process.stdout.write(format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : `accepted the ${report.verdict} run of ${report.startedAt} as the baseline of ${contract} on ${options.source} (${options.baselineDir})\n`);
      return;
    }
    const accepted = await registryClientFrom(options).acceptBaseline(contract, { source: options.source, ...(run === undefined ? {} : { run }) });
    process.stdout.write(
      format === 'json'
        ? `${JSON.stringify(accepted, null, 2)}\n`
        : `accepted run ${accepted.id} (${accepted.verdict}, ${accepted.version}, ${accepted.startedAt}) as the baseline of ${contract} on ${options.source}\n`,
    );
  });
}
