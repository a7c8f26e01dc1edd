import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { DeliveryOutcomeKind } from '../../delivery/index.js';

/** Latency buckets in seconds: reads take milliseconds, publishes against long histories up to seconds. */
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The Prometheus metrics of one registry app, on a registry of its own (never prom-client's global one). */
export interface HttpMetrics {
  readonly registry: Registry;
  /** Observes every request's duration by method, route pattern and status. */
  readonly middleware: RequestHandler;
  /** Counts webhook delivery attempts by outcome. */
  webhookOutcome(outcome: DeliveryOutcomeKind): void;
}

/** Creates the metrics; `defaultMetrics` (default true) adds the process metrics (memory, CPU, event loop). */
export function createHttpMetrics(options: { readonly defaultMetrics?: boolean } = {}): HttpMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'concord_' });
  const duration = new Histogram({
    name: 'concord_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'concord_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, retry, gave-up)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    middleware(req, res, next) {
      const stop = duration.startTimer();
      res.on('finish', () => {
        // The route pattern, never the raw path, keeps the label set small whatever ids are asked for.
        const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
        stop({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    },
    webhookOutcome(outcome) {
      deliveries.inc({ outcome });
    },
  };
}
