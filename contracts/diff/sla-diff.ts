import { durationChange, parsePeriod } from '../durations.js';
import type { Sla } from '../model.js';
import { describeValue, sameValue } from './definition-diff.js';
import type { RuleChange } from '../rules/catalog.js';

type Volume = NonNullable<Sla['volume']>;

function loosened(contract: string, path: string, what: string, before: unknown, after: unknown): RuleChange {
  return {
    rule: 'contract-sla-loosened',
    path,
    message: `${contract}: ${what}: consumers relying on the old promise should hear about it before you publish`,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
  };
}

function changed(contract: string, path: string, what: string, before: unknown, after: unknown): RuleChange {
  return {
    rule: 'contract-sla-changed',
    path,
    message: `${contract}: ${what}`,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
  };
}

function freshnessChanges(contract: string, before: Sla['freshness'], after: Sla['freshness']): RuleChange[] {
  if (before === undefined && after === undefined) return [];
  if (after === undefined) return [loosened(contract, '/sla/freshness', 'the SLA no longer promises freshness', before, undefined)];
  if (before === undefined) return [changed(contract, '/sla/freshness', `the SLA now promises data at most ${after.max_age} old`, undefined, after)];
  const changes: RuleChange[] = [];
  if (before.field !== after.field) {
    changes.push(changed(contract, '/sla/freshness/field', `SLA freshness is measured on ${after.field} instead of ${before.field}`, before.field, after.field));
  }
  const movement = durationChange(before.max_age, after.max_age);
  if (movement !== 'same') {
    const what = `SLA freshness max_age goes from ${before.max_age} to ${after.max_age}`;
    const make = movement === 'shorter' ? changed : loosened;
    changes.push(make(contract, '/sla/freshness/max_age', what, before.max_age, after.max_age));
  }
  return changes;
}

/** Records per second a volume bound promises; `undefined` when the bound or its period is missing or unreadable. */
function rate(volume: Volume | undefined, bound: 'min' | 'max'): number | undefined {
  const count = volume?.[bound];
  const seconds = volume !== undefined ? parsePeriod(volume.per) : undefined;
  return count === undefined || seconds === undefined ? undefined : count / seconds;
}

function describeBound(volume: Volume | undefined, bound: 'min' | 'max'): string {
  const count = volume?.[bound];
  return count === undefined ? 'none' : `${count} per ${volume!.per}`;
}

/**
 * Whether a volume bound got weaker: a lower minimum or higher maximum rate, a dropped bound, one
 * that cannot be compared, or the same rate over a longer period (1000 a day promises more than
 * 7000 a week).
 */
function weakerBound(before: Volume | undefined, after: Volume | undefined, bound: 'min' | 'max'): boolean {
  if (before?.[bound] === undefined) return false;
  if (after?.[bound] === undefined) return true;
  const [old, now] = [rate(before, bound), rate(after, bound)];
  if (old === undefined || now === undefined) return true;
  if (now !== old) return bound === 'min' ? now < old : now > old;
  return parsePeriod(after.per)! > parsePeriod(before.per)!;
}

function volumeChanges(contract: string, before: Volume | undefined, after: Volume | undefined): RuleChange[] {
  const changes: RuleChange[] = [];
  const samePeriod = before !== undefined && after !== undefined && parsePeriod(before.per) !== undefined && parsePeriod(before.per) === parsePeriod(after.per);
  for (const bound of ['min', 'max'] as const) {
    const [oldText, newText] = [describeBound(before, bound), describeBound(after, bound)];
    if (oldText === newText || (samePeriod && before[bound] === after[bound])) continue;
    const make = weakerBound(before, after, bound) ? loosened : changed;
    changes.push(make(contract, `/sla/volume/${bound}`, `SLA volume ${bound} goes from ${oldText} to ${newText}`, before?.[bound], after?.[bound]));
  }
  return changes;
}

/**
 * The changes between two versions' SLAs: a longer or dropped freshness max_age, a lower or
 * dropped volume minimum, a higher or dropped maximum (compared per second, so `per: day` and
 * `per: 24h` agree) and a dropped other SLA entry are `contract-sla-loosened`; other changes
 * are `contract-sla-changed`. `contract` names the contract in messages.
 */
export function diffSla(contract: string, before: Sla | undefined, after: Sla | undefined): RuleChange[] {
  const changes = [
    ...freshnessChanges(contract, before?.freshness, after?.freshness),
    ...volumeChanges(contract, before?.volume, after?.volume),
  ];
  const others = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of others) {
    if (key === 'freshness' || key === 'volume') continue;
    const [old, now] = [before?.[key], after?.[key]];
    if (sameValue(old, now)) continue;
    const what = `SLA ${key} goes from ${describeValue(old)} to ${describeValue(now)}`;
    changes.push((now === undefined ? loosened : changed)(contract, `/sla/${key}`, what, old, now));
  }
  return changes;
}
