import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { withCatalog } from '../scripts/readme-catalog.js';
import { renderLintAndReadRules } from '../scripts/rules-docs.js';
import { RULE_CATALOG } from '../contracts/rules/catalog.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

test('the README rule catalog is the catalog the engine uses (run `npm run catalog:readme` after changing it)', () => {
  expect(withCatalog(readme)).toBe(readme);
});

test('every catalog rule appears in the README', () => {
  for (const rule of RULE_CATALOG) expect(readme).toContain(`\`${rule.id}\``);
});

test('docs/lint-and-read-rules.md holds the lint and read catalogs `concord rules` prints (run `npx tsx scripts/rules-docs.ts` after changing them)', () => {
  expect(readFileSync(new URL('../docs/lint-and-read-rules.md', import.meta.url), 'utf8')).toBe(renderLintAndReadRules());
});
