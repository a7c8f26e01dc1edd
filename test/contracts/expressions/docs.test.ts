import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { FUNCTIONS } from '../../../contracts/expressions/functions.js';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from '../../../contracts/expressions/limits.js';
import { TIME_GRAINS } from '../../../contracts/durations.js';

const doc = readFileSync(new URL('../../../docs/expressions.md', import.meta.url), 'utf8');

test.each([...FUNCTIONS.keys()])('docs/expressions.md documents the function %s', (name) => {
  expect(doc).toContain(`\`${name}(`);
});

test('docs/expressions.md states the limits and date_trunc units the parser uses', () => {
  expect(doc).toContain(`at most ${MAX_EXPRESSION_LENGTH} characters`);
  expect(doc).toContain(`at most ${MAX_EXPRESSION_DEPTH} levels`);
  for (const grain of TIME_GRAINS) expect(doc).toContain(`'${grain}'`);
});
