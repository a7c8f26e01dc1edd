import { describe, expect, test } from 'vitest';
import { createAnalyzer, createValidatorCache, observedSchema } from '../../../checker/analysis/index.js';
import type { Analysis } from '../../../checker/analysis/index.js';
import { diffSchemas, judge, loadContractFile } from '../../../contracts/index.js';
import type { Contract, JsonSchema } from '../../../contracts/model.js';
import { ordersFeed, type OrdersDrift } from './orders-feed.js';

const ORDERS = new URL('../../../contracts/examples/orders.contract.yaml', import.meta.url).pathname;

async function orders(): Promise<Contract> {
  return (await loadContractFile(ORDERS)).contract!;
}

function analyze(contract: Pick<Contract, 'id' | 'version' | 'schema'>, records: Iterable<unknown>): Analysis {
  const analyzer = createAnalyzer({ contract });
  for (const record of records) analyzer.add(record);
  return analyzer.finish();
}

/** Breaking changes from the contract (old) to what the data showed (new), in the consumers' direction. */
function breaking(contract: JsonSchema, observed: JsonSchema): string[] {
  return judge(diffSchemas(contract, observed), 'forward', 'strict')
    .filter((finding) => finding.severity === 'breaking')
    .map((finding) => `${finding.rule} ${finding.path}`);
}

function allValid(schema: JsonSchema, records: Iterable<unknown>): boolean {
  const validate = createValidatorCache().validatorFor({ contract: 'observed', version: '0', hash: 'x' }, schema).raw;
  for (const record of records) if (validate(record) !== true) return false;
  return true;
}

describe('observed schema against the contract', () => {
  test('a clean feed of 20,000 orders has no violation and no breaking change in forward direction', async () => {
    const contract = await orders();
    const analysis = analyze(contract, ordersFeed(20_000));
    expect(analysis.violations).toEqual([]);
    expect(breaking(contract.schema, analysis.profile.observedSchema)).toEqual([]);
  });

  test.each<[string, OrdersDrift, RegExp]>([
    ['numbers arriving as strings', { amountAsStringEvery: 10 }, /^type-(changed|widened) \/properties\/amount\/type$/],
    ['dates arriving as epoch integers', { epochCreatedAtEvery: 3 }, /^type-(changed|widened) \/properties\/created_at\/type$/],
  ])('%s is a breaking change', async (_drift, drift, rule) => {
    const contract = await orders();
    const analysis = analyze(contract, ordersFeed(2_000, 1, drift));
    const found = breaking(contract.schema, analysis.profile.observedSchema);
    expect(found.some((change) => rule.test(change))).toBe(true);
  });

  test('epoch integers in a date-time field are counted as such', async () => {
    const analysis = analyze(await orders(), ordersFeed(3_000, 1, { epochCreatedAtEvery: 3 }));
    const createdAt = analysis.profile.fields.find((profile) => profile.field === 'created_at')!;
    expect(createdAt.formats?.['epoch-seconds']).toEqual({ tested: 1_000, matched: 1_000 });
  });

  test.each<[string, (record: Record<string, unknown>, n: number) => void, RegExp]>([
    ['a null where none is allowed', (record, n) => n % 7 === 0 && (record['channel'] = null), /^nullable-added \/properties\/channel/],
    ['an enum value outside the contract', (record, n) => n % 7 === 0 && (record['status'] = 'lost'), /^enum-removed \/properties\/status/],
    ['a required field sometimes missing', (record, n) => n % 7 === 0 && delete record['currency'], /^required-removed \/required/],
    ['a pattern no longer met', (record, n) => n % 7 === 0 && (record['order_id'] = `order-${n}`), /^pattern-removed \/properties\/order_id\/pattern$/],
    ['a constraint breached', (record, n) => n % 7 === 0 && (record['amount'] = -5), /^minimum-removed \/definitions\/Money\/minimum|^minimum-(removed|decreased) /],
  ])('%s is a breaking change', async (_drift, change, rule) => {
    const contract = await orders();
    const records = [...ordersFeed(700)].map((record, n) => {
      change(record, n);
      return record;
    });
    const found = breaking(contract.schema, analyze(contract, records).profile.observedSchema);
    expect(found.some((entry) => rule.test(entry))).toBe(true);
  });
});

describe('observed schema from a profile alone', () => {
  const records = [
    { id: 'a', n: 1, f: 1, tags: [], when: '2026-11-01T00:00:00Z', kind: 'x', maybe: null, nested: { k: 'v' } },
    { id: 'b', n: 2, f: 1.5, tags: [], when: '2026-11-02T00:00:00Z', kind: 'y', maybe: 'set', nested: { k: 'w', extra: true } },
    { id: 'c', n: 3, f: 2, tags: [], when: 'soon', kind: 'x' },
  ];
  const analysis = analyze({ id: 'test.feed', version: '1.0.0', schema: { type: 'object' } }, records);
  const schema = observedSchema(analysis.profile);

  test('is satisfied by every analyzed record, with and without the contract carried over', () => {
    expect(allValid(schema, records)).toBe(true);
    expect(allValid(analysis.profile.observedSchema, records)).toBe(true);
  });

  test('records types, nullability, required, closed objects and empty arrays, and no enum', () => {
    expect(schema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        n: { type: 'integer' },
        f: { type: 'number' },
        tags: { type: 'array', items: false },
        when: { type: 'string' },
        kind: { type: 'string' },
        maybe: { type: ['string', 'null'] },
        nested: { type: 'object', properties: { k: { type: 'string' }, extra: { type: 'boolean' } }, required: ['k'], additionalProperties: false },
      },
      required: ['id', 'n', 'f', 'tags', 'when', 'kind'],
      additionalProperties: false,
    });
  });

  test('adds a format only when every string matched it', () => {
    const dated = analyze({ id: 'test.feed', version: '1.0.0', schema: { type: 'object' } }, records.slice(0, 2));
    expect(observedSchema(dated.profile)).toMatchObject({ properties: { when: { type: 'string', format: 'date-time' } } });
  });

  test('a feed with numbers as strings breaks the contract and a clean one does not', async () => {
    const contract = await orders();
    const clean = analyze(contract, ordersFeed(500));
    const drifted = analyze(contract, ordersFeed(500, 1, { amountAsStringEvery: 2 }));
    expect(breaking(contract.schema, observedSchema(clean.profile, { contractSchema: contract.schema, violations: clean.violations }))).toEqual([]);
    expect(breaking(contract.schema, observedSchema(drifted.profile, { contractSchema: contract.schema, violations: drifted.violations }))).not.toEqual([]);
  });
});
