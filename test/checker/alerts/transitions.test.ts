import { describe, expect, test } from 'vitest';
import type { AlertKind } from '../../../checker/alerts/alert.js';
import { alertFor, MAX_ALERT_FINDINGS } from '../../../checker/alerts/transitions.js';
import type { CheckReport, Verdict } from '../../../checker/model.js';
import { checkReport } from '../../registry/http/runs-fixture.js';

let clock = 0;
/** A report with breaking findings on `breaking` fields and warnings on `warning` fields; each gets its own start time. */
function run(verdict: Verdict, breaking: readonly string[] = [], warning: readonly string[] = []): CheckReport {
  clock += 1;
  return checkReport({ verdict, breakingFields: breaking, warningFields: warning, startedAt: new Date(Date.UTC(2026, 10, 23, 0, clock)).toISOString() });
}

describe('alerts on state transitions', () => {
  test.each<readonly [string, CheckReport | undefined, CheckReport, AlertKind | undefined]>([
    ['a first run that passes', undefined, run('pass'), undefined],
    ['a first run that breaks', undefined, run('breaking', ['a']), 'breaking'],
    ['a first run that warns', undefined, run('warn', [], ['a']), 'warn'],
    ['pass to pass', run('pass'), run('pass'), undefined],
    ['pass to breaking', run('pass'), run('breaking', ['a']), 'breaking'],
    ['warn to breaking', run('warn', [], ['w']), run('breaking', ['a'], ['w']), 'breaking'],
    ['breaking to breaking, same problems', run('breaking', ['a']), run('breaking', ['a']), undefined],
    ['breaking to breaking, a new problem', run('breaking', ['a']), run('breaking', ['a', 'b']), 'new-findings'],
    ['breaking to breaking, one problem fewer', run('breaking', ['a', 'b']), run('breaking', ['a']), undefined],
    ['breaking to pass', run('breaking', ['a']), run('pass'), 'recovered'],
    ['breaking to warn', run('breaking', ['a']), run('warn', [], ['w']), 'recovered'],
    ['pass to warn', run('pass'), run('warn', [], ['w']), 'warn'],
    ['warn to warn, same warnings', run('warn', [], ['w']), run('warn', [], ['w']), undefined],
    ['warn to warn, a new warning', run('warn', [], ['w']), run('warn', [], ['w', 'x']), 'new-findings'],
    ['warn to pass', run('warn', [], ['w']), run('pass'), 'cleared'],
  ])('%s', (_name, previous, current, kind) => {
    expect(alertFor(previous, current)?.kind).toBe(kind);
  });

  test('pass, breaking, breaking, pass, pass gives exactly two alerts: breaking, then recovered', () => {
    const runs = [run('pass'), run('breaking', ['customer_id']), run('breaking', ['customer_id']), run('pass'), run('pass')];
    const alerts = runs.map((current, i) => alertFor(runs[i - 1], current)).filter((alert) => alert !== undefined);
    expect(alerts.map((alert) => alert.kind)).toEqual(['breaking', 'recovered']);
    expect(alerts[0]).toMatchObject({ verdict: 'breaking', previousVerdict: 'pass', contract: 'commerce.orders', version: '1.0.0', sourceName: 'prod', open: { breaking: 1, warning: 0 } });
    expect(alerts[0]?.newFindings.map((finding) => finding.field)).toEqual(['customer_id']);
    expect(alerts[0]?.summary).toMatch(/^commerce\.orders 1\.0\.0 on prod is breaking its contract: customer_id field-type-changed\. Fix the feed or publish/);
    expect(alerts[1]?.resolved).toEqual([runs[1]?.drift[0]?.fingerprint]);
    expect(alerts[1]?.summary).toMatch(/no longer breaks its contract \(now pass\)/);
  });

  test('the same transition gives the same alert id; another previous run or other new problems give another', () => {
    const previous = run('pass');
    const current = run('breaking', ['a']);
    const again = { ...current, startedAt: '2030-01-01T00:00:00.000Z', durationMs: 9 };
    expect(alertFor(previous, current)?.id).toBe(alertFor(previous, again)?.id);
    expect(alertFor(run('pass'), current)?.id).not.toBe(alertFor(previous, current)?.id);
    expect(alertFor(previous, run('breaking', ['b']))?.id).not.toBe(alertFor(previous, current)?.id);
  });

  test('info findings never alert, and breaking findings are listed before warnings', () => {
    const info = { ...run('pass'), drift: [{ rule: 'undeclared-field', severity: 'info' as const, path: '/x', message: 'x seen', fingerprint: 'f-info' }] };
    expect(alertFor(run('pass'), info)).toBeUndefined();
    const mixed = alertFor(run('pass'), run('breaking', ['z'], ['a']));
    expect(mixed?.newFindings.map((finding) => finding.severity)).toEqual(['breaking', 'warning']);
  });

  test.each([
    [MAX_ALERT_FINDINGS, MAX_ALERT_FINDINGS, /and 19 more/],
    [MAX_ALERT_FINDINGS + 1, MAX_ALERT_FINDINGS, /and 20 more/],
  ])('%i new problems list %i of them and count the rest in the summary', (count, listed, summary) => {
    const fields = Array.from({ length: count }, (_, i) => `f${i}`);
    const alert = alertFor(run('pass'), run('breaking', fields));
    expect(alert?.newFindings).toHaveLength(listed);
    expect(alert?.summary).toMatch(summary);
  });
});
