import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ConcordError } from '../../../contracts/errors.js';
import { DEFAULT_FC_SEED, fcSeed } from '../../support/fc-seed.js';
import { recordArbitrary } from '../../support/record-arbitrary.js';
import { recordSchemaArbitrary } from '../../support/schema-arbitrary.js';
import { MAX_PLAN_STEPS, MUTATIONS, mutatedPairArbitrary } from '../../support/schema-mutations.js';
import { createValidatorCache } from '../../support/validator-cache.js';

/**
 * The generators behind the soundness properties, checked on their own: a wrong generator would
 * make those properties pass for the wrong reason (records that never reach a boundary, schemas
 * no mutation can touch) or fail for one (records their own schema rejects).
 */

/** Schemas sampled per check: enough to meet every shape many times. */
const SAMPLES = 150;
/** Edited pairs sampled for catalog coverage: the rarest mutation (dropping uniqueItems) lands about once per 300. */
const COVERAGE_PAIRS = 3000;
/** Records drawn per schema. */
const RECORDS_PER_SCHEMA = 10;
/** Share of records their own unedited schema may reject: the generator aims for none. */
const MAX_INVALID_SHARE = 0.01;

const metaValidator = new Ajv({ strict: false });

describe('schema generator', () => {
  test('makes valid JSON Schemas, before and after edits', () => {
    fc.assert(
      fc.property(mutatedPairArbitrary(recordSchemaArbitrary()), ({ before, after, applied }) => {
        expect(metaValidator.validateSchema(before), JSON.stringify(metaValidator.errors)).toBe(true);
        expect(metaValidator.validateSchema(after), `${applied.join(', ')}: ${JSON.stringify(metaValidator.errors)}`).toBe(true);
        expect(applied.length).toBeGreaterThan(0);
        expect(applied.length).toBeLessThanOrEqual(MAX_PLAN_STEPS);
      }),
      { seed: fcSeed(), numRuns: SAMPLES },
    );
  });

  test('leaves no mutation of the catalog unused', () => {
    const used = new Set<string>();
    for (const pair of fc.sample(mutatedPairArbitrary(recordSchemaArbitrary()), { seed: fcSeed(), numRuns: COVERAGE_PAIRS })) {
      for (const step of pair.applied) used.add(step.split(' ')[0] ?? '');
    }
    expect(MUTATIONS.map((mutation) => mutation.name).filter((name) => !used.has(name))).toEqual([]);
  });
});

describe('record generator', () => {
  test('draws records their own schema accepts', () => {
    const validators = createValidatorCache();
    let invalid = 0;
    let total = 0;
    const rejected: string[] = [];
    for (const schema of fc.sample(recordSchemaArbitrary(), { seed: fcSeed(), numRuns: SAMPLES })) {
      for (const record of fc.sample(recordArbitrary(schema), { seed: total, numRuns: RECORDS_PER_SCHEMA })) {
        total += 1;
        const why = validators.explain(schema, record);
        if (why === '') continue;
        invalid += 1;
        rejected.push(`${why}\nschema: ${JSON.stringify(schema)}\nrecord: ${JSON.stringify(record)}`);
      }
    }
    expect(invalid / total, rejected.slice(0, 3).join('\n')).toBeLessThanOrEqual(MAX_INVALID_SHARE);
  });

  test.each([
    ['inclusive bounds', { type: 'integer', minimum: -3, maximum: 7 }, [-3, 7]],
    ['exclusive bounds', { type: 'integer', exclusiveMinimum: -3, exclusiveMaximum: 7 }, [-2, 6]],
    ['a multipleOf', { type: 'number', minimum: 0.1, maximum: 2.4, multipleOf: 0.5 }, [0.5, 2]],
    ['string lengths', { type: 'string', minLength: 2, maxLength: 5 }, [2, 5]],
    ['array lengths', { type: 'array', items: { type: 'boolean' }, minItems: 1, maxItems: 3 }, [1, 3]],
  ])('reaches both edges of %s', (_name, schema, [low, high]) => {
    const measure = (value: unknown): number =>
      typeof value === 'number' ? value : typeof value === 'string' || Array.isArray(value) ? value.length : NaN;
    const seen = new Set(fc.sample(recordArbitrary(schema), { seed: fcSeed(), numRuns: 200 }).map(measure));
    expect(seen.has(low ?? NaN) && seen.has(high ?? NaN), `saw ${[...seen].sort((a, b) => a - b).join(', ')}`).toBe(true);
  });

  test('leaves optional fields out, adds extra properties to open models, and uses null where allowed', () => {
    const schema = {
      type: 'object',
      properties: { id: { type: 'integer' }, note: { type: ['string', 'null'] } },
      required: ['id'],
    };
    const records = fc.sample(recordArbitrary(schema), { seed: fcSeed(), numRuns: 200 }) as Record<string, unknown>[];
    expect(records.some((record) => !('note' in record))).toBe(true);
    expect(records.some((record) => record['note'] === null)).toBe(true);
    expect(records.some((record) => Object.keys(record).some((key) => key !== 'id' && key !== 'note'))).toBe(true);
    expect(records.every((record) => Number.isInteger(record['id']))).toBe(true);
  });
});

describe('CONCORD_FC_SEED', () => {
  test.each([
    [undefined, DEFAULT_FC_SEED],
    ['', DEFAULT_FC_SEED],
    ['17', 17],
    ['-2045', -2045],
  ])('%j gives seed %d', (text, seed) => {
    expect(fcSeed(text === undefined ? {} : { CONCORD_FC_SEED: text })).toBe(seed);
  });

  test.each(['abc', '1.5', '9007199254740993'])('%j is refused with a ConcordError saying what to set', (text) => {
    expect(() => fcSeed({ CONCORD_FC_SEED: text })).toThrow(ConcordError);
    expect(() => fcSeed({ CONCORD_FC_SEED: text })).toThrow(/set it to an integer/);
  });
});
