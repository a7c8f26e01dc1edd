import { describe, expect, test } from 'vitest';
import { parseText } from '../../../contracts/document/parse-text.js';
import { validateDocument } from '../../../contracts/document/validate-document.js';
import type { LintProblem } from '../../../contracts/findings.js';

const FILE = 'orders.contract.yaml';

/** A valid contract; each broken case swaps one line for others. */
const VALID = [
  'contract: commerce.orders', // 1
  'version: 2.1.0', // 2
  'title: Orders feed', // 3
  'owner: { name: Dana Fischer, email: dana.fischer@example.com }', // 4
  'team: commerce-data', // 5
  'status: active', // 6
  'compatibility: forward', // 7
  'schema: { type: object }', // 8
  'metrics:', // 9
  '  - name: net_revenue', // 10
  '    type: simple', // 11
  '    aggregation: sum', // 12
  '    expression: amount - refunded_amount', // 13
  'features:', // 14
  '  - name: customer_order_count_30d', // 15
  '    entity: customer_id', // 16
  '    dtype: int64', // 17
  '    source: { fields: [order_id], aggregation: count, window: 30d }', // 18
  'sla: { freshness: { field: created_at, max_age: 15m }, volume: { min: 1000, per: day } }', // 19
  'sources:', // 20
  '  - { name: prod, type: http, url: "https://example.com/orders" }', // 21
  'tags: [commerce]', // 22
  'sunset: 2030-01-31', // 23
];

function withLine(line: number, ...replacement: string[]): string {
  const lines = [...VALID];
  lines.splice(line - 1, 1, ...replacement);
  return lines.join('\n');
}

function problemsOf(text: string): LintProblem[] {
  const parsed = parseText(text, { file: FILE });
  return validateDocument(parsed.value, { file: FILE, locate: parsed.locate });
}

describe('validateDocument', () => {
  test('the valid document has no problems', () => {
    expect(problemsOf(VALID.join('\n'))).toEqual([]);
  });

  test.each([
    ['owner as a team alias string', withLine(4, 'owner: commerce-team'), 'document-missing-owner', '/owner', 4, 1, /^owner must be one named person with name and email/],
    ['owner as a list of people', withLine(4, 'owner: [{ name: A, email: a@example.com }]'), 'document-missing-owner', '/owner', 4, 1, /one named person/],
    ['owner missing', withLine(4), 'document-missing-owner', '/owner', 1, 1, /one named person/],
    ['owner without email', withLine(4, 'owner: { name: Dana Fischer }'), 'document-missing-owner', '/owner/email', 4, 1, /owner\.email is missing/],
    ['owner email not an address', withLine(4, 'owner: { name: Dana, email: dana }'), 'document-invalid', '/owner/email', 4, 22, /owner\.email must be an email address.*not "dana"/],
    ['owner with extra keys', withLine(4, 'owner: { name: D, email: d@example.com, slack: "#d" }'), 'document-missing-owner', '/owner/slack', 4, 41, /remove owner\.slack/],
    ['contract id not namespaced', withLine(1, 'contract: orders'), 'document-invalid', '/contract', 1, 1, /namespace\.name in lowercase.*not "orders"/],
    ['version not semver', withLine(2, 'version: "2.1"'), 'document-invalid', '/version', 2, 1, /semantic version like 2\.1\.0, not "2\.1"/],
    ['version with a v', withLine(2, 'version: v2.1.0'), 'document-invalid', '/version', 2, 1, /semantic version/],
    ['version that YAML reads as a number', withLine(2, 'version: 2.1'), 'document-invalid', '/version', 2, 1, /semantic version like 2\.1\.0, not 2\.1/],
    ['unknown status', withLine(6, 'status: live'), 'document-invalid', '/status', 6, 1, /status must be one of draft, active, deprecated, retired, not "live"/],
    ['unknown compatibility mode', withLine(7, 'compatibility: sideways'), 'document-invalid', '/compatibility', 7, 1, /compatibility must be a mode/],
    ['unknown policy', withLine(7, 'compatibility: { mode: full, policy: loose }'), 'document-invalid', '/compatibility/policy', 7, 30, /strict, lenient, not "loose"/],
    ['schema missing', withLine(8), 'document-invalid', '/schema', 1, 1, /schema is missing/],
    ['schema as text', withLine(8, 'schema: orders.json'), 'document-invalid', '/schema', 8, 1, /schema must be an object .* or true or false, not "orders\.json"/],
    ['metric name in camel case', withLine(10, '  - name: netRevenue'), 'document-invalid', '/metrics/0/name', 10, 5, /metrics\[0\]\.name must be lowercase snake_case/],
    ['metric type unknown', withLine(11, '    type: fancy'), 'document-invalid', '/metrics/0/type', 11, 5, /one of simple, ratio, derived, cumulative/],
    ['simple metric without aggregation', withLine(12), 'document-invalid', '/metrics/0/aggregation', 10, 5, /need an aggregation/],
    ['ratio metric without numerator', withLine(11, '    type: ratio', '    denominator: orders'), 'document-invalid', '/metrics/0/numerator', 10, 5, /numerator and a denominator/],
    ['feature dtype unknown', withLine(17, '    dtype: int128'), 'document-invalid', '/features/0/dtype', 17, 5, /bool, int32, int64/],
    ['feature window not a duration', withLine(18, '    source: { fields: [order_id], window: 30 days }'), 'document-invalid', '/features/0/source/window', 18, 35, /duration like 15m, 1h or 7d, not "30 days"/],
    ['feature without source fields', withLine(18, '    source: { fields: [] }'), 'document-invalid', '/features/0/source/fields', 18, 15, /needs at least 1 item/],
    ['sla volume per not a period', withLine(19, 'sla: { volume: { min: 1, per: fortnight } }'), 'document-invalid', '/sla/volume/per', 19, 26, /period such as day or hour, or a duration like 24h, not "fortnight"/],
    ['sla max_age not a duration', withLine(19, 'sla: { freshness: { field: created_at, max_age: soon } }'), 'document-invalid', '/sla/freshness/max_age', 19, 40, /duration/],
    ['http source with an ftp url', withLine(21, '  - { name: prod, type: http, url: "ftp://x" }'), 'document-invalid', '/sources/0/url', 21, 31, /http:\/\/ or https:\/\//],
    ['unknown source type', withLine(21, '  - { name: prod, type: kafka }'), 'document-invalid', '/sources/0/type', 21, 19, /file, http, sql, nats/],
    ['sunset not a date', withLine(23, 'sunset: next year'), 'document-invalid', '/sunset', 23, 1, /date like 2027-06-30/],
    ['tags repeated', withLine(22, 'tags: [a, a]'), 'document-invalid', '/tags', 22, 1, /same item twice/],
    ['unknown top-level key', withLine(23, 'ownr: x'), 'document-invalid', '/ownr', 23, 1, /unknown key "ownr": remove it, or name it x-ownr/],
    ['deprecated as a number', withLine(23, 'deprecated: 1'), 'document-invalid', '/deprecated', 23, 1, /true or false or text|text or true or false/],
  ])('%s', (_name, text, rule, path, line, column, message) => {
    const problems = problemsOf(text);
    const problem = problems.find((candidate) => candidate.path === path);
    expect(problem, JSON.stringify(problems, null, 2)).toBeDefined();
    expect(problem).toMatchObject({ rule, severity: 'breaking', file: FILE, line, column });
    expect(problem?.message).toMatch(message);
    expect(problem?.path).toBe(path);
    expect(problem?.message).not.toMatch(/must NOT|must match|must have required|should be/);
  });

  test('x- extension keys are allowed at the top and in metrics', () => {
    expect(problemsOf(withLine(23, 'x-cost-center: 4711', 'x-notes: { a: 1 }'))).toEqual([]);
    expect(problemsOf(withLine(13, '    expression: amount', '    x-dashboard: revenue'))).toEqual([]);
  });

  test.each(['per: day', 'per: minute', 'per: 24h'])('sla volume accepts %s', (per) => {
    expect(problemsOf(withLine(19, `sla: { volume: { min: 1, ${per} } }`))).toEqual([]);
  });

  test('the compatibility object form takes a mode and a policy', () => {
    expect(problemsOf(withLine(7, 'compatibility: { mode: backward_transitive, policy: lenient }'))).toEqual([]);
  });

  test.each([
    ['metrics', withLine(13, '    expression: amount', '  - { name: net_revenue, type: simple, aggregation: count }'), '/metrics/1/name'],
    ['sources', withLine(21, '  - { name: prod, type: file, path: /a }', '  - { name: prod, type: nats, subject: s }'), '/sources/1/name'],
  ])('duplicate %s names are problems at the second one', (_name, text, path) => {
    expect(problemsOf(text)).toEqual([expect.objectContaining({ rule: 'document-duplicate-name', path, severity: 'breaking' })]);
  });

  test.each([
    ['a slug as the name', 'owner: { name: commerce-data, email: dana@example.com }'],
    ['a team mailbox', 'owner: { name: Commerce, email: data-team@example.com }'],
  ])('an owner that looks like a group gets a warning: %s', (_name, line) => {
    expect(problemsOf(withLine(4, line))).toEqual([
      expect.objectContaining({ rule: 'document-owner-not-person', severity: 'warning', path: '/owner', line: 4, column: 1 }),
    ]);
  });

  test('every problem of a badly broken document has a position and a readable message', () => {
    const problems = problemsOf(['contract: X', 'version: one', 'owner: team', 'status: 3', 'metrics: {}', 'schema: 1', 'foo: bar'].join('\n'));
    expect(problems.length).toBeGreaterThanOrEqual(7);
    for (const problem of problems) {
      expect(problem.line).toBeGreaterThan(0);
      expect(problem).toMatchObject({ file: expect.stringMatching(/orders\.contract\.yaml$/), path: expect.stringMatching(/^\//) });
    }
  });
});
