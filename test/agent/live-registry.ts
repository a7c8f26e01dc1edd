import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { bootstrapAdmin } from '../../registry/auth/bootstrap-admin.js';
import { createRegistryClient, type RegistryClient } from '../../registry/client/index.js';
import { createRegistry, type Registry } from '../../registry/create-registry.js';
import { createPrincipalStore } from '../../registry/storage/principal-store.js';
import { freshDatabase, type TestDatabase } from '../registry/storage/storage-targets.js';
import { ADMIN_TOKEN } from '../registry/http/registry-harness.js';

/*
 * A real registry for the SDK's tests: the real app on a real SQLite file, listening on a
 * loopback port that stays the same across stop() and start(), so a handle's cache (keyed by
 * URL) sees one registry go down and come back. `failTelemetry` makes the telemetry route
 * answer 500 while the rest of the API works.
 */
export interface LiveRegistry {
  readonly url: string;
  readonly admin: RegistryClient;
  readonly database: TestDatabase;
  failTelemetry: boolean;
  /** Every request path seen, to tell which routes a test reached. */
  readonly requests: string[];
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes the database. */
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startLiveRegistry(): Promise<LiveRegistry> {
  const database = await freshDatabase('sqlite');
  await bootstrapAdmin(createPrincipalStore(database.database.db), { adminToken: ADMIN_TOKEN });
  const seen = { failTelemetry: false, requests: [] as string[] };
  let registry: Registry | undefined;
  let server: Server | undefined;
  let port = 0;
  const start = async (): Promise<void> => {
    const current = createRegistry({ database: database.database, adminToken: ADMIN_TOKEN, logger: pino({ level: 'silent' }), processMetrics: false, webhooks: { start: false } });
    registry = current;
    server = createServer((req, res) => {
      seen.requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
      if (seen.failTelemetry && (req.url ?? '').includes('/telemetry')) {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"internal","message":"telemetry is down for the test"}}');
        return;
      }
      current.app(req, res);
    });
    port = await listen(server, port);
  };
  const stop = async (): Promise<void> => {
    const closing = server;
    server = undefined;
    if (closing !== undefined) {
      closing.closeAllConnections();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    }
    await registry?.close();
    registry = undefined;
  };
  await start();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    admin: createRegistryClient({ baseUrl: url, token: ADMIN_TOKEN }),
    database,
    get failTelemetry() {
      return seen.failTelemetry;
    },
    set failTelemetry(value: boolean) {
      seen.failTelemetry = value;
    },
    requests: seen.requests,
    start,
    stop,
    async close() {
      await stop();
      await database.cleanup();
    },
  };
}
