import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { openContract } from '../agent/index.js';
import { compileRecordValidator, createValidatorCache } from '../contracts/validation/index.js';
import { ordersDocument } from '../test/registry/http/registry-harness.js';
import { startLiveRegistry } from '../test/agent/live-registry.js';
import { renderTable, type BenchRow } from './support/report.js';
import { formatMs, summarize, type Timing } from './support/timing.js';

/*
 * `npx tsx bench/agent-validate.bench.ts`: the agent SDK in one run against a real registry on
 * loopback (a real SQLite file).
 * (a) validate() throughput of an open handle (telemetry counting on) against bare ajv
 *     validators of the same schema, over the same records, runs interleaved so a busy machine
 *     slows each alike: the ajv function compiled with Concord's options (all errors, own
 *     properties, RE2 patterns) called directly, which is what the SDK adds to (target >= 80%),
 *     and ajv with its defaults (`strict: false` + ajv-formats), which shows what linear-time
 *     patterns and the other safety options cost on top.
 * (b) openContract from a warm cache (the answer on disk, within its ttl): median time to a
 *     usable handle; its validator comes from the process's shared cache. Target: < 5 ms;
 *     reported, not asserted. (c) the same with a cache of its own, so the schema is compiled:
 *     what the first open of a process costs.
 */

const RECORDS = 200_000;
const RUNS = 7;
const OPENS = 60;
const COLD_OPENS = 7;

const SCHEMA = {
  type: 'object',
  required: ['order_id', 'customer_id', 'amount', 'status'],
  properties: {
    order_id: { type: 'string', pattern: '^ord_[0-9]+$' },
    customer_id: { type: 'string' },
    amount: { type: 'number', minimum: 0 },
    currency: { enum: ['EUR', 'USD', 'GBP'] },
    status: { enum: ['placed', 'paid', 'shipped', 'refunded'] },
    created_at: { type: 'string', format: 'date-time' },
    email: { type: 'string', format: 'email', pii: true },
    lines: { type: 'array', items: { type: 'object', required: ['sku', 'quantity'], properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } } } },
  },
};

/** 1% invalid: an amount sent as text, the commonest drift there is. */
function records(): unknown[] {
  return Array.from({ length: RECORDS }, (_, index) => ({
    order_id: `ord_${index}`,
    customer_id: `cus_${index % 5000}`,
    amount: index % 100 === 0 ? String(index % 977) : index % 977,
    currency: 'EUR',
    status: 'paid',
    created_at: '2026-11-01T10:00:00Z',
    email: `buyer${index % 300}@example.com`,
    lines: [{ sku: `sku-${index % 40}`, quantity: 1 + (index % 3) }],
  }));
}

export async function runAgentValidateBench(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  const live = await startLiveRegistry();
  const cacheDir = mkdtempSync(join(tmpdir(), 'concord-agent-bench-'));
  try {
    await live.admin.publish(ordersDocument('1.0.0', { schema: SCHEMA, metrics: [] }));
    const token = (await live.admin.createToken({ name: 'bench agent', role: 'consumer' })).token;
    const options = { url: live.url, token, ref: 'commerce.orders@^1', consumer: 'agents.bench', cacheDir, pollInterval: 0 } as const;
    const handle = await openContract({ ...options, telemetry: 0 });

    const ajv = new Ajv({ strict: false });
    addFormats.default(ajv);
    const defaults = ajv.compile(SCHEMA);
    const bare = compileRecordValidator(SCHEMA).raw;

    const data = records();
    let sdkInvalid = 0;
    let bareInvalid = 0;
    const sdkLoop = (): void => {
      sdkInvalid = 0;
      for (const record of data) if (!handle.validate(record).valid) sdkInvalid += 1;
    };
    const bareLoop = (): void => {
      bareInvalid = 0;
      for (const record of data) if (bare(record) !== true) bareInvalid += 1;
    };
    const defaultsLoop = (): void => {
      for (const record of data) defaults(record);
    };
    sdkLoop();
    bareLoop();
    defaultsLoop();
    const samples: [number[], number[], number[]] = [[], [], []];
    for (let run = 0; run < RUNS; run += 1) {
      for (const [row, loop] of [[0, sdkLoop], [1, bareLoop], [2, defaultsLoop]] as const) {
        const started = performance.now();
        loop();
        samples[row].push(performance.now() - started);
      }
    }
    if (sdkInvalid !== bareInvalid) throw new Error(`the SDK found ${sdkInvalid} invalid records and bare ajv ${bareInvalid}`);
    await handle.close();
    const [sdk, plain, loose] = samples.map(summarize) as [Timing, Timing, Timing];
    const share = plain.medianMs / sdk.medianMs;
    const looseShare = loose.medianMs / sdk.medianMs;
    const perSecond = (ms: number): string => `${Math.round(RECORDS / (ms / 1000)).toLocaleString('en-US')} records/s`;
    log(`agent validate: ${RECORDS.toLocaleString('en-US')} records, ${sdkInvalid} invalid`);
    log(`  (a) handle.validate(): median ${formatMs(sdk.medianMs)}, ${perSecond(sdk.medianMs)}`);
    log(`      bare ajv, Concord's options: median ${formatMs(plain.medianMs)}, ${perSecond(plain.medianMs)}; validate() does ${(share * 100).toFixed(0)}% of its records/s (target >= 80%)`);
    log(`      bare ajv, its defaults: median ${formatMs(loose.medianMs)}, ${perSecond(loose.medianMs)}; validate() does ${(looseShare * 100).toFixed(0)}% of its records/s`);

    const opens: number[] = [];
    for (let run = 0; run < OPENS; run += 1) {
      const started = performance.now();
      const warm = await openContract({ ...options, telemetry: false, ttl: 3_600_000 });
      opens.push(performance.now() - started);
      if (warm.stale || warm.version !== '1.0.0') throw new Error('a warm open did not serve the cached version');
      await warm.close();
    }
    const open = summarize(opens.slice(OPENS / 6));
    const cold: number[] = [];
    for (let run = 0; run < COLD_OPENS; run += 1) {
      const started = performance.now();
      const first = await openContract({ ...options, telemetry: false, ttl: 3_600_000, validators: createValidatorCache() });
      cold.push(performance.now() - started);
      await first.close();
    }
    const compiled = summarize(cold);
    log(`  (b) openContract from a warm cache: median ${formatMs(open.medianMs)}, min ${formatMs(open.minMs)} over ${open.runs} opens (target < 5 ms)`);
    log(`  (c) openContract from a warm cache, schema compiled (a process's first open): median ${formatMs(compiled.medianMs)}`);
    return [
      { benchmark: `agent validate() ${RECORDS.toLocaleString('en-US')} records`, concord: sdk, baseline: { label: 'bare ajv, same schema and options', timing: plain }, note: `${(share * 100).toFixed(0)}% of bare ajv's records/s (target >= 80%)` },
      { benchmark: `agent validate() ${RECORDS.toLocaleString('en-US')} records`, concord: sdk, baseline: { label: 'bare ajv, its defaults', timing: loose }, note: `${(looseShare * 100).toFixed(0)}% (RE2 patterns, all errors, own properties)` },
      { benchmark: 'openContract from a warm cache', concord: open, note: 'target < 5 ms median' },
      { benchmark: 'openContract from a warm cache, compiling', concord: compiled, note: 'a process\'s first open of a version' },
    ];
  } finally {
    await live.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runAgentValidateBench();
  console.log(`\n${renderTable(rows)}`);
}
