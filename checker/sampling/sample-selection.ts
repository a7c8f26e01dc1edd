import type { ReadOrder, SampleSelection } from '../model.js';
import type { SamplerOptions } from './create-sampler.js';
import { DEFAULT_SAMPLE_SEED, DEFAULT_SAMPLE_SIZE } from './sample-size.js';

/** What one read did, as the sample's description needs it. */
export interface ReadFacts {
  readonly read: number;
  readonly sampled: number;
  /** The feed was read to its end (the sampler never asked to stop). */
  readonly wholeFeedRead: boolean;
  /** The order the source chose, when it chose one (SQL). */
  readonly order?: ReadOrder;
  /** What reading all of the source is called (`whole table`); default `whole feed`. */
  readonly whole?: string;
}

function records(n: number): string {
  return `${n} ${n === 1 ? 'record' : 'records'}`;
}

function orderPhrase(order: ReadOrder | undefined): string {
  if (order === undefined) return 'in feed order';
  if (order.by !== undefined) return `by ${order.by}`;
  return 'in database order, not stable: no primary key or orderBy';
}

/**
 * Which records a run analyzed, in words and as data: `first 10000 by id` (a head sample that
 * stopped early), `whole table` (everything was read and kept), `random 10000 of
 * 2000000 read by id, seed 1` (reservoir), `random 500 with created_at in [from, to) of 80000
 * read in feed order, seed 1` (window). Defaults as in `createSampler`.
 */
export function describeSelection(options: SamplerOptions, facts: ReadFacts): SampleSelection {
  const kind = options.kind ?? 'head';
  const { read, sampled, order } = facts;
  const stable = order === undefined || order.stable;
  const orderBy = order?.by !== undefined ? { orderBy: order.by } : {};
  const seed = options.seed ?? DEFAULT_SAMPLE_SEED;
  if (kind === 'window') {
    const size = options.size ?? DEFAULT_SAMPLE_SIZE;
    const range = `${options.field ?? '?'} in [${String(options.from)}, ${String(options.to)})`;
    const text =
      sampled < size
        ? `all ${records(sampled)} with ${range} of ${read} read`
        : `random ${sampled} with ${range} of ${read} read ${orderPhrase(order)}, seed ${seed}`;
    return { kind: 'window', text, ...orderBy, stable };
  }
  if (facts.wholeFeedRead && sampled === read) {
    return { kind: 'whole', text: facts.whole ?? 'whole feed', ...orderBy, stable: true };
  }
  if (kind === 'head') return { kind: 'first', text: `first ${sampled} ${orderPhrase(order)}`, ...orderBy, stable };
  return { kind: 'random', text: `random ${sampled} of ${read} read ${orderPhrase(order)}, seed ${seed}`, ...orderBy, stable };
}
