import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { formatDuration, ConcordError, isConcordError } from '../contracts/index.js';
import {
  ADMIN_PRINCIPAL_ID,
  bootstrapAdmin,
  createRegistry,
  migrateToLatest,
  openDatabase,
  createPrincipalStore,
  createSessionStore,
} from '../registry/index.js';
import type { Registry, Database } from '../registry/index.js';
import type { McpHttpHandler } from '../mcp/index.js';
import { chooseDatabase } from './database-options.js';
import type { DatabaseChoice } from './database-options.js';
import { closeServer, onStopSignal, SHUTDOWN_GRACE_MS } from './graceful-shutdown.js';
import { packageVersion } from './package-version.js';
import { seedExamples } from './seed-examples.js';
import type { ServeConfig } from './serve-config.js';

/** Resolves once `server` listens; a port in use or a bad address is a ConcordError naming what to change. */
function listening(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? `port ${port} is in use: pick another with --port or PORT` : `${error.message}: check --host`;
      reject(new ConcordError('invalid-argument', `cannot listen on ${host}:${port}: ${why}`, {}, { cause: error }));
    });
    server.once('listening', () => resolve(server.address() as AddressInfo));
  });
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** This server's own address for requests it sends itself: the loopback one when it listens on every address. */
function selfUrlOf(address: AddressInfo): string {
  if (address.address === '0.0.0.0') return urlOf({ ...address, address: '127.0.0.1' });
  if (address.address === '::') return urlOf({ ...address, address: '::1' });
  return urlOf(address);
}

/** Publishes the example contracts that are missing, as the admin, through the publish service. */
async function seed(registry: Registry, database: Database): Promise<void> {
  const admin = await createPrincipalStore(database.db).getPrincipal(ADMIN_PRINCIPAL_ID);
  if (admin === undefined) throw new ConcordError('internal', 'the admin principal is missing right after it was bootstrapped');
  const { reads, publishing } = registry.services;
  const report = await seedExamples({
    async has(id, version) {
      try {
        await reads.getVersion(id, version);
        return true;
      } catch (error) {
        if (isConcordError(error) && error.code === 'not-found') return false;
        throw error;
      }
    },
    async publish(document) {
      await publishing.publish({ text: JSON.stringify(document.body), format: 'json' }, admin);
    },
  });
  if (report.published.length > 0) process.stdout.write(`seeded example contracts: ${report.published.join(', ')}\n`);
  for (const failure of report.failed) process.stderr.write(`concord: could not seed example ${failure}\n`);
}

/** Opens and migrates the database, makes sure of the admin (printing a generated token once) and ends the configured admin token's UI sessions. */
async function prepareDatabase(config: ServeConfig, choice: DatabaseChoice): Promise<Database> {
  const database = await openDatabase(choice.options);
  try {
    await migrateToLatest(database.db);
    const adminToken = config.adminToken === undefined ? {} : { adminToken: config.adminToken };
    const { generatedToken } = await bootstrapAdmin(createPrincipalStore(database.db), adminToken);
    // The configured admin token may have changed since the last start: its UI sessions end with the process that accepted it.
    await createSessionStore(database.db).endConfiguredTokenSessions();
    if (generatedToken !== undefined) {
      process.stderr.write(
        `concord: created an admin token. It is shown only this once: store it now (e.g. as CONCORD_TOKEN) to publish and create tokens.\n  ${generatedToken}\n`,
      );
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Runs the registry until SIGINT or SIGTERM: migrate, bootstrap the admin, start the app, its
 * webhook dispatcher and (with a retention age) check-run retention, listen, optionally seed the examples; on the signal stop accepting, let
 * requests in flight finish (see SHUTDOWN_GRACE_MS), stop the dispatcher and close the database.
 */
export async function serve(config: ServeConfig): Promise<void> {
  const choice = chooseDatabase(config.database);
  const database = await prepareDatabase(config, choice);
  let registry: Registry | undefined;
  try {
    registry = createRegistry({
      database,
      logger: pino({ name: 'concord-registry', level: config.logLevel }),
      publicRead: config.publicRead,
      webhooks: { allowPrivate: config.webhookAllowPrivate },
      ...(config.adminToken === undefined ? {} : { adminToken: config.adminToken }),
      ...(config.runRetentionSeconds === undefined ? {} : { runRetention: { maxAgeSeconds: config.runRetentionSeconds } }),
    });
    const running = registry;
    // Loaded only with --mcp, so a plain registry does not pay for the MCP SDK.
    const endpoint = config.mcp ? await import('../mcp/index.js') : undefined;
    // Attached once listening: its tools call this registry over HTTP, at the address it got.
    let mcp: McpHttpHandler | undefined;
    const server = createServer((req, res) => {
      if (mcp !== undefined && endpoint?.isMcpPath(req.url) === true) void mcp(req, res);
      else running.app(req, res);
    });
    server.listen(config.port, config.host);
    const address = await listening(server, config.port, config.host);
    if (endpoint !== undefined) mcp = endpoint.createMcpHttpHandler({ registryUrl: selfUrlOf(address), version: packageVersion() });
    // Registered before anything slow, so a signal during seeding still stops the server cleanly.
    const stopped = new Promise<NodeJS.Signals>((resolve) => onStopSignal(resolve));
    process.stdout.write(`concord registry listening on ${urlOf(address)} (${choice.description})\n`);
    if (endpoint !== undefined) process.stdout.write(`concord MCP server at ${urlOf(address)}${endpoint.MCP_PATH} (Streamable HTTP, bearer tokens)\n`);
    if (config.seedExamples) await seed(running, database);
    const signal = await stopped;
    process.stdout.write(`concord registry stopping (${signal})\n`);
    const outcome = await closeServer(server);
    if (outcome === 'forced') process.stderr.write(`concord: cut the requests still running ${formatDuration(SHUTDOWN_GRACE_MS)} after ${signal}\n`);
  } finally {
    await registry?.close();
    await database.close();
  }
  process.stdout.write('concord registry stopped\n');
}

