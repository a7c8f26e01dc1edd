import { Ajv } from 'ajv';
import type { TSchema } from 'typebox';
import { describe, expect, test } from 'vitest';
import { incidentAlertOf, recoveredAlertOf } from '../../checker/alerts/incident-alert.js';
import { incidentPayloadFor, payloadFor } from '../../checker/alerts/payloads.js';
import { alertFor } from '../../checker/alerts/transitions.js';
import type { Verdict } from '../../checker/model.js';
import { AlertPayloadSchema, IncidentPayloadSchema, SlackMessageSchema } from '../../vocabulary/index.js';
import { checkReport } from '../registry/http/runs-fixture.js';

const ajv = new Ajv({ strict: false, allErrors: true });

function expectShape(schema: TSchema, body: unknown): void {
  const validate = ajv.compile(schema);
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

const run = (verdict: Verdict, minute: number) => checkReport({ verdict, startedAt: new Date(Date.UTC(2026, 10, 23, 0, minute)).toISOString() });
const streak = { job: 'orders-prod', contract: 'commerce.orders', source: 'prod', failures: 3, since: '2026-11-24T01:00:00.000Z', lastError: { code: 'source-unavailable', message: 'answered HTTP 503', at: '2026-11-24T01:02:00.000Z' } };

describe('alert bodies the checker posts match the shapes in vocabulary/delivery.ts', () => {
  test.each([
    ['pass', 'breaking'],
    ['breaking', 'pass'],
    ['pass', 'warn'],
    ['warn', 'pass'],
  ] as const)('the %s -> %s transition, as JSON and as a Slack message', (before, after) => {
    const alert = alertFor(run(before, 0), run(after, 1));
    if (alert === undefined) throw new Error(`expected an alert for ${before} -> ${after}`);
    expectShape(AlertPayloadSchema, payloadFor(alert, 'json'));
    expectShape(SlackMessageSchema, payloadFor(alert, 'slack'));
  });

  test.each([
    ['incident', incidentAlertOf(streak)],
    ['recovered', recoveredAlertOf(streak, new Date('2026-11-24T02:00:00.000Z'))],
  ])('the job %s alert, as JSON and as a Slack message', (_kind, alert) => {
    expectShape(IncidentPayloadSchema, incidentPayloadFor(alert, 'json'));
    expectShape(SlackMessageSchema, incidentPayloadFor(alert, 'slack'));
  });

  test('a body missing a field the receivers read is refused', () => {
    const alert = alertFor(run('pass', 0), run('breaking', 1));
    if (alert === undefined) throw new Error('expected an alert');
    const { summary: _summary, ...withoutSummary } = alert;
    expect(ajv.compile(AlertPayloadSchema)({ event: 'concord.check.breaking', alert: withoutSummary })).toBe(false);
  });
});
