import type { Command } from 'commander';
import { DEFAULT_PORT } from '../registry-options.js';
import { LOG_LEVELS, serveConfig } from '../serve-config.js';
import type { ServeFlags } from '../serve-config.js';

/** Adds `concord serve`: port 8080 (or PORT), host 127.0.0.1, SQLite at ./.concord/concord.db unless told otherwise. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the registry: HTTP API under /api, Prometheus metrics at /metrics')
    .option('--port <n>', `port to listen on; 0 picks a free one (default: $PORT, else ${DEFAULT_PORT})`)
    .option('--host <address>', 'address to listen on (default: 127.0.0.1, this machine only)')
    .option('--db <path-or-url>', 'SQLite file or postgres:// URL (default: $DATABASE_URL, else ./.concord/concord.db)')
    .option('--public-read', 'let anyone read without a token (also CONCORD_PUBLIC_READ=true); writes always need one')
    .option('--seed-examples', 'publish the example contracts as the admin when they are not there yet')
    .option('--webhook-allow-private', 'let webhooks reach loopback and private addresses too (also CONCORD_WEBHOOK_ALLOW_PRIVATE=true)')
    .option('--run-retention <age>', 'delete check runs older than this (e.g. 90d) at start and hourly, keeping the newest run of every source (also CONCORD_RUN_RETENTION; default: keep forever)')
    .option('--mcp', 'also serve the MCP server (Streamable HTTP) at /mcp for LLM agents, with the same tokens (also CONCORD_MCP=true)')
    .option('--log-level <level>', `${LOG_LEVELS.join(' | ')}; requests are logged at info (default: $LOG_LEVEL, else info)`)
    .addHelpText(
      'after',
      `
On start the database is migrated and an admin principal is made sure of: with CONCORD_ADMIN_TOKEN
set (32 or more characters) that token is the admin's; otherwise a token is generated on first
start and printed once to stderr. SIGINT or SIGTERM stop the server gracefully: it stops
accepting, finishes requests in flight, stops webhook delivery and closes the database.

Webhooks (consumers' URLs, registered by publishers) reach public addresses only: a URL naming a
loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7) or CGNAT address is refused with 400
when registered, and a host name resolving to one is refused when delivering. Receivers inside
your network need --webhook-allow-private. Link-local addresses (169.254.0.0/16 with the cloud
metadata endpoints, fe80::/10), unspecified and multicast ones are refused whatever the flags.

Check runs that checkers record are kept forever unless --run-retention (or
CONCORD_RUN_RETENTION) gives an age such as 90d or 12w: then runs recorded longer ago are deleted
when the server starts and every hour after, in small batches, except the newest run of every
contract and source (the baseline of its next check and its current verdict). Each pass logs how
many runs it deleted. For a one-off cleanup use concord runs prune.

With --mcp the server also answers MCP (Streamable HTTP, stateless) at /mcp: every request needs
"Authorization: Bearer <token>" (401 otherwise, public reads or not), and its tools call this
registry with that token, so each agent sees and may do what its principal may. For one agent on
one machine, concord mcp serves the same tools over stdio.

Examples:
  concord serve --seed-examples
  concord serve --port 9000 --db /var/lib/concord/registry.db --public-read
  concord serve --run-retention 90d
  concord serve --mcp
  DATABASE_URL=postgres://concord@db:5432/concord CONCORD_ADMIN_TOKEN=... concord serve --host 0.0.0.0`,
    )
    .action(async (flags: ServeFlags) => {
      const config = serveConfig(flags);
      // Loaded here so other commands do not pay for express, kysely and the database drivers.
      const { serve } = await import('../serve-run.js');
      await serve(config);
    });
}
