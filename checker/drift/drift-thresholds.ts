import { ConcordError, type Contract } from '../../contracts/index.js';

/** The numbers statistical and schema drift judge by. Every one can be set per contract or per job. */
export interface DriftThresholds {
  /** PSI at or above which a distribution shift is a warning. */
  readonly psiWarn: number;
  /** PSI at or above which a distribution shift is breaking. */
  readonly psiBreaking: number;
  /** Rise of a field's null-or-missing rate over the baseline (absolute, 0..1) that is a warning. */
  readonly nullRateJump: number;
  /** Values a field needs in both the run and the baseline before its distribution is compared. */
  readonly minValuesForShift: number;
  /** Presence rate at or below which a declared field counts as gone when looking for a rename. */
  readonly renameMaxPresence: number;
  /** Share of the input's records that could not be read (malformed, oversized, not UTF-8) above which the run warns. */
  readonly unreadableWarn: number;
  /** Share of unreadable input above which the run is breaking. */
  readonly unreadableBreaking: number;
}

/**
 * PSI 0.1 warns and 0.25 breaks: the bands credit-risk modelling has used for decades (below 0.1
 * no real change, 0.1-0.25 a moderate shift worth a look, above 0.25 a shift that invalidates
 * what was fitted on the old population). A shift does not break parsers, but agents and models
 * fitted on the old mix silently go wrong, which is what this checker exists to prevent.
 */
export const DEFAULT_PSI_WARN = 0.1;
export const DEFAULT_PSI_BREAKING = 0.25;

/**
 * Ten percentage points more null-or-missing values than the baseline. Smaller moves are within
 * the day-to-day wobble of optional fields; a failing join or lookup typically empties a field for
 * a whole segment of records, which is far more than that.
 */
export const DEFAULT_NULL_RATE_JUMP = 0.1;

/**
 * 500 values on each side. Sampling noise alone gives a PSI of about (bins - 1) x (1/n + 1/m);
 * with the at most 11 bins used here and 500 values a side that is 0.04, well under the 0.1
 * warning band, so fewer values would raise false alarms on small feeds.
 */
export const DEFAULT_MIN_VALUES_FOR_SHIFT = 500;

/**
 * A declared field present in at most 1% of records counts as gone when a same-typed new field
 * appears: a renamed field is rarely exactly absent during a rollout, where old and new producers
 * overlap, yet 1% is far below the presence of any field that is merely optional.
 */
export const DEFAULT_RENAME_MAX_PRESENCE = 0.01;

/**
 * Share of a run's values below the smallest value of the baseline at which a declared-monotonic
 * field counts as gone backwards: 1%, the run's p01. A single value below the baseline's minimum
 * proves nothing: a uniform (reservoir) sample of a feed that holds the whole growing table puts
 * about one value in n below the previous sample's minimum by chance (0.2% at the 500 values a
 * comparison needs, far less at real sample sizes), and a late record or two is no reset. A
 * sequence reset or a replay of old data puts (nearly) all of the run there.
 */
export const MONOTONIC_REGRESSED_SHARE = 0.01;

/**
 * Share of a run's values below the baseline's largest value at which a regression is breaking:
 * 75%, the run's p75. A feed of new records (head or window samples of an appended stream) puts
 * almost none of its values there, so once values go below the baseline's minimum, three in four
 * not beyond the baseline means the feed as a whole restarted or replays the past; fewer means a
 * mostly advancing feed carrying some old records (a backfill, late data), which is a warning.
 */
export const MONOTONIC_BREAKING_SHARE = 0.75;

/**
 * More than 1% of the input unreadable warns: a healthy producer writes no broken records at all,
 * so a few in a thousand already mean a bug, yet so few leave the sample representative. More
 * than 10% is breaking: a tenth of the feed unseen can hide any drift, and a reader of the feed
 * loses as much.
 */
export const DEFAULT_UNREADABLE_WARN = 0.01;
export const DEFAULT_UNREADABLE_BREAKING = 0.1;

export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = Object.freeze({
  psiWarn: DEFAULT_PSI_WARN,
  psiBreaking: DEFAULT_PSI_BREAKING,
  nullRateJump: DEFAULT_NULL_RATE_JUMP,
  minValuesForShift: DEFAULT_MIN_VALUES_FOR_SHIFT,
  renameMaxPresence: DEFAULT_RENAME_MAX_PRESENCE,
  unreadableWarn: DEFAULT_UNREADABLE_WARN,
  unreadableBreaking: DEFAULT_UNREADABLE_BREAKING,
});

/** The contract extension that sets thresholds: `sla: { x-drift: { psi_warn: 0.2 } }`. */
export const CONTRACT_THRESHOLDS_KEY = 'x-drift';

/** The contract's snake_case key for each threshold. */
export const CONTRACT_THRESHOLD_KEYS: Readonly<Record<string, keyof DriftThresholds>> = Object.freeze({
  psi_warn: 'psiWarn',
  psi_breaking: 'psiBreaking',
  null_rate_jump: 'nullRateJump',
  min_values_for_shift: 'minValuesForShift',
  rename_max_presence: 'renameMaxPresence',
  unreadable_warn: 'unreadableWarn',
  unreadable_breaking: 'unreadableBreaking',
});

function checkValue(key: keyof DriftThresholds, value: unknown, where: string, who: string): number {
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (key === 'minValuesForShift' ? Number.isInteger(value) && value >= 1 : value >= 0 && (key.startsWith('psi') || value <= 1));
  if (!valid) {
    const wanted = key === 'minValuesForShift' ? 'a whole number of at least 1' : key.startsWith('psi') ? 'a number of at least 0' : 'a number from 0 to 1';
    throw new ConcordError('invalid-contract', `${who}drift threshold ${where} must be ${wanted}, not ${JSON.stringify(value)}`, { pointer: where });
  }
  return value as number;
}

/**
 * The thresholds for one run: the defaults, then the contract's `sla.x-drift` block (snake_case
 * keys `psi_warn`, `psi_breaking`, `null_rate_jump`, `min_values_for_shift`,
 * `rename_max_presence`, `unreadable_warn`, `unreadable_breaking`), then the job's own options,
 * each overriding the one before. Throws ConcordError `invalid-contract` for an unknown key or a
 * value out of range, and `invalid-argument` for bad job options or a warning band above the
 * breaking one.
 */
export function resolveThresholds(contract: Contract, options: Partial<DriftThresholds> = {}): DriftThresholds {
  const resolved: Record<keyof DriftThresholds, number> = { ...DEFAULT_DRIFT_THRESHOLDS };
  const who = `${contract.id} ${contract.version}: `;
  const block = contract.sla?.[CONTRACT_THRESHOLDS_KEY];
  if (block !== undefined) {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      throw new ConcordError('invalid-contract', `${who}sla.${CONTRACT_THRESHOLDS_KEY} must be a mapping of thresholds`, {
        pointer: `/sla/${CONTRACT_THRESHOLDS_KEY}`,
      });
    }
    for (const [name, value] of Object.entries(block)) {
      const key = CONTRACT_THRESHOLD_KEYS[name];
      const where = `/sla/${CONTRACT_THRESHOLDS_KEY}/${name}`;
      if (key === undefined) {
        throw new ConcordError('invalid-contract', `${who}unknown drift threshold ${where}: use ${Object.keys(CONTRACT_THRESHOLD_KEYS).join(', ')}`, { pointer: where });
      }
      resolved[key] = checkValue(key, value, where, who);
    }
  }
  for (const [key, value] of Object.entries(options) as [keyof DriftThresholds, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_DRIFT_THRESHOLDS)) {
      throw new ConcordError('invalid-argument', `unknown drift threshold option ${key}: use ${Object.keys(DEFAULT_DRIFT_THRESHOLDS).join(', ')}`);
    }
    try {
      resolved[key] = checkValue(key, value, key, '');
    } catch (error) {
      throw new ConcordError('invalid-argument', (error as Error).message);
    }
  }
  if (resolved.psiWarn > resolved.psiBreaking) {
    throw new ConcordError('invalid-argument', `the PSI warning threshold ${resolved.psiWarn} is above the breaking one ${resolved.psiBreaking}: lower psi_warn or raise psi_breaking`);
  }
  if (resolved.unreadableWarn > resolved.unreadableBreaking) {
    throw new ConcordError(
      'invalid-argument',
      `the unreadable-input warning threshold ${resolved.unreadableWarn} is above the breaking one ${resolved.unreadableBreaking}: lower unreadable_warn or raise unreadable_breaking`,
    );
  }
  return Object.freeze(resolved);
}
