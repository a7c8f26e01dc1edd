import { describe, expect, test } from 'vitest';
import { PROGRESS_INTERVAL_MS, createProgressLine } from '../../checker/progress-line.js';

function terminal(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

describe('progress line', () => {
  test('draws records and rate on a terminal, at most once per interval, and erases itself', () => {
    const stream = terminal(true);
    let clock = 1_000;
    const line = createProgressLine(stream, 'reading file a.jsonl', () => clock);
    clock += 2_000;
    line.update({ records: 5_000 });
    clock += PROGRESS_INTERVAL_MS - 1;
    line.update({ records: 6_000 });
    clock += 1;
    line.update({ records: 7_000 });
    line.clear();
    line.clear();
    expect(stream.writes).toEqual([
      '\r\u001b[2Kreading file a.jsonl: 5000 records, 2500/s',
      `\r\u001b[2Kreading file a.jsonl: 7000 records, ${Math.round(7_000 / ((2_000 + PROGRESS_INTERVAL_MS) / 1000))}/s`,
      '\r\u001b[2K',
    ]);
  });

  test('writes nothing when the stream is not a terminal', () => {
    const stream = terminal(false);
    const line = createProgressLine(stream, 'x');
    line.update({ records: 1 });
    line.clear();
    expect(stream.writes).toEqual([]);
  });
});
