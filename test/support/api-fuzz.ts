import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import pino from 'pino';
import { stringify as toYaml } from 'yaml';
import type { SqlDialect } from '../../migrations/dialect.js';
import { bootstrapAdmin } from '../../registry/auth/bootstrap-admin.js';
import { createRegistry } from '../../registry/create-registry.js';
import type { Registry } from '../../registry/create-registry.js';
import { createPrincipalStore } from '../../registry/storage/principal-store.js';
import type { Tables } from '../../registry/storage/tables.js';
import { checkReport } from '../registry/http/runs-fixture.js';
import { ADMIN_TOKEN, ordersDocument } from '../registry/http/registry-harness.js';
import { API_STORED_TABLES, freshDatabase } from '../registry/storage/storage-targets.js';
import type { TestDatabase } from '../registry/storage/storage-targets.js';
import { recordSchemaArbitrary } from './schema-arbitrary.js';

/*
 * A fuzzer for the registry's API: generated and mutated contract documents, pins, consumers,
 * run reports, tokens and reads, sent over HTTP on 127.0.0.1 to the real app on a real SQLite
 * file (or PostgreSQL schema). Every answer must come within REQUEST_DEADLINE_MS and be below 500, and after every 4xx
 * the stored rows must be exactly what they were before the request.
 */

/**
 * Longest a fuzzed request may take. Generated documents are small (a few kilobytes), so a
 * healthy registry answers each in well under a second even on a loaded 2-core machine; ten
 * seconds separates a hang from a slow moment.
 */
export const REQUEST_DEADLINE_MS = 10_000;

/** One request as the fuzzer sends it. */
export interface FuzzRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly as: 'admin' | 'publisher' | 'reader' | 'nobody';
  readonly contentType?: string;
  readonly body?: string;
}

export interface FuzzTarget {
  readonly url: string;
  readonly registry: Registry;
  readonly database: TestDatabase;
  readonly tokens: Readonly<Record<FuzzRequest['as'], string | undefined>>;
  close(): Promise<void>;
}

/** Columns that change without any write being asked for: token use times, webhook leases. */
const VOLATILE: Readonly<Partial<Record<keyof Tables, readonly string[]>>> = {
  api_tokens: ['last_used_at'],
};

const ID = 'commerce.orders';
const CONSUMER = 'agents.router';

async function send(url: string, request: FuzzRequest, token: string | undefined): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  const response = await fetch(`${url}${request.path}`, {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * Starts the registry on a fresh database (default a SQLite file; PostgreSQL needs
 * CONCORD_TEST_PG_URL), listening on 127.0.0.1, with a contract, a consumer, a pin and a run to act on.
 */
export async function startFuzzTarget(dialect: SqlDialect = 'sqlite'): Promise<FuzzTarget> {
  const database = await freshDatabase(dialect);
  await bootstrapAdmin(createPrincipalStore(database.database.db), { adminToken: ADMIN_TOKEN });
  const registry = createRegistry({ database: database.database, adminToken: ADMIN_TOKEN, logger: pino({ level: 'silent' }), processMetrics: false, webhooks: { start: false } });
  const server: Server = createServer(registry.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const json = (method: FuzzRequest['method'], path: string, body: unknown): FuzzRequest => ({ method, path, as: 'admin', contentType: 'application/json', body: JSON.stringify(body) });
  const seed = async (request: FuzzRequest, want: number): Promise<string> => {
    const answer = await send(url, request, ADMIN_TOKEN);
    if (answer.status !== want) throw new Error(`seeding ${request.method} ${request.path} answered ${answer.status}: ${answer.text}`);
    return answer.text;
  };
  await seed(json('POST', '/api/contracts', ordersDocument('1.0.0')), 201);
  await seed(json('PUT', `/api/consumers/${CONSUMER}`, { contact: { name: 'Ravi Patel', email: 'ravi.patel@example.com' } }), 200);
  await seed(json('PUT', `/api/consumers/${CONSUMER}/pins/${ID}`, { range: '^1', fields: ['order_id'] }), 200);
  await seed(json('POST', `/api/contracts/${ID}/runs`, checkReport()), 201);
  const tokenOf = async (role: 'publisher' | 'reader'): Promise<string> =>
    (JSON.parse(await seed(json('POST', '/api/tokens', { name: `fuzz ${role}`, role, ...(role === 'publisher' ? { namespaces: ['commerce'] } : {}) }), 201)) as { token: string }).token;
  const tokens = { admin: ADMIN_TOKEN, publisher: await tokenOf('publisher'), reader: await tokenOf('reader'), nobody: undefined };
  return {
    url,
    registry,
    database,
    tokens,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await registry.close();
      await database.cleanup();
    },
  };
}

/** Every stored row, volatile columns dropped, in a stable order: equal snapshots mean nothing was written. */
export async function snapshot(target: FuzzTarget): Promise<string> {
  await target.registry.settled();
  const { db } = target.database.database;
  const parts: string[] = [];
  for (const table of API_STORED_TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    const volatile = VOLATILE[table] ?? [];
    const lines = rows.map((row) => JSON.stringify(Object.entries(row).filter(([column]) => !volatile.includes(column)))).sort();
    parts.push(`${table}:${lines.join('\n')}`);
  }
  return parts.join('\n\n');
}

// ---- generators -------------------------------------------------------------------------------

/** Text that has broken servers: NUL and control characters, astral and combining characters, prototype names, long runs. */
const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\u0001\u001f\u007f', '\ud83d\ude00', 'e\u0301', '\ufeff', '%00', '../..', '__proto__', 'constructor', 'toString', 'null', '0', '-1', '1e999', 'NaN'),
  fc.integer({ min: 1, max: 6 }).map((power) => 'x'.repeat(10 ** power / 2)),
  fc.integer({ min: 1, max: 3 }).map((power) => '\ud83d\ude00'.repeat(10 ** power)),
);

const contractIds: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(ID, 'commerce.payments', 'finance.ledger') },
  { weight: 1, arbitrary: nastyText },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }).map((power) => `commerce.${'o'.repeat(10 ** power)}`) },
);

const versions: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('1.0.0', '1.0.1', '1.1.0', '2.0.0', '0.1.0', '1.2.0-rc.1') },
  { weight: 1, arbitrary: nastyText },
);

const jsonValues: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyText },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1.5, [], {}, [null]) },
);

/** Paths inside a contract document that the fuzzer overwrites. */
const DOCUMENT_SITES: readonly (readonly string[])[] = [
  ['contract'],
  ['version'],
  ['title'],
  ['description'],
  ['team'],
  ['status'],
  ['compatibility'],
  ['owner'],
  ['owner', 'name'],
  ['owner', 'email'],
  ['tags'],
  ['tags', '0'],
  ['metrics'],
  ['metrics', '0', 'name'],
  ['metrics', '0', 'expression'],
  ['metrics', '0', 'references'],
  ['metrics', '0', 'tags'],
  ['features'],
  ['sla'],
  ['sources'],
  ['schema'],
  ['schema', 'properties'],
  ['schema', 'properties', 'amount'],
  ['schema', 'properties', '__proto__'],
  ['schema', 'required'],
  ['x-extension'],
  ['unknown key'],
];

function setAt(target: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const container = target !== null && typeof target === 'object' ? target : {};
  const copy: Record<string, unknown> = Array.isArray(container) ? ([...container] as unknown as Record<string, unknown>) : { ...(container as Record<string, unknown>) };
  // defineProperty, so a key named __proto__ becomes a member, as a JSON parser would make it.
  Object.defineProperty(copy, head, { value: setAt(copy[head], rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}

const documents: fc.Arbitrary<unknown> = fc
  .record({
    version: versions,
    contract: contractIds,
    schema: fc.option(recordSchemaArbitrary({ maxDepth: 2 }), { nil: undefined }),
    edits: fc.array(fc.tuple(fc.constantFrom(...DOCUMENT_SITES), jsonValues), { maxLength: 3 }),
  })
  .map(({ version, contract, schema, edits }) => {
    let document: unknown = ordersDocument(version, { contract, ...(schema === undefined ? {} : { schema, metrics: [] }) });
    for (const [site, value] of edits) document = setAt(document, site, value);
    return document;
  });

/** A body as text: JSON, YAML, or JSON damaged at a random place. */
function bodies(values: fc.Arbitrary<unknown>): fc.Arbitrary<{ readonly contentType: string; readonly body: string }> {
  return fc.oneof(
    { weight: 4, arbitrary: values.map((value) => ({ contentType: 'application/json', body: JSON.stringify(value) ?? 'null' })) },
    { weight: 1, arbitrary: values.map((value) => ({ contentType: 'application/yaml', body: toYaml(value ?? null) })) },
    {
      weight: 1,
      arbitrary: fc.tuple(values, fc.nat(), fc.string({ maxLength: 3 })).map(([value, at, insert]) => {
        const text = JSON.stringify(value) ?? 'null';
        const cut = at % (text.length + 1);
        return { contentType: 'application/json', body: text.slice(0, cut) + insert + text.slice(cut + 1) };
      }),
    },
  );
}

const callers = fc.constantFrom<FuzzRequest['as']>('admin', 'admin', 'publisher', 'reader', 'nobody');
const seg = (text: string): string => encodeURIComponent(text);

const consumerBodies = fc
  .record({ name: fc.oneof(fc.constant('Ravi Patel'), nastyText), email: fc.oneof(fc.constant('ravi@example.com'), nastyText), webhook: fc.option(fc.oneof(fc.constant('https://hooks.example.com/concord'), nastyText), { nil: undefined }) })
  .map(({ name, email, webhook }) => ({ contact: { name, email }, ...(webhook === undefined ? {} : { webhook }) }));

const pinBodies = fc.record({
  range: fc.oneof(fc.constantFrom('^1', '>=1 <3', '*', '1.x', '^0.1'), nastyText),
  fields: fc.option(fc.array(fc.oneof(fc.constantFrom('order_id', 'customer.id', 'items[].sku'), nastyText), { maxLength: 4 }), { nil: undefined }),
});

const runReports = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom('verdict', 'contract', 'version', 'source', 'sourceName', 'startedAt', 'durationMs', 'read', 'violations', 'drift', 'profile', 'extra'), jsonValues), { maxLength: 2 }))
  .map(([edits]) => {
    let report: unknown = checkReport();
    for (const [key, value] of edits) report = setAt(report, [key], value);
    return report;
  });

const tokenBodies = fc.record({
  name: fc.oneof(fc.constant('fuzz user'), nastyText),
  role: fc.oneof(fc.constantFrom('admin', 'publisher', 'reader'), nastyText),
  namespaces: fc.option(fc.array(fc.oneof(fc.constant('commerce'), nastyText), { maxLength: 3 }), { nil: undefined }),
});

const withBody = (method: FuzzRequest['method'], path: fc.Arbitrary<string>, values: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzRequest> =>
  fc.tuple(path, bodies(values), callers).map(([p, { contentType, body }, as]) => ({ method, path: p, as, contentType, body }));

const reads: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom('/api/contracts/{id}', '/api/contracts/{id}/versions', '/api/contracts/{id}/versions/{v}', '/api/contracts/{id}/resolve?range={q}', '/api/contracts/{id}/changelog?from={v}', '/api/contracts?q={q}&tag={q}', '/api/consumers/{q}', '/api/contracts/{id}/runs?source={q}', '/api/contracts/{id}/runs/latest?source={q}', '/api/audit?contract={id}', '/api/metrics?q={q}'),
    contractIds,
    versions,
    nastyText,
    callers,
  )
  .map(([template, id, version, text, as]) => ({
    method: 'GET' as const,
    path: template.replace('{id}', seg(id)).replace('{v}', seg(version)).replaceAll('{q}', seg(text)),
    as,
  }));

/** Every kind of request the fuzzer sends, weighted towards the writes. */
export const fuzzRequests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 5, arbitrary: withBody('POST', fc.constant('/api/contracts'), documents) },
  { weight: 2, arbitrary: withBody('POST', contractIds.map((id) => `/api/contracts/${seg(id)}/check`), documents) },
  { weight: 2, arbitrary: withBody('PUT', fc.oneof(fc.constant(CONSUMER), nastyText).map((name) => `/api/consumers/${seg(name)}`), consumerBodies) },
  { weight: 2, arbitrary: withBody('PUT', fc.tuple(fc.oneof(fc.constant(CONSUMER), nastyText), contractIds).map(([name, id]) => `/api/consumers/${seg(name)}/pins/${seg(id)}`), pinBodies) },
  { weight: 1, arbitrary: fc.tuple(contractIds, callers).map(([id, as]) => ({ method: 'DELETE' as const, path: `/api/consumers/${CONSUMER}/pins/${seg(id)}`, as })) },
  { weight: 2, arbitrary: withBody('POST', contractIds.map((id) => `/api/contracts/${seg(id)}/runs`), runReports) },
  { weight: 1, arbitrary: withBody('POST', fc.constant('/api/tokens'), tokenBodies) },
  { weight: 1, arbitrary: withBody('POST', fc.tuple(contractIds, versions, fc.constantFrom('deprecate', 'yank')).map(([id, v, mark]) => `/api/contracts/${seg(id)}/versions/${seg(v)}/${mark}`), fc.record({ reason: nastyText })) },
  { weight: 1, arbitrary: withBody('POST', fc.constant('/api/runs/prune'), fc.record({ olderThan: fc.oneof(fc.constantFrom('90d', '1h'), nastyText), contract: contractIds })) },
  { weight: 3, arbitrary: reads },
);

/** Sends `request` and checks the invariants; throws an Error describing the first one broken. */
export async function checkOne(target: FuzzTarget, request: FuzzRequest): Promise<number> {
  const before = await snapshot(target);
  let answer: { status: number; text: string };
  try {
    answer = await send(target.url, request, target.tokens[request.as]);
  } catch (error) {
    throw new Error(`${request.method} ${request.path.slice(0, 200)} got no answer within ${REQUEST_DEADLINE_MS} ms: ${String(error)}`);
  }
  if (answer.status >= 500) throw new Error(`${request.method} ${request.path.slice(0, 200)} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  // Node's HTTP parser answers an oversized URL with a bare 431 before the app sees it.
  if (answer.status >= 400 && answer.status !== 431) {
    let body: { error?: { code?: unknown; message?: unknown } } = {};
    try {
      body = JSON.parse(answer.text) as typeof body;
    } catch {
      // Not JSON: reported below as an answer without an error code.
    }
    if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string' || body.error.message === '') {
      throw new Error(`${request.method} ${request.path.slice(0, 200)} answered ${answer.status} without an error code and message: ${answer.text.slice(0, 300)}`);
    }
    if ((await snapshot(target)) !== before) {
      throw new Error(`${request.method} ${request.path.slice(0, 200)} answered ${answer.status} (${answer.text.slice(0, 300)}) but changed the store`);
    }
  }
  return answer.status;
}

export interface FuzzOptions {
  readonly runs: number;
  readonly seed: number;
  /** Called with each answer's status, e.g. to count them. */
  readonly onStatus?: (status: number) => void;
}

/** Runs the property against one fuzz target for `runs` generated requests; fast-check reports the smallest failing request. */
export async function fuzzApi(target: FuzzTarget, options: FuzzOptions): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fuzzRequests, async (request) => {
      options.onStatus?.(await checkOne(target, request));
    }),
    { numRuns: options.runs, seed: options.seed, endOnFailure: true },
  );
}
