import type { Command } from 'commander';
import { renderChangelogMarkdown } from '../../contracts/index.js';
import { parseContractId } from '../contract-ref.js';
import { parseFormat } from '../options.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { renderChangelog } from '../registry-render.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

interface ChangelogOptions extends RegistryCommandOptions {
  readonly format: string;
}

/** Adds `concord changelog <id> <from> <to>`; text output by default, exit 1 when the step is breaking. */
export function registerChangelog(program: Command): void {
  const command = program
    .command('changelog')
    .description('Show what changed between two published versions of a contract, judged in its mode')
    .argument('<id>', 'the contract id, e.g. commerce.orders')
    .argument('<from>', 'the earlier version')
    .argument('<to>', 'the later version (or latest)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text');
  addRegistryOptions(command).addHelpText(
    'after',
    `
Exit codes: 0 compatible, 1 breaking changes between the two versions, 2 unknown version or bad arguments.

Examples:
  concord changelog commerce.orders 1.4.0 2.1.0
  concord changelog commerce.orders 2.0.0 latest --format markdown >> CHANGELOG.md`,
  );
  command.action(async (id: string, from: string, to: string, options: ChangelogOptions) => {
    const format = parseFormat(options.format, FORMATS);
    const changelog = await registryClientFrom(options).changelog(parseContractId(id), from, to);
    const output =
      format === 'json'
        ? `${JSON.stringify(changelog, null, 2)}\n`
        : format === 'markdown'
          ? renderChangelogMarkdown(changelog)
          : renderChangelog(changelog);
    process.stdout.write(output);
    process.exitCode = changelog.compatible ? 0 : 1;
  });
}
