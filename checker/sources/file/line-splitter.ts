import { invalidUtf8Offset } from '../utf8.js';

/**
 * One line of a byte stream, or a note that it could not be kept: longer than the limit
 * (`oversized`, its length in bytes) or not UTF-8 (`invalidAt`, the stream's byte offset of the
 * first bad byte). `offset` is the stream's byte offset of the line's first byte.
 */
export type SplitLine =
  | { readonly line: number; readonly offset: number; readonly text: string }
  | { readonly line: number; readonly offset: number; readonly oversized: number }
  | { readonly line: number; readonly offset: number; readonly invalidAt: number };

/**
 * Splits a byte stream into UTF-8 lines (`\n`, with a trailing `\r` dropped), yielding the lines
 * each chunk completes as one batch: a step of an async generator costs a promise, which per line
 * was a large share of reading a feed of short records. A line longer than `maxBytes` is reported
 * once as oversized and its bytes are dropped as they arrive, so memory stays at one line (plus
 * one chunk's batch) whatever the input holds. Lines are decoded strictly: a line that is not
 * valid UTF-8 is reported with the offset of its first bad byte, never patched with U+FFFD.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<readonly SplitLine[]> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let line = 1;
  let offset = 0;
  const finish = (tail: Buffer): SplitLine => {
    const total = size + tail.length;
    let result: SplitLine;
    if (oversized || total > maxBytes) result = { line, offset, oversized: total };
    else {
      let bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      const invalid = invalidUtf8Offset(bytes);
      result = invalid === -1 ? { line, offset, text: bytes.toString('utf8') } : { line, offset, invalidAt: offset + invalid };
    }
    parts = [];
    size = 0;
    oversized = false;
    line += 1;
    // The next line starts after this one's newline.
    offset += total + 1;
    return result;
  };
  for await (const chunk of chunks) {
    let from = 0;
    const batch: SplitLine[] = [];
    for (;;) {
      const newline = chunk.indexOf(0x0a, from);
      if (newline === -1) break;
      batch.push(finish(chunk.subarray(from, newline)));
      from = newline + 1;
    }
    if (batch.length > 0) yield batch;
    const rest = chunk.subarray(from);
    size += rest.length;
    if (oversized) continue;
    if (size > maxBytes) {
      oversized = true;
      parts = [];
    } else if (rest.length > 0) parts.push(rest);
  }
  if (size > 0 || oversized) yield [finish(Buffer.alloc(0))];
}
