import { performance } from 'node:perf_hooks';
import { runAgentValidateBench } from './agent-validate.bench.js';
import { runCheckerMemoryBench } from './checker-memory.bench.js';
import { runCheckerThroughputBench } from './checker-throughput.bench.js';
import { runCombinatorScaleBench } from './combinator-scale.bench.js';
import { runGrowingHistoryBench } from './growing-history.bench.js';
import { runHealthUnderLoadBench } from './health-under-load.bench.js';
import { runPublishHistoryBench } from './publish-history.bench.js';
import { runRegistryMemoryBench } from './registry-memory.bench.js';
import { runRegistryThroughputBench } from './registry-throughput.bench.js';
import { runSchemaDiffBench } from './schema-diff.bench.js';
import { renderTable } from './support/report.js';
import { formatMs } from './support/timing.js';
import { runTransitiveBench } from './transitive.bench.js';

/*
 * `npm run bench`: the schema-diff, combinator-width, transitive-check, registry throughput, publish-history, growing-history,
 * checker, health-under-load, registry-memory and agent SDK benchmarks, their details, then one summary table. Ratios are printed, never asserted: timings
 * depend on the machine.
 */

const started = performance.now();
const rows = [...(await runSchemaDiffBench()), ...runCombinatorScaleBench(), ...runTransitiveBench(), ...(await runRegistryThroughputBench()), ...(await runPublishHistoryBench()), ...(await runGrowingHistoryBench()), ...(await runCheckerThroughputBench()), ...(await runCheckerMemoryBench()), ...(await runHealthUnderLoadBench()), ...(await runRegistryMemoryBench()), ...(await runAgentValidateBench())];
console.log(`\n${renderTable(rows)}`);
console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}; total ${formatMs(performance.now() - started)}`);
