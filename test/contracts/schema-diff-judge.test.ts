import { describe, expect, test } from 'vitest';
import { judge } from '../../contracts/compat-mode.js';
import { diffSchemas } from '../../contracts/diff/schema-diff.js';
import type { Severity } from '../../contracts/findings.js';
import type { CompatibilityMode, CompatibilityPolicy, JsonSchema } from '../../contracts/model.js';

const open = { type: 'object', properties: { id: { type: 'string' } } };

/** Pairs that produce exactly one change, with its rule. */
const PAIRS: Readonly<Record<string, readonly [JsonSchema, JsonSchema]>> = {
  'required-added': [open, { ...open, required: ['id'] }],
  'max-length-increased': [{ ...open, properties: { id: { type: 'string', maxLength: 8 } } }, { ...open, properties: { id: { type: 'string', maxLength: 9 } } }],
  'type-changed': [open, { ...open, properties: { id: { type: 'integer' } } }],
  'property-added-to-open-model': [open, { ...open, properties: { ...open.properties, note: { type: 'string' } } }],
  'additional-properties-allowed': [{ ...open, additionalProperties: false }, open],
  'description-changed': [open, { ...open, description: 'an order' }],
  'deprecated-added': [open, { ...open, properties: { id: { type: 'string', deprecated: true } } }],
};

type Row = readonly [rule: string, mode: CompatibilityMode, policy: CompatibilityPolicy, severity: Severity];

const ROWS: readonly Row[] = [
  ['required-added', 'backward', 'strict', 'breaking'],
  ['required-added', 'forward', 'strict', 'warning'],
  ['required-added', 'full_transitive', 'lenient', 'breaking'],
  ['max-length-increased', 'backward', 'strict', 'warning'],
  ['max-length-increased', 'forward', 'strict', 'breaking'],
  ['max-length-increased', 'none', 'strict', 'warning'],
  ['type-changed', 'backward', 'lenient', 'breaking'],
  ['type-changed', 'forward_transitive', 'strict', 'breaking'],
  ['property-added-to-open-model', 'backward', 'strict', 'breaking'],
  ['property-added-to-open-model', 'backward', 'lenient', 'warning'],
  ['property-added-to-open-model', 'full', 'lenient', 'warning'],
  ['property-added-to-open-model', 'forward', 'strict', 'warning'],
  ['additional-properties-allowed', 'forward', 'strict', 'breaking'],
  ['additional-properties-allowed', 'forward', 'lenient', 'breaking'],
  ['additional-properties-allowed', 'backward', 'strict', 'warning'],
  ['description-changed', 'full', 'strict', 'info'],
  ['deprecated-added', 'full', 'strict', 'warning'],
];

describe('schema changes judged under modes and policies', () => {
  test.each(ROWS)('%s under %s/%s is %s', (rule, mode, policy, severity) => {
    const [before, after] = PAIRS[rule] ?? [true, true];
    const findings = judge(diffSchemas(before, after), mode, policy);
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([[rule, severity]]);
  });
});
