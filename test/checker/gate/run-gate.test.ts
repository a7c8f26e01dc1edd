import { Readable, Writable } from 'node:stream';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { MAX_GATE_LINE_BYTES, OVERSIZED_HEAD_BYTES, runGate, type GateValidator } from '../../../checker/gate/run-gate.js';
import { ConcordError } from '../../../contracts/errors.js';

const ajv = new Ajv({ allErrors: true });
const check = ajv.compile({ type: 'object', required: ['id'], properties: { id: { type: 'integer' }, name: { type: 'string' } } });
const validate: GateValidator = (record) =>
  check(record) ? [] : (check.errors ?? []).map((error) => ({ path: error.instancePath, keyword: error.keyword, message: error.message ?? '' }));

/** A writable that keeps what it got, and can be made slow to exercise backpressure. */
function sink(highWaterMark = 16 * 1024, delayMs = 0) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      if (delayMs > 0) setTimeout(done, delayMs);
      else done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks), text: () => Buffer.concat(chunks).toString('utf8') };
}

function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size));
  return Readable.from(parts);
}

async function gate(input: string | Buffer, chunkSize = 7, maxLineBytes?: number) {
  const output = sink();
  const deadLetter = sink();
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const summary = await runGate({ input: chunked(bytes, chunkSize), output: output.stream, deadLetter: deadLetter.stream, validate, ...(maxLineBytes !== undefined ? { maxLineBytes } : {}) });
  const letters = deadLetter.text().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  return { summary, output: output.bytes(), letters };
}

describe('gate', () => {
  test('passes valid lines byte for byte, skips the blank one as check does, and dead-letters the rest with their errors', async () => {
    const lines = ['{"id":1,  "name":"a"}\r', '{"id":"2"}', 'not json', '', '{"name":"x"}', '{"id":3}', '{"id":4,"name":"\u00e9"}'];
    const { summary, output, letters } = await gate(lines.join('\n'));
    expect(output.toString('utf8')).toBe(`${lines[0]}\n${lines[5]}\n${lines[6]}\n`);
    expect(summary).toMatchObject({ lines: 7, valid: 3, deadLettered: 3, blank: 1, malformed: 1, invalid: 2, oversized: 0 });
    expect(letters).toEqual([
      { line: 2, record: { id: '2' }, errors: [{ path: '/id', keyword: 'type', message: 'must be integer' }] },
      { line: 3, raw: 'not json', errors: [expect.objectContaining({ path: '', keyword: 'json' })] },
      { line: 5, record: { name: 'x' }, errors: [{ path: '', keyword: 'required', message: "must have required property 'id'" }] },
    ]);
  });

  test.each([1, 2, 5, 64, 65_536])('chunk size %i splits the same lines', async (size) => {
    const input = Array.from({ length: 50 }, (_, index) => (index % 7 === 0 ? `{"id":"${index}"}` : `{"id":${index}}`)).join('\n') + '\n';
    const { summary, output } = await gate(input, size);
    expect(summary.lines).toBe(50);
    expect(summary.valid + summary.deadLettered).toBe(summary.lines);
    expect(summary.invalid).toBe(8);
    expect(output.toString('utf8').split('\n').length - 1).toBe(42);
  });

  test('invalid UTF-8 is dead-lettered, not passed on altered', async () => {
    const input = Buffer.concat([Buffer.from('{"id":1,"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n{"id":2}\n')]);
    const { summary, output, letters } = await gate(input);
    expect(summary).toMatchObject({ lines: 2, valid: 1, malformed: 1 });
    expect(output.toString('utf8')).toBe('{"id":2}\n');
    expect(letters[0]?.errors).toEqual([expect.objectContaining({ message: 'the line is not UTF-8 text' })]);
  });

  test('a line at the limit passes; one byte past it is dead-lettered with its head, and the next line still passes', async () => {
    const record = (size: number) => {
      const prefix = '{"id":1,"name":"';
      return `${prefix}${'x'.repeat(size - prefix.length - 2)}"}`;
    };
    const atLimit = record(MAX_GATE_LINE_BYTES);
    const past = record(MAX_GATE_LINE_BYTES + 1);
    const { summary, output, letters } = await gate(`${atLimit}\n${past}\n{"id":9}\n`, 64 * 1024);
    expect(summary).toMatchObject({ lines: 3, valid: 2, oversized: 1 });
    expect(output.length).toBe(MAX_GATE_LINE_BYTES + 1 + '{"id":9}\n'.length);
    expect(letters[0]).toMatchObject({ line: 2, bytes: MAX_GATE_LINE_BYTES + 1, errors: [expect.objectContaining({ keyword: 'max-line-bytes' })] });
    expect((letters[0]?.raw as string).length).toBe(OVERSIZED_HEAD_BYTES);
  });

  test('waits for a slow reader: never more than a few chunks are queued in the output', async () => {
    const output = sink(1024, 1);
    const deadLetter = sink();
    let maxQueued = 0;
    const lines = Array.from({ length: 2_000 }, (_, index) => `{"id":${index},"name":"${'n'.repeat(40)}"}`).join('\n');
    const input = chunked(Buffer.from(lines), 4096);
    input.on('data', () => {
      maxQueued = Math.max(maxQueued, output.stream.writableLength);
    });
    const summary = await runGate({ input, output: output.stream, deadLetter: deadLetter.stream, validate });
    expect(summary.valid).toBe(2_000);
    expect(output.bytes().toString('utf8')).toBe(`${lines}\n`);
    // Without waiting for 'drain' the whole input (about 110 kB) would pile up in the writable's buffer.
    expect(maxQueued).toBeLessThan(3 * 4096 + 1024);
  });
});

/** An errno-style error as Node's streams raise it. */
function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, write`), { code, syscall: 'write' });
}

/** A writable that accepts `okWrites` writes, then fails every later one with `code`, the way a closed pipe (EPIPE) or a failing disk (EIO) does. */
function failingSink(okWrites: number, code: string) {
  const chunks: Buffer[] = [];
  let writes = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes += 1;
      if (writes > okWrites) done(errnoError(code));
      else {
        chunks.push(chunk);
        done();
      }
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A long feed, one chunk at a time, that records how many chunks were pulled and whether it was closed. */
function countedFeed(chunks: number) {
  const state = { pulled: 0, closed: false };
  async function* feed(): AsyncGenerator<Buffer> {
    try {
      for (let index = 0; index < chunks; index += 1) {
        state.pulled += 1;
        yield Buffer.from(`{"id":${index}}\n{"id":"bad-${index}"}\n{"id":${index},"name":"${'n'.repeat(200)}"}\n`);
      }
    } finally {
      state.closed = true;
    }
  }
  return { input: feed(), state };
}

/** Every line of a dead-letter text must be a whole JSON entry: a half-written line would not parse. */
function wholeLetters(text: string): { line: number }[] {
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { line: number });
}

describe('gate with a failing writable', () => {
  test('the reader of the output goes away (EPIPE): resolves with outputClosed, stops reading, closes the input, dead letters stay whole', async () => {
    const output = failingSink(1, 'EPIPE');
    const deadLetter = sink();
    const { input, state } = countedFeed(10_000);
    const summary = await runGate({ input, output: output.stream, deadLetter: deadLetter.stream, validate });
    expect(summary.outputClosed).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(3);
    expect(state.closed).toBe(true);
    expect(output.text()).toBe('{"id":0}\n{"id":0,"name":"' + 'n'.repeat(200) + '"}\n');
    expect(wholeLetters(deadLetter.text()).map((letter) => letter.line)).toEqual(Array.from({ length: summary.deadLettered }, (_, index) => 2 + index * 3));
  });

  test.each([
    ['output', 'EIO', 'the output', 'stdout'],
    ['dead-letter', 'EIO', 'the dead-letter stream', 'the dead-letter file rejects.jsonl'],
    ['dead-letter', 'ENOSPC', 'the dead-letter stream', 'the dead-letter file rejects.jsonl'],
    // Only the output's reader leaving is a normal end; a dead-letter pipe that closes loses rejects.
    ['dead-letter', 'EPIPE', 'the dead-letter stream', 'the dead-letter file rejects.jsonl'],
  ] as const)('%s fails with %s: rejects with a ConcordError naming it, reads no further', async (failing, code, defaultName, givenName) => {
    for (const names of [undefined, { output: 'stdout', deadLetter: 'the dead-letter file rejects.jsonl' }]) {
      const broken = failingSink(1, code);
      const healthy = sink();
      const { input, state } = countedFeed(10_000);
      const [output, deadLetter] = failing === 'output' ? [broken.stream, healthy.stream] : [healthy.stream, broken.stream];
      const run = runGate({ input, output, deadLetter, validate, ...(names !== undefined ? { names } : {}) });
      const error = await run.then(() => undefined, (reason: unknown) => reason);
      expect(error).toBeInstanceOf(ConcordError);
      expect(error).toMatchObject({ code: 'invalid-argument', cause: { code } });
      expect((error as ConcordError).message).toContain(`cannot write to ${names === undefined ? defaultName : givenName}: ${code}`);
      expect(state.pulled).toBeLessThanOrEqual(3);
      expect(state.closed).toBe(true);
    }
  });

  test('a dead-letter failure while the input is quiet ends the run at once, not at the next input chunk', async () => {
    let release = (): void => undefined;
    const quiet = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* feed(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"id":"bad"}\n');
      await quiet;
      yield Buffer.from('{"id":2}\n');
    }
    // The disk answers after the write was accepted, as a real file does, so the gate is already waiting on the input.
    const deadLetter = new Writable({
      write(_chunk: Buffer, _encoding, done) {
        setTimeout(() => done(errnoError('EIO')), 20);
      },
    });
    const started = Date.now();
    try {
      await expect(runGate({ input: feed(), output: sink().stream, deadLetter, validate })).rejects.toThrow('cannot write to the dead-letter stream: EIO');
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      release();
    }
  }, 5_000);

  test('an error from the last write, reported after the input ended, is still the run\'s to see', async () => {
    // A pipe whose reader leaves while the last chunk is in flight: the write is accepted, EPIPE comes later.
    const output = new Writable({
      highWaterMark: 1024 * 1024,
      write(_chunk: Buffer, _encoding, done) {
        setTimeout(() => done(errnoError('EPIPE')), 20);
      },
    });
    const summary = await runGate({ input: Readable.from([Buffer.from('{"id":1}\n')]), output, deadLetter: sink().stream, validate });
    expect(summary).toMatchObject({ lines: 1, valid: 1, outputClosed: true });
  });
});
