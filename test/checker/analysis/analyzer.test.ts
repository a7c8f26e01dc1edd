import { describe, expect, test } from 'vitest';
import {
  createAnalyzer,
  createValidatorCache,
  DEFAULT_EXAMPLES_PER_VIOLATION,
  MAX_EXAMPLES_PER_VIOLATION,
  MAX_PROFILE_DEPTH,
  MAX_PROFILED_FIELDS,
  MAX_VIOLATION_GROUPS,
  REDACTED,
  VIOLATION_RULES,
} from '../../../checker/analysis/index.js';
import type { Analysis } from '../../../checker/analysis/index.js';

import type { FieldProfile } from '../../../checker/model.js';
import { fingerprint, loadContractFile } from '../../../contracts/index.js';
import type { JsonSchema } from '../../../contracts/model.js';
import { QUANTILE_SAMPLE_SIZE } from '../../../checker/analysis/quantile-sketch.js';
import { ordersFeed } from './orders-feed.js';

const EXAMPLES = new URL('../../../contracts/examples/', import.meta.url).pathname;

async function example(name: string) {
  const loaded = await loadContractFile(`${EXAMPLES}${name}`);
  return loaded.contract!;
}

function inline(schema: JsonSchema, sla?: { freshness: { field: string; max_age: string } }) {
  return { id: 'test.feed', version: '1.0.0', schema, ...(sla !== undefined ? { sla } : {}) };
}

function analyze(contract: ReturnType<typeof inline>, records: Iterable<unknown>, maxExamples?: number): Analysis {
  const analyzer = createAnalyzer({ contract, ...(maxExamples !== undefined ? { maxExamples } : {}) });
  for (const record of records) analyzer.add(record);
  return analyzer.finish();
}

function field(analysis: Analysis, name: string): FieldProfile {
  const found = analysis.profile.fields.find((profile) => profile.field === name);
  if (found === undefined) throw new Error(`no profile for ${name}`);
  return found;
}

describe('violations', () => {
  const schema = {
    type: 'object',
    required: ['id', 'lines'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer', multipleOf: 2 } } } },
      kind: { enum: ['a', 'b'] },
    },
  };

  test('groups by field with [] for array indexes and keyword, counting records not items', () => {
    const records = [
      { id: 'r1', lines: [{ sku: 1 }, { sku: 2 }, { sku: 'ok' }] },
      { id: 'r2', lines: [{ sku: 'ok' }, { sku: false }] },
      { id: 'r3', lines: [] },
      { id: 'r4', lines: [{ sku: 'ok', qty: 3 }] },
    ];
    const { violations } = analyze(inline(schema), records);
    const sku = violations.find((group) => group.field === 'lines[].sku')!;
    expect(sku).toMatchObject({ rule: 'record-type', keyword: 'type', severity: 'breaking', count: 2, rate: 0.5, path: '/properties/lines/items/properties/sku/type' });
    expect(sku.examples).toEqual([1, 2, false]);
    expect(sku.message).toMatch(/^test.feed 1.0.0: field lines\[\].sku must be string in 2 of 4 records \(50%\)/);
    const qty = violations.find((group) => group.field === 'lines[].qty')!;
    expect(qty).toMatchObject({ rule: 'record-multiple-of', severity: 'warning', count: 1 });
  });

  test.each([
    [{ lines: [] }, 'id', 'required', 'record-required', 'breaking', []],
    [{ id: 'x', lines: [], extra: { deep: 1 } }, 'extra', 'additionalProperties', 'record-additional-properties', 'breaking', ['{"deep":1}']],
    [{ id: 'x', lines: [], kind: 'c' }, 'kind', 'enum', 'record-enum', 'breaking', ['c']],
    [{ id: 7, lines: [] }, 'id', 'type', 'record-type', 'breaking', [7]],
  ])('%j fails %s by %s as %s (%s)', (record, name, keyword, rule, severity, examples) => {
    const [group] = analyze(inline(schema), [record]).violations;
    expect(group).toMatchObject({ field: name, keyword, rule, severity, count: 1, rate: 1, examples });
    expect(group!.fingerprint).toBe(fingerprint([rule, name, keyword]));
  });

  test('names the record itself when the record is not an object', () => {
    const [group] = analyze(inline(schema), ['just text']).violations;
    expect(group).toMatchObject({ rule: 'record-type', path: '/type', examples: ['just text'] });
    expect(group!.field).toBeUndefined();
    expect(group!.message).toMatch(/the record must be object/);
  });

  test('reports an anyOf failure once, not once per alternative', () => {
    const union = { type: 'object', properties: { v: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 0 }] } } };
    const { violations } = analyze(inline(union), [{ v: -1 }, { v: true }]);
    expect(violations.map((group) => [group.field, group.keyword, group.count])).toEqual([['v', 'anyOf', 2]]);
  });

  test('fingerprints are the same across runs with other counts and values', () => {
    const first = analyze(inline(schema), [{ id: 1, lines: [] }]).violations;
    const second = analyze(inline(schema), [{ id: 2, lines: [] }, { id: 3, lines: [] }, { id: 'ok', lines: [] }]).violations;
    expect(second[0]!.fingerprint).toBe(first[0]!.fingerprint);
    expect(second[0]!.count).not.toBe(first[0]!.count);
  });

  test('keeps DEFAULT_EXAMPLES_PER_VIOLATION examples, or as many as asked up to MAX_EXAMPLES_PER_VIOLATION, and cuts long values', () => {
    const records = Array.from({ length: 50 }, (_, n) => ({ id: n, lines: [] }));
    expect(analyze(inline(schema), records).violations[0]!.examples).toHaveLength(DEFAULT_EXAMPLES_PER_VIOLATION);
    expect(analyze(inline(schema), records, MAX_EXAMPLES_PER_VIOLATION).violations[0]!.examples).toHaveLength(MAX_EXAMPLES_PER_VIOLATION);
    expect(analyze(inline(schema), records, 0).violations[0]!.examples).toEqual([]);
    const long = analyze(inline(schema), [{ id: 'x', lines: [], kind: 'z'.repeat(1_000) }]).violations[0]!.examples[0] as string;
    expect(long.length).toBeLessThan(300);
  });

  test.each([MAX_EXAMPLES_PER_VIOLATION + 1, -1, 1.5])('refuses maxExamples %s', (maxExamples) => {
    expect(() => createAnalyzer({ contract: inline(schema), maxExamples })).toThrow(/maxExamples/);
  });

  test(`lists at most MAX_VIOLATION_GROUPS groups and counts the rest`, () => {
    const record: Record<string, unknown> = { id: 'x', lines: [] };
    for (let n = 0; n <= MAX_VIOLATION_GROUPS; n += 1) record[`undeclared_${n}`] = n;
    const analysis = analyze(inline(schema), [record]);
    expect(analysis.violations).toHaveLength(MAX_VIOLATION_GROUPS);
    expect(analysis.droppedViolationGroups).toBe(1);
  });

  test('every rule in the table is kebab-case record-<keyword>', () => {
    for (const [keyword, rule] of VIOLATION_RULES) {
      expect(rule.rule).toMatch(/^record-[a-z]+(-[a-z]+)*$/);
      expect(rule.keyword).toBe(keyword);
    }
    expect(VIOLATION_RULES.get('additionalProperties')!.rule).toBe('record-additional-properties');
  });
});

describe('pii', () => {
  test('redacts examples of pii fields and lists no top values for them', async () => {
    const contract = await example('customers.contract.yaml');
    const records = Array.from({ length: 20 }, (_, n) => ({
      customer_id: `cus_${String(n).padStart(12, '0')}`,
      email: n % 2 === 0 ? `person${n}@example.com` : `not-an-email-${n}`,
      full_name: n % 3 === 0 ? 42 : 'Ada Lovelace',
      phone: null,
      country: n % 5 === 0 ? 'germany' : 'DE',
      segment: 'retail',
      signed_up_at: new Date(Date.UTC(2026, 0, 1 + n)).toISOString(),
    }));
    const analyzer = createAnalyzer({ contract });
    for (const record of records) analyzer.add(record);
    const { violations, profile } = analyzer.finish();
    const byField = new Map(violations.map((group) => [group.field, group]));
    expect(byField.get('email')!.examples).toEqual(Array(5).fill(REDACTED));
    expect(byField.get('full_name')!.examples).toEqual(Array(5).fill(REDACTED));
    expect(byField.get('country')!.examples).toEqual(['germany', 'germany', 'germany', 'germany']);
    const text = JSON.stringify({ violations, profile });
    expect(text).not.toMatch(/example\.com|not-an-email|Ada/);
    expect(profile.fields.find((entry) => entry.field === 'email')!.top).toEqual([]);
    expect(profile.fields.find((entry) => entry.field === 'segment')!.top).toEqual([{ value: 'retail', count: 20 }]);
    expect(profile.newest).toBe('2026-01-20T00:00:00.000Z');
  });

  test('redacts the whole object holding a pii field, and children of a pii object', () => {
    const schema = {
      type: 'object',
      properties: {
        contact: { type: 'object', properties: { email: { type: 'string', 'x-pii': true }, lang: { type: 'string' } } },
        card: { type: 'object', pii: true, properties: { last4: { type: 'string' } } },
      },
    };
    const { violations } = analyze(inline(schema), [{ contact: 'ada@example.com', card: { last4: 1234 } }]);
    expect(violations.map((group) => [group.field, group.examples])).toEqual([
      ['contact', [REDACTED]],
      ['card.last4', [REDACTED]],
    ]);
  });
});

describe('profile', () => {
  const schema = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      amount: { type: 'number' },
      at: { type: 'string', format: 'date-time' },
      customer: { type: 'object', properties: { id: { type: 'string' }, tier: { type: ['string', 'null'] } } },
      items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
      never: { type: 'string' },
    },
  };
  const records = [
    { id: 'a', amount: 1, at: '2026-01-01T00:00:00Z', customer: { id: 'c1', tier: null }, items: [{ sku: 'x' }, { sku: 'y' }] },
    { id: 'b', amount: 2.5, at: 1_790_000_000, customer: { id: 'c2', tier: 'gold' }, items: [] },
    { id: 'c', amount: 10, at: 1_790_000_000_000, customer: { id: 'c3' }, items: [{ sku: 'x' }], surprise: 'u@example.com' },
    { id: 'dd', at: 'yesterday', customer: { id: 'c4', tier: 'gold' } },
  ];
  const analysis = analyze(inline(schema, { freshness: { field: 'at', max_age: '1h' } }), records);

  test.each([
    ['id', { declared: true, present: 4, presenceRate: 1, types: { string: 4 }, distinct: 4, stringLength: { min: 1, max: 2 } }],
    ['amount', { present: 3, presenceRate: 0.75, types: { integer: 2, number: 1 }, numeric: { min: 1, max: 10, mean: 13.5 / 3 } }],
    ['customer.tier', { present: 3, presenceRate: 0.75, nulls: 1, nullRate: 1 / 3, types: { string: 2, null: 1 }, distinct: 1 }],
    ['items', { present: 3, types: { array: 3 } }],
    ['items[]', { present: 3, presenceRate: 2 / 3, types: { object: 3 } }],
    ['items[].sku', { present: 3, presenceRate: 1, distinct: 2, top: [{ value: 'x', count: 2 }, { value: 'y', count: 1 }] }],
    ['surprise', { declared: false, present: 1, presenceRate: 0.25, formats: { email: { tested: 1, matched: 1 } } }],
    ['never', { declared: true, present: 0, presenceRate: 0, types: {} }],
  ])('%s: %j', (name, expected) => {
    expect(field(analysis, name)).toMatchObject(expected);
  });

  test('counts declared-format hits and integers that look like epoch seconds or milliseconds', () => {
    expect(field(analysis, 'at').formats).toEqual({
      'date-time': { tested: 2, matched: 1 },
      'epoch-seconds': { tested: 2, matched: 1 },
      'epoch-millis': { tested: 2, matched: 1 },
    });
  });

  test('keeps the newest SLA freshness value across ISO, epoch-second and epoch-millisecond values', () => {
    expect(analysis.profile.newest).toBe(new Date(1_790_000_000_000).toISOString());
    expect(analysis.profile.records).toBe(4);
  });

  test(`profiles at most MAX_PROFILED_FIELDS field paths and keeps such objects open`, () => {
    const wide: Record<string, number> = {};
    for (let n = 0; n <= MAX_PROFILED_FIELDS; n += 1) wide[`f${n}`] = n;
    const result = analyze(inline({ type: 'object' }), [wide]);
    expect(result.profile.fields).toHaveLength(MAX_PROFILED_FIELDS);
    expect(result.untrackedFields).toBe(1);
    expect(result.profile.observedSchema).not.toHaveProperty('additionalProperties');
  });

  test(`profiles objects nested MAX_PROFILE_DEPTH deep and not one level more`, () => {
    const nested = (levels: number): unknown => (levels === 0 ? 'leaf' : { n: nested(levels - 1) });
    const deepest = (depth: number): [string | undefined, number] => {
      const result = analyze(inline({ type: 'object' }), [nested(depth)]);
      return [result.profile.fields.map((entry) => entry.field).sort((a, b) => b.length - a.length)[0], result.untrackedFields];
    };
    const path = (levels: number): string => Array(levels).fill('n').join('.');
    expect(deepest(MAX_PROFILE_DEPTH)).toEqual([path(MAX_PROFILE_DEPTH), 0]);
    expect(deepest(MAX_PROFILE_DEPTH + 1)).toEqual([path(MAX_PROFILE_DEPTH), 1]);
  });
});

describe('one validator per contract version', () => {
  test('analyzers sharing a cache compile the contract once', async () => {
    const contract = await example('orders.contract.yaml');
    const validators = createValidatorCache();
    for (let run = 0; run < 3; run += 1) {
      const analyzer = createAnalyzer({ contract, validators });
      for (const record of ordersFeed(10, run)) analyzer.add(record);
      expect(analyzer.finish().violations).toEqual([]);
    }
    expect(validators.compiled).toBe(1);
  });
});

describe('the profile flags its estimates', () => {
  const schema: JsonSchema = { type: 'object', properties: { n: { type: 'number' }, one: { type: 'string' } } };
  test.each([
    [QUANTILE_SAMPLE_SIZE, ['distinct']],
    [QUANTILE_SAMPLE_SIZE + 1, ['distinct', 'quantiles']],
  ])('%i numeric values: approximate %j', (count, expected) => {
    const analysis = analyze(inline(schema), Array.from({ length: count }, (_, index) => (index === 0 ? { n: index, one: 'only' } : { n: index })));
    expect(field(analysis, 'n').approximate).toEqual(expected);
    // A single value is counted exactly, whatever the sketch.
    expect(field(analysis, 'one').approximate).toBeUndefined();
  });
});
