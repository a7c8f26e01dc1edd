/** Samplers: which records of a feed a check run analyzes. */
export { createHeadSampler } from './head-sampler.js';
export { createReservoirSampler } from './reservoir-sampler.js';
export { createTimeWindowSampler } from './time-window-sampler.js';
export type { TimeWindowOptions } from './time-window-sampler.js';
export { createSampler, SAMPLER_KINDS } from './create-sampler.js';
export type { SamplerKind, SamplerOptions } from './create-sampler.js';
export { DEFAULT_SAMPLE_SIZE, DEFAULT_SAMPLE_SEED, MAX_SAMPLE_SIZE } from './sample-size.js';
export { createReservoir } from './reservoir.js';
export type { Reservoir } from './reservoir.js';
export { createPrng } from './prng.js';
