import type { Command } from 'commander';
import { ConcordError } from '../../contracts/index.js';
import type { MarkedVersion } from '../../registry/client/index.js';
import { addFormatOption, formatFrom, principalLabel, writeAnswer } from '../command-output.js';
import type { FormatOptions } from '../command-output.js';
import { parseContractId } from '../contract-ref.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';

interface MarkOptions extends RegistryCommandOptions, FormatOptions {
  readonly reason: string;
}

interface TransferOptions extends RegistryCommandOptions, FormatOptions {
  readonly to: string;
  readonly contactName?: string;
  readonly contactEmail?: string;
}

const MARKS = {
  deprecate: {
    description: 'Deprecate a published version: consumers still resolve it, and are told to move on',
    example: 'concord deprecate commerce.orders 1.2.0 --reason "use 2.x: totals now include tax"',
    done: 'deprecated',
  },
  yank: {
    description: 'Yank a published version: ranges resolve past it (it stays readable by exact version)',
    example: 'concord yank commerce.orders 2.0.1 --reason "wrong currency in amount"',
    done: 'yanked',
  },
} as const;

function renderMarked(kind: keyof typeof MARKS, marked: MarkedVersion): string {
  const mark = kind === 'deprecate' ? marked.deprecated : marked.yanked;
  const by = mark === null ? '' : ` by ${principalLabel(mark.by, mark.byName)}: ${mark.reason}`;
  return `${MARKS[kind].done} ${marked.contract} ${marked.version}${by}\n`;
}

/** Adds `concord deprecate`, `concord yank` and `concord transfer` (the contract's owner or an admin). */
export function registerContractAdmin(program: Command): void {
  for (const kind of ['deprecate', 'yank'] as const) {
    const command = program
      .command(kind)
      .description(MARKS[kind].description)
      .argument('<id>', 'the contract id, e.g. commerce.orders')
      .argument('<version>', 'the published version, e.g. 1.2.0')
      .requiredOption('--reason <text>', 'why, in a sentence consumers will read');
    addRegistryOptions(addFormatOption(command)).addHelpText(
      'after',
      `
Only the contract's owning principal or an admin may; the mark is permanent (publish a new version
to supersede it) and announced to webhooks.

Example:
  ${MARKS[kind].example}`,
    );
    command.action(async (id: string, version: string, options: MarkOptions) => {
      const format = formatFrom(options);
      const client = registryClientFrom(options);
      const marked = await (kind === 'deprecate' ? client.deprecate(parseContractId(id), version, options.reason) : client.yank(parseContractId(id), version, options.reason));
      writeAnswer(format, marked, (value) => renderMarked(kind, value));
    });
  }

  const transfer = program
    .command('transfer')
    .description('Hand a contract to another principal, by its name')
    .argument('<id>', 'the contract id, e.g. commerce.orders')
    .requiredOption('--to <principal>', 'the new owning principal: its name (as concord token list shows it) or its id')
    .option('--contact-name <name>', "the person listings name as owner (default: the contract's current owner person)")
    .option('--contact-email <email>', "that person's e-mail (with --contact-name)");
  addRegistryOptions(addFormatOption(transfer)).addHelpText(
    'after',
    `
The owning principal is who may publish, deprecate, yank and transfer; the owner person is whom
listings and refusals name as the contact. The new principal must be an admin or a publisher
scoped to the contract's namespace. Only the current owner or an admin may transfer.

Examples:
  concord transfer commerce.orders --to "Sam Roe"
  concord transfer commerce.orders --to "Sam Roe" --contact-name "Sam Roe" --contact-email sam.roe@example.com`,
  );
  transfer.action(async (text: string, options: TransferOptions) => {
    const format = formatFrom(options);
    const id = parseContractId(text);
    if ((options.contactName === undefined) !== (options.contactEmail === undefined)) {
      throw new ConcordError('invalid-argument', 'give --contact-name and --contact-email together, or neither to keep the current owner person');
    }
    const client = registryClientFrom(options);
    const person =
      options.contactName !== undefined && options.contactEmail !== undefined
        ? { name: options.contactName, email: options.contactEmail }
        : (await client.getContract(id)).owner;
    const after = await client.transfer(id, { principal: options.to, name: person.name, email: person.email });
    writeAnswer(format, after, (value) => `${value.contract} is now owned by ${principalLabel(value.ownerPrincipal, value.ownerPrincipalName)} (owner person ${value.owner.name} <${value.owner.email}>)\n`);
  });
}
