import type { CheckFinding, ReadIssueKind } from '../model.js';
import { driftFinding, percent, type ContractRef } from './drift-finding.js';
import type { DriftThresholds } from './drift-thresholds.js';

/** Issue kinds that are input the run could not read as records; `truncated` and `retry` are judged apart. */
export const UNREADABLE_KINDS = ['malformed', 'oversized', 'decode'] as const satisfies readonly ReadIssueKind[];

const KIND_WORDS: Readonly<Record<(typeof UNREADABLE_KINDS)[number], string>> = {
  malformed: 'malformed',
  oversized: 'over the line limit',
  decode: 'not UTF-8',
};

export interface ReadHealthInput {
  readonly ref: ContractRef;
  /** Records read as records (whether or not the sampler kept them). */
  readonly read: number;
  /** Records analyzed; zero makes the run `no-records-analysed`. */
  readonly analysed: number;
  /** Read issues counted, by kind. */
  readonly issues: Readonly<Partial<Record<ReadIssueKind, number>>>;
  readonly thresholds: Pick<DriftThresholds, 'unreadableWarn' | 'unreadableBreaking'>;
  /** What one unit of input is called: `records` for a check, `lines` for the gate. */
  readonly unit?: string;
  /** The source, mixed into fingerprints. */
  readonly key?: string;
}

/**
 * How well the input could be read, as findings: the one function `concord check` (through
 * detectDrift) and `concord gate` both decide read health with, so the same input gets the same
 * read verdict from both. No record analyzed is `no-records-analysed` (breaking, and alone: it
 * names the unreadable and truncated input itself); otherwise a share of unreadable input
 * (malformed, oversized, not UTF-8 over records read plus those) above `unreadableWarn` is
 * `feed-unreadable`, a warning, and above `unreadableBreaking` breaking; and input that stopped
 * being readable before its end is `feed-truncated`, breaking. Below the warning share the issues
 * are only counted in the report.
 */
export function detectReadHealth(input: ReadHealthInput): CheckFinding[] {
  const { ref, thresholds } = input;
  const unit = input.unit ?? 'records';
  const key = input.key !== undefined ? { key: input.key } : {};
  const unreadable = UNREADABLE_KINDS.reduce((sum, kind) => sum + (input.issues[kind] ?? 0), 0);
  const truncated = input.issues.truncated ?? 0;
  const total = input.read + unreadable;
  const share = total === 0 ? 0 : unreadable / total;
  const parts = UNREADABLE_KINDS.filter((kind) => (input.issues[kind] ?? 0) > 0).map((kind) => `${input.issues[kind]} ${KIND_WORDS[kind]}`);
  const counts = { read: input.read, unreadable, truncated, share };
  if (input.analysed === 0) {
    const why =
      unreadable > 0
        ? `none of the ${total} ${unit} of the input could be read (${parts.join(', ')})${truncated > 0 ? ', and the input broke off before its end' : ''}`
        : truncated > 0
          ? 'the input broke off before its first record'
          : input.read > 0
            ? `the sampler kept none of the ${input.read} ${unit} read`
            : 'the feed held no records';
    return [driftFinding(ref, { rule: 'no-records-analysed', message: `no record was analyzed: ${why}`, after: counts, ...key })];
  }
  const findings: CheckFinding[] = [];
  if (share > thresholds.unreadableWarn) {
    const breaking = share > thresholds.unreadableBreaking;
    findings.push(
      driftFinding(ref, {
        rule: 'feed-unreadable',
        severity: breaking ? 'breaking' : 'warning',
        message: `${unreadable} of ${total} ${unit} (${percent(share)}) could not be read (${parts.join(', ')}), more than the ${percent(breaking ? thresholds.unreadableBreaking : thresholds.unreadableWarn)} allowed`,
        before: { unreadableWarn: thresholds.unreadableWarn, unreadableBreaking: thresholds.unreadableBreaking },
        after: counts,
        ...key,
      }),
    );
  }
  if (truncated > 0) {
    findings.push(
      driftFinding(ref, {
        rule: 'feed-truncated',
        message: `the input broke off before its end ${truncated === 1 ? 'once' : `${truncated} times`} after ${input.read} ${unit} read; what followed was skipped`,
        after: counts,
        ...key,
      }),
    );
  }
  return findings;
}

