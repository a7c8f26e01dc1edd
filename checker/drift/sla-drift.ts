import type { Contract } from '../../contracts/index.js';
import { formatDuration, parseDuration, parsePeriod } from '../../contracts/index.js';
import type { CheckFinding, FeedProfile } from '../model.js';
import { driftFinding, type ContractRef } from './drift-finding.js';

export interface SlaDriftInput {
  readonly ref: ContractRef;
  readonly contract: Contract;
  readonly profile: FeedProfile;
  /** Records read from the feed (all of them, not only the sample). */
  readonly read: number;
  /** True when the run read the feed to its end, so `read` is the feed's whole volume. */
  readonly wholeFeedRead: boolean;
  readonly now: Date;
  readonly key?: string;
}

/**
 * Volume: a sample cannot tell how many records the feed holds, so volume is judged only when
 * the whole feed was read, and then the feed is taken to be one `per` period's worth (a daily
 * export, a table partition, a one-day window of an API). Bounds are never scaled by a guessed
 * number of periods: the source (or a time-window sampler) decides what one period is.
 */
function volume(input: SlaDriftInput): CheckFinding[] {
  const sla = input.contract.sla?.volume;
  if (sla === undefined || !input.wholeFeedRead || parsePeriod(sla.per) === undefined) return [];
  const key = input.key !== undefined ? { key: input.key } : {};
  if (sla.min !== undefined && input.read < sla.min) {
    return [
      driftFinding(input.ref, {
        rule: 'volume-below-sla',
        path: '/sla/volume/min',
        message: `the feed held ${input.read} records, below the SLA minimum of ${sla.min} per ${sla.per}`,
        before: sla.min,
        after: input.read,
        ...key,
      }),
    ];
  }
  if (sla.max !== undefined && input.read > sla.max) {
    return [
      driftFinding(input.ref, {
        rule: 'volume-above-sla',
        path: '/sla/volume/max',
        message: `the feed held ${input.read} records, above the SLA maximum of ${sla.max} per ${sla.per}`,
        before: sla.max,
        after: input.read,
        ...key,
      }),
    ];
  }
  return [];
}

function freshness(input: SlaDriftInput): CheckFinding[] {
  const sla = input.contract.sla?.freshness;
  if (sla === undefined) return [];
  const maxAge = parseDuration(sla.max_age);
  if (maxAge === undefined) return [];
  const key = input.key !== undefined ? { key: input.key } : {};
  const base = { rule: 'freshness-breached' as const, field: sla.field, path: '/sla/freshness', ...key };
  const newest = input.profile.newest === undefined ? Number.NaN : Date.parse(input.profile.newest);
  if (Number.isNaN(newest)) {
    // An empty feed has no newest record, which breaks a freshness promise as surely as an old one.
    if (input.profile.records === 0 && input.read === 0) {
      return [driftFinding(input.ref, { ...base, message: `the feed held no records, so no ${sla.field} is fresher than ${sla.max_age}` })];
    }
    return [driftFinding(input.ref, { ...base, message: `no analyzed record carried a timestamp in field ${sla.field}, so freshness (max age ${sla.max_age}) cannot be shown` })];
  }
  const age = (input.now.getTime() - newest) / 1000;
  if (age <= maxAge) return [];
  return [
    driftFinding(input.ref, {
      ...base,
      message: `the newest ${sla.field} is ${input.profile.newest}, ${formatDuration(1000 * age)} old at ${input.now.toISOString()}, older than the SLA max age of ${sla.max_age}`,
      before: sla.max_age,
      after: input.profile.newest,
    }),
  ];
}

/**
 * SLA drift: volume below `sla.volume.min` or above `max` (judged only when the whole feed was
 * read), and freshness: the newest value of `sla.freshness.field` older than `max_age` at `now`.
 */
export function detectSlaDrift(input: SlaDriftInput): CheckFinding[] {
  return [...volume(input), ...freshness(input)];
}
