import type { CheckFinding, ViolationGroup } from '../model.js';
import { driftFinding, percent, type ContractRef } from './drift-finding.js';
import type { DriftRuleId } from './drift-rules.js';

/**
 * Which drift rule a violated keyword becomes. `type`, `required` and the undeclared-property
 * keywords (and `false schema`) are absent: the compatibility diff of the observed schema reports those facts per field
 * (see compat-translation.ts), and these groups are only its evidence. A group of one of those
 * keywords on a field the diff said nothing about (a type inside an `anyOf` branch, say) becomes
 * `schema-drift`, as does any keyword not listed here.
 */
export const VIOLATION_DRIFT_RULES: ReadonlyMap<string, DriftRuleId> = new Map<string, DriftRuleId>([
  ['enum', 'enum-value-unexpected'],
  ['const', 'enum-value-unexpected'],
  ['format', 'format-mismatch'],
  ['pattern', 'pattern-mismatch'],
  ...[
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minLength',
    'maxLength',
    'multipleOf',
    'minItems',
    'maxItems',
    'uniqueItems',
    'minProperties',
    'maxProperties',
    'contains',
  ].map((keyword) => [keyword, 'constraint-breach'] as const),
]);

/** Keywords whose facts the compatibility diff reports per field. */
export const STRUCTURAL_KEYWORDS: ReadonlySet<string> = new Set(['type', 'required', 'additionalProperties', 'unevaluatedProperties', 'false schema']);

/** Unlisted values quoted in an enum message; the rest are in the finding's `after`. */
const MESSAGE_EXAMPLES = 3;

const WHAT: Readonly<Record<string, string>> = {
  'enum-value-unexpected': 'holds values outside the listed ones',
  'format-mismatch': 'holds strings without the declared format',
  'pattern-mismatch': 'holds strings that do not match the declared pattern',
};

export interface ViolationDriftInput {
  readonly ref: ContractRef;
  readonly violations: readonly ViolationGroup[];
  /** `field|keyword` pairs the compatibility diff already reported (structural keywords only). */
  readonly explained: (group: ViolationGroup) => boolean;
  readonly key?: string;
}

/**
 * Drift findings from the validator's violation groups: one per field and keyword, with the
 * group's own severity (the validator's keyword table decides it), its count and rate, and its
 * already redacted examples as `after`.
 */
export function detectViolationDrift(input: ViolationDriftInput): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const group of input.violations) {
    const mapped = VIOLATION_DRIFT_RULES.get(group.keyword);
    if (mapped === undefined && STRUCTURAL_KEYWORDS.has(group.keyword) && input.explained(group)) continue;
    const rule: DriftRuleId = mapped ?? 'schema-drift';
    const subject = group.field !== undefined ? `field ${group.field}` : `the record (${group.path || '/'})`;
    let what = WHAT[rule] ?? `breaks the schema's ${group.keyword} keyword`;
    // The unlisted values are what the owner must decide on; pii values arrive already redacted.
    if (rule === 'enum-value-unexpected' && group.examples.length > 0) {
      what += ` (e.g. ${[...new Set(group.examples.map((value) => JSON.stringify(value)))].slice(0, MESSAGE_EXAMPLES).join(', ')})`;
    }
    findings.push(
      driftFinding(input.ref, {
        rule,
        severity: group.severity,
        ...(group.field !== undefined ? { field: group.field } : { path: group.path || '/' }),
        message: `${subject} ${what} in ${group.count} of the analyzed records (${percent(group.rate)})`,
        after: { keyword: group.keyword, count: group.count, rate: group.rate, examples: group.examples },
        key: `${input.key ?? ''}/${group.keyword}`,
      }),
    );
  }
  return findings;
}
