import { describe, expect, test } from 'vitest';
import { gateReadHealth } from '../../../checker/gate/gate-read-health.js';
import type { GateSummary } from '../../../checker/gate/run-gate.js';
import type { RuleOverrides } from '../../../contracts/index.js';
import { sampleContract } from '../../registry/storage/storage-targets.js';

/** A gate run where half the lines were not JSON: far past the breaking share of unreadable input. */
const HALF_MALFORMED: GateSummary = { lines: 100, valid: 50, deadLettered: 50, blank: 0, malformed: 50, undecodable: 0, oversized: 0, invalid: 0, topErrors: [], outputClosed: false };
const contract = sampleContract('1.0.0');
const TODAY = '2026-06-01';

describe('concord gate judges its read health with .concord/rules.yaml, as concord check does', () => {
  const plain = gateReadHealth(HALF_MALFORMED, contract, undefined, TODAY);
  const unreadable = plain.findings.find((finding) => finding.rule === 'feed-unreadable');

  test('without overrides half the lines unreadable is breaking', () => {
    expect(plain.verdict).toBe('breaking');
    expect(unreadable).toMatchObject({ severity: 'breaking' });
  });

  const accept = (expires: string): RuleOverrides => ({ rules: { 'feed-unreadable': { accept: [{ fingerprint: unreadable?.fingerprint ?? '', reason: 'known bad export', expires }] } } });
  test.each([
    ['severity lowered to warning', { rules: { 'feed-unreadable': { severity: 'warning' } } } as RuleOverrides, 'warn', 'warning'],
    ['severity off', { rules: { 'feed-unreadable': { severity: 'off' } } } as RuleOverrides, 'pass', undefined],
    ['accepted until a later day', accept('2999-12-31'), 'pass', 'info'],
    ['accepted, but expired', accept('2000-01-01'), 'breaking', 'breaking'],
  ])('%s', (_name, overrides, verdict, severity) => {
    const health = gateReadHealth(HALF_MALFORMED, contract, overrides, TODAY);
    expect(health.verdict).toBe(verdict);
    expect(health.findings.find((finding) => finding.rule === 'feed-unreadable')?.severity).toBe(severity);
  });

  test('the finding has a fingerprint an acceptance can name', () => {
    expect(unreadable?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});
