import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isConcordError } from '../../../contracts/errors.js';
import { createSource } from '../../../checker/sources/index.js';
import { notFormatReason, sniffed } from '../../../checker/sources/text-sniff.js';
import { InvalidUtf8, MAX_BINARY_SHARE, SNIFF_BYTES, StrictUtf8Decoder, invalidUtf8Offset, notTextReason } from '../../../checker/sources/utf8.js';
import { readAll } from './read-all.js';

const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('invalidUtf8Offset', () => {
  test.each([
    ['ASCII', bytes('{"a":1}'), -1],
    ['two-, three- and four-byte characters', bytes('é€😀'), -1],
    ['a lone continuation byte', bytes('ab', [0x80], 'c'), 2],
    ['a Latin-1 é', bytes('caf', [0xe9]), 3],
    ['an overlong slash', bytes('a', [0xc0, 0xaf]), 1],
    ['a UTF-16 surrogate', bytes([0xed, 0xa0, 0x80]), 0],
    ['a sequence cut off at the end', bytes('ok', [0xe2, 0x82]), 2],
  ])('%s', (_name, input, expected) => {
    expect(invalidUtf8Offset(input)).toBe(expected);
  });
});

describe('StrictUtf8Decoder', () => {
  test('decodes characters split across chunks', () => {
    const decoder = new StrictUtf8Decoder();
    const euro = Buffer.from('€');
    expect(decoder.write(bytes('a', [euro[0]!])) + decoder.write(euro.subarray(1)) + decoder.end()).toBe('a€');
  });

  test('names the stream offset and line of the first bad byte', () => {
    const decoder = new StrictUtf8Decoder();
    decoder.write(bytes('[1,\n2,\n'));
    const error = (() => {
      try {
        decoder.write(bytes('3,', [0xff]));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidUtf8);
    expect(error).toMatchObject({ offset: 9, line: 3 });
  });

  test('refuses a sequence the stream ends inside', () => {
    const decoder = new StrictUtf8Decoder();
    decoder.write(bytes('x', [0xe2]));
    expect(() => decoder.end()).toThrow(InvalidUtf8);
  });
});

describe(`text sniffing (${SNIFF_BYTES} bytes, at most ${MAX_BINARY_SHARE * 100}% bad)`, () => {
  /** `size` bytes of ASCII with `bad` Latin-1 bytes spread through them. */
  function withBad(size: number, bad: number): Buffer {
    const head = Buffer.alloc(size, 0x61);
    for (let i = 0; i < bad; i += 1) head[Math.floor((i * size) / bad)] = 0xe9;
    return head;
  }

  test('text with exactly the allowed share of bad bytes is text; one more bad byte is not', () => {
    const size = 1_000;
    const allowed = Math.floor(size * MAX_BINARY_SHARE);
    expect(notTextReason(withBad(size, allowed))).toBeUndefined();
    expect(notTextReason(withBad(size, allowed + 1))).toContain('are not UTF-8 text');
  });

  test('a NUL byte makes it binary', () => {
    expect(notTextReason(bytes('{"a":1}', [0]))).toContain('NUL byte at byte offset 7');
  });

  test('a JSON document must start with [ or {', () => {
    expect(notFormatReason(bytes('\uFEFF  [1]'), 'json')).toBeUndefined();
    expect(notFormatReason(bytes('id,name\n'), 'json')).toContain('starts with "i"');
    expect(notFormatReason(bytes('id,name\n'), 'csv')).toBeUndefined();
  });

  test(`only the first ${SNIFF_BYTES} bytes are judged: binary data one byte past them is left to the readers`, async () => {
    async function* chunks(head: number): AsyncGenerator<Buffer> {
      yield Buffer.alloc(head, 0x61);
      yield Buffer.alloc(1_000, 0);
    }
    const drain = async (head: number): Promise<number> => {
      let total = 0;
      for await (const chunk of sniffed(chunks(head), 'jsonl', 'feed')) total += chunk.length;
      return total;
    };
    expect(await drain(SNIFF_BYTES)).toBe(SNIFF_BYTES + 1_000);
    await expect(drain(SNIFF_BYTES - 1)).rejects.toThrow('feed is not JSON Lines');
  });
});

describe('file sources decode strictly', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-utf8-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const file = (path: string) => createSource({ name: 'test', type: 'file', path });

  test('a JSON Lines line that is not UTF-8 is a decode issue with its line and byte offset, and the read goes on', async () => {
    const path = join(dir, 'latin1.jsonl');
    await writeFile(path, bytes('{"a":1}\n{"a":"caf', [0xe9], '"}\n{"a":3}\n'));
    const { records, issues } = await readAll(file(path));
    expect(records).toEqual([{ a: 1 }, { a: 3 }]);
    expect(issues).toEqual([{ kind: 'decode', location: `${path}:2`, message: 'invalid UTF-8 at byte offset 17 (line 2); skipped' }]);
  });

  test('a JSON array with bytes that are not UTF-8 is truncated there, named by line and offset', async () => {
    const path = join(dir, 'latin1.json');
    await writeFile(path, bytes('[{"a":1},\n{"a":"caf', [0xe9], '"},\n{"a":3}]'));
    const { records, issues } = await readAll(file(path));
    expect(records).toEqual([{ a: 1 }]);
    expect(issues).toEqual([expect.objectContaining({ kind: 'truncated', location: `${path}:2`, message: expect.stringContaining('invalid UTF-8 at byte offset 19 (line 2)') })]);
  });

  test('binary data named .csv is unreadable-input naming the format expected', async () => {
    const path = join(dir, 'image.csv');
    await writeFile(path, bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const error = await readAll(file(path)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isConcordError(error) && error.code).toBe('unreadable-input');
    expect((error as Error).message).toContain(`${path} is not CSV text`);
  });
});
