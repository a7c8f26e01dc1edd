import { ConcordError } from '../../contracts/errors.js';

/** The seed property tests use unless CONCORD_FC_SEED names another; fixed, so CI runs repeat. */
export const DEFAULT_FC_SEED = 424_242;

/**
 * The fast-check seed for this run: CONCORD_FC_SEED from `env` (default `process.env`) when set,
 * to replay a failure fast-check printed; else DEFAULT_FC_SEED.
 */
export function fcSeed(env: NodeJS.ProcessEnv = process.env): number {
  const text = env['CONCORD_FC_SEED'];
  if (text === undefined || text.trim() === '') return DEFAULT_FC_SEED;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) {
    throw new ConcordError('invalid-argument', `CONCORD_FC_SEED is "${text}": set it to an integer, e.g. the seed fast-check printed`);
  }
  return seed;
}
