import { describe, expect, test } from 'vitest';
import { renderJunitReport } from '../../../checker/reports/junit-report.js';
import { xmlAttribute, xmlText } from '../../../checker/reports/xml-escape.js';
import { BREAKING_REPORT, PASS_REPORT } from './fixed-reports.js';
import { parseJunit } from './parse-xml.js';

const NASTY = `a < b && c > "d" 'e' \u0001 \n end`;

describe('JUnit report', () => {
  test('is well-formed XML with one test case per finding (never per violation group) and failures for breaking ones', async () => {
    const parsed = await parseJunit(renderJunitReport(BREAKING_REPORT));
    expect(parsed.root).toBe('testsuites');
    const [suite] = parsed.suites;
    expect(suite?.attributes).toMatchObject({ tests: '5', failures: '2', errors: '0' });
    expect(suite?.properties).toMatchObject({ verdict: 'breaking', contract: 'commerce.orders', version: '2.1.0', sourceName: 'prod' });
    const failures = suite?.cases.filter((testCase) => testCase.failure !== null) ?? [];
    expect(failures.map((testCase) => testCase.failure?.type)).toEqual(['field-type-changed', 'required-field-missing']);
    expect(suite?.cases.map((testCase) => testCase.classname)).toEqual([
      'commerce.orders.drift',
      'commerce.orders.drift',
      'commerce.orders.drift',
      'commerce.orders.drift',
      'commerce.orders.read',
    ]);
  });

  test('a clean run is one passing case', async () => {
    const parsed = await parseJunit(renderJunitReport(PASS_REPORT));
    expect(parsed.suites[0]?.cases).toEqual([{ classname: 'commerce.orders', name: 'records match commerce.orders 2.1.0', failure: null, out: null }]);
  });

  test('values with <, &, quotes, line breaks and control characters survive a real parser', async () => {
    const finding = { ...BREAKING_REPORT.drift[0]!, message: NASTY, rule: `rule-${NASTY}`, after: { examples: [NASTY] } };
    const report = { ...BREAKING_REPORT, contract: 'x.y', source: `file ${NASTY}`, drift: [finding] };
    const parsed = await parseJunit(renderJunitReport(report));
    const failure = parsed.suites[0]?.cases[0]?.failure;
    const expected = NASTY.replace('\u0001', '\uFFFD');
    expect(failure?.message).toBe(expected);
    expect(failure?.type).toBe(`rule-${expected}`);
    expect(parsed.suites[0]?.properties.source).toBe(`file ${expected}`);
    expect(failure?.text).toContain('a < b && c > \\"d\\"');
  });
});

describe('XML escaping', () => {
  test.each([
    ['<&>', '&lt;&amp;&gt;', '&lt;&amp;&gt;'],
    [`"'`, `"'`, '&quot;&apos;'],
    ['a\nb\tc', 'a\nb\tc', 'a&#10;b&#9;c'],
    ['\u0000\u001f\uFFFF', '\uFFFD\uFFFD\uFFFD', '\uFFFD\uFFFD\uFFFD'],
    ['\uD800x', '\uFFFDx', '\uFFFDx'],
    ['😀', '😀', '😀'],
  ])('%j', (input, text, attribute) => {
    expect(xmlText(input)).toBe(text);
    expect(xmlAttribute(input)).toBe(attribute);
  });
});
