import { describe, expect, test } from 'vitest';
import { ALL_RULES, CATALOGS, type RuleId } from '../../cli/rule-catalogs.js';
import { FINDING_KINDS, SEVERITIES, type ChangeRuleId } from '../../contracts/index.js';
import { READ_ISSUE_KINDS } from '../../vocabulary/index.js';
import { runCli } from './run-cli.js';

describe('the rule catalogs', () => {
  test('every kind has a catalog and every row has an id, its kind, a default severity and an explanation', () => {
    for (const kind of FINDING_KINDS) {
      expect(CATALOGS[kind].length).toBeGreaterThan(0);
      for (const rule of CATALOGS[kind]) {
        expect(rule.kind).toBe(kind);
        expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(SEVERITIES).toContain(rule.severity);
        expect(rule.explanation.length).toBeGreaterThan(10);
      }
    }
  });

  test('rule ids are unique across the four catalogs, so an override names a rule by id alone', () => {
    const count = FINDING_KINDS.reduce((sum, kind) => sum + CATALOGS[kind].length, 0);
    expect(ALL_RULES.size).toBe(count);
  });

  test('read issue kinds are the read catalog', () => {
    expect([...READ_ISSUE_KINDS]).toEqual(CATALOGS.read.map((rule) => rule.id));
  });

  test('a rule id is a string-literal union, so a typo is a type error', () => {
    const known: ChangeRuleId = 'enum-values-removed';
    // @ts-expect-error a misspelt rule id is not a ChangeRuleId
    const typo: ChangeRuleId = 'enum-values-remvoed';
    const any: RuleId = 'feed-unreadable';
    expect([known, typo, any].every((id) => typeof id === 'string')).toBe(true);
  });
});

describe('concord rules --kind', () => {
  test.each(FINDING_KINDS.map((kind) => [kind]))('--kind %s --json lists exactly that catalog', async (kind) => {
    const result = await runCli(['rules', '--kind', kind, '--json']);
    expect(result.code).toBe(0);
    const rules = JSON.parse(result.stdout) as { id: string; kind: string }[];
    expect(rules.map((rule) => rule.id)).toEqual(CATALOGS[kind].map((rule) => rule.id));
  });

  test('without --kind it lists every catalog, change rules first', async () => {
    const result = await runCli(['rules', '--json']);
    const rules = JSON.parse(result.stdout) as { kind: string }[];
    expect(rules.length).toBe(ALL_RULES.size);
    expect(rules[0]?.kind).toBe('change');
  });

  test('the text listing names kind and severity, "breaking" for lint errors', async () => {
    const result = await runCli(['rules', '--kind', 'lint']);
    expect(result.stdout).toMatch(/^metric-duplicate-name\s+lint\s+breaking\s+Two metrics share a name\.$/m);
  });

  test('an unknown kind exits 2 naming the kinds', async () => {
    const result = await runCli(['rules', '--kind', 'drfit']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('change, lint, drift, read');
  });
});
