import fc from 'fast-check';

/**
 * The only regular expressions the schema generators use. Each is simple enough that a generator
 * can make strings of any admitted length that match it, so records stay valid by construction.
 */
export interface SafePattern {
  readonly pattern: string;
  /** Shortest and longest string the pattern admits (Infinity: unbounded). */
  readonly minLength: number;
  readonly maxLength: number;
  readonly alphabet: string;
}

export const SAFE_PATTERNS: readonly SafePattern[] = Object.freeze([
  { pattern: '^[a-z]+$', minLength: 1, maxLength: Infinity, alphabet: 'abcdefghijklmnopqrstuvwxyz' },
  { pattern: '^[a-z0-9_]+$', minLength: 1, maxLength: Infinity, alphabet: 'abcdefghijklmnopqrstuvwxyz0123456789_' },
  { pattern: '^[0-9]*$', minLength: 0, maxLength: Infinity, alphabet: '0123456789' },
  { pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3, alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' },
]);

export function safePattern(pattern: unknown): SafePattern | undefined {
  return SAFE_PATTERNS.find((entry) => entry.pattern === pattern);
}

/** Whether a pattern admits some string whose length lies in [minLength, maxLength]. */
export function patternFitsLengths(entry: SafePattern, minLength: number, maxLength: number): boolean {
  return Math.max(entry.minLength, minLength) <= Math.min(entry.maxLength, maxLength);
}

/**
 * Strings matching `entry` with a length in [minLength, maxLength], biased to the shortest and
 * longest admitted lengths. `softMax` caps an unbounded length so strings stay short.
 */
export function patternStringArbitrary(
  entry: SafePattern,
  minLength: number,
  maxLength: number,
  softMax: number,
): fc.Arbitrary<string> {
  const low = Math.max(entry.minLength, minLength);
  const high = Math.min(entry.maxLength, maxLength, Math.max(low, softMax));
  const unit = fc.constantFrom(...entry.alphabet);
  return fc.oneof(
    fc.string({ unit, minLength: low, maxLength: low }),
    fc.string({ unit, minLength: high, maxLength: high }),
    fc.string({ unit, minLength: low, maxLength: high }),
  );
}

/** Formats the generators use, with ajv-formats' full meaning, and the length of their values. */
export const STRING_FORMATS = Object.freeze(['date', 'email'] as const);
export type StringFormat = (typeof STRING_FORMATS)[number];

export function isStringFormat(value: unknown): value is StringFormat {
  return STRING_FORMATS.some((format) => format === value);
}

const LOWER = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');

/** Fixed characters of a generated e-mail: the `@`, the dot and a three-letter top-level domain. */
const EMAIL_FIXED_LENGTH = 5;
/** Longest local part and domain name made, each; short values keep records small. */
const EMAIL_PART_MAX = 8;

/**
 * Values of a format with a length in [minLength, maxLength]: calendar dates (day 28 at most, so
 * every month has it) and plain `local@domain.tld` e-mails. Undefined when no value of the
 * format has such a length.
 */
export function formatStringArbitrary(
  format: StringFormat,
  minLength: number,
  maxLength: number,
): fc.Arbitrary<string> | undefined {
  if (format === 'date') {
    if (minLength > 10 || maxLength < 10) return undefined;
    return fc
      .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([year, month, day]) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  }
  const shortest = Math.max(minLength, EMAIL_FIXED_LENGTH + 2);
  const longest = Math.min(maxLength, EMAIL_FIXED_LENGTH + 2 * EMAIL_PART_MAX);
  if (shortest > longest) return undefined;
  return fc
    .integer({ min: shortest, max: longest })
    .chain((length) => {
      const parts = length - EMAIL_FIXED_LENGTH;
      const localMin = Math.max(1, parts - EMAIL_PART_MAX);
      const localMax = Math.min(EMAIL_PART_MAX, parts - 1);
      return fc.integer({ min: localMin, max: localMax }).chain((localLength) =>
        fc.tuple(
          fc.string({ unit: LOWER, minLength: localLength, maxLength: localLength }),
          fc.string({ unit: LOWER, minLength: parts - localLength, maxLength: parts - localLength }),
          fc.constantFrom('com', 'org', 'net'),
        ),
      );
    })
    .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
}
