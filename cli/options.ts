import { ConcordError } from '../contracts/index.js';

/** Validates a `--format` value against the formats a command supports. */
export function parseFormat<T extends string>(value: string, formats: readonly T[]): T {
  if ((formats as readonly string[]).includes(value)) return value as T;
  throw new ConcordError('invalid-argument', `unknown format "${value}": use one of ${formats.join(', ')}`);
}
