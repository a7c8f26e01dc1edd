import type { RuleRow } from '../../contracts/index.js';
import { DEFAULT_UNREADABLE_BREAKING, DEFAULT_UNREADABLE_WARN, MONOTONIC_BREAKING_SHARE, MONOTONIC_REGRESSED_SHARE } from './drift-thresholds.js';

/** One row of the drift rule table: detectDrift, docs/drift-rules.md and the tests all read these rows. */
export interface DriftRuleSpec<Id extends string = string> extends RuleRow<Id> {
  readonly kind: 'drift';
  readonly area: 'read' | 'schema' | 'statistics' | 'sla' | 'metric';
  /** When a finding gets another severity than the default, in one phrase. */
  readonly escalation?: string;
  /** What the reader should do next. */
  readonly action: string;
}

/** Keeps each id's literal type, so DriftRuleId is read off the table rather than listed twice. */
function rule<const Id extends string>(spec: Omit<DriftRuleSpec<Id>, 'kind'>): DriftRuleSpec<Id> {
  return Object.freeze({ ...spec, kind: 'drift' as const });
}

/**
 * The drift rules. Where two rules could describe one fact, the more specific one wins and the
 * other is not reported for that field (see "Which rule wins" in docs/drift-rules.md):
 * `field-likely-renamed` over `undeclared-field`, `required-field-missing` and
 * `optional-field-never-present`; `date-as-epoch` over `field-type-changed`; `null-not-allowed`
 * over `null-rate-jump`; the specific value rules over `schema-drift`; `monotonic-regressed` over
 * `numeric-shift` and `categorical-shift` on fields declared monotonic.
 */
export const DRIFT_RULES = Object.freeze([
  rule({
    id: 'no-records-analysed',
    area: 'read',
    severity: 'breaking',
    explanation:
      'The run analyzed no record at all: the feed was empty, every record in it was unreadable, or the sampler kept none. Nothing was checked, so nothing can pass; this finding stands alone (read and SLA findings aside, nothing else can be judged).',
    action: 'Check that the producer is writing and that the source points at the right feed, in the format it declares.',
  }),
  rule({
    id: 'feed-unreadable',
    area: 'read',
    severity: 'warning',
    escalation: `breaking above \`unreadable_breaking\` (default ${DEFAULT_UNREADABLE_BREAKING * 100}%) of the input; below \`unreadable_warn\` (default ${DEFAULT_UNREADABLE_WARN * 100}%) no finding, the issues are only counted`,
    explanation:
      'Part of the input could not be read as records: malformed (not JSON, a CSV row with the wrong cells), longer than the line limit, or not UTF-8. Those records were skipped, so the run judged only the rest and a reader of the feed loses them too.',
    action: 'Look at the read issues of the report (each names its line and byte offset) and fix the producer that writes them.',
  }),
  rule({
    id: 'feed-truncated',
    area: 'read',
    severity: 'breaking',
    explanation:
      'The input stopped being readable before its end: a JSON document that never closes, or one that breaks off into bytes that are not JSON or not UTF-8. Everything after that point was skipped, and how much that was is unknown.',
    action: 'Check how the file was written or transferred (a crashed writer, a partial upload, a full disk) and produce it again whole.',
  }),
  rule({
    id: 'undeclared-field',
    area: 'schema',
    severity: 'warning',
    escalation: 'breaking when the object around it is closed (`additionalProperties: false`)',
    explanation: 'Records carry a field the contract does not declare. Open objects allow it, but readers cannot rely on it and a later version may declare it differently.',
    action: 'Declare the field in a new contract version, or stop the producer from sending it.',
  }),
  rule({
    id: 'field-likely-renamed',
    area: 'schema',
    severity: 'breaking',
    escalation: 'warning when the declared field is optional',
    explanation: 'A declared field is (almost) never present while an undeclared field with the same type and a similar profile appears: the producer most likely renamed it.',
    action: 'Restore the declared name in the producer, or publish a major version that renames the field.',
  }),
  rule({
    id: 'required-field-missing',
    area: 'schema',
    severity: 'breaking',
    explanation: 'Records lack a field the contract requires.',
    action: 'Fix the producer to always send the field, or publish a major version that makes it optional.',
  }),
  rule({
    id: 'optional-field-never-present',
    area: 'schema',
    severity: 'info',
    escalation: 'warning when the baseline profile saw the field',
    explanation: 'An optional field the contract declares never appeared in the analyzed records.',
    action: 'Check whether the producer stopped sending it; if it is gone for good, deprecate it in the contract.',
  }),
  rule({
    id: 'field-type-changed',
    area: 'schema',
    severity: 'breaking',
    explanation: 'A field arrives with a JSON type the contract does not allow, e.g. numbers arriving as strings.',
    action: 'Fix the producer to send the declared type, or publish a major version with the new type.',
  }),
  rule({
    id: 'date-as-epoch',
    area: 'schema',
    severity: 'breaking',
    explanation: 'A field declared as a date-time string arrives as integers that look like epoch seconds or milliseconds.',
    action: 'Fix the producer to send ISO 8601 strings, or publish a major version that declares epoch integers.',
  }),
  rule({
    id: 'null-not-allowed',
    area: 'schema',
    severity: 'breaking',
    explanation: 'A field holds null although the contract does not allow null for it.',
    action: 'Fix the producer to send a value, or publish a version that allows null for the field.',
  }),
  rule({
    id: 'enum-value-unexpected',
    area: 'schema',
    severity: 'breaking',
    explanation: 'A field holds values outside the listed `enum`/`const` values of the contract.',
    action: 'Map the new values to listed ones in the producer, or publish a version that lists them (readers must handle them first).',
  }),
  rule({
    id: 'format-mismatch',
    area: 'schema',
    severity: 'breaking',
    explanation: 'String values do not have the declared `format` (date-time, email, uuid, ...).',
    action: 'Fix the producer to send values in the declared format, or change the format in a new version.',
  }),
  rule({
    id: 'pattern-mismatch',
    area: 'schema',
    severity: 'breaking',
    explanation: 'String values do not match the declared `pattern`.',
    action: 'Fix the producer to send matching values, or change the pattern in a new version.',
  }),
  rule({
    id: 'constraint-breach',
    area: 'schema',
    severity: 'breaking',
    escalation: 'the severity the validator gave the violated keyword',
    explanation: 'Values break a declared constraint: minimum/maximum, length, multipleOf, item or property counts, uniqueness.',
    action: 'Fix the producer, or relax the constraint in a new version if the new values are legitimate.',
  }),
  rule({
    id: 'schema-drift',
    area: 'schema',
    severity: 'breaking',
    explanation: 'The schema the records actually satisfy differs from the contract in a way no more specific rule names; the compatibility rule id is in the message.',
    action: 'Compare the observed schema with the contract and fix the producer or publish a new version.',
  }),
  rule({
    id: 'null-rate-jump',
    area: 'statistics',
    severity: 'warning',
    explanation: 'The share of null or missing values of a field rose clearly above the baseline run of the same source.',
    action: 'Check the producer for a failing join or lookup that now leaves the field empty.',
  }),
  rule({
    id: 'categorical-shift',
    area: 'statistics',
    severity: 'warning',
    escalation: 'breaking at or above the breaking PSI threshold',
    explanation: 'The distribution of a categorical field moved away from the baseline (population stability index over the top values plus "other").',
    action: 'Check whether the shift is real (a new market, a campaign) or a producer bug; models trained on the old mix may need retraining.',
  }),
  rule({
    id: 'numeric-shift',
    area: 'statistics',
    severity: 'warning',
    escalation: 'breaking at or above the breaking PSI threshold',
    explanation: "The distribution of a numeric field moved away from the baseline (population stability index over the baseline's quantile bins).",
    action: 'Check units and scaling in the producer (cents vs euros, seconds vs milliseconds); retrain or recalibrate models if the shift is real.',
  }),
  rule({
    id: 'monotonic-regressed',
    area: 'statistics',
    severity: 'warning',
    escalation: `breaking when at least ${MONOTONIC_BREAKING_SHARE * 100}% of the values are below the baseline's largest value`,
    explanation:
      `A field declared \`x-concord-monotonic: true\` (ids, counters, epoch timestamps, dates; exempt from \`numeric-shift\` and \`categorical-shift\`) went backwards: more than ${MONOTONIC_REGRESSED_SHARE * 100}% of its values are below the smallest value of the baseline, the sign of a reset sequence or replayed data.`,
    action: 'Check the producer for a sequence or counter that restarted, a restore from backup, or a replay of old data; remove the annotation if the field may legitimately go down.',
  }),
  rule({
    id: 'volume-below-sla',
    area: 'sla',
    severity: 'breaking',
    explanation: 'The feed held fewer records than the contract\'s `sla.volume.min` for its period. Judged only when the whole feed was read.',
    action: 'Check the producer for lost or delayed data, and tell the contract owner.',
  }),
  rule({
    id: 'volume-above-sla',
    area: 'sla',
    severity: 'warning',
    explanation: 'The feed held more records than the contract\'s `sla.volume.max` for its period (duplicates or a replay?). Judged only when the whole feed was read.',
    action: 'Check the producer for duplicated or replayed data.',
  }),
  rule({
    id: 'freshness-breached',
    area: 'sla',
    severity: 'breaking',
    explanation: "The newest value of the SLA freshness field is older than `sla.freshness.max_age`, or no record carried one.",
    action: 'Check that the producer is running and publishing; tell the contract owner.',
  }),
  rule({
    id: 'metric-not-computable',
    area: 'metric',
    severity: 'breaking',
    explanation: "A metric's expression or filter cannot be computed on the records: a field it reads is missing from every record, or holds values of the wrong type.",
    action: 'Fix the producer so the fields the metric reads are present and typed as declared, or publish a version with a metric definition that matches the data.',
  }),
]);

const BY_ID: ReadonlyMap<string, DriftRuleSpec> = new Map(DRIFT_RULES.map((spec) => [spec.id, spec]));

/** Every drift rule id. */
export type DriftRuleId = (typeof DRIFT_RULES)[number]['id'];

/** The row of a drift rule. */
export function driftRule(id: DriftRuleId): DriftRuleSpec {
  return BY_ID.get(id)!;
}
