import type { Severity } from '../../contracts/findings.js';
import type { JsonObject } from '../storage/json-text.js';

/*
 * What the drift page reads from a stored check report. The registry may not import the checker,
 * and the run service validated the report's shape when it was recorded (runs-report-schema.ts),
 * so these readers restate only the members shown and skip anything malformed.
 */

/** A drift or violation finding of a run, as shown. */
export interface RunFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly path: string;
  readonly field?: string;
  readonly message: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Records failing one schema keyword at one field, grouped, with example values (pii already redacted by the checker). */
export interface RunViolation extends RunFinding {
  readonly keyword: string;
  readonly count: number;
  readonly rate: number;
  readonly examples: readonly unknown[];
}

export interface RunReportView {
  readonly violations: readonly RunViolation[];
  readonly drift: readonly RunFinding[];
  readonly readIssues: number;
  readonly sampler?: string;
  /** Which records were analyzed, in words (`first 10000 by id`); reports of older checkers lack it. */
  readonly selection?: string;
}

const SEVERITIES: readonly Severity[] = ['breaking', 'warning', 'info'];

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function finding(value: unknown): RunFinding | undefined {
  const item = record(value);
  if (item === undefined) return undefined;
  const { rule, severity, path, field, message } = item;
  const known = SEVERITIES.find((each) => each === severity);
  if (typeof rule !== 'string' || known === undefined || typeof path !== 'string' || typeof message !== 'string') return undefined;
  return {
    rule,
    severity: known,
    path,
    ...(typeof field === 'string' ? { field } : {}),
    message,
    ...('before' in item ? { before: item['before'] } : {}),
    ...('after' in item ? { after: item['after'] } : {}),
  };
}

function violation(value: unknown): RunViolation | undefined {
  const base = finding(value);
  const item = record(value);
  if (base === undefined || item === undefined) return undefined;
  const { keyword, count, rate, examples } = item;
  if (typeof keyword !== 'string' || typeof count !== 'number' || typeof rate !== 'number') return undefined;
  return { ...base, keyword, count, rate, examples: Array.isArray(examples) ? examples : [] };
}

function list<T>(value: unknown, read: (item: unknown) => T | undefined): T[] {
  return Array.isArray(value) ? value.map(read).filter((item): item is T => item !== undefined) : [];
}

/** The parts of a stored check report the drift page shows. */
export function readRunReport(report: JsonObject): RunReportView {
  const issues = record(report['readIssues'])?.['count'];
  const sampler = report['sampler'];
  const selection = record(report['selection'])?.['text'];
  return {
    violations: list(report['violations'], violation),
    drift: list(report['drift'], finding),
    readIssues: typeof issues === 'number' ? issues : 0,
    ...(typeof sampler === 'string' ? { sampler } : {}),
    ...(typeof selection === 'string' ? { selection } : {}),
  };
}

/**
 * A run's violation rate: the share of analyzed records failing its most-failed check (the
 * highest group rate), between 0 and 1. One number per run that stays comparable between runs
 * whatever the number of checks.
 */
export function violationRate(report: RunReportView): number {
  return Math.min(1, Math.max(0, ...report.violations.map((group) => group.rate)));
}
