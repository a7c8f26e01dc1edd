import type { Command } from 'commander';
import { ConcordError } from '../../contracts/index.js';
import { addFormatOption, addPageOptions, formatFrom, morePages, pageFrom, writeAnswer } from '../command-output.js';
import type { FormatOptions, PageOptions } from '../command-output.js';
import { parseContractId } from '../contract-ref.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { renderConsumerUsage } from '../consumer-usage-render.js';
import { renderConsumer, renderConsumers } from '../registry-lists-render.js';

interface ListOptions extends RegistryCommandOptions, FormatOptions, PageOptions {}
interface OneOptions extends RegistryCommandOptions, FormatOptions {}
interface WebhookOptions extends RegistryCommandOptions, FormatOptions {
  readonly clear?: boolean;
}
interface UnpinOptions extends RegistryCommandOptions, FormatOptions {
  readonly consumer: string;
}

const OWN_CONSUMERS = `Registering, pinning, unpinning and removing a consumer take a consumer, publisher or admin
token; only the principal that registered a consumer (or an admin) may change it.`;

/** Adds `concord consumers list|show|usage|remove|webhook` and `concord unpin`. */
export function registerConsumers(program: Command): void {
  const consumers = program.command('consumers').description('List, show, remove consumers and set their webhooks');

  const list = consumers.command('list').description('List registered consumers: name, contact, who registered it, webhook');
  addRegistryOptions(addPageOptions(addFormatOption(list))).addHelpText('after', '\nExamples:\n  concord consumers list\n  concord consumers list --format json | jq -r \'.items[].name\'');
  list.action(async (options: ListOptions) => {
    const format = formatFrom(options);
    const page = await registryClientFrom(options).listConsumers(pageFrom(options));
    writeAnswer(format, page, renderConsumers);
    if (format === 'text') process.stderr.write(morePages(page));
  });

  const show = consumers.command('show').description('Show a consumer with its contact, webhook and pins').argument('<name>', 'the consumer, e.g. agents.support-router');
  addRegistryOptions(addFormatOption(show)).addHelpText('after', '\nExample:\n  concord consumers show agents.support-router');
  show.action(async (name: string, options: OneOptions) => {
    const format = formatFrom(options);
    writeAnswer(format, await registryClientFrom(options).getConsumer(name), renderConsumer);
  });

  const usage = consumers
    .command('usage')
    .description("Show a contract's consumers with what their agents report: last seen, version in use, reject rate, top failing fields")
    .argument('<id>', 'the contract id, e.g. commerce.orders');
  addRegistryOptions(addFormatOption(usage)).addHelpText(
    'after',
    '\nAgents report through the SDK (concord/agent); a consumer that never reported shows "never reported".\n\nExample:\n  concord consumers usage commerce.orders',
  );
  usage.action(async (id: string, options: OneOptions) => {
    const format = formatFrom(options);
    const contract = parseContractId(id);
    const answer = await registryClientFrom(options).listContractConsumers(contract);
    writeAnswer(format, answer, (value) => renderConsumerUsage(contract, value.items));
  });

  const remove = consumers.command('remove').description('Remove a consumer and all its pins').argument('<name>', 'the consumer, e.g. agents.support-router');
  addRegistryOptions(addFormatOption(remove)).addHelpText('after', `\n${OWN_CONSUMERS}\n\nExample:\n  concord consumers remove agents.old-router`);
  remove.action(async (name: string, options: OneOptions) => {
    const format = formatFrom(options);
    const removed = await registryClientFrom(options).removeConsumer(name);
    writeAnswer(format, removed, (value) => `removed consumer ${value.name}${value.unpinned.length === 0 ? '' : ` and its pins on ${value.unpinned.join(', ')}`}\n`);
  });

  const webhook = consumers
    .command('webhook')
    .description("Set or clear the URL a consumer's change notices are posted to")
    .argument('<name>', 'the consumer, e.g. agents.support-router')
    .argument('[url]', 'an http(s) URL; the registry refuses private and link-local addresses unless it allows them')
    .option('--clear', 'post no more notices to this consumer');
  addRegistryOptions(addFormatOption(webhook)).addHelpText(
    'after',
    `
The consumer then hears of every publish, deprecation, yank and ownership change of the contracts
it pins, with its range and whether the new version falls in it. ${OWN_CONSUMERS.replace('\n', ' ')}

Examples:
  concord consumers webhook agents.support-router https://hooks.example.com/concord
  concord consumers webhook agents.support-router --clear`,
  );
  webhook.action(async (name: string, url: string | undefined, options: WebhookOptions) => {
    const format = formatFrom(options);
    if ((url === undefined) === (options.clear !== true)) {
      throw new ConcordError('invalid-argument', 'give the webhook URL, or --clear to remove it (not both)');
    }
    const client = registryClientFrom(options);
    const { contact } = await client.getConsumer(name);
    const updated = await client.putConsumer(name, { contact, ...(url === undefined ? {} : { webhook: url }) });
    writeAnswer(format, updated, (value) => (value.webhook === null ? `${value.name} has no webhook now\n` : `${value.name} posts change notices to ${value.webhook}\n`));
  });

  const unpin = program
    .command('unpin')
    .description("Remove a consumer's pin on a contract")
    .argument('<id>', 'the contract id, e.g. commerce.orders')
    .requiredOption('--consumer <name>', 'the consumer, e.g. agents.support-router');
  addRegistryOptions(addFormatOption(unpin)).addHelpText('after', `\n${OWN_CONSUMERS}\n\nExample:\n  concord unpin commerce.orders --consumer agents.support-router`);
  unpin.action(async (id: string, options: UnpinOptions) => {
    const format = formatFrom(options);
    const removed = await registryClientFrom(options).unpin(options.consumer, parseContractId(id));
    writeAnswer(format, removed, (value) => `unpinned ${value.consumer} from ${value.contract}\n`);
  });
}
