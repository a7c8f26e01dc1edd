import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Contract } from '../../../contracts/index.js';
import type { CheckReport } from '../../../checker/model.js';
import { runCheck } from '../../../checker/run-check.js';
import { createSource } from '../../../checker/sources/index.js';
import { cleanOrders, NOW, ordersContract, random, type OrderRecord } from './orders-feed.js';

const RECORDS = 5_000;

/** Four problems, each on its own field: a rename, nulls in a non-nullable enum, a value outside an enum, broken formats. */
function fourProblems(records: OrderRecord[]): void {
  const next = random(4);
  for (const record of records) {
    record['customer_ref'] = record['customer_id'];
    delete record['customer_id'];
    if (next() < 0.05) record['status'] = null;
    if (next() < 0.05) record['channel'] = 'kiosk';
    if (next() < 0.1) record['created_at'] = '20/11/2026 11:59';
  }
}

let dir: string;
let contract: Contract;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-one-fact-'));
  contract = await ordersContract();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(records: readonly OrderRecord[], name: string): Promise<CheckReport> {
  const path = join(dir, `${name}.jsonl`);
  await writeFile(path, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
  return runCheck({ contract: { contract, hash: name, origin: name }, source: createSource({ name, type: 'file', path }), now: () => NOW });
}

describe('one fact is reported once', () => {
  let report: CheckReport;

  beforeAll(async () => {
    const records = cleanOrders(RECORDS, 21);
    fourProblems(records);
    report = await check(records, 'four');
  });

  test('four injected problems give exactly four breaking findings, each naming its field', () => {
    expect(report.verdict).toBe('breaking');
    const breaking = report.drift.filter((finding) => finding.severity === 'breaking');
    expect(breaking.map((finding) => `${finding.rule} ${finding.field}`).sort()).toEqual([
      'enum-value-unexpected channel',
      'field-likely-renamed customer_id',
      'format-mismatch created_at',
      'null-not-allowed status',
    ]);
    for (const finding of breaking) expect(finding.message).toContain(finding.field);
    // The validator's groups are still there, as the evidence: null in status fails both `type` and `enum`.
    expect(report.violations.filter((group) => group.field === 'status').map((group) => group.keyword).sort()).toEqual(['enum', 'type']);
  });

  test('nulls in a non-nullable enum field are one finding with their count and share', () => {
    const nulls = report.drift.find((finding) => finding.rule === 'null-not-allowed')!;
    const count = report.profile.fields.find((field) => field.field === 'status')!.nulls;
    expect(count).toBeGreaterThan(0);
    expect(nulls.after).toMatchObject({ nulls: count });
    expect(nulls.message).toMatch(/field status is null in \d+(\.\d)?% of the records/);
    expect(report.drift.filter((finding) => finding.field === 'status')).toHaveLength(1);
  });

  test('a value outside the enum is one finding listing the allowed values and the unexpected ones with counts', () => {
    const unexpected = report.drift.find((finding) => finding.rule === 'enum-value-unexpected')!;
    const kiosk = report.violations.find((group) => group.field === 'channel' && group.keyword === 'enum')!.count;
    expect(unexpected.message).toContain('outside the allowed ones ("web", "app", "store")');
    expect(unexpected.message).toContain(`"kiosk" ×${kiosk}`);
    expect(unexpected.before).toEqual({ allowed: ['web', 'app', 'store'] });
    expect(unexpected.after).toMatchObject({ count: kiosk, unexpected: [{ value: 'kiosk', count: kiosk }] });
  });

  test('a renamed field is one finding naming the missing and the new name', () => {
    const renamed = report.drift.find((finding) => finding.rule === 'field-likely-renamed')!;
    expect(renamed.message).toContain('required field customer_id is never present');
    expect(renamed.message).toContain('renamed to customer_ref');
    expect(report.drift.filter((finding) => finding.field === 'customer_ref')).toEqual([]);
  });

  test('nulls and new values in one enum field are two facts: the enum finding leaves the nulls to null-not-allowed', async () => {
    const records = cleanOrders(2_000, 5);
    const next = random(6);
    for (const record of records) {
      const roll = next();
      if (roll < 0.05) record['status'] = null;
      else if (roll < 0.08) record['status'] = 'refunded';
    }
    const mixed = await check(records, 'mixed');
    expect(mixed.drift.filter((finding) => finding.field === 'status').map((finding) => finding.rule)).toEqual(['null-not-allowed', 'enum-value-unexpected']);
    const unexpected = mixed.drift.find((finding) => finding.rule === 'enum-value-unexpected')!;
    expect(unexpected.message).toContain('"refunded" ×');
    expect(unexpected.message).not.toContain('null ×');
  });
});
