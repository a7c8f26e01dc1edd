import type { CheckFinding, ViolationGroup } from '../../vocabulary/index.js';
import { isCheckFinding, isViolationGroup } from '../services/run-report-check.js';
import type { JsonObject } from '../storage/json-text.js';

/*
 * What the drift page reads from a stored check report. Runs recorded by older registries were
 * held to looser bounds than today's CheckReportSchema, so each item is read through the
 * vocabulary's schemas and anything that does not conform is skipped rather than shown wrong.
 */

export interface RunReportView {
  readonly violations: readonly ViolationGroup[];
  readonly drift: readonly CheckFinding[];
  readonly readIssues: number;
  readonly sampler?: string;
  /** Which records were analyzed, in words (`first 10000 by id`); reports of older checkers lack it. */
  readonly selection?: string;
}

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function list<T>(value: unknown, conforms: (item: unknown) => item is T): T[] {
  return Array.isArray(value) ? value.filter(conforms) : [];
}

/** The parts of a stored check report the drift page shows. */
export function readRunReport(report: JsonObject): RunReportView {
  const issues = record(report['readIssues'])?.['count'];
  const sampler = report['sampler'];
  const selection = record(report['selection'])?.['text'];
  return {
    violations: list(report['violations'], isViolationGroup),
    drift: list(report['drift'], isCheckFinding),
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
