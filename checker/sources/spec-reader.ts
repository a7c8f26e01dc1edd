import type { SourceSpec } from '../../contracts/index.js';
import { invalidSource } from './source-errors.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads the fields of one `sources[]` entry, throwing `invalid-argument` errors that name the
 * source and the field, so a typo in a contract is found without reading code.
 */
export class SpecReader {
  readonly name: string;

  constructor(
    readonly spec: SourceSpec,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.name = typeof spec.name === 'string' && spec.name !== '' ? spec.name : '(unnamed)';
  }

  fail(field: string, problem: string): never {
    throw invalidSource(this.name, field, problem);
  }

  optionalString(field: string): string | undefined {
    const value = this.spec[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'must be a non-empty string');
    return value;
  }

  string(field: string): string {
    return this.optionalString(field) ?? this.fail(field, 'is required');
  }

  /** The URL field `field` holds, parsed, with one of `protocols` (`http:`, ...); `expected` names them in the error. */
  url(field: string, protocols: readonly string[], expected: string): URL {
    const text = this.string(field);
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return this.fail(field, `"${text}" is not a URL`);
    }
    if (!protocols.includes(parsed.protocol)) this.fail(field, `must be ${expected}`);
    return parsed;
  }

  /** An integer in [min, max]; `fallback` when absent. `from` and `label` read nested objects (`pagination.size`). */
  integer(field: string, fallback: number, min: number, max: number, from: Readonly<Record<string, unknown>> = this.spec, label = field): number {
    const value = from[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(label, `must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(field);
    if (value !== undefined && !(allowed as readonly string[]).includes(value)) this.fail(field, `must be one of ${allowed.join(', ')}`);
    return value as T | undefined;
  }

  /** An object whose values are strings (headers, env names by header). */
  stringMap(field: string): Readonly<Record<string, string>> {
    const value = this.spec[field];
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) this.fail(field, 'must be a map of names to strings');
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner !== 'string') this.fail(`${field}.${key}`, 'must be a string');
    }
    return value as Record<string, string>;
  }

  /**
   * The value of the environment variable the field names. Contracts name variables, never
   * values; the value is never put in an error message.
   */
  envValue(field: string, variable: string | undefined = this.optionalString(field)): string | undefined {
    if (variable === undefined) return undefined;
    if (!ENV_NAME.test(variable)) this.fail(field, `must name an environment variable (letters, digits, _), got "${variable}"`);
    const value = this.env[variable];
    if (value === undefined || value === '') this.fail(field, `names ${variable}, which is not set: export it where the check runs`);
    return value;
  }
}
