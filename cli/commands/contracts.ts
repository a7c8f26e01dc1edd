import type { Command } from 'commander';
import { ConcordError } from '../../contracts/index.js';
import type { ContractStatus } from '../../contracts/index.js';
import { addFormatOption, addPageOptions, formatFrom, morePages, pageFrom, writeAnswer } from '../command-output.js';
import type { FormatOptions, PageOptions } from '../command-output.js';
import { parseContractId } from '../contract-ref.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { renderContract, renderContracts } from '../registry-lists-render.js';

const STATUSES: readonly ContractStatus[] = ['draft', 'active', 'deprecated', 'retired'];

interface ListOptions extends RegistryCommandOptions, FormatOptions, PageOptions {
  readonly namespace?: string;
  readonly owner?: string;
  readonly tag?: string;
  readonly status?: string;
}

interface ShowOptions extends RegistryCommandOptions, FormatOptions {}

function parseStatus(text: string | undefined): ContractStatus | undefined {
  if (text === undefined) return undefined;
  const status = STATUSES.find((each) => each === text);
  if (status === undefined) throw new ConcordError('invalid-argument', `--status ${text} is not a contract status: use one of ${STATUSES.join(', ')}`);
  return status;
}

/** Adds `concord contracts [query]` (list and search) and `concord show <id>`. */
export function registerContracts(program: Command): void {
  const list = program
    .command('contracts')
    .description('List the published contracts, or search them by id or title')
    .argument('[query]', 'part of the contract id or title, e.g. orders')
    .option('--namespace <namespace>', 'only contracts of this namespace, e.g. commerce')
    .option('--owner <owner>', "only contracts whose owner has this e-mail, or whose owning principal has this id")
    .option('--tag <tag>', 'only contracts with this tag')
    .option('--status <status>', `only contracts in this status: ${STATUSES.join(' | ')}`);
  addRegistryOptions(addPageOptions(addFormatOption(list))).addHelpText(
    'after',
    `
One line per contract: id, latest version, status, owning principal, title. When there are more
pages, stderr says how to get the next one.

Examples:
  concord contracts
  concord contracts orders --namespace commerce
  concord contracts --status deprecated --format json | jq -r '.items[].contract'`,
  );
  list.action(async (query: string | undefined, options: ListOptions) => {
    const format = formatFrom(options);
    const status = parseStatus(options.status);
    const page = await registryClientFrom(options).listContracts({
      ...pageFrom(options),
      ...(query === undefined ? {} : { q: query }),
      ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
      ...(options.owner === undefined ? {} : { owner: options.owner }),
      ...(options.tag === undefined ? {} : { tag: options.tag }),
      ...(status === undefined ? {} : { status }),
    });
    writeAnswer(format, page, renderContracts);
    if (format === 'text') process.stderr.write(morePages(page));
  });

  const show = program
    .command('show')
    .description('Show a contract: its owner and owning principal, its versions and the consumers pinned to it')
    .argument('<id>', 'the contract id, e.g. commerce.orders');
  addRegistryOptions(addFormatOption(show)).addHelpText(
    'after',
    `
Examples:
  concord show commerce.orders
  concord show commerce.orders --format json | jq '.versions | length'`,
  );
  show.action(async (text: string, options: ShowOptions) => {
    const format = formatFrom(options);
    const id = parseContractId(text);
    const client = registryClientFrom(options);
    const [contract, versions, consumers] = await Promise.all([client.getContract(id), client.listVersions(id), client.listContractConsumers(id)]);
    writeAnswer(format, { ...contract, versions: versions.versions, consumers: consumers.items }, () => renderContract(contract, versions, consumers.items));
  });
}
