/** One line of a byte stream exactly as it arrived (without its `\n`), or a note that it was too long to keep. */
export type ByteLine =
  | { readonly line: number; readonly bytes: Buffer }
  | { readonly line: number; readonly oversized: number; readonly head: Buffer };

/**
 * Splits a byte stream into lines at `\n`, keeping each line's bytes untouched (a `\r` before the
 * `\n` stays part of the line), because the gate passes valid lines on byte for byte. A line
 * longer than `maxBytes` is reported once with its length and its first `headBytes` bytes; the
 * rest is dropped as it arrives, so memory stays at one line whatever the input holds.
 * Yields lines in batches, one batch per input chunk, so callers can write one buffer per chunk.
 */
export async function* byteLines(chunks: AsyncIterable<Buffer>, maxBytes: number, headBytes: number): AsyncGenerator<readonly ByteLine[]> {
  let parts: Buffer[] = [];
  let size = 0;
  let head: Buffer | undefined;
  let line = 1;
  const finish = (tail: Buffer): ByteLine => {
    const total = size + tail.length;
    let result: ByteLine;
    if (head !== undefined || total > maxBytes) {
      const start = head ?? Buffer.concat([...parts, tail]);
      result = { line, oversized: total, head: Buffer.from(start.subarray(0, headBytes)) };
    } else {
      result = { line, bytes: parts.length === 0 ? tail : Buffer.concat([...parts, tail]) };
    }
    parts = [];
    size = 0;
    head = undefined;
    line += 1;
    return result;
  };
  for await (const chunk of chunks) {
    const batch: ByteLine[] = [];
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, from);
      if (newline === -1) break;
      batch.push(finish(chunk.subarray(from, newline)));
      from = newline + 1;
    }
    const rest = chunk.subarray(from);
    size += rest.length;
    if (head === undefined && rest.length > 0) {
      if (size > maxBytes) {
        head = Buffer.from(Buffer.concat([...parts, rest]).subarray(0, headBytes));
        parts = [];
      } else parts.push(rest);
    }
    if (batch.length > 0) yield batch;
  }
  if (size > 0 || head !== undefined) yield [finish(Buffer.alloc(0))];
}
