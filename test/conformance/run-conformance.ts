import { pathToFileURL } from 'node:url';
import { diffSchemas } from '../../contracts/diff/schema-diff.js';
import { evaluate, summarize } from './agreement.js';
import type { SchemaDiff } from './agreement.js';
import { ConformanceDataError, loadChecks } from './conformance-cases.js';
import { renderJson, renderText, rowsBelow } from './conformance-report.js';
import type { Thresholds } from './conformance-report.js';

/**
 * Conformance report: how often Concord's verdicts agree with third-party JSON Schema
 * compatibility data. `tsx test/conformance/run-conformance.ts <folder> [--json]
 * [--min-agreement N] [--min-agreement-confluent N] [--min-agreement-apicurio N]`.
 * Exit 0: report printed (and every file at or over its minimum); 1: some file under its
 * minimum; 2: the folder is missing or unreadable, or the arguments are wrong.
 */

export interface RunOptions {
  readonly folder: string;
  readonly json: boolean;
  readonly thresholds: Thresholds;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const USAGE = 'usage: run-conformance <folder> [--json] [--min-agreement N] [--min-agreement-confluent N] [--min-agreement-apicurio N]';

function percentage(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new UsageError(`${flag} needs a percentage from 0 to 100, got ${text === undefined ? 'nothing' : JSON.stringify(text)}\n${USAGE}`);
  }
  return value;
}

/** Parses the command line; `--min-agreement` sets both suites, the suite flags override it. */
export function parseArguments(args: readonly string[]): RunOptions {
  let folder: string | undefined;
  let json = false;
  let both: number | undefined;
  const suites: { confluent?: number; apicurio?: number } = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++index];
    if (flag === '--json') json = true;
    else if (flag === '--min-agreement') both = percentage(flag, value());
    else if (flag === '--min-agreement-confluent') suites.confluent = percentage(flag, value());
    else if (flag === '--min-agreement-apicurio') suites.apicurio = percentage(flag, value());
    else if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}\n${USAGE}`);
    else if (folder === undefined) folder = arg;
    else throw new UsageError(`one folder only, got ${folder} and ${arg}\n${USAGE}`);
  }
  if (folder === undefined) throw new UsageError(`the conformance folder is missing\n${USAGE}`);
  const confluent = suites.confluent ?? both;
  const apicurio = suites.apicurio ?? both;
  return { folder, json, thresholds: { ...(confluent !== undefined ? { confluent } : {}), ...(apicurio !== undefined ? { apicurio } : {}) } };
}

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the report; `diff` defaults to Concord's schema diff. */
export function runConformance(args: readonly string[], diff: SchemaDiff = diffSchemas): RunResult {
  let options: RunOptions;
  try {
    options = parseArguments(args);
    const outcomes = loadChecks(options.folder).map((check) => evaluate(check, diff));
    const rows = summarize(outcomes);
    const stdout = options.json ? renderJson(rows, outcomes, options.thresholds) : renderText(rows, outcomes, options.thresholds);
    return { exitCode: rowsBelow(rows, options.thresholds).length > 0 ? 1 : 0, stdout, stderr: '' };
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConformanceDataError) return { exitCode: 2, stdout: '', stderr: `${error.message}\n` };
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = runConformance(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
