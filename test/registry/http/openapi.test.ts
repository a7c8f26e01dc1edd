import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { createAuthenticator } from '../../../registry/auth/authenticator.js';
import { createApp } from '../../../registry/http/create-app.js';
import { createHttpMetrics } from '../../../registry/http/http-metrics.js';
import { OPENAPI_DOCUMENT } from '../../../registry/http/openapi.js';
import { asAdmin, ADMIN_TOKEN, useRegistry } from './registry-harness.js';

interface RouteLayer {
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
}

/** `METHOD /path/{param}` for every route express has registered. */
function expressRoutes(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: readonly RouteLayer[] } }).router.stack;
  return stack.flatMap((layer) =>
    layer.route === undefined
      ? []
      : Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route?.path.replace(/:(\w+)/g, '{$1}')}`),
  );
}

function documentedRoutes(): string[] {
  return Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
}

describe('the OpenAPI document and the app', () => {
  const harness = useRegistry('sqlite');

  test('every registered route is documented and every documented route is registered', () => {
    const registered = expressRoutes(harness().registry.app).sort();
    expect(registered.length).toBeGreaterThan(20);
    expect(registered).toEqual(documentedRoutes().sort());
  });

  test('is served at /api/openapi.json as OpenAPI 3.1, and every $ref in it resolves', async () => {
    const response = await request(harness().registry.app).get('/api/openapi.json');
    expect(response.body.openapi).toBe('3.1.0');
    const text = JSON.stringify(response.body);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    for (const [, section, name] of refs) expect(response.body.components[section as string]?.[name as string], `${section}/${name}`).toBeDefined();
  });

  test('/metrics serves Prometheus text with request durations by route pattern', async () => {
    const app = harness().registry.app;
    await request(app).get('/api/contracts/commerce.nothing').set(asAdmin);
    const response = await request(app).get('/metrics');
    expect(response.headers['content-type']).toMatch(/text\/plain/);
    expect(response.text).toMatch(/concord_http_request_duration_seconds_count\{method="GET",route="\/api\/contracts\/:id",status="404"\} 1/);
  });

  test('a fault answers 500 with a generic message and no stack, and the details go to the log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const { registry, database } = harness();
    const services = {
      ...registry.services,
      reads: {
        ...registry.services.reads,
        getContract: () => Promise.reject(new Error('connection to db-7.internal refused')),
      },
    };
    const app = createApp({
      services,
      authenticator: createAuthenticator({ principals: registry.services.stores.principals, adminToken: ADMIN_TOKEN }),
      database: database.database,
      logger,
      metrics: createHttpMetrics({ defaultMetrics: false }),
      version: 'test',
    });
    const response = await request(app).get('/api/contracts/commerce.orders').set(asAdmin);
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: { code: 'internal', message: expect.stringMatching(/details are in its log/) } });
    expect(response.text).not.toMatch(/db-7|\.ts:\d+|at /);
    expect(lines.join('\n')).toMatch(/db-7\.internal/);
    expect(lines.join('\n')).not.toContain(ADMIN_TOKEN);
  });
});
