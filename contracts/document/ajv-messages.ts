import type { ErrorObject } from 'ajv';
import type { LintProblem } from '../findings.js';
import type { LintRuleId } from '../lint/lint-rules.js';
import { appendPointer, describePointer } from './json-pointer.js';
import type { Locate } from './source-positions.js';

/** A sentence for one kind of error at matching paths, replacing the generic one. */
export interface MessageHint {
  /** JSON pointer pattern; `*` matches any one segment. */
  readonly path: string;
  /** ajv keywords the hint is for; all when absent. */
  readonly keywords?: readonly string[];
  /** Rule id for problems the hint words; the caller's default otherwise. */
  readonly rule?: LintRuleId;
  readonly text: (label: string, value: string) => string;
}

export interface ProblemSite {
  readonly file?: string;
  readonly locate?: Locate;
  /** Prefixed to ajv's instance paths, e.g. `/schema` for a record schema inside a contract. */
  readonly pointerPrefix?: string;
}

export interface TranslateOptions extends ProblemSite {
  readonly rule: LintRuleId;
  readonly hints?: readonly MessageHint[];
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'an object (key: value pairs)',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  email: 'an email address like dana.fischer@example.com',
  date: 'a date like 2027-06-30',
  'date-time': 'a date and time like 2027-06-30T12:00:00Z',
  semver: 'a semantic version like 2.1.0',
  uri: 'an absolute URI',
};

/** A value as a message quotes it: text in quotes (shortened), containers by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((one) => TYPE_WORDS[String(one)] ?? String(one)).join(' or ');
}

function matches(pattern: string, pointer: string): boolean {
  const want = pattern.split('/');
  const have = pointer.split('/');
  return want.length === have.length && want.every((segment, index) => segment === '*' || segment === have[index]);
}

/** Where the problem is: for `required` the missing member, for `additionalProperties` the unknown one. */
function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return appendPointer(error.instancePath, String(params.missingProperty));
  if (error.keyword === 'additionalProperties') return appendPointer(error.instancePath, String(params.additionalProperty));
  return error.instancePath;
}

function genericText(error: ErrorObject, label: string): string {
  const params = error.params as Record<string, unknown>;
  const value = describeValue(error.data);
  switch (error.keyword) {
    case 'required':
      return `${label} is missing: add it`;
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      if (error.instancePath === '') return `unknown key "${key}": remove it, or name it x-${key} to keep it as an extension`;
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const parent = describePointer(error.instancePath);
      return known.length > 0 ? `unknown key "${key}" in ${parent}: use one of ${known.join(', ')}` : `unknown key "${key}" in ${parent}: remove it`;
    }
    case 'type':
      return `${label} must be ${typeWords(params.type)}, not ${value}`;
    case 'enum':
      return `${label} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}, not ${value}`;
    case 'const':
      return `${label} must be ${describeValue(params.allowedValue)}`;
    case 'format':
      return `${label} must be ${FORMAT_WORDS[String(params.format)] ?? `in ${String(params.format)} format`}, not ${value}`;
    case 'pattern':
      return `${label} ${value} does not have the expected form (${String(params.pattern)})`;
    case 'minLength':
      return Number(params.limit) === 1 ? `${label} must not be empty` : `${label} must be at least ${String(params.limit)} characters long`;
    case 'maxLength': {
      const length = typeof error.data === 'string' ? ` (it has ${error.data.length})` : '';
      return `${label} must be at most ${String(params.limit)} characters long${length}: shorten it`;
    }
    case 'minItems':
      return `${label} needs at least ${String(params.limit)} item${Number(params.limit) === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return `${label} lists the same item twice (positions ${Math.min(Number(params.i), Number(params.j))} and ${Math.max(Number(params.i), Number(params.j))}): remove the repeat`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `${label} must be ${String(params.comparison)} ${String(params.limit)}, not ${value}`;
    default:
      return `${label} does not satisfy "${error.keyword}"`;
  }
}

/**
 * Drops wrapper errors (`if`, `anyOf`, `oneOf`) and keeps one error per value that failed every
 * alternative: "must be one of ..." says enough without "or must be a list".
 */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const alternatives = new Set(errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf').map((error) => error.instancePath));
  const represented = new Set<string>();
  return errors.filter((error) => {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') return false;
    if (!alternatives.has(error.instancePath) || error.keyword === 'required' || error.keyword === 'additionalProperties') return true;
    if (represented.has(error.instancePath)) return false;
    represented.add(error.instancePath);
    return true;
  });
}

/** Builds a lint problem carrying its pointer, file and position as fields (renderers print them once). */
export function problemAt(rule: LintRuleId, severity: LintProblem['severity'], pointer: string, text: string, site: ProblemSite): LintProblem {
  const position = site.locate?.(pointer) ?? {};
  return {
    rule,
    severity,
    path: pointer,
    message: text,
    ...(site.file !== undefined ? { file: site.file } : {}),
    ...position,
  };
}

/**
 * Turns ajv errors into lint problems a data owner can act on: the field path in words, what was
 * expected, what was found. Never passes ajv's own messages through.
 */
export function translateAjvErrors(errors: readonly ErrorObject[], options: TranslateOptions): LintProblem[] {
  const seen = new Set<string>();
  const problems: LintProblem[] = [];
  for (const error of relevant(errors)) {
    const pointer = `${options.pointerPrefix ?? ''}${pointerOf(error)}`;
    const label = describePointer(pointer);
    const hint = options.hints?.find(
      (candidate) => matches(candidate.path, pointerOf(error)) && (candidate.keywords === undefined || candidate.keywords.includes(error.keyword)),
    );
    const text = hint !== undefined ? hint.text(label, describeValue(error.data)) : genericText(error, label);
    const key = `${pointer} ${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problemAt(hint?.rule ?? options.rule, 'breaking', pointer, text, options));
  }
  return problems;
}
