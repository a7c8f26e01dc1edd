#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT_CODE_BY_ERROR, describeLocation, isConcordError } from '../contracts/index.js';
import { EXIT_COULD_NOT_RUN, EXIT_INTERNAL, EXIT_OK, EXIT_OUTPUT_CLOSED, watchOutputClosed } from './exit-codes.js';
import { buildProgram } from './program.js';

function reportUnexpected(error: unknown): void {
  process.stderr.write(`concord: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return process.exitCode === undefined ? EXIT_OK : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message or the help text; 0 for --help and --version.
      return error.exitCode === 0 ? EXIT_OK : EXIT_COULD_NOT_RUN;
    }
    if (isConcordError(error)) {
      const where = describeLocation(error.detail);
      process.stderr.write(`concord: ${error.message}${where === '' ? '' : ` (${where})`}\n`);
      return EXIT_CODE_BY_ERROR[error.code];
    }
    reportUnexpected(error);
    return EXIT_INTERNAL;
  }
}

const outputClosed = watchOutputClosed(process.stdout, (error) => {
  reportUnexpected(error);
  process.exitCode = EXIT_INTERNAL;
});
const code = await main(process.argv.slice(2));
process.exitCode = outputClosed() ? EXIT_OUTPUT_CLOSED : code;
