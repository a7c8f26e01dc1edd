import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { REASON_ERROR_CODES } from '../../../registry/services/publish-verdict.js';

/** The README's table of publish refusal reasons lists every code the evaluation gives, with the error it is answered as. */
describe('the README documents every publish refusal reason', () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const rows = new Map(
    [...readme.matchAll(/^\| `([a-z-]+)` \| [^|]+ \| `(\d{3}) ([a-z-]+)` \|$/gm)].map((match) => [match[1], { status: match[2], error: match[3] }] as const),
  );

  test.each(Object.entries(REASON_ERROR_CODES))('%s is answered as %s', (code, error) => {
    expect(rows.get(code)?.error).toBe(error);
  });

  test('and no other', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(REASON_ERROR_CODES).sort());
  });
});
