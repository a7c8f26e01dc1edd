import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { DRIFT_RULES, driftRule, type DriftRuleId } from '../../../checker/drift/drift-rules.js';
import { renderDriftRulesMarkdown, withDriftRules } from '../../../checker/drift/drift-rules-markdown.js';
import { CONTRACT_THRESHOLD_KEYS, DEFAULT_DRIFT_THRESHOLDS } from '../../../checker/drift/drift-thresholds.js';
import { RULE_CATALOG } from '../../../contracts/rules/catalog.js';
import { VIOLATION_RULES } from '../../../contracts/validation/index.js';

const doc = readFileSync(new URL('../../../docs/drift-rules.md', import.meta.url), 'utf8');

test('docs/drift-rules.md holds the drift rule table the code uses (run `npx tsx checker/drift/drift-rules-markdown.ts` after changing it)', () => {
  expect(withDriftRules(doc)).toBe(doc);
});

test.each(DRIFT_RULES.map((rule) => [rule.id, rule] as const))('rule %s is documented, kebab-case, and says what it means and what to do', (id, rule) => {
  expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  expect(doc).toContain(`\`${id}\``);
  expect(rule.explanation.length).toBeGreaterThan(20);
  expect(rule.action.length).toBeGreaterThan(20);
  expect(driftRule(id as DriftRuleId)).toBe(rule);
});

test('rule ids are unique and never collide with the compatibility catalog or the violation rules', () => {
  const ids = DRIFT_RULES.map((rule) => rule.id);
  expect(new Set(ids).size).toBe(ids.length);
  const others = new Set([...RULE_CATALOG.map((rule) => rule.id), ...[...VIOLATION_RULES.values()].map((rule) => rule.rule)]);
  expect(ids.filter((id) => others.has(id))).toEqual([]);
});

test('the thresholds table lists every threshold with its default', () => {
  const rendered = renderDriftRulesMarkdown();
  for (const [key, option] of Object.entries(CONTRACT_THRESHOLD_KEYS)) {
    expect(rendered).toContain(`| \`${key}\` | \`${option}\` | ${DEFAULT_DRIFT_THRESHOLDS[option]} |`);
  }
  expect(Object.values(CONTRACT_THRESHOLD_KEYS).sort()).toEqual(Object.keys(DEFAULT_DRIFT_THRESHOLDS).sort());
});

test('rule ids are typed from the table, so a finding cannot name a rule the table lacks', () => {
  // @ts-expect-error an id outside the table is not a DriftRuleId
  const unknown: DriftRuleId = 'no-such-rule';
  expect(DRIFT_RULES.some((rule) => rule.id === unknown)).toBe(false);
});
