import { TIME_GRAINS } from '../durations.js';

/** The types an expression can have. `unknown` is a field without one clear type, or `null`. */
export type ValueType = 'number' | 'string' | 'boolean' | 'timestamp' | 'unknown';

/** A parameter's type; `common` parameters must all share one type, which `common` results take. */
export type ParamType = ValueType | 'common';

export interface FunctionSpec {
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` for functions that take any number of arguments from `minArgs` on. */
  readonly maxArgs: number;
  /** One entry per parameter; the last repeats for functions with more arguments than entries. */
  readonly params: readonly ParamType[];
  readonly result: ParamType;
  /** When set, the first argument must be a string literal from this list. */
  readonly choices?: readonly string[];
  /** One line for docs/expressions.md and error messages. */
  readonly usage: string;
}

/** The named functions expressions may call, by lower-case name. Fixed set: no passthrough to SQL. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  (
    [
      { name: 'abs', minArgs: 1, maxArgs: 1, params: ['number'], result: 'number', usage: 'abs(number)' },
      { name: 'round', minArgs: 1, maxArgs: 2, params: ['number', 'number'], result: 'number', usage: 'round(number[, digits])' },
      { name: 'floor', minArgs: 1, maxArgs: 1, params: ['number'], result: 'number', usage: 'floor(number)' },
      { name: 'ceil', minArgs: 1, maxArgs: 1, params: ['number'], result: 'number', usage: 'ceil(number)' },
      { name: 'lower', minArgs: 1, maxArgs: 1, params: ['string'], result: 'string', usage: 'lower(string)' },
      { name: 'upper', minArgs: 1, maxArgs: 1, params: ['string'], result: 'string', usage: 'upper(string)' },
      { name: 'trim', minArgs: 1, maxArgs: 1, params: ['string'], result: 'string', usage: 'trim(string)' },
      { name: 'length', minArgs: 1, maxArgs: 1, params: ['string'], result: 'number', usage: 'length(string)' },
      {
        name: 'coalesce',
        minArgs: 2,
        maxArgs: Infinity,
        params: ['common'],
        result: 'common',
        usage: 'coalesce(value, fallback, ...)',
      },
      {
        name: 'date_trunc',
        minArgs: 2,
        maxArgs: 2,
        params: ['string', 'timestamp'],
        result: 'timestamp',
        choices: TIME_GRAINS,
        usage: `date_trunc('${TIME_GRAINS.join("' | '")}', timestamp)`,
      },
      {
        name: 'if',
        minArgs: 3,
        maxArgs: 3,
        params: ['boolean', 'common', 'common'],
        result: 'common',
        usage: 'if(condition, then, else)',
      },
    ] satisfies FunctionSpec[]
  ).map((spec) => [spec.name, Object.freeze(spec)]),
);

/** The parameter type of argument `index` (0-based). */
export function paramType(spec: FunctionSpec, index: number): ParamType {
  return spec.params[Math.min(index, spec.params.length - 1)]!;
}

export function arityText(spec: FunctionSpec): string {
  if (spec.maxArgs === Infinity) return `${spec.minArgs} or more arguments`;
  if (spec.minArgs === spec.maxArgs) return spec.minArgs === 1 ? '1 argument' : `${spec.minArgs} arguments`;
  const joiner = spec.maxArgs === spec.minArgs + 1 ? 'or' : 'to';
  return `${spec.minArgs} ${joiner} ${spec.maxArgs} arguments`;
}
