import type { Command } from 'commander';
import { ConcordError } from '../../contracts/errors.js';
import type { Role } from '../../registry/client/api-types.js';
import { parseFormat } from '../options.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';

const FORMATS = ['text', 'json'] as const;
const ROLES: readonly Role[] = ['admin', 'publisher', 'reader'];

interface CreateOptions extends RegistryCommandOptions {
  readonly name: string;
  readonly role: string;
  readonly namespace: readonly string[];
  readonly format: string;
}

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
  const token = program.command('token').description('Create and revoke API tokens (admin only)');

  const create = token
    .command('create')
    .description('Create a principal with an API token; the token is printed once and never again')
    .requiredOption('--name <name>', 'who or what the token is for, e.g. "CI for commerce"')
    .requiredOption('--role <role>', `${ROLES.join(' | ')}`)
    .option('--namespace <ns>', 'a namespace a publisher may publish into; repeat for more', collect, [] as readonly string[])
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text');
  addRegistryOptions(create).addHelpText(
    'after',
    `
Roles: admin does everything; publisher publishes into its namespaces (and owns what it publishes
first); reader reads, which matters when the registry was started without --public-read.

Examples:
  concord token create --name "commerce CI" --role publisher --namespace commerce --token "$ADMIN_TOKEN"
  concord token create --name dashboards --role reader --format json`,
  );
  create.action(async (options: CreateOptions) => {
    const format = parseFormat(options.format, FORMATS);
    const role = parseRole(options.role);
    if (role !== 'publisher' && options.namespace.length > 0) {
      throw new ConcordError('invalid-argument', `--namespace applies to publishers only: drop it, or use --role publisher`);
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
      `created ${role} principal ${created.principal.id} with token ${created.tokenId}; store the token now, it is not shown again:\n`,
    );
    process.stdout.write(`${created.token}\n`);
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
