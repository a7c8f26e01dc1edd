import { DURATION_HINT, parseDuration, ConcordError } from '../../contracts/index.js';

/*
 * How old a check run must be for retention to remove it: a duration counted back from now
 * (`90d`, as contracts write durations) or a fixed instant (an ISO date, for a one-off cleanup).
 */

/** An ISO-8601 date, or a date-time with seconds optional and a zone required (so the instant is not the server's local time). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The cutoff `text` names at `now`: `now` minus a duration (`90d`, `12h`; units s, m, h, d, w),
 * or an ISO date (`2026-08-01`, midnight UTC) or date-time with a zone. ConcordError
 * `invalid-argument` with `pointer` for anything else and for an instant after `now`, which would
 * select every run.
 */
export function runCutoff(text: string, now: Date, pointer: string): Date {
  const seconds = parseDuration(text);
  if (seconds !== undefined) return new Date(now.getTime() - seconds * 1000);
  const at = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new ConcordError(
      'invalid-argument',
      `${pointer} "${text.slice(0, 40)}" is neither a duration nor an ISO date: for a duration ${DURATION_HINT} (like 90d); for a date write 2026-08-01 or 2026-08-01T00:00:00Z`,
      { pointer },
    );
  }
  if (at > now.getTime()) {
    throw new ConcordError('invalid-argument', `${pointer} ${text} is in the future, which would select every run: give a past date, or a duration like 90d`, { pointer });
  }
  return new Date(at);
}
