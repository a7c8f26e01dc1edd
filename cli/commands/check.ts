import { dirname, resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  BASELINE_MODES,
  createChecker,
  createProgressLine,
  REPORT_FORMATS,
  renderReport,
  SAMPLER_KINDS,
  DEFAULT_SAMPLE_SEED,
  DEFAULT_SAMPLE_SIZE,
} from '../../checker/index.js';
import type { CheckReport, ReadProgress, ProgressLine } from '../../checker/index.js';
import { ConcordError } from '../../contracts/index.js';
import { parseFormat } from '../options.js';
import { loadRuleOverrides } from '../rules-file.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { loadContractOption } from './contract-option.js';

const FAIL_ON = ['breaking', 'warn'] as const;

interface CheckOptions extends RegistryCommandOptions {
  readonly contract: string;
  readonly source: string;
  readonly sample?: string;
  readonly sampler: string;
  readonly seed?: string;
  readonly windowField?: string;
  readonly from?: string;
  readonly to?: string;
  readonly format: string;
  readonly output?: string;
  readonly failOn: string;
  readonly baseline?: string;
  readonly rules?: string;
}

function wholeNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(number)) {
    throw new ConcordError('invalid-argument', `${flag} ${value} is not a whole number: write e.g. ${flag} ${fallback}`);
  }
  return number;
}

async function writeReport(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConcordError('invalid-argument', `cannot write the report to ${path}: ${reason}; name a writable file with --output`, { file: path }, { cause: error });
  }
}

/** Adds `concord check --contract <file | id@range> --source <path | url | dsn | name>`. */
export function registerCheck(program: Command): void {
  const command = program
    .command('check')
    .description("Check a real feed against a contract: sample it, validate and profile the records, and report drift breaking first")
    .requiredOption('-c, --contract <file | id@range>', 'a contract file, or a contract pinned in the registry (commerce.orders@^2)')
    .requiredOption(
      '-s, --source <path | url | dsn | name>',
      "a file or glob (.jsonl, .json, .csv, .parquet, .gz), an http(s) URL, a database DSN, or the name of one of the contract's sources",
    )
    .option('-n, --sample <N>', `records to analyze (default: ${DEFAULT_SAMPLE_SIZE})`)
    .option('--sampler <kind>', `which records: ${SAMPLER_KINDS.join(' | ')} (head reads only the first N; reservoir and window read the whole feed)`, 'head')
    .option('--seed <S>', `seed of the reservoir and window samplers (default: ${DEFAULT_SAMPLE_SEED})`)
    .option('--window-field <field>', 'timestamp field of the window sampler')
    .option('--from <time>', 'window start, ISO 8601 (inclusive)')
    .option('--to <time>', 'window end, ISO 8601 (exclusive)')
    .option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(' | ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <level>', `exit 1 on: ${FAIL_ON.join(' | ')}`, 'breaking')
    .option('--rules <file>', 'rule overrides (severities, accepted findings); default the nearest .concord/rules.yaml from the working directory up')
    .option('--baseline <where>', `previous runs for statistical drift: ${BASELINE_MODES.join(' | ')} (default: registry for a registry contract, else file under .concord/baselines)`);
  addRegistryOptions(command).addHelpText(
    'after',
    `
The verdict is breaking when records violate the contract's schema in a way that breaks pinned
consumers (a type change, a missing required field, an enum value outside the contract), or a
metric can no longer be computed; warn for drift worth a look (undeclared fields, null rates or
distributions that moved since the last run); pass otherwise. What could not be read is part of
the verdict: more than 1% of the input unreadable (malformed, not UTF-8, over the line limit)
warns, more than 10%, a truncated document or no record analyzed at all is breaking. The JSON report is
{ verdict, contract, version, source, sampled, violations: [...], drift: [...], profile: {...} }:
drift holds the findings (one per field and cause) that decide the verdict, violations the
validator's grouped evidence behind them.

Exit codes: 0 pass (and warn, unless --fail-on warn), 1 breaking (or warn with --fail-on warn),
2 could not run (bad contract, unreachable source, bad arguments, or input that is not the
declared format at all, such as binary data in a .jsonl file).

Examples:
  concord check --contract orders.contract.yaml --source orders-2026-11-*.jsonl.gz
  concord check -c commerce.orders@^2 -s prod --format junit --output drift.xml
  concord check -c orders.contract.yaml -s "https://api.example.com/orders#/data" --sampler reservoir --sample 5000 --seed 7
  concord check -c orders.contract.yaml -s postgres://reader@db/shop?table=orders --fail-on warn --format markdown`,
  );
  command.action(async (options: CheckOptions) => {
    const format = parseFormat(options.format, REPORT_FORMATS);
    const failOn = parseFormat(options.failOn, FAIL_ON);
    const sampler = {
      kind: options.sampler,
      size: wholeNumber(options.sample, '--sample', DEFAULT_SAMPLE_SIZE),
      seed: wholeNumber(options.seed, '--seed', DEFAULT_SAMPLE_SEED),
      ...(options.windowField !== undefined ? { field: options.windowField } : {}),
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
    };
    const overrides = loadRuleOverrides(options);
    const checked = await loadContractOption(options.contract, options);
    const baselineMode = options.baseline === undefined ? (checked.fromRegistry ? 'registry' : 'file') : parseFormat(options.baseline, BASELINE_MODES);
    let progress: ProgressLine | undefined;
    const checker = createChecker({
      baselines: baselineMode,
      ...(baselineMode === 'registry' ? { registry: registryClientFrom(options) } : {}),
      reportSinks: [
        {
          description: options.output ?? 'stdout',
          async write(finished: CheckReport) {
            progress?.clear();
            const text = renderReport(finished, format);
            if (options.output !== undefined) await writeReport(options.output, text);
            else process.stdout.write(text);
          },
        },
      ],
    });
    const controller = new AbortController();
    let reading = options.source;
    const stop = (): void => controller.abort(new ConcordError('source-unavailable', `the check of ${reading} was interrupted`));
    process.once('SIGINT', stop);
    let report;
    try {
      report = await checker.check({
        contract: checked,
        source: options.source,
        // Local feed paths are named relative to the contract file, so every machine records the same source.
        sourceBase: checked.fromRegistry ? process.cwd() : dirname(resolve(options.contract)),
        sampler,
        ...(overrides !== undefined ? { overrides } : {}),
        signal: controller.signal,
        onOpened: (source) => {
          reading = source.description;
          progress = createProgressLine(process.stderr, `reading ${source.description}`);
        },
        onProgress: (read: ReadProgress) => progress?.update(read),
      });
    } finally {
      progress?.clear();
      process.removeListener('SIGINT', stop);
    }
    const failed = report.verdict === 'breaking' || (failOn === 'warn' && report.verdict === 'warn');
    process.exitCode = failed ? 1 : 0;
  });
}
