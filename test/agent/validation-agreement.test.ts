import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openContract, type ContractHandle } from '../../agent/index.js';
import { createAnalyzer } from '../../checker/analysis/index.js';
import { gateValidator } from '../../checker/gate/gate-validator.js';
import { resolveCheckedContract, type CheckedContract } from '../../checker/resolve-contract.js';
import { createValidatorCache } from '../../contracts/validation/index.js';
import { ordersDocument } from '../registry/http/registry-harness.js';
import { startLiveRegistry, type LiveRegistry } from './live-registry.js';

/*
 * One question, one answer: whether a record keeps its contract is answered alike by the SDK's
 * validate(), the checker's analysis (`concord check`) and the checker's gate (`concord gate`),
 * each reaching the same published version the way it does in production. Same verdict per
 * record, and the SDK's failing fields are the checker's violation fields.
 */

const SCHEMA = {
  type: 'object',
  required: ['order_id', 'amount', 'status'],
  additionalProperties: false,
  properties: {
    order_id: { type: 'string', pattern: '^ord_[0-9]{3,}$' },
    amount: { type: 'number', minimum: 0, multipleOf: 0.01 },
    status: { enum: ['placed', 'paid', 'shipped'] },
    email: { type: 'string', format: 'email', pii: true },
    created_at: { type: 'string', format: 'date-time' },
    lines: { type: 'array', maxItems: 3, items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string', minLength: 3 }, quantity: { type: 'integer', minimum: 1 } } } },
    channel: { oneOf: [{ type: 'string', maxLength: 10 }, { type: 'null' }] },
    constructor: { type: 'string' },
  },
};

const OK = { order_id: 'ord_123', amount: 10.5, status: 'paid' };

const SCENARIOS: readonly (readonly [name: string, record: unknown])[] = [
  ['a clean record', OK],
  ['a clean record with every optional field', { ...OK, email: 'ada@example.com', created_at: '2026-11-01T10:00:00Z', lines: [{ sku: 'abc', quantity: 2 }], channel: null, constructor: 'web' }],
  ['a missing required field', { order_id: 'ord_123', amount: 1 }],
  ['a number arriving as a string', { ...OK, amount: '10.50' }],
  ['a pattern miss', { ...OK, order_id: 'ORD-1' }],
  ['a pattern that backtracking engines take forever on', { ...OK, order_id: `ord_${'1'.repeat(5_000)}x` }],
  ['a value outside the enum', { ...OK, status: 'lost' }],
  ['a bad email', { ...OK, email: 'not-an-email' }],
  ['a bad date-time', { ...OK, created_at: 'yesterday' }],
  ['an undeclared field', { ...OK, coupon: 'X' }],
  ['a negative amount', { ...OK, amount: -1 }],
  ['a float that is not a multiple of a cent', { ...OK, amount: 0.001 }],
  ['a bad array item', { ...OK, lines: [{ sku: 'abc' }, { sku: 'x', quantity: 0 }] }],
  ['too many array items', { ...OK, lines: [{ sku: 'aaa' }, { sku: 'bbb' }, { sku: 'ccc' }, { sku: 'ddd' }] }],
  ['no oneOf alternative', { ...OK, channel: 42 }],
  ['a required field only on the prototype', Object.assign(Object.create({ status: 'paid' }) as object, { order_id: 'ord_123', amount: 1 })],
  ['a record that is not an object', ['ord_123']],
  ['null', null],
];

describe('the SDK, the checker and the gate agree on each record', () => {
  let live: LiveRegistry;
  let dir: string;
  let handle: ContractHandle;
  let checked: CheckedContract;

  beforeAll(async () => {
    live = await startLiveRegistry();
    await live.admin.publish(ordersDocument('1.0.0', { schema: SCHEMA, metrics: [] }));
    dir = mkdtempSync(join(tmpdir(), 'concord-agree-'));
    handle = await openContract({ url: live.url, token: (await live.admin.createToken({ name: 'agreeing agent', role: 'consumer' })).token, ref: 'commerce.orders@^1', consumer: 'agents.agree', cacheDir: dir, pollInterval: 0, telemetry: false });
    checked = await resolveCheckedContract(live.admin, 'commerce.orders', '^1');
  }, 60_000);

  afterAll(async () => {
    await handle.close();
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test.each(SCENARIOS)('%s', (_name, record) => {
    const sdk = handle.validate(record);

    const analyzer = createAnalyzer({ contract: checked.contract, schemaHash: checked.hash });
    analyzer.add(record);
    const { violations } = analyzer.finish();

    const gate = gateValidator(createValidatorCache(), checked)(record);

    expect(violations.length === 0).toBe(sdk.valid);
    expect(gate.length === 0).toBe(sdk.valid);
    expect(new Set(sdk.errors.map((error) => error.field))).toEqual(new Set(violations.map((violation) => violation.field ?? '')));
    expect(new Set(sdk.errors.map((error) => error.rule))).toEqual(new Set(violations.map((violation) => violation.rule)));
  });

  test('the scenarios cover valid and invalid records both', () => {
    const verdicts = SCENARIOS.map(([, record]) => handle.validate(record).valid);
    expect(verdicts).toContain(true);
    expect(verdicts.filter((valid) => !valid).length).toBeGreaterThan(10);
  });
});
