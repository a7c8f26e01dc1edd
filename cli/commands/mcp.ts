import type { Command } from 'commander';
import { addRegistryOptions, registryClientFrom, registryTokenFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { packageVersion } from '../package-version.js';

/** Adds `concord mcp`: the MCP server over stdio, calling the registry with --token (or CONCORD_TOKEN). */
export function registerMcp(program: Command): void {
  const command = program
    .command('mcp')
    .description('Serve the registry to an LLM agent as an MCP server over stdio (tools and contract resources)');
  addRegistryOptions(command).addHelpText(
    'after',
    `
Reads MCP messages on stdin and answers on stdout, so an agent host starts it as a subprocess.
Every tool calls the registry with the token given, which decides what the agent may read and
whether it may pin: pin_contract is offered only to consumer, publisher and admin tokens. Without
a token the server reads anonymously, which works on registries started with --public-read. A
token the registry refuses, or a registry that cannot be reached, stops it at start (exit 2).

Tools: search_contracts, get_contract, explain_metric, validate_records, check_change,
drift_status, and pin_contract. Resources: concord://contracts/{id}@{version}.
Values of fields marked pii are never returned.

Examples:
  CONCORD_URL=https://concord.internal CONCORD_TOKEN=... concord mcp
  concord mcp --url http://127.0.0.1:8080 --token "$CONCORD_TOKEN"`,
  );
  command.action(async (options: RegistryCommandOptions) => {
    const client = registryClientFrom(options);
    // Loaded here so other commands do not pay for the MCP SDK.
    const { serveStdio } = await import('../../mcp/index.js');
    await serveStdio({
      client,
      hasToken: registryTokenFrom(options) !== undefined,
      version: packageVersion(),
      // stdout carries the protocol: everything for people goes to stderr.
      onReady: (access) =>
        process.stderr.write(
          `concord mcp: serving ${client.baseUrl} over stdio as ${access.principal === undefined ? 'an anonymous reader' : `${access.principal.name} (${access.principal.role})`}\n`,
        ),
    });
  });
}
