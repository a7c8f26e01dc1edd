import pino from 'pino';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { bootstrapAdmin } from '../../../registry/auth/bootstrap-admin.js';
import { createRegistry } from '../../../registry/create-registry.js';
import type { Registry, WebhookOptions } from '../../../registry/create-registry.js';
import type { Clock } from '../../../registry/storage/clock.js';
import { createEvaluationPool } from '../../../registry/evaluation/evaluation-pool.js';
import type { EvaluationOptions, EvaluationPool } from '../../../registry/evaluation/evaluation-pool.js';
import { createPrincipalStore } from '../../../registry/storage/principal-store.js';
import type { Role } from '../../../registry/storage/principal-store.js';
import type { SqlDialect } from '../../../migrations/dialect.js';
import { checkAnswers } from '../../support/openapi-answers.js';
import type { AnswerCheck } from '../../support/openapi-answers.js';
import { useFreshDatabase } from '../storage/storage-targets.js';
import type { TestDatabase } from '../storage/storage-targets.js';

/*
 * The registry as the API tests see it: the real app on a real database (a SQLite file, or a
 * PostgreSQL schema), emptied before each test, with an admin token configured. Every JSON answer
 * is checked against the OpenAPI document, and a test whose answers break it fails.
 */

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef-0123456789';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const asAdmin = bearer(ADMIN_TOKEN);

export interface Harness {
  readonly registry: Registry;
  readonly database: TestDatabase;
  /** A new principal's token, made through the API as the admin. */
  token(role: Role, namespaces?: readonly string[], name?: string): Promise<{ token: string; principal: string }>;
  /** Row counts of the tables a refused request must leave alone. */
  counts(): Promise<Readonly<Record<'versions' | 'audit' | 'contracts' | 'outbox', number>>>;
}

export interface HarnessOptions {
  readonly publicRead?: boolean;
  /** Defaults to a stopped dispatcher; a function is called before each test (e.g. to name a receiver started in beforeAll). */
  readonly webhooks?: WebhookOptions | (() => WebhookOptions);
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** The suite's evaluation pool; one pool serves every test of the suite, since starting a worker costs a second or two under tsx. */
  readonly evaluation?: EvaluationOptions;
}

/** Registers hooks giving each test of the enclosing suite a fresh registry on `dialect`. */
export function useRegistry(dialect: SqlDialect, options: HarnessOptions = {}): () => Harness {
  const database = useFreshDatabase(dialect);
  let current: Harness | undefined;
  let pool: EvaluationPool | undefined;
  let answers: AnswerCheck | undefined;
  beforeAll(() => {
    pool = createEvaluationPool(options.evaluation);
  });
  afterAll(() => pool?.close());
  beforeEach(async () => {
    const fresh = database();
    await bootstrapAdmin(createPrincipalStore(fresh.database.db), { adminToken: ADMIN_TOKEN });
    const registry = createRegistry({
      database: fresh.database,
      adminToken: ADMIN_TOKEN,
      logger: pino({ level: 'silent' }),
      publicRead: options.publicRead ?? false,
      processMetrics: false,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      webhooks: typeof options.webhooks === 'function' ? options.webhooks() : (options.webhooks ?? { start: false }),
      ...(pool === undefined ? {} : { evaluation: pool }),
    });
    answers = checkAnswers(registry.app);
    const count = async (table: 'contract_versions' | 'audit_log' | 'contracts' | 'webhook_outbox'): Promise<number> =>
      Number((await fresh.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    current = {
      registry,
      database: fresh,
      async token(role, namespaces = ['commerce'], name = `${role} user`) {
        const response = await request(registry.app)
          .post('/api/tokens')
          .set(asAdmin)
          .send({ name, role, ...(role === 'publisher' ? { namespaces } : {}) });
        if (response.status !== 201) throw new Error(`token creation failed: ${JSON.stringify(response.body)}`);
        const body = response.body as { token: string; principal: { id: string } };
        return { token: body.token, principal: body.principal.id };
      },
      async counts() {
        return {
          versions: await count('contract_versions'),
          audit: await count('audit_log'),
          contracts: await count('contracts'),
          outbox: await count('webhook_outbox'),
        };
      },
    };
    return () => registry.close();
  });
  afterEach(() => {
    expect(answers?.take() ?? [], 'answers the OpenAPI document does not allow').toEqual([]);
  });
  return () => {
    if (current === undefined) throw new Error('useRegistry: the registry exists only inside tests');
    return current;
  };
}

/** A contract document for `commerce.orders`; `overrides` replace top-level keys (undefined removes one). */
export function ordersDocument(version: string, overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const document: Record<string, unknown> = {
    contract: 'commerce.orders',
    version,
    title: 'Orders feed',
    owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
    team: 'commerce-data',
    compatibility: 'forward',
    schema: {
      type: 'object',
      properties: {
        order_id: { type: 'string' },
        customer_id: { type: 'string' },
        amount: { type: 'number' },
        customer: { type: 'object', properties: { id: { type: 'string' }, tier: { type: 'string' } } },
      },
      required: ['order_id', 'customer_id', 'amount'],
    },
    metrics: [{ name: 'net_revenue', type: 'simple', aggregation: 'sum', expression: 'amount', unit: 'EUR', grain: 'day' }],
    tags: ['commerce'],
    ...overrides,
  };
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete document[key];
  return document;
}

/** The orders schema without a property (and out of `required`): a breaking change under forward compatibility. */
export function withoutProperty(document: Record<string, unknown>, property: string): Record<string, unknown> {
  const schema = document.schema as { properties: Record<string, unknown>; required: string[] };
  const properties = { ...schema.properties };
  delete properties[property];
  return { ...document, schema: { ...schema, properties, required: schema.required.filter((name) => name !== property) } };
}
