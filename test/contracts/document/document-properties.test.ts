import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { loadContractText } from '../../../contracts/document/load-contract.js';
import { parseText } from '../../../contracts/document/parse-text.js';
import { ConcordError } from '../../../contracts/errors.js';
import { fcSeed } from '../../support/fc-seed.js';

const seed = fcSeed();

/** Runs `work`; passes when it returns or throws a ConcordError, fails on any other exception. */
function onlyConcordErrors(work: () => unknown): boolean {
  try {
    work();
    return true;
  } catch (error) {
    if (error instanceof ConcordError) return true;
    throw error;
  }
}

async function onlyConcordErrorsAsync(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    if (error instanceof ConcordError) return true;
    throw error;
  }
}

/** Text that looks a little like YAML or JSON, so the parsers get past their first character. */
const documentish = fc
  .array(fc.oneof(fc.constantFrom('{', '}', '[', ']', ':', ',', '-', '"', "'", '\n', '  ', '#', '&a', '*a', '!', '?', '|', '>', '---', '\\', 'x', '1'), fc.string()), { maxLength: 30 })
  .map((parts) => parts.join(''));

const format = fc.constantFrom(undefined, 'yaml' as const, 'json' as const);

/** Contract-like documents: the right keys with values that are sometimes right and often not. */
const contractish = fc.record(
  {
    contract: fc.oneof(fc.constant('commerce.orders'), fc.jsonValue()),
    version: fc.oneof(fc.constant('1.0.0'), fc.jsonValue()),
    owner: fc.oneof(fc.constant({ name: 'Dana Fischer', email: 'dana@example.com' }), fc.jsonValue()),
    compatibility: fc.oneof(fc.constantFrom('forward', 'full_transitive', { mode: 'none' }), fc.jsonValue()),
    schema: fc.oneof(fc.constant({ type: 'object', properties: { a: { pattern: '^a+$' } } }), fc.jsonValue(), fc.constant({ $ref: './x.json' })),
    metrics: fc.oneof(fc.constant([{ name: 'n', type: 'simple', aggregation: 'count' }]), fc.jsonValue()),
    features: fc.jsonValue(),
    sla: fc.jsonValue(),
    sources: fc.jsonValue(),
  },
  { requiredKeys: ['contract'] },
);

describe('parsing never fails with anything but a ConcordError', () => {
  test('parseText on random text, in every format', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), documentish), format, (text, chosen) => onlyConcordErrors(() => parseText(text, chosen === undefined ? {} : { format: chosen }))), {
      seed,
      numRuns: 1_200,
    });
  });

  test('JSON text of random values parses to what JSON.parse gives', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parseText(text, { format: 'json' }).value).toEqual(JSON.parse(text));
      }),
      { seed, numRuns: 600 },
    );
  });

  test('YAML text of random values parses back to the values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normalized: unknown = JSON.parse(JSON.stringify(value));
        expect(parseText(stringify(normalized), { format: 'yaml' }).value).toEqual(normalized);
      }),
      { seed, numRuns: 300 },
    );
  });

  test('loadContractText on random text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), documentish), (text) => onlyConcordErrorsAsync(() => loadContractText(text))),
      { seed, numRuns: 300 },
    );
  });

  test('loadContractText on random contract-like documents, as JSON and as YAML', async () => {
    await fc.assert(
      fc.asyncProperty(contractish, fc.boolean(), (document, asYaml) => {
        const text = asYaml ? stringify(document) : JSON.stringify(document);
        return onlyConcordErrorsAsync(async () => {
          const loaded = await loadContractText(text, { file: asYaml ? 'c.yaml' : 'c.json' });
          expect(loaded.contract === undefined).toBe(loaded.problems.some((problem) => problem.severity === 'breaking'));
        });
      }),
      { seed, numRuns: 150 },
    );
  });
});
