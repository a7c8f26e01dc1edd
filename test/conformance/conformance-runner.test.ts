import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Change } from '../../contracts/findings.js';
import { describeVerdict, evaluate, summarize } from './agreement.js';
import { apicurioChecks, confluentChecks, ConformanceDataError } from './conformance-cases.js';
import type { ConformanceCheck } from './conformance-cases.js';
import { parseArguments, runConformance, UsageError } from './run-conformance.js';
import { stripTrailingCommas } from './tolerant-json.js';

describe('tolerant JSON', () => {
  test.each([
    ['[1, 2,]', '[1, 2]'],
    ['{"a": 1,\n}', '{"a": 1\n}'],
    ['{"a": [1,],}', '{"a": [1]}'],
    ['["a,]", "b\\",}"]', '["a,]", "b\\",}"]'],
    ['[1,2]', '[1,2]'],
  ])('%j becomes %j', (text, expected) => {
    expect(stripTrailingCommas(text)).toBe(expected);
    expect(() => JSON.parse(stripTrailingCommas(text))).not.toThrow();
  });
});

const confluentCase = { description: 'widen', original_schema: { type: 'integer' }, update_schema: { type: 'number' }, compatible: true };

describe('reading cases', () => {
  test('a Confluent case is a strict and a lenient backward check', () => {
    const checks = confluentChecks('confluent/x.json', [{ ...confluentCase, compatible: false, compatible_lenient: true }]);
    expect(checks.map((check) => [check.policy, check.expected])).toEqual([
      ['strict', { backward: false }],
      ['lenient', { backward: true }],
    ]);
    expect(checks[0]?.label).toBe('#0 widen');
  });

  test.each([
    ['backward', { backward: true, forward: false }],
    ['both', { backward: true, forward: true }],
    ['none', { backward: false, forward: false }],
  ])('Apicurio "%s" expects %j', (compatibility, expected) => {
    const [check] = apicurioChecks('apicurio/x.json', { tests: [{ id: 't', compatibility, original: true, updated: { type: 'string' } }] });
    expect(check?.expected).toEqual(expected);
  });

  test('disabled Apicurio tests are skipped', () => {
    expect(apicurioChecks('apicurio/x.json', { tests: [{ enabled: false, compatibility: 'both', original: true, updated: true }] })).toEqual([]);
  });

  test.each([
    ['a Confluent file that is no array', () => confluentChecks('c.json', {})],
    ['a Confluent case without a verdict', () => confluentChecks('c.json', [{ original_schema: {}, update_schema: {} }])],
    ['a Confluent case whose schema is a number', () => confluentChecks('c.json', [{ ...confluentCase, update_schema: 3 }])],
    ['an unknown Apicurio verdict', () => apicurioChecks('a.json', { tests: [{ compatibility: 'forward', original: true, updated: true }] })],
  ])('%s is a data error', (_, read) => {
    expect(read).toThrow(ConformanceDataError);
  });
});

function check(expected: ConformanceCheck['expected'], policy: ConformanceCheck['policy'] = 'strict'): ConformanceCheck {
  return { file: 'f.json', suite: 'apicurio', policy, label: 'case', before: true, after: true, expected };
}

const change = (rule: string): Change => ({ rule, path: '/properties/a', field: 'a', message: `${rule} at a` });

describe('agreement', () => {
  test.each([
    ['no change agrees with "both"', [], { backward: true, forward: true }, true],
    ['a widening agrees with "backward"', [change('type-widened')], { backward: true, forward: false }, true],
    ['a narrowing disagrees with "backward"', [change('type-narrowed')], { backward: true, forward: false }, false],
    ['a change breaking both ways agrees with "none"', [change('type-changed')], { backward: false, forward: false }, true],
    ['a documentation change disagrees with "none"', [change('description-changed')], { backward: false, forward: false }, false],
  ] as const)('%s', (_, changes, expected, agreed) => {
    const outcome = evaluate(check(expected), () => [...changes]);
    expect(outcome.agreed).toBe(agreed);
    expect(outcome.reason === '').toBe(agreed);
  });

  test('the lenient policy forgives a property added to an open object', () => {
    const diff = (): Change[] => [change('property-added-to-open-model')];
    expect(evaluate(check({ backward: true }, 'lenient'), diff).agreed).toBe(true);
    expect(evaluate(check({ backward: true }, 'strict'), diff).agreed).toBe(false);
  });

  test('a disagreement names the rules that decided and a known reason when there is one', () => {
    const outcome = evaluate(check({ backward: true }), () => [change('required-added'), change('title-changed')]);
    expect(outcome.breakingRules).toEqual(['required-added']);
    expect(outcome.rules).toEqual(['required-added', 'title-changed']);
    expect(outcome.reason).toMatch(/^deliberate: .*required/);
  });

  test('a failing diff is a disagreement with its message', () => {
    const outcome = evaluate(check({ backward: true }), () => {
      throw new Error('boom');
    });
    expect(outcome).toMatchObject({ agreed: false, reason: 'the diff failed: boom' });
  });

  test('verdict words', () => {
    expect([{ backward: true }, { backward: false }, { backward: true, forward: false }, { backward: false, forward: true }].map(describeVerdict)).toEqual([
      'compatible', 'incompatible', 'backward', 'forward',
    ]);
  });

  test('rows per file and policy, with one-decimal percentages', () => {
    const outcomes = [true, true, false].map((agreed) => ({ check: check({ backward: true }), got: { backward: agreed }, agreed, breakingRules: [], rules: [], reason: '' }));
    expect(summarize(outcomes)).toEqual([{ file: 'f.json', policy: 'strict', cases: 3, agreed: 2, percent: 66.7 }]);
  });
});

describe('command line', () => {
  test.each([
    [['dir'], { folder: 'dir', json: false, thresholds: {} }],
    [['dir', '--json', '--min-agreement', '97'], { folder: 'dir', json: true, thresholds: { confluent: 97, apicurio: 97 } }],
    [['--min-agreement=97', '--min-agreement-apicurio', '95', 'dir'], { folder: 'dir', json: false, thresholds: { confluent: 97, apicurio: 95 } }],
  ] as const)('%j', (args, options) => {
    expect(parseArguments(args)).toEqual(options);
  });

  test.each([[[]], [['dir', '--verbose']], [['dir', '--min-agreement', 'lots']], [['dir', '--min-agreement', '101']], [['a', 'b']]])('%j is a usage error', (args) => {
    expect(() => parseArguments(args)).toThrow(UsageError);
  });
});

describe('runConformance on a folder', () => {
  const folder = mkdtempSync(join(tmpdir(), 'concord-conformance-'));
  mkdirSync(join(folder, 'confluent'));
  mkdirSync(join(folder, 'apicurio'));
  writeFileSync(join(folder, 'confluent', 'cases.json'), JSON.stringify([confluentCase, { ...confluentCase, description: 'narrow', compatible: true, update_schema: { type: 'string' } }]).replace(/}]$/, '},]'));
  writeFileSync(join(folder, 'apicurio', 'tests.json'), JSON.stringify({ tests: [{ id: 'max', compatibility: 'backward', original: { maxLength: 5 }, updated: { maxLength: 9 } }] }));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('prints the table and every disagreement, and exits 0', () => {
    const result = runConformance([folder]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/confluent\/cases\.json\s+strict\s+2\s+1\s+50\.0/);
    expect(result.stdout).toMatch(/apicurio\/tests\.json\s+strict\s+1\s+1\s+100\.0/);
    expect(result.stdout).toContain('#1 narrow: expected compatible, got incompatible; rules type-changed');
  });

  test('exits 1 when a file is under its minimum, and --json is machine-readable', () => {
    const result = runConformance([folder, '--json', '--min-agreement-confluent', '97']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as { below: { file: string }[]; disagreements: { rules: string[] }[] };
    expect(report.below.map((row) => row.file)).toEqual(['confluent/cases.json', 'confluent/cases.json']);
    expect(report.disagreements[0]?.rules).toEqual(['type-changed']);
  });

  test('exits 2 with a clear message when the folder is missing', () => {
    const result = runConformance([join(folder, 'nowhere')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/cannot read the conformance folder/);
  });

  test('exits 2 when a data file does not parse', () => {
    const broken = mkdtempSync(join(tmpdir(), 'concord-conformance-broken-'));
    mkdirSync(join(broken, 'apicurio'));
    writeFileSync(join(broken, 'apicurio', 'bad.json'), '{ tests: ');
    const result = runConformance([broken]);
    rmSync(broken, { recursive: true, force: true });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/cannot parse apicurio\/bad\.json/);
  });
});
