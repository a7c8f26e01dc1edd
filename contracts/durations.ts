/**
 * Durations (`15m`, `1h`, `7d`) and calendar grains (`day`, `month`) as contracts write them for
 * freshness, ttl, windows and SLAs. Lint checks them; the diffs compare them to tell a loosened
 * promise from a tightened one.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = Object.freeze({
  s: 1,
  m: 60,
  h: 3_600,
  d: 86_400,
  w: 604_800,
});

/**
 * Longest duration a contract may state: ten years, in seconds. Longer than any freshness, ttl or
 * window a feed can sensibly promise, and small enough that sums and comparisons of seconds stay
 * exact integers.
 */
export const MAX_DURATION_SECONDS = 10 * 365 * 86_400;

const DURATION = /^([1-9][0-9]{0,9})([smhdw])$/;

/** Calendar grains for `grain`, `date_trunc` and SLA `per`, shortest first. */
export const TIME_GRAINS = Object.freeze(['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const);
export type TimeGrain = (typeof TIME_GRAINS)[number];

/** Nominal length of each grain in seconds; months and years are averages, which is enough to order them. */
const GRAIN_SECONDS: Readonly<Record<TimeGrain, number>> = Object.freeze({
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 604_800,
  month: 2_629_800,
  quarter: 7_889_400,
  year: 31_557_600,
});

/**
 * Seconds in a duration such as `15m`, `1h`, `7d` (units s, m, h, d, w; a positive whole number
 * first). Returns `undefined` for anything else, including zero and durations over
 * MAX_DURATION_SECONDS.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2]!]!;
  return seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}

export function isTimeGrain(text: string): text is TimeGrain {
  return (TIME_GRAINS as readonly string[]).includes(text);
}

/** Seconds in a period written either as a grain (`day`) or as a duration (`24h`); `undefined` otherwise. */
export function parsePeriod(text: string): number | undefined {
  return isTimeGrain(text) ? GRAIN_SECONDS[text] : parseDuration(text);
}

/** The message tail lint and errors use to say what a duration should look like. */
export const DURATION_HINT = 'write a whole number and a unit s, m, h, d or w, e.g. 15m, 1h, 7d or 30d';

/**
 * Whether two optional durations state the same span: `30d` and `720h` do. Text that is not a
 * duration is compared as written.
 */
export function sameDuration(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const [left, right] = [parseDuration(a), parseDuration(b)];
  return left !== undefined && right !== undefined ? left === right : a === b;
}

/** How an optional duration promise moved between two versions. */
export type DurationChange = 'same' | 'added' | 'removed' | 'longer' | 'shorter' | 'incomparable';

/** Compares a duration promise (freshness, ttl, max age) across versions; text that is not a duration is `incomparable` when it differs. */
export function durationChange(before: string | undefined, after: string | undefined): DurationChange {
  if (sameDuration(before, after)) return 'same';
  if (before === undefined) return 'added';
  if (after === undefined) return 'removed';
  const [old, now] = [parseDuration(before), parseDuration(after)];
  if (old === undefined || now === undefined) return 'incomparable';
  return now > old ? 'longer' : 'shorter';
}

/** Units a printed duration uses, largest first. */
const PRINT_UNITS: readonly (readonly [number, string])[] = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm'],
  [1_000, 's'],
];

/**
 * A duration in milliseconds as people read it, in its two largest units: `36d 7h`, `7h 5m`,
 * `3m 12s`, `7h` (a zero second unit is left out); under a minute `12s` or `1.2s`, under a
 * second `850 ms`. Parts are rounded down, so `36d 7h` is at least 36 days and 7 hours.
 */
export function formatDuration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < 1_000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${Number((Math.floor(value / 100) / 10).toFixed(1))}s`;
  const index = PRINT_UNITS.findIndex(([size]) => value >= size);
  const [size, unit] = PRINT_UNITS[index]!;
  const [nextSize, nextUnit] = PRINT_UNITS[index + 1]!;
  const rest = Math.floor((value % size) / nextSize);
  return `${Math.floor(value / size)}${unit}${rest === 0 ? '' : ` ${rest}${nextUnit}`}`;
}
