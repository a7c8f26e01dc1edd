import {
  evaluateExpression,
  parseExpression,
  readField,
  referencedFields,
  type Contract,
  type MetricDefinition,
  appendPointer,
} from '../../contracts/index.js';
import type { Expr } from '../../contracts/index.js';
import type { CheckFinding } from '../model.js';
import { driftFinding, percent, type ContractRef } from './drift-finding.js';

export interface MetricSanityInput {
  readonly ref: ContractRef;
  readonly contract: Contract;
  /** The analyzed records; iterated once. */
  readonly sample: Iterable<unknown>;
  readonly key?: string;
}

type Part = 'expression' | 'filter' | 'numerator' | 'denominator';

/** Aggregations that add or average values, so each value must be a number. */
const NUMERIC_AGGREGATIONS: ReadonlySet<string> = new Set(['sum', 'avg', 'median']);

/** One metric expression checked over the sample. */
interface Check {
  readonly metric: MetricDefinition;
  readonly part: Part;
  readonly text: string;
  readonly expr: Expr;
  /** The result each record must give: a number, a condition, or anything. */
  readonly wants: 'number' | 'boolean' | 'any';
  /** Field paths the expression reads (none through arrays); `seen` counts the records that carried each. */
  readonly fields: readonly { readonly name: string; readonly path: readonly string[] }[];
  readonly seen: number[];
  /** Per offending field (or '' for the expression as a whole): records that failed, and the first error message. */
  readonly failures: Map<string, { count: number; message: string }>;
  /** Records the expression was evaluated on (for an expression behind a filter: those that passed it). */
  evaluated: number;
}

function wantOf(metric: MetricDefinition, part: Part): Check['wants'] {
  if (part === 'filter') return 'boolean';
  if (part !== 'expression' || metric.type === 'derived') return 'number';
  return metric.aggregation !== undefined && NUMERIC_AGGREGATIONS.has(metric.aggregation) ? 'number' : 'any';
}

/**
 * The expressions of a metric that read only record fields. Parts that name other metrics
 * (ratio numerators, derived metrics) are checked through those metrics; parts that read array
 * items (`lines[].qty`) have no single value per record and are not checked; parts that do not
 * parse were refused by lint when the contract was published.
 */
function checksOf(contract: Contract): Check[] {
  const metricNames = new Set(contract.metrics.map((metric) => metric.name));
  const checks: Check[] = [];
  for (const metric of contract.metrics) {
    for (const part of ['filter', 'expression', 'numerator', 'denominator'] as const) {
      const text = metric[part];
      if (text === undefined || metricNames.has(text.trim())) continue;
      let expr: Expr;
      try {
        expr = parseExpression(text);
      } catch {
        continue;
      }
      const names = referencedFields(expr);
      if (names.some((name) => metricNames.has(name) || name.includes('[]'))) continue;
      const fields = names.map((name) => ({ name, path: fieldPath(expr, name) }));
      checks.push({ metric, part, text, expr, wants: wantOf(metric, part), fields, seen: fields.map(() => 0), failures: new Map(), evaluated: 0 });
    }
  }
  return checks;
}

/** The parsed segments of a referenced field (backquoted names may hold dots, so the text is not split). */
function fieldPath(expr: Expr, name: string): readonly string[] {
  const pending: Expr[] = [expr];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.kind === 'field' && node.name === name) return node.path;
    if (node.kind === 'unary' || node.kind === 'is-null') pending.push(node.operand);
    else if (node.kind === 'binary') pending.push(node.left, node.right);
    else if (node.kind === 'in') pending.push(node.operand, ...node.list);
    else if (node.kind === 'call') pending.push(...node.args);
  }
  return [name];
}

function fail(check: Check, field: string, message: string): void {
  const failure = check.failures.get(field);
  if (failure === undefined) check.failures.set(field, { count: 1, message });
  else failure.count += 1;
}

function typeWord(value: unknown): string {
  return typeof value === 'boolean' ? 'a condition (true/false)' : `a ${typeof value}`;
}

/** Evaluates one check on one record; returns the filter's verdict for filter checks. */
function run(check: Check, record: unknown): boolean {
  check.evaluated += 1;
  const result = evaluateExpression(check.expr, record);
  if (!result.ok) {
    fail(check, result.error.field ?? '', result.error.message);
    return false;
  }
  const value = result.value;
  if (value !== null && check.wants !== 'any' && typeof value !== check.wants) {
    const single = check.expr.kind === 'field' ? check.expr.name : '';
    const need = check.wants === 'number' ? 'a number' : 'a condition (true/false)';
    fail(check, single, `it gives ${typeWord(value)} where ${check.part === 'filter' ? 'a filter' : `aggregation ${check.metric.aggregation ?? check.metric.type}`} needs ${need}`);
  }
  return value === true;
}

function findingsOf(input: MetricSanityInput, check: Check, records: number): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const path = appendPointer('', 'metrics', check.metric.name, check.part);
  const at = `metric ${check.metric.name} ${check.part} '${check.text}'`;
  const missing = check.fields.filter((_, index) => check.seen[index] === 0);
  for (const field of missing) {
    findings.push(
      driftFinding(input.ref, {
        rule: 'metric-not-computable',
        path,
        field: field.name,
        message: `${at} cannot be computed: field ${field.name} is missing from all ${records} analyzed records`,
        key: `${input.key ?? ''}/${field.name}`,
      }),
    );
  }
  for (const [field, failure] of check.failures) {
    if (missing.some((gone) => gone.name === field)) continue;
    findings.push(
      driftFinding(input.ref, {
        rule: 'metric-not-computable',
        path,
        ...(field !== '' ? { field } : {}),
        message: `${at} cannot be computed on ${percent(failure.count / Math.max(1, check.evaluated))} of the records it applies to: ${failure.message}`,
        after: { records: failure.count, of: check.evaluated },
        key: `${input.key ?? ''}/${field}`,
      }),
    );
  }
  return findings;
}

/**
 * Metric sanity: evaluates every metric's expression and filter (and ratio parts written as
 * expressions) on each analyzed record, and reports `metric-not-computable` when a field the
 * metric reads is missing from every record, or when a value of the wrong type stops the
 * computation (a string in arithmetic, a non-number where `sum`/`avg`/`median` add values, a
 * filter that is not a condition). One finding per metric part and field. Expressions behind a
 * filter are evaluated only on records the filter lets through. An empty sample gives nothing.
 */
export function detectMetricDrift(input: MetricSanityInput): CheckFinding[] {
  const checks = checksOf(input.contract);
  if (checks.length === 0) return [];
  const filters = new Map(checks.filter((check) => check.part === 'filter').map((check) => [check.metric.name, check]));
  let records = 0;
  for (const record of input.sample) {
    records += 1;
    const passed = new Map<string, boolean>();
    for (const check of checks) {
      // Presence counts over every record, so a filter that lets nothing through cannot make a field look missing.
      check.fields.forEach((field, index) => {
        if (readField(record, field.path).present) check.seen[index]! += 1;
      });
      if (check.part === 'filter') {
        passed.set(check.metric.name, run(check, record));
      } else if (!filters.has(check.metric.name) || passed.get(check.metric.name) === true) {
        run(check, record);
      }
    }
  }
  if (records === 0) return [];
  return checks.flatMap((check) => findingsOf(input, check, records));
}
