import { pathToFileURL } from 'node:url';
import { checkAgainstHistory } from '../contracts/diff/contract-diff.js';
import type { HistoryCheck } from '../contracts/diff/contract-diff.js';
import { prepareSchema } from '../contracts/diff/prepared-schema.js';
import type { Contract } from '../contracts/model.js';
import { HISTORY_COMPATIBILITY, buildContractHistory } from './support/contract-history.js';
import type { BenchRow } from './support/report.js';
import { renderTable } from './support/report.js';
import type { TimingPlan } from './support/timing.js';
import { formatMs, formatRatio, timeSync } from './support/timing.js';

/*
 * A candidate release checked against every earlier version of its contract (`full_transitive`),
 * against checking it against one version: the latest (the usual, most similar one) and the
 * first (the most different one). Twice: with the versions as plain objects, read afresh by
 * every check, and prepared (frozen, as contracts loaded through the library and kept by the
 * registry are), where each version is normalized once per process and later checks reuse it.
 *   npx tsx bench/transitive.bench.ts
 */

/** Earlier versions: a contract released weekly for ten years. */
const VERSIONS = 500;
/** A full check takes seconds; 1 warm-up and 3 runs keep `npm run bench` under 2 minutes. */
const HISTORY_PLAN: TimingPlan = { warmup: 1, runs: 3 };
/** One comparison takes milliseconds: many runs for a stable median. */
const SINGLE_PLAN: TimingPlan = { warmup: 5, runs: 25 };

function check(candidate: Contract, history: readonly Contract[]): HistoryCheck {
  return checkAgainstHistory(candidate, history, HISTORY_COMPATIBILITY);
}

function prepared(contract: Contract): Contract {
  return { ...contract, schema: prepareSchema(contract.schema) };
}

/** Times the three checks, prints the details through `log` (default console.log), returns the summary rows. */
export function runTransitiveBench(log: (line: string) => void = console.log): BenchRow[] {
  const { history, candidate } = buildContractHistory(VERSIONS);
  const first = history[0];
  const latest = history[history.length - 1];
  if (first === undefined || latest === undefined) return [];
  let result: HistoryCheck | undefined;
  const all = timeSync(() => (result = check(candidate, history)), HISTORY_PLAN);
  const againstLatest = timeSync(() => check(candidate, [latest]), SINGLE_PLAN);
  const againstFirst = timeSync(() => check(candidate, [first]), SINGLE_PLAN);
  const compatible = result?.comparisons.filter((comparison) => comparison.report.compatible).length ?? 0;
  // The warm-up run of each timing is the one that normalizes the prepared versions.
  const [preparedHistory, preparedCandidate] = [history.map(prepared), prepared(candidate)];
  const [preparedFirst, preparedLatest] = [preparedHistory[0] ?? first, preparedHistory[preparedHistory.length - 1] ?? latest];
  const preparedAll = timeSync(() => check(preparedCandidate, preparedHistory), HISTORY_PLAN);
  const preparedAgainstLatest = timeSync(() => check(preparedCandidate, [preparedLatest]), SINGLE_PLAN);
  const preparedAgainstFirst = timeSync(() => check(preparedCandidate, [preparedFirst]), SINGLE_PLAN);
  const propertiesOf = (contract: Contract): number =>
    typeof contract.schema === 'object' ? Object.keys(contract.schema['properties'] as object).length : 0;

  log(`transitive check: candidate ${candidate.version} (${propertiesOf(candidate)} properties) against ${history.length} versions (${propertiesOf(first)} to ${propertiesOf(latest)} properties), ${HISTORY_COMPATIBILITY.mode} ${HISTORY_COMPATIBILITY.policy}`);
  log(`  all ${history.length} versions: median ${formatMs(all.medianMs)} of ${all.runs} runs; ${compatible}/${result?.comparisons.length ?? 0} comparisons compatible`);
  log(`  latest version only: median ${formatMs(againstLatest.medianMs)}; all / latest ${formatRatio(all.medianMs, againstLatest.medianMs)}`);
  log(`  first version only: median ${formatMs(againstFirst.medianMs)}; all / first ${formatRatio(all.medianMs, againstFirst.medianMs)}`);
  log(`  mean per comparison: ${formatMs(all.medianMs / history.length)}`);
  log(`prepared versions (frozen, normalized once per process):`);
  log(`  all ${history.length} versions: median ${formatMs(preparedAll.medianMs)} of ${preparedAll.runs} runs; plain / prepared ${formatRatio(all.medianMs, preparedAll.medianMs)}`);
  log(`  latest version only: median ${formatMs(preparedAgainstLatest.medianMs)}; all / latest ${formatRatio(preparedAll.medianMs, preparedAgainstLatest.medianMs)}`);
  log(`  first version only: median ${formatMs(preparedAgainstFirst.medianMs)}; all / first ${formatRatio(preparedAll.medianMs, preparedAgainstFirst.medianMs)}`);
  log(`  mean per comparison: ${formatMs(preparedAll.medianMs / history.length)}`);

  return [
    {
      benchmark: `check against ${history.length} versions (full_transitive)`,
      concord: all,
      baseline: { label: '1 version (latest)', timing: againstLatest },
      ratio: 'concord/baseline',
      note: `${compatible}/${history.length} compatible`,
    },
    {
      benchmark: `check against ${history.length} versions (full_transitive)`,
      concord: all,
      baseline: { label: '1 version (first)', timing: againstFirst },
      ratio: 'concord/baseline',
      note: `${formatMs(all.medianMs / history.length)} per comparison`,
    },
    {
      benchmark: `check against ${history.length} prepared versions`,
      concord: preparedAll,
      baseline: { label: `${history.length} plain versions`, timing: all },
      note: `${formatMs(preparedAll.medianMs / history.length)} per comparison`,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = runTransitiveBench();
  console.log(`\n${renderTable(rows)}`);
}
