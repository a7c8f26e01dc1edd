/** One line of a byte stream, or a note that a line was too long to keep. */
export type SplitLine = { readonly line: number; readonly text: string } | { readonly line: number; readonly oversized: number };

/**
 * Splits a byte stream into UTF-8 lines (`\n`, with a trailing `\r` dropped), yielding the lines
 * each chunk completes as one batch: a step of an async generator costs a promise, which per line
 * was a large share of reading a feed of short records. A line longer than `maxBytes` is reported
 * once as oversized and its bytes are dropped as they arrive, so memory stays at one line (plus
 * one chunk's batch) whatever the input holds.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<readonly SplitLine[]> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let line = 1;
  const finish = (tail: Buffer): SplitLine => {
    const total = size + tail.length;
    let result: SplitLine;
    if (oversized || total > maxBytes) result = { line, oversized: total };
    else {
      let bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      result = { line, text: bytes.toString('utf8') };
    }
    parts = [];
    size = 0;
    oversized = false;
    line += 1;
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
