import { pathToFileURL } from 'node:url';
import { prepareSchema } from '../contracts/diff/prepared-schema.js';
import { diffSchemas } from '../contracts/diff/schema-diff.js';
import type { JsonSchema } from '../contracts/model.js';
import type { BenchRow } from './support/report.js';
import { renderTable } from './support/report.js';
import type { Timing, TimingPlan } from './support/timing.js';
import { formatMs, formatRatio, timeSync } from './support/timing.js';

/*
 * How the schema diff grows with the width of a `oneOf`: an event union of N = 100, 1,000 and
 * 10,000 object branches (each with a `kind` discriminator and a field of its own), with one
 * branch's field changing type. Near-linear is the target: the 10,000 case at most 20x the
 * 1,000 case (10x more branches). Timed both on plain objects (read afresh by every diff, as a
 * dry run or `concord diff` does once) and on prepared schemas (frozen, normalized once, as the
 * registry keeps its versions).
 *   npx tsx bench/combinator-scale.bench.ts
 */

const WIDTHS = [100, 1_000, 10_000] as const;
/** The 10,000-branch case over the 1,000-branch case, at most. */
const TARGET_RATIO = 20;
/** Plain diffs normalize every branch per run: a few runs of the widest case take seconds. */
const PLAN: TimingPlan = { warmup: 1, runs: 5 };

function union(width: number, changed: number): JsonSchema {
  const branches = Array.from({ length: width }, (_, index) => ({
    type: 'object',
    properties: { kind: { const: `event_${index}` }, [`payload_${index}`]: { type: index === changed ? 'integer' : 'string' } },
    required: ['kind', `payload_${index}`],
    additionalProperties: false,
  }));
  return { type: 'object', properties: { event: { oneOf: branches } }, required: ['event'] };
}

interface WidthRun {
  readonly width: number;
  readonly plain: Timing;
  readonly prepared: Timing;
  readonly changes: string;
}

function measure(width: number): WidthRun {
  const [before, after] = [union(width, -1), union(width, Math.floor(width / 2))];
  let found = '';
  const plain = timeSync(() => {
    const changes = diffSchemas(before, after);
    found = changes.map((change) => `${change.rule} ${change.path}`).join(', ');
  }, PLAN);
  // Each run prepares fresh copies: the first diff of a new pair is what a publish pays.
  const preparedRuns = Array.from({ length: PLAN.warmup + PLAN.runs }, () => [prepareSchema(union(width, -1)), prepareSchema(union(width, Math.floor(width / 2)))] as const);
  let next = 0;
  const prepared = timeSync(() => {
    const [a, b] = preparedRuns[next++]!;
    diffSchemas(a, b);
  }, PLAN);
  return { width, plain, prepared, changes: found };
}

/** Times every width, prints the details through `log` (default console.log), returns the summary rows. */
export function runCombinatorScaleBench(log: (line: string) => void = console.log): BenchRow[] {
  const runs = WIDTHS.map(measure);
  const byWidth = new Map(runs.map((run) => [run.width, run]));
  const [mid, wide] = [byWidth.get(1_000)!, byWidth.get(10_000)!];
  const verdict = (a: Timing, b: Timing): string => `${formatRatio(a.medianMs, b.medianMs)} ${a.medianMs / b.medianMs <= TARGET_RATIO ? 'met' : 'MISSED'}`;
  log(
    [
      `oneOf width: one of N object branches changes a field's type; median of ${PLAN.runs} after ${PLAN.warmup} warm-up`,
      ...runs.map((run) => `  N = ${String(run.width).padStart(6)}: plain ${formatMs(run.plain.medianMs).padStart(9)}, prepared ${formatMs(run.prepared.medianMs).padStart(9)}; found ${run.changes}`),
      `  10,000 / 1,000 (target <= ${TARGET_RATIO}x): plain ${verdict(wide.plain, mid.plain)}, prepared ${verdict(wide.prepared, mid.prepared)}`,
    ].join('\n'),
  );
  const row = (label: string, concord: Timing, baseline: Timing): BenchRow => ({
    benchmark: label,
    concord,
    baseline: { label: 'oneOf of 1,000', timing: baseline },
    ratio: 'concord/baseline',
    note: `target <= ${TARGET_RATIO}x: ${concord.medianMs / baseline.medianMs <= TARGET_RATIO ? 'met' : 'MISSED'}`,
  });
  return [row('diff, oneOf of 10,000, 1 changed (plain)', wide.plain, mid.plain), row('diff, oneOf of 10,000, 1 changed (prepared)', wide.prepared, mid.prepared)];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = runCombinatorScaleBench();
  console.log(`\n${renderTable(rows)}`);
}
