import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Contract } from '../../../contracts/model.js';
import * as appendOnly from '../../../migrations/0002-append-only.js';
import type { SqlDialect } from '../../../migrations/dialect.js';
import type { PublishDecision } from '../../../registry/storage/contract-publish.js';
import { migrateToLatest } from '../../../registry/storage/migrate.js';
import { openDatabase } from '../../../registry/storage/open-database.js';
import type { Database } from '../../../registry/storage/open-database.js';
import { createPrincipalStore } from '../../../registry/storage/principal-store.js';
import { createRunStore } from '../../../registry/storage/run-store.js';
import type { Executor, Tables } from '../../../registry/storage/tables.js';

/*
 * The dialects every storage suite runs against: SQLite always, PostgreSQL when
 * CONCORD_TEST_PG_URL names a server (CI always sets it). Each suite gets a database of its own:
 * a fresh file, or a fresh schema, so test files can run in parallel.
 */

export const PG_URL = process.env.CONCORD_TEST_PG_URL;

export interface StorageTarget {
  readonly dialect: SqlDialect;
  readonly available: boolean;
}

/**
 * The tables whose rows a refused API request must leave alone. `diff_cache` is left out: it keeps
 * comparisons computed for any request (a refused publish included) and changes no answer;
 * `ui_sessions` is not reachable through the API.
 */
export const API_STORED_TABLES: readonly (keyof Tables)[] = [
  'principals',
  'api_tokens',
  'contracts',
  'contract_tags',
  'contract_versions',
  'version_marks',
  'metric_definitions',
  'consumers',
  'pins',
  'audit_log',
  'webhook_outbox',
  'check_runs',
];

export const STORAGE_TARGETS: readonly StorageTarget[] = [
  { dialect: 'sqlite', available: true },
  { dialect: 'postgres', available: PG_URL !== undefined && PG_URL !== '' },
];

export interface TestDatabase {
  readonly dialect: SqlDialect;
  /** The first handle, migrated unless asked otherwise. */
  readonly database: Database;
  /** The SQLite file, or the PostgreSQL schema. */
  readonly location: string;
  /** One more independent handle (its own file handle or pool) on the same database. */
  openAnother(): Promise<Database>;
  /**
   * Empties every table and closes the handles from openAnother, so each test starts from an
   * empty, migrated database without paying for a new schema (a migration is slow on PostgreSQL).
   */
  reset(): Promise<void>;
  /** Closes every handle and removes the file or schema. */
  cleanup(): Promise<void>;
}

/** Tables with rows that reference others come first. */
const EMPTYING_ORDER: readonly (keyof Tables)[] = [
  'ui_sessions',
  'consumer_telemetry',
  'check_baselines',
  'check_runs',
  'diff_cache',
  'webhook_outbox',
  'audit_log',
  'pins',
  'consumers',
  'metric_definitions',
  'version_marks',
  'contract_versions',
  'contract_tags',
  'contracts',
  'api_tokens',
  'principals',
];

/** A fresh, empty database of `dialect`; migrated to the latest schema unless `migrate` is false. */
export async function freshDatabase(dialect: SqlDialect, options: { readonly migrate?: boolean } = {}): Promise<TestDatabase> {
  const handles: Database[] = [];
  let open: () => Promise<Database>;
  let remove: () => Promise<void>;
  let location: string;
  if (dialect === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'concord-storage-'));
    location = join(folder, 'registry.db');
    const sqlitePath = location;
    open = () => openDatabase({ sqlitePath });
    remove = async () => rmSync(folder, { recursive: true, force: true });
  } else {
    if (PG_URL === undefined) throw new Error('CONCORD_TEST_PG_URL is not set');
    const url = PG_URL;
    const schema = `concord_test_${randomBytes(6).toString('hex')}`;
    location = schema;
    await adminQuery(url, `create schema ${schema}`);
    open = () => openDatabase({ url, schema });
    remove = () => adminQuery(url, `drop schema ${schema} cascade`);
  }
  const openAnother = async (): Promise<Database> => {
    const handle = await open();
    handles.push(handle);
    return handle;
  };
  const database = await openAnother();
  if (options.migrate !== false) await migrateToLatest(database.db);
  return {
    dialect,
    database,
    location,
    openAnother,
    async reset() {
      await Promise.all(handles.splice(1).map((handle) => handle.close()));
      // The append-only triggers are lifted for the emptying, then restored as the migration made them.
      await database.db.transaction().execute(async (trx) => {
        const schemaLevel = trx as unknown as Kysely<unknown>;
        await appendOnly.down(schemaLevel);
        for (const table of EMPTYING_ORDER) await trx.deleteFrom(table).execute();
        await appendOnly.up(schemaLevel);
      });
    },
    async cleanup() {
      await Promise.all(handles.map((handle) => handle.close()));
      await remove();
    },
  };
}

/**
 * Registers hooks that give the enclosing suite one migrated database of `dialect`, emptied
 * before each test; call inside a describe block. The getter is valid inside tests and hooks.
 */
export function useFreshDatabase(dialect: SqlDialect): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await freshDatabase(dialect);
  });
  beforeEach(() => current?.reset());
  afterAll(() => current?.cleanup());
  return () => {
    if (current === undefined) throw new Error('useFreshDatabase: the database exists only inside tests and hooks');
    return current;
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export const PUBLISHER = 'dana';

/** Creates the principal the sample publishes use. */
export async function addPublisher(database: Database, id: string = PUBLISHER): Promise<void> {
  await createPrincipalStore(database.db).createPrincipal({ id, name: `Publisher ${id}`, role: 'publisher', namespaces: ['commerce'] });
}

/** A small valid contract; `overrides` replace top-level fields. */
export function sampleContract(version = '1.0.0', overrides: Partial<Contract> = {}): Contract {
  return {
    id: 'commerce.orders',
    version,
    title: 'Orders feed',
    owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
    team: 'commerce-data',
    status: 'active',
    compatibility: { mode: 'forward', policy: 'strict' },
    schema: {
      type: 'object',
      properties: { order_id: { type: 'string' }, amount: { type: 'number' } },
      required: ['order_id'],
    },
    metrics: [{ name: 'net_revenue', type: 'simple', aggregation: 'sum', expression: 'amount', unit: 'EUR' }],
    features: [],
    sources: [],
    tags: ['commerce', 'orders'],
    ...overrides,
  };
}

/** The publish input for a contract, with its source document standing in as itself. */
export function publishInput(contract: Contract, publishedBy: string = PUBLISHER) {
  return { contract, document: { ...contract, schema: { $ref: './orders.schema.json' } }, publishedBy };
}

/** A decide that accepts everything. */
export const acceptAll = (): PublishDecision<never> => ({ accept: true });

/** Records a passing run of commerce.orders 1.0.0 on `source`, recorded and started at `at`. */
export async function recordRunAt(executor: Executor, source: string, at: Date, sourceDescription = `${source} run`): Promise<void> {
  await createRunStore(executor, { clock: () => at }).insert({
    contractId: 'commerce.orders',
    version: '1.0.0',
    source,
    sourceDescription,
    verdict: 'pass',
    startedAt: at.toISOString(),
    durationMs: 5,
    read: 1,
    sampled: 1,
    violationCount: 0,
    driftCount: 0,
    report: {},
    recordedBy: PUBLISHER,
  });
}
