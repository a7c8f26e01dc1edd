import { performance } from 'node:perf_hooks';
import { Readable, Writable } from 'node:stream';
import { createValidatorCache } from '../contracts/validation/index.js';
import { runGate, type GateValidator } from '../checker/gate/run-gate.js';

/*
 * `npx tsx bench/gate-stream.bench.ts`: the gate over 100,000 and 1,000,000 generated JSON lines
 * (about 120 bytes each, 1% invalid), each through a slow-ish sink as stdout would be. Prints
 * throughput against a bare loop (split + JSON.parse + the same compiled validator) and the peak
 * heap growth of the big run against the small one: flat memory means a ratio near 1.
 */

const SCHEMA = {
  type: 'object',
  required: ['order_id', 'amount', 'status'],
  properties: { order_id: { type: 'string' }, amount: { type: 'number', minimum: 0 }, status: { enum: ['placed', 'paid', 'shipped'] }, note: { type: 'string' } },
};
const validate = createValidatorCache().validatorFor({ contract: 'bench.orders', version: '1.0.0', hash: 'bench' }, SCHEMA).raw;
const validator: GateValidator = (record) => (validate(record) ? [] : [{ path: '', keyword: 'x', message: 'invalid' }]);

const line = (index: number): string =>
  index % 100 === 0
    ? `{"order_id":"A-${index}","amount":"${index}","status":"paid","note":"a note that pads the record a little"}\n`
    : `{"order_id":"A-${index}","amount":${index % 977},"status":"paid","note":"a note that pads the record a little"}\n`;

/** Generated input in 64 KiB chunks, produced lazily so the input itself is never in memory. */
function input(lines: number): Readable {
  let next = 0;
  return new Readable({
    read() {
      let chunk = '';
      while (chunk.length < 65_536 && next < lines) chunk += line(next++);
      this.push(next >= lines && chunk === '' ? null : Buffer.from(chunk));
    },
  });
}

const discard = () => new Writable({ highWaterMark: 64 * 1024, write: (_chunk, _encoding, done) => setImmediate(done) });

async function gateRun(lines: number): Promise<{ ms: number; peakHeapGrowth: number }> {
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  const summary = await runGate({ input: input(lines), output: discard(), deadLetter: discard(), validate: validator });
  const ms = performance.now() - started;
  clearInterval(sampler);
  if (summary.lines !== lines || summary.valid + summary.deadLettered !== lines) throw new Error(`lost lines: ${JSON.stringify(summary)}`);
  return { ms, peakHeapGrowth: Math.max(peak, process.memoryUsage().heapUsed) - base };
}

async function bareLoop(lines: number): Promise<number> {
  const started = performance.now();
  let rest = '';
  let valid = 0;
  for await (const chunk of input(lines)) {
    const parts = (rest + (chunk as Buffer).toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) if (validate(JSON.parse(part))) valid += 1;
  }
  if (valid === 0) throw new Error('nothing valid');
  return performance.now() - started;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const small = await gateRun(100_000);
const big = await gateRun(1_000_000);
const bare = await bareLoop(1_000_000);
console.log(`gate 100k lines: ${small.ms.toFixed(0)} ms, peak heap growth ${mb(small.peakHeapGrowth)}`);
console.log(`gate 1M lines:   ${big.ms.toFixed(0)} ms, peak heap growth ${mb(big.peakHeapGrowth)}`);
console.log(`bare loop 1M lines (split + JSON.parse + validate): ${bare.toFixed(0)} ms`);
console.log(`throughput gate/bare: ${(bare / big.ms).toFixed(2)}x; peak heap growth 1M/100k: ${(big.peakHeapGrowth / Math.max(1, small.peakHeapGrowth)).toFixed(2)}x`);
