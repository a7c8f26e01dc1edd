import { describe, expect, test } from 'vitest';
import type { CheckReport } from '../../../checker/model.js';
import { renderJsonReport } from '../../../checker/reports/json-report.js';
import { renderMarkdownReport, MAX_MARKDOWN_PROFILE_FIELDS } from '../../../checker/reports/markdown-report.js';
import { MAX_EXAMPLE_CHARS, exampleText, nextBreakingVersion, nextFreeVersion, nextStep } from '../../../checker/reports/report-findings.js';
import { MAX_TEXT_READ_ISSUES, renderTextReport } from '../../../checker/reports/text-report.js';
import { BREAKING_REPORT, PASS_REPORT } from './fixed-reports.js';

describe('text report', () => {
  test('lists breaking findings before warnings and notes, and names contract, version, source and next step', () => {
    const text = renderTextReport(BREAKING_REPORT);
    const [breaking, warnings, notes] = ['Breaking (2)', 'Warnings (1)', 'Notes (1)'].map((heading) => text.indexOf(heading));
    expect(breaking).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(breaking!);
    expect(notes).toBeGreaterThan(warnings!);
    expect(text.split('\n')[0]).toBe('commerce.orders 2.1.0 against file orders.jsonl (source prod): BREAKING');
    expect(text).toContain('Next: the feed file orders.jsonl does not keep the promise of commerce.orders 2.1.0');
    expect(text).toContain('3.0.0 for a breaking change');
  });

  test(`shows at most ${MAX_TEXT_READ_ISSUES} read issues, one past the limit is cut`, () => {
    const examples = Array.from({ length: MAX_TEXT_READ_ISSUES + 1 }, (_, index) => ({ kind: 'malformed' as const, location: `f.jsonl:${index + 1}`, message: 'bad JSON' }));
    const text = renderTextReport({ ...BREAKING_REPORT, readIssues: { count: 40, examples } });
    expect(text).toContain(`Read issues (40, first ${MAX_TEXT_READ_ISSUES} shown)`);
    expect(text).toContain(`f.jsonl:${MAX_TEXT_READ_ISSUES}:`);
    expect(text).not.toContain(`f.jsonl:${MAX_TEXT_READ_ISSUES + 1}:`);
  });

  test.each([
    ['pass', 'keeps the promise of commerce.orders 2.1.0'],
    ['warn', '--fail-on warn'],
  ] as const)('a %s verdict says what it means', (verdict, phrase) => {
    expect(renderTextReport({ ...PASS_REPORT, verdict })).toContain(phrase);
  });
});

describe('example values', () => {
  test.each([
    ['x'.repeat(MAX_EXAMPLE_CHARS - 2), false],
    ['x'.repeat(MAX_EXAMPLE_CHARS - 1), true],
  ])('a value whose JSON is at or one past the limit (%#)', (value, cut) => {
    const text = exampleText(value);
    expect(text.endsWith('…')).toBe(cut);
    expect(text.length).toBe(cut ? MAX_EXAMPLE_CHARS + 1 : MAX_EXAMPLE_CHARS);
  });
});

describe('next breaking version', () => {
  test.each([
    ['2.1.0', '3.0.0'],
    ['0.4.1', '0.5.0'],
    ['1.0.0-rc.1', '1.0.0'],
    ['not-semver', 'a new major version'],
  ])('%s -> %s', (version, next) => {
    expect(nextBreakingVersion(version)).toBe(next);
  });
});

describe('JSON report', () => {
  test('is exactly the CheckReport, with verdict, contract, version, source, sampled, violations, drift and profile', () => {
    const parsed = JSON.parse(renderJsonReport(BREAKING_REPORT)) as CheckReport;
    expect(parsed).toEqual(BREAKING_REPORT);
    expect(Object.keys(parsed).slice(0, 4)).toEqual(['verdict', 'contract', 'version', 'source']);
    for (const key of ['sampled', 'violations', 'drift', 'profile'] as const) expect(parsed).toHaveProperty(key);
  });
});

describe('Markdown report', () => {
  test(`lists at most ${MAX_MARKDOWN_PROFILE_FIELDS} profile fields and points to JSON for the rest`, () => {
    const template = BREAKING_REPORT.profile.fields[0]!;
    const fields = Array.from({ length: MAX_MARKDOWN_PROFILE_FIELDS + 1 }, (_, index) => ({ ...template, field: `f${index}` }));
    const markdown = renderMarkdownReport({ ...PASS_REPORT, profile: { ...PASS_REPORT.profile, fields } });
    expect(markdown).toContain(`\`f${MAX_MARKDOWN_PROFILE_FIELDS - 1}\``);
    expect(markdown).not.toContain(`\`f${MAX_MARKDOWN_PROFILE_FIELDS}\``);
    expect(markdown).toContain('1 more fields in the JSON report');
  });

  test('escapes table pipes in messages', () => {
    const row = renderMarkdownReport(BREAKING_REPORT).split('\n').find((line) => line.includes('undeclared-field'));
    expect(row).toContain('\\| check: a rename?');
  });
});

describe('the next version to publish is one the registry does not have', () => {
  test.each([
    ['1.1.1', [], '2.0.0'],
    ['1.1.1', ['1.0.0', '1.1.1'], '2.0.0'],
    ['1.1.1', ['1.1.1', '2.0.0'], '3.0.0'],
    ['1.1.1', ['1.1.1', '2.0.0', '2.3.1', '3.0.0-rc.1'], '4.0.0'],
    ['2.1.0', ['1.0.0', '2.1.0'], '3.0.0'],
    ['0.4.1', ['0.4.1'], '0.5.0'],
    ['0.4.1', ['0.4.1', '0.5.0', '0.6.2'], '0.7.0'],
    ['0.4.1', ['0.4.1', '1.0.0'], '2.0.0'],
  ])('after %s with %j published: %s', (version, published, next) => {
    expect(nextFreeVersion(version, published)).toBe(next);
  });

  test('Next: says why the obvious version is not suggested', () => {
    const report = { ...BREAKING_REPORT, version: '1.1.1' };
    expect(nextStep(report)).toContain('(2.0.0 for a breaking change)');
    expect(nextStep({ ...report, nextVersion: '3.0.0' })).toContain('(3.0.0 for a breaking change, since 2.0.0 is already published; consumers pinned to ^1 keep 1.1.1)');
  });
});
