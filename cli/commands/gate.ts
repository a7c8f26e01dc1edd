import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { createChecker, gateReadHealth, renderGateSummary, runGate } from '../../checker/index.js';
import type { GateSummary } from '../../checker/index.js';
import { ConcordError } from '../../contracts/index.js';
import { EXIT_OUTPUT_CLOSED } from '../exit-codes.js';
import { addRegistryOptions } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { loadRuleOverrides } from '../rules-file.js';
import type { RulesFileOption } from '../rules-file.js';
import { loadContractOption } from './contract-option.js';

/** Where rejected records go when --dead-letter names no file: beside the run, never nowhere. */
export const DEFAULT_DEAD_LETTER_FILE = 'concord-dead-letter.jsonl';

interface GateOptions extends RegistryCommandOptions, RulesFileOption {
  readonly contract: string;
  readonly deadLetter: string;
  readonly allowInvalid?: boolean;
}

/** Opens the dead-letter file for appending before any input is read, so a bad path stops the gate with nothing consumed. */
async function openDeadLetter(path: string) {
  const stream = createWriteStream(path, { flags: 'a' });
  try {
    await once(stream, 'open');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConcordError('invalid-argument', `cannot open the dead-letter file ${path}: ${reason}; name a writable file with --dead-letter`, { file: path }, { cause: error });
  }
  return stream;
}

/**
 * Ends the dead-letter file and waits until its last line is written, so a run that stopped early
 * still leaves every line it wrote on disk. A file that already failed has nothing left to flush:
 * the run's own error names it.
 */
async function closeDeadLetter(stream: WriteStream, path: string): Promise<void> {
  if (stream.errored !== null) return;
  stream.end();
  try {
    await finished(stream);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConcordError('invalid-argument', `cannot finish writing the dead-letter file ${path}: ${reason}; free space on its disk or name another file with --dead-letter`, { file: path }, { cause: error });
  }
}

/**
 * Waits for the run, then closes the dead-letter file however the run ended, and destroys stdin:
 * a run that stopped early may have left a read of stdin in flight, which would otherwise keep
 * the process waiting for input nobody will gate.
 */
async function finishRun(run: Promise<GateSummary>, deadLetter: WriteStream, path: string): Promise<GateSummary> {
  try {
    return await run;
  } finally {
    process.stdin.destroy();
    await closeDeadLetter(deadLetter, path);
  }
}

/** Adds `concord gate --contract <file | id@range> [--dead-letter file]`: stdin JSON Lines in, valid lines out. */
export function registerGate(program: Command): void {
  const command = program
    .command('gate')
    .description('Let through only records that keep a contract: JSON Lines on stdin, valid lines on stdout, the rest to a dead-letter file')
    .requiredOption('-c, --contract <file | id@range>', 'a contract file, or a contract pinned in the registry (commerce.orders@^2)')
    .option('-d, --dead-letter <file>', 'JSON Lines file rejected records are appended to, each with its line number and errors', DEFAULT_DEAD_LETTER_FILE)
    .option('--rules <file>', 'rule overrides (severities, accepted findings) for the read health, as concord check applies them; default the nearest .concord/rules.yaml from the working directory up')
    .option('--allow-invalid', 'exit 0 even when records were dead-lettered (they are still written there), unless the read health is breaking');
  addRegistryOptions(command).addHelpText(
    'after',
    `
Each input line is one JSON record. A valid record's line is written to stdout exactly as it came
(byte for byte). A line that is not JSON, is empty, is longer than 4 MiB or breaks the contract's
record schema is appended to the dead-letter file as { line, record | raw, errors: [{ path, keyword,
message }] }. Nothing is dropped: lines in = valid + dead-lettered, as the summary on stderr says.
Input is streamed with backpressure, so any length of input runs in flat memory. The summary
gives the read health that concord check gives the same input: more than 1% of lines
unreadable (not JSON, not UTF-8, too long) warns, more than 10% or no readable line at all is
breaking (thresholds: the contract's sla.x-drift unreadable_warn and unreadable_breaking).

Exit codes: 0 every record valid (or --allow-invalid and the read health is not breaking),
1 some records were dead-lettered (or the read health is breaking, even with --allow-invalid),
2 could not run (bad contract, input that is not JSON Lines at all such as binary data,
unwritable dead-letter file or stdout, bad arguments),
141 stdout was closed by its reader (e.g. | head): the gate stops reading, keeps the
dead-letter lines written so far (each a complete line) and prints nothing more, like a
Unix filter killed by SIGPIPE (128 + 13).

Examples:
  concord gate --contract orders.contract.yaml < in.jsonl > valid.jsonl 2> gate-report.txt
  concord gate --contract commerce.orders@^2 --dead-letter rejected.jsonl < in.jsonl | load-orders
  kafka-console-consumer ... | concord gate -c orders.contract.yaml --allow-invalid > valid.jsonl`,
  );
  command.action(async (options: GateOptions) => {
    const overrides = loadRuleOverrides(options);
    const checked = await loadContractOption(options.contract, options);
    // One contract per gate run: one compiled validator, and no run history to read or record.
    const validate = createChecker({ baselines: 'none', validatorCacheSize: 1 }).gateValidator(checked);
    const deadLetter = await openDeadLetter(options.deadLetter);
    const names = { output: 'stdout', deadLetter: `the dead-letter file ${options.deadLetter}`, input: 'stdin' };
    const summary = await finishRun(runGate({ input: process.stdin, output: process.stdout, deadLetter, validate, names }), deadLetter, options.deadLetter);
    if (summary.outputClosed) {
      // Silent, as Unix filters are on SIGPIPE: taking a prefix with `| head` is a normal use, the
      // exit code already says the reader left, and the summary would count as "valid out" lines
      // that never reached it.
      process.exitCode = EXIT_OUTPUT_CLOSED;
      return;
    }
    const subject = `${checked.contract.id} ${checked.contract.version}`;
    const health = gateReadHealth(summary, checked.contract, overrides);
    process.stderr.write(renderGateSummary(summary, health, subject, options.deadLetter));
    // --allow-invalid lets schema-invalid records pass to the dead letter, never an unreadable input.
    process.exitCode = health.verdict === 'breaking' || (summary.deadLettered > 0 && options.allowInvalid !== true) ? 1 : 0;
  });
}
