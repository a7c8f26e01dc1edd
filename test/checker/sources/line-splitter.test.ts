import { describe, expect, test } from 'vitest';
import { guardCsvRecords, type DroppedRecord } from '../../../checker/sources/file/csv-record-guard.js';
import { byteLines, splitLines, type ByteLine } from '../../../checker/sources/file/line-splitter.js';

/** The bytes cut into chunks of `size` bytes, so state carried across chunks is tested too. */
async function* chunked(text: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function all<T>(batches: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

function plain(piece: ByteLine): unknown {
  return 'oversized' in piece ? { ...piece, head: piece.head.toString('latin1') } : { ...piece, bytes: piece.bytes.toString('latin1') };
}

const LIMIT = 8;

describe.each([1, 3, 64])('one line state machine, in chunks of %i bytes', (size) => {
  test.each<[string, string, boolean, unknown[]]>([
    ['lines at \\n, \\r kept, a last line without \\n', 'ab\r\ncd\nef', false, [
      { line: 1, lines: 1, offset: 0, bytes: 'ab\r' },
      { line: 2, lines: 1, offset: 4, bytes: 'cd' },
      { line: 3, lines: 1, offset: 7, bytes: 'ef' },
    ]],
    [`a line of ${LIMIT} bytes kept, one byte more oversized with its head`, '12345678\n123456789\nx', false, [
      { line: 1, lines: 1, offset: 0, bytes: '12345678' },
      { line: 2, lines: 1, offset: 9, oversized: 9, head: '12' },
      { line: 3, lines: 1, offset: 19, bytes: 'x' },
    ]],
    ['quoted: a newline inside quotes does not end the record', 'a,"x\ny"\nb\n', true, [
      { line: 1, lines: 2, offset: 0, bytes: 'a,"x\ny"' },
      { line: 3, lines: 1, offset: 8, bytes: 'b' },
    ]],
    ['quoted: an oversized record spanning lines, later line numbers kept', '"1\n2\n3\n4\n5"\nz\n', true, [
      { line: 1, lines: 5, offset: 0, oversized: 11, head: '"1' },
      { line: 6, lines: 1, offset: 12, bytes: 'z' },
    ]],
    ['unquoted: quotes mean nothing', '"a\nb"\n', false, [
      { line: 1, lines: 1, offset: 0, bytes: '"a' },
      { line: 2, lines: 1, offset: 3, bytes: 'b"' },
    ]],
  ])('%s', async (_, text, quoted, expected) => {
    const pieces = await all(byteLines(chunked(text, size), LIMIT, { headBytes: 2, quoted }));
    expect(pieces.map(plain)).toEqual(expected);
  });

  test('decoded lines drop a trailing \\r and report bad UTF-8 at its stream offset', async () => {
    const text = Buffer.concat([Buffer.from('ok\r\n'), Buffer.from([0x61, 0xff, 0x0a]), Buffer.from('123456789\n')]);
    expect(await all(splitLines(chunked(text, size), LIMIT))).toEqual([
      { line: 1, offset: 0, text: 'ok' },
      { line: 2, offset: 4, invalidAt: 5 },
      { line: 3, offset: 7, oversized: 9 },
    ]);
  });

  test('the CSV guard replaces a dropped record with the newlines it spanned', async () => {
    const dropped: DroppedRecord[] = [];
    let out = '';
    for await (const piece of guardCsvRecords(chunked('h\n"1\n2\n3\n4\n5"\nz', size), LIMIT, (each) => dropped.push(each))) out += piece.toString('utf8');
    expect(out).toBe('h\n\n\n\n\n\nz\n');
    expect(dropped).toEqual([{ line: 2, bytes: 11 }]);
  });
});
