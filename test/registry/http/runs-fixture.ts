import type { CheckFinding, CheckReport, Verdict } from '../../../vocabulary/index.js';
import { fingerprint } from '../../../contracts/index.js';

/*
 * Check reports for tests of run history, baselines and alerts: the shape the vocabulary's
 * CheckReportSchema defines, with findings whose fingerprints are real ones (contracts/fingerprint.ts).
 */

export interface ReportOptions {
  readonly verdict?: Verdict;
  readonly contract?: string;
  readonly version?: string;
  readonly source?: string;
  readonly sourceName?: string;
  /** Field names with a breaking drift finding each; defaults to one on `customer_id` when the verdict is breaking. */
  readonly breakingFields?: readonly string[];
  /** Field names with a warning drift finding each. */
  readonly warningFields?: readonly string[];
  readonly startedAt?: string;
}

/** A drift finding on `field` with a fingerprint built from what and where, never from values. */
export function driftFinding(contract: string, source: string, field: string, severity: 'breaking' | 'warning'): CheckFinding {
  const rule = severity === 'breaking' ? 'field-type-changed' : 'null-rate-rose';
  return {
    rule,
    severity,
    path: `/properties/${field}`,
    field,
    message: `${contract}: ${field} ${severity === 'breaking' ? 'arrives as a number, the contract says string' : 'is null more often than in the baseline'}`,
    fingerprint: fingerprint([rule, contract, source, `/properties/${field}`]),
  };
}

/** A complete CheckReport; by default a passing run of commerce.orders 1.0.0 on source `prod`. */
export function checkReport(options: ReportOptions = {}): CheckReport {
  const verdict = options.verdict ?? 'pass';
  const contract = options.contract ?? 'commerce.orders';
  const sourceName = options.sourceName ?? 'prod';
  const source = options.source ?? 'http https://orders.example.com/api/orders';
  const breakingFields = options.breakingFields ?? (verdict === 'breaking' ? ['customer_id'] : []);
  const warningFields = options.warningFields ?? (verdict === 'warn' ? ['amount'] : []);
  return {
    verdict,
    contract,
    version: options.version ?? '1.0.0',
    source,
    sourceName,
    startedAt: options.startedAt ?? '2026-11-23T10:00:00.000Z',
    durationMs: 1234,
    read: 1000,
    sampled: 500,
    sampler: 'reservoir 500 seed 1',
    selection: { kind: 'random', text: 'random 500 of 1000 read in feed order, seed 1', stable: true },
    readIssues: { count: 0, examples: [] },
    violations: [],
    drift: [
      ...breakingFields.map((field) => driftFinding(contract, sourceName, field, 'breaking')),
      ...warningFields.map((field) => driftFinding(contract, sourceName, field, 'warning')),
    ],
    profile: {
      records: 500,
      fields: [{ field: 'order_id', declared: true, present: 500, presenceRate: 1, nulls: 0, nullRate: 0, types: { string: 500 }, distinct: 500 }],
      observedSchema: { type: 'object', properties: { order_id: { type: 'string' } } },
    },
  };
}
