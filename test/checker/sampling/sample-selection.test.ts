import { describe, expect, test } from 'vitest';
import type { SampleSelection } from '../../../checker/model.js';
import { describeSelection, type ReadFacts } from '../../../checker/sampling/sample-selection.js';
import type { SamplerOptions } from '../../../checker/sampling/create-sampler.js';

const WINDOW: SamplerOptions = { kind: 'window', field: 'created_at', from: '2026-11-01', to: '2026-11-02', size: 100 };

describe('describeSelection says which records a run analyzed', () => {
  test.each<[string, SamplerOptions, ReadFacts, SampleSelection]>([
    ['head stopped early, feed order', {}, { read: 10_000, sampled: 10_000, wholeFeedRead: false }, { kind: 'first', text: 'first 10000 in feed order', stable: true }],
    ['head by a key', { size: 50 }, { read: 50, sampled: 50, wholeFeedRead: false, order: { by: 'id', stable: true } }, { kind: 'first', text: 'first 50 by id', orderBy: 'id', stable: true }],
    ['head without a stable order', { size: 5 }, { read: 5, sampled: 5, wholeFeedRead: false, order: { stable: false } }, { kind: 'first', text: 'first 5 in database order, not stable: no primary key or orderBy', stable: false }],
    ['head that read everything', {}, { read: 40, sampled: 40, wholeFeedRead: true, whole: 'whole table', order: { stable: false } }, { kind: 'whole', text: 'whole table', stable: true }],
    ['reservoir', { kind: 'reservoir', size: 10, seed: 7 }, { read: 900, sampled: 10, wholeFeedRead: true }, { kind: 'random', text: 'random 10 of 900 read in feed order, seed 7', stable: true }],
    ['reservoir smaller than its size', { kind: 'reservoir', size: 10 }, { read: 4, sampled: 4, wholeFeedRead: true }, { kind: 'whole', text: 'whole feed', stable: true }],
    ['window not full', WINDOW, { read: 900, sampled: 30, wholeFeedRead: true }, { kind: 'window', text: 'all 30 records with created_at in [2026-11-01, 2026-11-02) of 900 read', stable: true }],
    ['window full', WINDOW, { read: 900, sampled: 100, wholeFeedRead: true, order: { by: 'id', stable: true } }, { kind: 'window', text: 'random 100 with created_at in [2026-11-01, 2026-11-02) of 900 read by id, seed 1', orderBy: 'id', stable: true }],
  ])('%s', (_name, options, facts, expected) => {
    expect(describeSelection(options, facts)).toEqual(expected);
  });
});
