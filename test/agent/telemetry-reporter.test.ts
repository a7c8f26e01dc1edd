import { describe, expect, test } from 'vitest';
import { MAX_TRACKED_FIELDS } from '../../agent/agent-limits.js';
import { createTelemetryReporter } from '../../agent/telemetry-reporter.js';
import type { RecordVerdict } from '../../contracts/validation/index.js';
import { MAX_TELEMETRY_FIELDS, MAX_TELEMETRY_VERSIONS, type TelemetryBatch } from '../../vocabulary/agent.js';

const VALID: RecordVerdict = { valid: true, errors: [] };
const failing = (...fields: string[]): RecordVerdict => ({ valid: false, errors: fields.map((field) => ({ field, rule: 'record-type', message: `field ${field} must be number`, pointer: `/${field}` })) });

function collecting(fail = false) {
  const batches: TelemetryBatch[] = [];
  const reporter = createTelemetryReporter({
    intervalMs: 0,
    send: async (batch) => {
      if (fail) throw new Error('registry down');
      batches.push(batch);
    },
  });
  return { batches, reporter };
}

describe('telemetry reporter', () => {
  test('counts a field once per rejected record, however many of its items failed', async () => {
    const { batches, reporter } = collecting();
    reporter.record('1.0.0', VALID);
    reporter.record('1.0.0', failing('lines[].sku', 'lines[].sku', 'amount'));
    await reporter.flush();
    expect(batches).toEqual([{ versions: [{ version: '1.0.0', validated: 2, rejected: 1, topFields: [{ field: 'lines[].sku', count: 1 }, { field: 'amount', count: 1 }] }] }]);
  });

  test.each([
    ['at MAX_TELEMETRY_VERSIONS versions every record is counted', MAX_TELEMETRY_VERSIONS, 0],
    ['one version past it, its records are only counted as uncounted', MAX_TELEMETRY_VERSIONS + 1, 1],
  ])('%s', async (_name, versions, uncounted) => {
    const { batches, reporter } = collecting();
    for (let index = 0; index < versions; index += 1) reporter.record(`1.${index}.0`, VALID);
    await reporter.flush();
    expect(batches[0]?.versions).toHaveLength(Math.min(versions, MAX_TELEMETRY_VERSIONS));
    expect(reporter.stats.uncounted).toBe(uncounted);
  });

  test.each([
    ['the last name that is still tracked', MAX_TRACKED_FIELDS - 1, true],
    ['one name past MAX_TRACKED_FIELDS', MAX_TRACKED_FIELDS, false],
  ])('%s: a frequent late field is named only while tracked, and no failure goes uncounted', async (_name, earlier, named) => {
    const { batches, reporter } = collecting();
    for (let index = 0; index < earlier; index += 1) reporter.record('1.0.0', failing(`f${index}`));
    for (let repeat = 0; repeat < 5; repeat += 1) reporter.record('1.0.0', failing('late'));
    await reporter.flush();
    const [report] = batches[0]?.versions ?? [];
    expect(report?.topFields).toHaveLength(MAX_TELEMETRY_FIELDS);
    expect(report?.topFields[0]?.field === 'late').toBe(named);
    const namedCount = report?.topFields.reduce((sum, each) => sum + each.count, 0) ?? 0;
    expect(namedCount + (report?.otherFieldFailures ?? 0)).toBe(earlier + 5);
  });

  test('a failed send is counted, never thrown, and its counts go with the next batch', async () => {
    const failingSend = collecting(true);
    failingSend.reporter.record('1.0.0', failing('amount'));
    await expect(failingSend.reporter.flush()).resolves.toBeUndefined();
    expect(failingSend.reporter.stats).toMatchObject({ sent: 0, failed: 1, lastError: 'registry down' });

    let down = true;
    const batches: TelemetryBatch[] = [];
    const reporter = createTelemetryReporter({ intervalMs: 0, send: async (batch) => {
      if (down) throw new Error('registry down');
      batches.push(batch);
    } });
    reporter.record('1.0.0', failing('amount'));
    await reporter.flush();
    down = false;
    reporter.record('1.0.0', VALID);
    await reporter.close();
    expect(batches).toEqual([{ versions: [{ version: '1.0.0', validated: 2, rejected: 1, topFields: [{ field: 'amount', count: 1 }] }] }]);
    expect(reporter.stats).toMatchObject({ sent: 1, failed: 1, lastError: undefined });
  });
});
