import type { Command } from 'commander';
import { ConcordError } from '../../contracts/index.js';
import type { Role } from '../../registry/client/index.js';
import { addFormatOption, addPageOptions, formatFrom, morePages, pageFrom, writeAnswer } from '../command-output.js';
import type { FormatOptions, PageOptions } from '../command-output.js';
import { parseFormat } from '../options.js';
import { renderTokens } from '../registry-lists-render.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';

const FORMATS = ['text', 'json'] as const;
const ROLES: readonly Role[] = ['admin', 'publisher', 'consumer', 'reader'];

interface CreateOptions extends RegistryCommandOptions {
  readonly name: string;
  readonly role: string;
  readonly namespace: readonly string[];
  readonly format: string;
}

interface ListOptions extends RegistryCommandOptions, FormatOptions, PageOptions {}

interface RevokeOptions extends RegistryCommandOptions {
  readonly format: string;
}

function parseRole(text: string): Role {
  if ((ROLES as readonly string[]).includes(text)) return text as Role;
  throw new ConcordError('invalid-argument', `unknown role "${text}": use one of ${ROLES.join(', ')}`);
}

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

/** Adds `concord token create` and `concord token revoke`; the plaintext token goes to stdout, everything else to stderr. */
export function registerToken(program: Command): void {
  const token = program.command('token').description('Create, list and revoke API tokens (admin only)');

  const create = token
    .command('create')
    .description('Create a principal with an API token; the token is printed once and never again')
    .requiredOption('--name <name>', 'who or what the token is for, e.g. "CI for commerce"; names are unique')
    .requiredOption('--role <role>', `${ROLES.join(' | ')}`)
    .option('--namespace <ns>', 'a namespace a publisher may publish into; repeat for more', collect, [] as readonly string[])
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text');
  addRegistryOptions(create).addHelpText(
    'after',
    `
Roles: admin does everything; publisher publishes into its namespaces (and owns what it publishes
first); consumer, for agent builders, reads and registers, pins and removes consumers of its own;
reader reads, which matters when the registry was started without --public-read.

The name is the principal's: it is shown wherever the principal acted (versions, audit, web UI)
and is what concord transfer --to takes, so it must be unique (1 to 128 characters).

Examples:
  concord token create --name "commerce CI" --role publisher --namespace commerce --token "$ADMIN_TOKEN"
  concord token create --name "Support agents" --role consumer
  concord token create --name dashboards --role reader --format json`,
  );
  create.action(async (options: CreateOptions) => {
    const format = parseFormat(options.format, FORMATS);
    const role = parseRole(options.role);
    if (role !== 'publisher' && options.namespace.length > 0) {
      throw new ConcordError('invalid-argument', `--namespace applies to publishers only: drop it, or use --role publisher`);
    }
    if (role === 'publisher' && options.namespace.length === 0) {
      throw new ConcordError('invalid-argument', 'a publisher token needs --namespace: name each namespace it may publish into, e.g. --namespace commerce (repeat for more)');
    }
    const created = await registryClientFrom(options).createToken({
      name: options.name,
      role,
      ...(options.namespace.length > 0 ? { namespaces: options.namespace } : {}),
    });
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      return;
    }
    process.stderr.write(
      `created ${role} principal "${created.principal.name}" (${created.principal.id}) with token ${created.tokenId}; store the token now, it is not shown again:\n`,
    );
    process.stdout.write(`${created.token}\n`);
  });

  const list = token.command('list').description('List every token, newest first: id, prefix, principal, role, last use or revocation');
  addRegistryOptions(addPageOptions(addFormatOption(list))).addHelpText(
    'after',
    `
Tokens themselves are never shown again after creation: the prefix tells them apart.

Examples:
  concord token list --token "$ADMIN_TOKEN"
  concord token list --format json | jq -r '.items[] | select(.revokedAt == null) | .id'`,
  );
  list.action(async (options: ListOptions) => {
    const format = formatFrom(options);
    const page = await registryClientFrom(options).listTokens(pageFrom(options));
    writeAnswer(format, page, renderTokens);
    if (format === 'text') process.stderr.write(morePages(page));
  });

  const revoke = token
    .command('revoke')
    .description('Revoke an API token by its id')
    .argument('<id>', 'the token id (from concord token create --format json)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text');
  addRegistryOptions(revoke).addHelpText('after', '\nExample:\n  concord token revoke 6f1c2d9e-... --token "$ADMIN_TOKEN"');
  revoke.action(async (id: string, options: RevokeOptions) => {
    const format = parseFormat(options.format, FORMATS);
    const result = await registryClientFrom(options).revokeToken(id);
    process.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : `revoked token ${result.id}\n`);
  });
}
