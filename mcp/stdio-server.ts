import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { RegistryClient } from '../registry/client/index.js';
import { callerAccess } from './caller-access.js';
import type { CallerAccess } from './caller-access.js';
import { createConcordMcpServer } from './concord-mcp-server.js';

export interface StdioOptions {
  /** The registry client the tools call, with the token the server acts with. */
  readonly client: RegistryClient;
  /** Whether the client carries a token; without one the server reads anonymously (registries with public reads). */
  readonly hasToken: boolean;
  /** Reported in the MCP handshake; default `unknown`. */
  readonly version?: string;
  /** Told once who the server acts as, before the first message is read; default nothing. */
  readonly onReady?: (access: CallerAccess) => void;
  /** Default `process.stdin` and `process.stdout`: the MCP messages, one JSON line each, and nothing else. */
  readonly input?: NodeJS.ReadableStream & { pause(): unknown };
  readonly output?: NodeJS.WritableStream;
}

/**
 * Serves MCP over stdio until the input ends or the client closes the session. First asks the
 * registry who the token belongs to, so a token the registry refuses, or a registry that cannot
 * be reached, fails here with the registry's ConcordError rather than on the first tool call;
 * `pin_contract` is offered only when the token's role may write.
 */
export async function serveStdio(options: StdioOptions): Promise<void> {
  const access = await callerAccess(options.client, options.hasToken);
  options.onReady?.(access);
  const server = createConcordMcpServer({ client: options.client, canWrite: access.canWrite, ...(options.version === undefined ? {} : { version: options.version }) });
  const input = options.input ?? process.stdin;
  const transport = new StdioServerTransport(input as typeof process.stdin, (options.output ?? process.stdout) as typeof process.stdout);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
    input.once('end', () => void server.close());
  });
  await server.connect(transport);
  await closed;
}
