import type { Command } from 'commander';
import { addFormatOption, addPageOptions, formatFrom, morePages, pageFrom, writeAnswer } from '../command-output.js';
import type { FormatOptions, PageOptions } from '../command-output.js';
import { parseContractId } from '../contract-ref.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { renderAudit, renderPrincipal } from '../registry-lists-render.js';

interface AuditOptions extends RegistryCommandOptions, FormatOptions, PageOptions {
  readonly contract?: string;
  readonly actor?: string;
}

/** Adds `concord audit` (admin) and `concord whoami`. */
export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('List the audit log, newest first: who did what, to which contract (admin token)')
    .option('--contract <id>', 'only entries about this contract')
    .option('--actor <principal>', "only entries by this principal: its name or id");
  addRegistryOptions(addPageOptions(addFormatOption(audit))).addHelpText(
    'after',
    `
Examples:
  concord audit --contract commerce.orders
  concord audit --actor "Priya Raman" --limit 10
  concord audit --format json | jq -r '.items[] | [.at, .actorName, .action] | @tsv'`,
  );
  audit.action(async (options: AuditOptions) => {
    const format = formatFrom(options);
    const page = await registryClientFrom(options).listAudit({
      ...pageFrom(options),
      ...(options.contract === undefined ? {} : { contract: parseContractId(options.contract) }),
      ...(options.actor === undefined ? {} : { actor: options.actor }),
    });
    writeAnswer(format, page, renderAudit);
    if (format === 'text') process.stderr.write(morePages(page));
  });

  const whoami = program.command('whoami').description('Show the principal your token belongs to: name, role, namespaces');
  addRegistryOptions(addFormatOption(whoami)).addHelpText('after', '\nExample:\n  CONCORD_TOKEN=cnc_... concord whoami');
  whoami.action(async (options: FormatOptions & RegistryCommandOptions) => {
    const format = formatFrom(options);
    writeAnswer(format, await registryClientFrom(options).whoami(), renderPrincipal);
  });
}
