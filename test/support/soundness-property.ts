import fc from 'fast-check';
import { expect } from 'vitest';
import type { Change } from '../../contracts/findings.js';
import type { SchemaObject } from './schema-node.js';
import { recordArbitrary } from './record-arbitrary.js';
import { recordSchemaArbitrary } from './schema-arbitrary.js';
import type { MutatedPair } from './schema-mutations.js';
import { mutatedPairArbitrary } from './schema-mutations.js';
import type { ValidatorCache } from './validator-cache.js';

/**
 * The soundness property, apart from the engine it judges: when `verdict` calls a pair
 * compatible in a direction, every record drawn from the side that must be accepted validates
 * under the other side.
 */

/** Records per pair: enough to hit each bound and each optional field of a small schema. */
export const RECORDS_PER_PAIR = 12;

export interface Direction {
  readonly mode: 'backward' | 'forward';
  /** The schema records are drawn from; the other one must accept them. */
  readonly source: 'before' | 'after';
  readonly target: 'before' | 'after';
}

export const DIRECTIONS: readonly Direction[] = Object.freeze([
  { mode: 'backward', source: 'before', target: 'after' },
  { mode: 'forward', source: 'after', target: 'before' },
]);

/** What an engine says of a pair in a direction: compatible or not, and the changes it saw. */
export interface Verdict {
  readonly compatible: boolean;
  readonly changes: readonly Change[];
}

export type VerdictSource = (before: SchemaObject, after: SchemaObject, mode: Direction['mode']) => Verdict;

/** Counts kept across a run, to tell a vacuous pass or a broken generator from a real one. */
export interface SoundnessStats {
  pairs: number;
  compatible: number;
  /** Records valid under their source schema, each checked against the target. */
  records: number;
  /** Records the source schema itself rejected: the generator's misses. */
  invalid: number;
}

export function emptyStats(): SoundnessStats {
  return { pairs: 0, compatible: 0, records: 0, invalid: 0 };
}

function describeCase(direction: Direction, pair: MutatedPair, verdict: Verdict, record: unknown, why: string): string {
  const source = direction.source === 'before' ? 'old' : 'new';
  const target = direction.target === 'before' ? 'old' : 'new';
  return [
    `the engine calls this pair ${direction.mode}-compatible, but a record valid under the ${source} schema fails the ${target} one: ${why}`,
    `edits: ${pair.applied.join(', ')}`,
    `changes: ${verdict.changes.map((change) => `${change.rule} ${change.path}`).join(', ') || '(none)'}`,
    `before: ${JSON.stringify(pair.before)}`,
    `after: ${JSON.stringify(pair.after)}`,
    `record: ${JSON.stringify(record)}`,
  ].join('\n');
}

/**
 * The property over random schema pairs (a schema from `schemas`, default recordSchemaArbitrary(),
 * and its edited copy) and a record seed.
 * Records come from the seed rather than from the property's inputs: shrinking then works on the
 * pair alone, which keeps it short, and the seed still replays the same records.
 */
export function soundnessProperty(
  direction: Direction,
  verdictOf: VerdictSource,
  validators: ValidatorCache,
  stats: SoundnessStats,
  schemas: fc.Arbitrary<SchemaObject> = recordSchemaArbitrary(),
): fc.IPropertyWithHooks<[MutatedPair, number]> {
  return fc.property(mutatedPairArbitrary(schemas), fc.noShrink(fc.nat()), (pair, recordSeed) => {
    stats.pairs += 1;
    const verdict = verdictOf(pair.before, pair.after, direction.mode);
    if (!verdict.compatible) return;
    stats.compatible += 1;
    const source = pair[direction.source];
    const target = pair[direction.target];
    for (const record of fc.sample(recordArbitrary(source), { seed: recordSeed, numRuns: RECORDS_PER_PAIR })) {
      if (!validators.isValid(source, record)) {
        stats.invalid += 1;
        continue;
      }
      stats.records += 1;
      const why = validators.explain(target, record);
      expect(why, describeCase(direction, pair, verdict, record, why)).toBe('');
    }
  });
}
