import type { Command } from 'commander';
import { parseContractRef } from '../contract-ref.js';
import { parseFormat } from '../options.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { renderResolved } from '../registry-render.js';

const FORMATS = ['text', 'json', 'schema'] as const;

interface ResolveOptions extends RegistryCommandOptions {
  readonly format: string;
}

/** Adds `concord resolve <id[@range]>`; without a range, the latest release. */
export function registerResolve(program: Command): void {
  const command = program
    .command('resolve')
    .description('Show the highest published, non-yanked version of a contract in a semver range')
    .argument('<id@range>', 'e.g. commerce.orders@^2; without @range, the latest version')
    .option('-f, --format <format>', `output: ${FORMATS.join(' | ')} (schema prints the bundled record schema)`, 'text');
  addRegistryOptions(command).addHelpText(
    'after',
    `
Exit codes: 0 resolved, 2 nothing published matches the range (or bad arguments, or unreachable).

Examples:
  concord resolve commerce.orders@^2
  concord resolve commerce.orders@2.1.x --format json
  concord resolve commerce.orders --format schema > orders.schema.json`,
  );
  command.action(async (ref: string, options: ResolveOptions) => {
    const format = parseFormat(options.format, FORMATS);
    const { id, range } = parseContractRef(ref);
    const detail = await registryClientFrom(options).resolve(id, range);
    if (format === 'text') process.stdout.write(renderResolved(detail, range));
    else process.stdout.write(`${JSON.stringify(format === 'schema' ? detail.schema : detail, null, 2)}\n`);
  });
}
