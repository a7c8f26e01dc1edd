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

/** Allowed values quoted in an enum message; a longer list is in the finding's `before`. */
const MESSAGE_ALLOWED = 12;

const WHAT: Readonly<Record<string, string>> = {
  'format-mismatch': 'holds strings without the declared format',
  'pattern-mismatch': 'holds strings that do not match the declared pattern',
};

export interface ViolationDriftInput {
  readonly ref: ContractRef;
  readonly violations: readonly ViolationGroup[];
  /** `field|keyword` pairs the compatibility diff already reported (structural keywords only). */
  readonly explained: (group: ViolationGroup) => boolean;
  /** Fields whose nulls a finding of their own already reports (`null-not-allowed`): nulls are left out of their enum findings. */
  readonly nullReported: ReadonlySet<string>;
  /** The values the contract lists for a field (`enum`, or `const`), for the enum findings. */
  readonly allowed: (field: string) => readonly unknown[] | undefined;
  /** Records analyzed. */
  readonly records: number;
  readonly key?: string;
}

const quote = (value: unknown): string => JSON.stringify(value) ?? String(value);

/**
 * The enum finding of a group: one per field, listing the allowed values and each unexpected one
 * with its count; nulls are left out when `null-not-allowed` reports them, and a group of nothing
 * but such nulls gives no finding at all. Undefined then.
 */
function enumFinding(input: ViolationDriftInput, group: ViolationGroup): CheckFinding | undefined {
  const field = group.field;
  const dropNulls = field !== undefined && input.nullReported.has(field);
  const values = group.values?.filter((entry) => !(dropNulls && entry.value === null));
  if (values !== undefined && values.length === 0 && (group.otherValues ?? 0) === 0) return undefined;
  const subject = field !== undefined ? `field ${field}` : `the record (${group.path || '/'})`;
  const allowed = field === undefined ? undefined : input.allowed(field);
  const allowedText = allowed === undefined ? '' : ` (${allowed.slice(0, MESSAGE_ALLOWED).map(quote).join(', ')}${allowed.length > MESSAGE_ALLOWED ? `, and ${allowed.length - MESSAGE_ALLOWED} more` : ''})`;
  let unexpected: string;
  let count = group.count;
  if (values === undefined) {
    unexpected = group.examples.length > 0 ? ` (e.g. ${[...new Set(group.examples.map(quote))].slice(0, MESSAGE_EXAMPLES).join(', ')})` : '';
  } else {
    const other = group.otherValues ?? 0;
    count = values.reduce((sum, entry) => sum + entry.count, 0) + other;
    unexpected = `: ${values.map((entry) => `${quote(entry.value)} ×${entry.count}`).join(', ')}${other > 0 ? `, and ${other} more of other values` : ''}`;
  }
  const rate = input.records === 0 ? 0 : Math.min(1, count / input.records);
  return driftFinding(input.ref, {
    rule: 'enum-value-unexpected',
    severity: group.severity,
    ...(field !== undefined ? { field } : { path: group.path || '/' }),
    message: `${subject} holds values outside the allowed ones${allowedText}${unexpected}, ${count} in ${input.records} analyzed records (${percent(rate)})`,
    ...(allowed !== undefined ? { before: { allowed } } : {}),
    after: { keyword: group.keyword, count, rate, ...(values !== undefined ? { unexpected: values } : {}), ...(group.otherValues !== undefined ? { otherValues: group.otherValues } : {}), examples: group.examples },
    key: `${input.key ?? ''}/${group.keyword}`,
  });
}

/**
 * Drift findings from the validator's violation groups: one per field and keyword, with the
 * group's own severity (the validator's keyword table decides it), its count and rate, and its
 * already redacted examples as `after`; enum and const groups become one `enum-value-unexpected`
 * finding per field naming the allowed and the unexpected values (see enumFinding).
 */
export function detectViolationDrift(input: ViolationDriftInput): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const group of input.violations) {
    const mapped = VIOLATION_DRIFT_RULES.get(group.keyword);
    if (mapped === undefined && STRUCTURAL_KEYWORDS.has(group.keyword) && input.explained(group)) continue;
    const rule: DriftRuleId = mapped ?? 'schema-drift';
    if (rule === 'enum-value-unexpected') {
      const finding = enumFinding(input, group);
      if (finding !== undefined) findings.push(finding);
      continue;
    }
    const subject = group.field !== undefined ? `field ${group.field}` : `the record (${group.path || '/'})`;
    const what = WHAT[rule] ?? `breaks the schema's ${group.keyword} keyword`;
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
