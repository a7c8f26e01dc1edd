#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT_CODE_BY_ERROR, describeLocation, isConcordError } from '../contracts/errors.js';
import { buildProgram } from './program.js';

/** Exit code for a fault the program did not expect: distinct from 1 (findings) and 2 (bad input). */
const EXIT_INTERNAL = 3;

async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message or the help text; 0 for --help and --version.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isConcordError(error)) {
      const where = describeLocation(error.detail);
      process.stderr.write(`concord: ${error.message}${where === '' ? '' : ` (${where})`}\n`);
      return EXIT_CODE_BY_ERROR[error.code];
    }
    process.stderr.write(`concord: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_INTERNAL;
  }
}

process.exitCode = await main(process.argv.slice(2));
