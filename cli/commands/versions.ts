import type { Command } from 'commander';
import { parseContractId } from '../contract-ref.js';
import { parseFormat } from '../options.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { renderVersions } from '../registry-render.js';

const FORMATS = ['text', 'json'] as const;

interface VersionsOptions extends RegistryCommandOptions {
  readonly format: string;
}

/** Adds `concord versions <id>`; text output by default. */
export function registerVersions(program: Command): void {
  const command = program
    .command('versions')
    .description('List the published versions of a contract, oldest first, with deprecations and yanks')
    .argument('<id>', 'the contract id, e.g. commerce.orders')
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text');
  addRegistryOptions(command).addHelpText(
    'after',
    `
Examples:
  concord versions commerce.orders
  concord versions commerce.orders --format json | jq -r '.versions[].version'`,
  );
  command.action(async (id: string, options: VersionsOptions) => {
    const format = parseFormat(options.format, FORMATS);
    const list = await registryClientFrom(options).listVersions(parseContractId(id));
    process.stdout.write(format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : renderVersions(list));
  });
}
