import { pathToFileURL } from 'node:url';
import { prepareSchema } from '../contracts/diff/prepared-schema.js';
import { diffSchemas } from '../contracts/diff/schema-diff.js';
import type { Change } from '../contracts/findings.js';
import { propertiesInChanges, propertiesInSetDiff } from './support/changed-properties.js';
import type { BenchRow } from './support/report.js';
import { renderTable } from './support/report.js';
import type { SetDiffTiming } from './support/set-diff-runner.js';
import { timeSetDiff } from './support/set-diff-runner.js';
import type { Timing, TimingPlan } from './support/timing.js';
import { formatMs, formatRatio, summarize, timeSync } from './support/timing.js';
import type { PropertyChange, SchemaObject, WidePair } from './support/wide-schema.js';
import { PROPERTY_CHANGES, buildWidePair } from './support/wide-schema.js';

/*
 * Our schema diff against the npm package json-schema-diff on the same wide schemas, in the same
 * run: a 2,000-property pair with 3% of the properties edited, and an identical pair. Then ours
 * on prepared schemas (frozen, normalized once, as the registry keeps its versions) against ours
 * on plain objects: the edited pair, and a 300-property pair with a handful of edits, the cost
 * of one comparison in a transitive check.
 *   npx tsx bench/schema-diff.bench.ts
 */

/** Top-level properties per schema: the width of a big warehouse table's feed. */
const PROPERTIES = 2000;
/** Share of properties the edit changes, within the 2-5% a real release touches. */
const CHANGE_SHARE = 0.03;
/** Ours runs in well under a second, so a median of 15 after 3 warm-ups is cheap and stable. */
const CONCORD_PLAN: TimingPlan = { warmup: 3, runs: 15 };
/** json-schema-diff takes seconds per wide pair: 3 runs. */
const SET_DIFF_RUNS = 3;
/**
 * Longest json-schema-diff run let finish, so `npm run bench` stays under 2 minutes: on an
 * identical 2,000-property pair it needs minutes (its time grows about with the square of the
 * property count), and such a run is reported as "more than" this. The edited pair takes 3-6 s.
 */
const SET_DIFF_LIMIT_MS = 12_000;
/** Width of the pair that warms json-schema-diff's worker: big enough to compile its hot paths, quick to diff. */
const WARMUP_PROPERTIES = 50;
/** Names listed per "found by one only" line; the count is always printed. */
const NAMES_SHOWN = 6;
/** The schema width of the per-comparison target: two 300-property versions differing in a handful of properties. */
const NARROW_PROPERTIES = 300;
const NARROW_CHANGES = 5;
/** Runs of the plain and prepared diffs; the narrow pair's diff takes microseconds, so each of its runs repeats it NARROW_REPEATS times. */
const PREPARED_PLAN: TimingPlan = { warmup: 5, runs: 25 };
const NARROW_REPEATS = 50;

function listed(names: readonly string[], changed: ReadonlyMap<string, PropertyChange>): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, NAMES_SHOWN).map((name) => `${name} (${changed.get(name) ?? 'unchanged'})`);
  return `${names.length}: ${shown.join(', ')}${names.length > NAMES_SHOWN ? ', ...' : ''}`;
}

function countsByKind(names: ReadonlySet<string>, changed: ReadonlyMap<string, PropertyChange>): string {
  return PROPERTY_CHANGES.map((kind) => {
    const ofKind = [...changed].filter(([, change]) => change === kind).map(([name]) => name);
    return `${kind} ${ofKind.filter((name) => names.has(name)).length}/${ofKind.length}`;
  }).join(', ');
}

interface PairRun {
  readonly concord: Timing;
  readonly setDiff: Timing;
  /** json-schema-diff was stopped at SET_DIFF_LIMIT_MS: its median is a lower bound. */
  readonly setDiffStopped: boolean;
  readonly concordNames: ReadonlySet<string>;
  /** Undefined when no json-schema-diff run finished. */
  readonly setDiffNames?: ReadonlySet<string>;
}

function setDiffSummary(timing: SetDiffTiming): Timing {
  const samples = timing.stoppedAfterMs === undefined ? timing.samplesMs : [...timing.samplesMs, timing.stoppedAfterMs];
  return summarize(samples);
}

async function measure(pair: WidePair, warmup: WidePair): Promise<PairRun> {
  let changes: Change[] = [];
  const concord = timeSync(() => (changes = diffSchemas(pair.before, pair.after)), CONCORD_PLAN);
  const setDiff = await timeSetDiff(pair.before, pair.after, { warmup, runs: SET_DIFF_RUNS, limitMs: SET_DIFF_LIMIT_MS });
  return {
    concord,
    setDiff: setDiffSummary(setDiff),
    setDiffStopped: setDiff.stoppedAfterMs !== undefined,
    concordNames: propertiesInChanges(changes),
    ...(setDiff.result !== undefined ? { setDiffNames: propertiesInSetDiff(setDiff.result, pair.before, pair.after) } : {}),
  };
}

function setDiffText(run: PairRun): string {
  const runs = run.setDiff.runs - (run.setDiffStopped ? 1 : 0);
  return run.setDiffStopped
    ? `more than ${formatMs(run.setDiff.medianMs)} (${runs} run(s) finished, one stopped at ${formatMs(SET_DIFF_LIMIT_MS)})`
    : `median ${formatMs(run.setDiff.medianMs)} of ${runs} runs`;
}

interface PreparedRun {
  readonly plain: Timing;
  readonly prepared: Timing;
  readonly changes: number;
}

/** One diff's median time, from runs of `repeats` diffs each. */
function timeDiff(before: SchemaObject, after: SchemaObject, repeats: number): Timing {
  const timing = timeSync(() => {
    for (let repeat = 0; repeat < repeats; repeat += 1) diffSchemas(before, after);
  }, PREPARED_PLAN);
  return { ...timing, medianMs: timing.medianMs / repeats, minMs: timing.minMs / repeats };
}

/** Ours on plain copies of the pair (read afresh each time) and on prepared ones (normalized in the warm-up). */
function measurePrepared(pair: WidePair, repeats: number): PreparedRun {
  const plain = timeDiff(pair.before, pair.after, repeats);
  const [before, after] = [prepareSchema(pair.before) as SchemaObject, prepareSchema(pair.after) as SchemaObject];
  return { plain, prepared: timeDiff(before, after, repeats), changes: diffSchemas(before, after).length };
}

/** Runs both engines on the edited and the identical pair, prints the details through `log` (default console.log), returns summary rows. */
export async function runSchemaDiffBench(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  const edited = buildWidePair({ properties: PROPERTIES, changeShare: CHANGE_SHARE });
  const identical: WidePair = { before: edited.before, after: JSON.parse(JSON.stringify(edited.before)) as SchemaObject, changed: new Map() };
  const warmup = buildWidePair({ properties: WARMUP_PROPERTIES, seed: 2 });
  const changedRun = await measure(edited, warmup);
  const identicalRun = await measure(identical, warmup);
  const truth = [...edited.changed.keys()];
  const setDiffNames = changedRun.setDiffNames ?? new Set<string>();
  const spurious = (names: ReadonlySet<string>): number => [...names].filter((name) => !edited.changed.has(name)).length;
  const prefix = (run: PairRun): string => (run.setDiffStopped ? '> ' : '');

  log(`schema diff: ${PROPERTIES} properties, ${truth.length} changed (${CHANGE_SHARE * 100}%)`);
  log(`  concord diffSchemas: median ${formatMs(changedRun.concord.medianMs)} of ${changedRun.concord.runs} runs`);
  log(`  json-schema-diff:    ${setDiffText(changedRun)}`);
  log(`  json-schema-diff / concord: ${prefix(changedRun)}${formatRatio(changedRun.setDiff.medianMs, changedRun.concord.medianMs)}`);
  log(`  changed properties found by concord:          ${countsByKind(changedRun.concordNames, edited.changed)}; unchanged ones reported: ${spurious(changedRun.concordNames)}`);
  if (changedRun.setDiffNames !== undefined) {
    log(`  changed properties found by json-schema-diff: ${countsByKind(setDiffNames, edited.changed)}; unchanged ones reported: ${spurious(setDiffNames)}`);
    log(`  found by concord only: ${listed(truth.filter((name) => changedRun.concordNames.has(name) && !setDiffNames.has(name)), edited.changed)}`);
    log(`  found by json-schema-diff only: ${listed(truth.filter((name) => setDiffNames.has(name) && !changedRun.concordNames.has(name)), edited.changed)}`);
  }
  log(`identical pair: ${PROPERTIES} properties`);
  log(`  concord diffSchemas: median ${formatMs(identicalRun.concord.medianMs)}; properties reported: ${identicalRun.concordNames.size}`);
  log(`  json-schema-diff:    ${setDiffText(identicalRun)}; properties reported: ${identicalRun.setDiffNames?.size ?? 'n/a'}`);
  log(`  json-schema-diff / concord: ${prefix(identicalRun)}${formatRatio(identicalRun.setDiff.medianMs, identicalRun.concord.medianMs)}`);
  const wide = measurePrepared(edited, 1);
  const narrow = measurePrepared(buildWidePair({ properties: NARROW_PROPERTIES, changeShare: NARROW_CHANGES / NARROW_PROPERTIES, seed: 3 }), NARROW_REPEATS);
  for (const [label, run] of [[`${PROPERTIES} properties, ${truth.length} changed`, wide], [`${NARROW_PROPERTIES} properties, ${NARROW_CHANGES} changed`, narrow]] as const) {
    log(`prepared schemas, ${label} (${run.changes} changes):`);
    log(`  concord plain: median ${formatMs(run.plain.medianMs)}; prepared: median ${formatMs(run.prepared.medianMs)}; plain / prepared ${formatRatio(run.plain.medianMs, run.prepared.medianMs)}`);
  }

  return [
    {
      benchmark: `schema diff, ${PROPERTIES} props, ${truth.length} changed`,
      concord: changedRun.concord,
      baseline: { label: 'json-schema-diff', timing: changedRun.setDiff, atLeast: changedRun.setDiffStopped },
      note: `changed props found: concord ${changedRun.concordNames.size - spurious(changedRun.concordNames)}, json-schema-diff ${changedRun.setDiffNames === undefined ? 'n/a' : setDiffNames.size - spurious(setDiffNames)} of ${truth.length}`,
    },
    {
      benchmark: `schema diff, ${PROPERTIES} props, identical`,
      concord: identicalRun.concord,
      baseline: { label: 'json-schema-diff', timing: identicalRun.setDiff, atLeast: identicalRun.setDiffStopped },
    },
    {
      benchmark: `prepared diff, ${PROPERTIES} props, ${truth.length} changed`,
      concord: wide.prepared,
      baseline: { label: 'concord, plain objects', timing: wide.plain },
    },
    {
      benchmark: `prepared diff, ${NARROW_PROPERTIES} props, ${NARROW_CHANGES} changed`,
      concord: narrow.prepared,
      baseline: { label: 'concord, plain objects', timing: narrow.plain },
      note: 'one comparison of a transitive check',
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runSchemaDiffBench();
  console.log(`\n${renderTable(rows)}`);
}
