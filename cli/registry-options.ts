import { Option } from 'commander';
import type { Command } from 'commander';
import { ConcordError } from '../contracts/index.js';
import { createRegistryClient } from '../registry/client/index.js';
import type { RegistryClient } from '../registry/client/index.js';

/** The port `concord serve` listens on when neither --port nor PORT says otherwise. */
export const DEFAULT_PORT = 8080;

/** Where registry commands look when neither --url nor CONCORD_URL says otherwise: a local `concord serve`. */
export const DEFAULT_REGISTRY_URL = `http://127.0.0.1:${DEFAULT_PORT}`;

export interface RegistryCommandOptions {
  readonly url?: string;
  readonly token?: string;
  readonly timeout?: string;
}

/** Adds --url, --token and --timeout to a command that talks to a registry. */
export function addRegistryOptions(command: Command): Command {
  return command
    .addOption(new Option('--url <url>', `registry URL (default: $CONCORD_URL, else ${DEFAULT_REGISTRY_URL})`))
    .addOption(new Option('--token <token>', 'API token (default: $CONCORD_TOKEN)'))
    .addOption(new Option('--timeout <ms>', 'give up on a request after this many milliseconds (default: 30000)'));
}

/**
 * A registry client from a command's options, falling back to CONCORD_URL and CONCORD_TOKEN in
 * `env` (default `process.env`), then to {@link DEFAULT_REGISTRY_URL} and no token.
 */
export function registryClientFrom(options: RegistryCommandOptions, env: NodeJS.ProcessEnv = process.env): RegistryClient {
  const baseUrl = options.url ?? nonEmpty(env.CONCORD_URL) ?? DEFAULT_REGISTRY_URL;
  const token = registryTokenFrom(options, env);
  let timeoutMs: number | undefined;
  if (options.timeout !== undefined) {
    timeoutMs = Number(options.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
      throw new ConcordError('invalid-argument', `--timeout ${options.timeout} is not a whole number of milliseconds: write e.g. --timeout 10000`);
    }
  }
  return createRegistryClient({ baseUrl, ...(token !== undefined ? { token } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
}

/** The token a registry command uses: --token, else CONCORD_TOKEN in `env` (default `process.env`); undefined for none. */
export function registryTokenFrom(options: RegistryCommandOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return options.token ?? nonEmpty(env.CONCORD_TOKEN);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
