import type { Command } from 'commander';
import { ConcordError, isConcordError } from '../../contracts/index.js';
import { parseContractRef } from '../contract-ref.js';
import { parseFormat } from '../options.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';

const FORMATS = ['text', 'json'] as const;

interface PinOptions extends RegistryCommandOptions {
  readonly consumer: string;
  readonly fields?: string;
  readonly contactName?: string;
  readonly contactEmail?: string;
  readonly format: string;
}

/** `a, b.c ,d` to `['a', 'b.c', 'd']`; empty entries are dropped. */
export function parseFieldList(text: string): string[] {
  return text
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '');
}

/** Adds `concord pin <id@range> --consumer <name>`; without --fields the consumer reads every field. */
export function registerPin(program: Command): void {
  const command = program
    .command('pin')
    .description("Pin a consumer to a contract's version range, declaring the fields it reads")
    .argument('<id@range>', 'the contract and the semver range the consumer accepts, e.g. commerce.orders@^2')
    .requiredOption('--consumer <name>', 'the consumer, e.g. agents.support-router')
    .option('--fields <a,b>', 'record fields the consumer reads, comma-separated dotted paths (default: all of them)')
    .option('--contact-name <name>', 'registers the consumer first, with this contact person')
    .option('--contact-email <email>', "the contact person's e-mail (with --contact-name)")
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text');
  addRegistryOptions(command).addHelpText(
    'after',
    `
A pin tells the registry who reads a contract: a dry-run publish (concord publish --dry-run) then
lists the consumers whose declared fields a change touches. A consumer must be registered with a
contact before its first pin: pass --contact-name and --contact-email once.

Examples:
  concord pin commerce.orders@^2 --consumer agents.support-router --fields order_id,customer_id \\
    --contact-name "Ana Lima" --contact-email ana.lima@example.com
  concord pin commerce.orders@">=2.1 <3" --consumer agents.support-router`,
  );
  command.action(async (ref: string, options: PinOptions) => {
    const format = parseFormat(options.format, FORMATS);
    const { id, range } = parseContractRef(ref, { requireRange: true });
    if ((options.contactName === undefined) !== (options.contactEmail === undefined)) {
      throw new ConcordError('invalid-argument', 'give --contact-name and --contact-email together: a consumer contact is a named person with an e-mail');
    }
    const client = registryClientFrom(options);
    if (options.contactName !== undefined && options.contactEmail !== undefined) {
      await client.putConsumer(options.consumer, { contact: { name: options.contactName, email: options.contactEmail } });
    }
    const fields = options.fields === undefined ? undefined : parseFieldList(options.fields);
    let result;
    try {
      result = await client.pin(options.consumer, id, { range, ...(fields !== undefined ? { fields } : {}) });
    } catch (error) {
      if (isConcordError(error) && error.code === 'not-found' && options.contactName === undefined) {
        throw new ConcordError(
          'not-found',
          `${error.message} (if ${options.consumer} is new, register it by adding --contact-name and --contact-email)`,
          error.detail,
          { cause: error },
        );
      }
      throw error;
    }
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const reads = result.fields.length === 0 ? 'every field' : result.fields.join(', ');
    const now = result.resolved === null ? 'no published version matches yet' : `resolves to ${result.resolved} now`;
    process.stdout.write(`pinned ${result.consumer} to ${result.contract}@${result.range} (reads ${reads}); ${now}\n`);
  });
}
