import { ConcordError } from '../errors.js';

/**
 * Shapes of the names Concord accepts: the ones a contract document uses (shared by the
 * meta-schema and `$ref` parsing) and the ones the registry's API takes (consumers, principals,
 * tokens). {@link NAME_RULES} is the one table of them; the README's "Names" section quotes it.
 */

/**
 * Longest namespace (the first word of a contract id, and what a publisher token is scoped to).
 * Namespaces name teams or domains; 64 characters is far beyond any real one.
 */
export const MAX_NAMESPACE_LENGTH = 64;

/**
 * Longest contract id. Ids are primary keys and sit in composite indexes (versions, pins, runs);
 * PostgreSQL refuses an index row over about 2,700 bytes, and an id has to fit in every URL that
 * names it. 128 ASCII characters stays far below both while leaving room for deep names like
 * `commerce.payments.refunds.eu`.
 */
export const MAX_CONTRACT_ID_LENGTH = 128;

/** Longest consumer name; names are identifiers shown in lists, messages and URLs, so 128 is plenty. */
export const MAX_CONSUMER_NAME_LENGTH = 128;

/** Longest principal (and token) name; it is a label in lists, the audit log and messages. */
export const MAX_PRINCIPAL_NAME_LENGTH = 128;

/** Longest tag. Tags are search keywords (`?tag=`), stored and indexed one row each; 64 is ample. */
export const MAX_TAG_LENGTH = 64;

/**
 * Longest metric, feature or source name. Metric names are indexed for the metric catalog; 64
 * characters of snake_case is far beyond a real name.
 */
export const MAX_DEFINITION_NAME_LENGTH = 64;

/**
 * Longest e-mail address (RFC 5321's limit on a forward path). Owner addresses are indexed, so an
 * unbounded one could pass PostgreSQL's index row limit.
 */
export const MAX_EMAIL_LENGTH = 254;

/** `namespace`: a lowercase word. */
export const NAMESPACE_PATTERN = `^[a-z][a-z0-9_-]{0,${MAX_NAMESPACE_LENGTH - 1}}$`;

/**
 * `namespace.name`, lowercase: `commerce.orders`, `commerce.payments.refunds`. The namespace is at
 * most {@link MAX_NAMESPACE_LENGTH} characters; the whole id at most {@link MAX_CONTRACT_ID_LENGTH}
 * (a separate length check, which a pattern cannot say cheaply).
 */
export const CONTRACT_ID_PATTERN = `^[a-z][a-z0-9_-]{0,${MAX_NAMESPACE_LENGTH - 1}}(\\.[a-z][a-z0-9_-]*)+$`;

/** Consumer names: dotted lowercase words like `agents.support-router` (one word is enough). */
export const CONSUMER_NAME_PATTERN = '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*$';

/** Tags: a lowercase keyword like `pii` or `finance:kpi`; no spaces, so `?tag=` needs no quoting. */
export const TAG_PATTERN = '^[a-z0-9][a-z0-9_.:-]*$';

/**
 * Principal and token names: free text for people to read, without control characters and
 * without spaces at either end (`Dana Fischer`, `nightly checker`). Compiled with the `u` flag.
 */
export const PRINCIPAL_NAME_PATTERN = '^[^\\p{Cc}\\s](?:[^\\p{Cc}]*[^\\p{Cc}\\s])?$';

/** Metric, feature and source names: lowercase snake_case like `net_revenue`. */
export const NAME_PATTERN = '^[a-z][a-z0-9_]*$';

/** Durations: a positive whole number and a unit, `30s`, `15m`, `1h`, `7d`, `2w`. */
export const DURATION_PATTERN = '^[1-9][0-9]*(s|m|h|d|w)$';

/** `namespace.name#metric`: a canonical metric definition owned by another contract. */
export const METRIC_REFERENCE_PATTERN = '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+#[a-z][a-z0-9_]*$';

/** Longest `namespace.name#metric` reference: a contract id, `#` and a definition name. */
export const MAX_METRIC_REFERENCE_LENGTH = MAX_CONTRACT_ID_LENGTH + 1 + MAX_DEFINITION_NAME_LENGTH;

/** The kinds of name the registry takes from its callers. */
export type NameKind = 'contract-id' | 'namespace' | 'consumer' | 'principal-name' | 'tag';

/** One name's grammar: the pattern, the longest it may be, and the rule as people read it. */
export interface NameRule {
  /** What the name is called in messages. */
  readonly label: string;
  readonly pattern: string;
  readonly maxLength: number;
  /** The rule in words, quoted by every refusal. */
  readonly rule: string;
}

/** Every name the registry accepts, with its grammar: the one place these rules are written. */
export const NAME_RULES: Readonly<Record<NameKind, NameRule>> = Object.freeze({
  'contract-id': {
    label: 'contract id',
    pattern: CONTRACT_ID_PATTERN,
    maxLength: MAX_CONTRACT_ID_LENGTH,
    rule: `namespace.name in lowercase, like commerce.orders: two or more dot-separated words of a-z, 0-9, _ and -, each starting with a letter; the namespace at most ${MAX_NAMESPACE_LENGTH} characters, the whole id at most ${MAX_CONTRACT_ID_LENGTH}`,
  },
  namespace: {
    label: 'namespace',
    pattern: NAMESPACE_PATTERN,
    maxLength: MAX_NAMESPACE_LENGTH,
    rule: `one lowercase word, like commerce: a-z, 0-9, _ and -, starting with a letter, at most ${MAX_NAMESPACE_LENGTH} characters`,
  },
  consumer: {
    label: 'consumer name',
    pattern: CONSUMER_NAME_PATTERN,
    maxLength: MAX_CONSUMER_NAME_LENGTH,
    rule: `lowercase dotted words, like agents.support-router: one or more dot-separated words of a-z, 0-9, _ and -, each starting with a letter, at most ${MAX_CONSUMER_NAME_LENGTH} characters`,
  },
  'principal-name': {
    label: 'name',
    pattern: PRINCIPAL_NAME_PATTERN,
    maxLength: MAX_PRINCIPAL_NAME_LENGTH,
    rule: `1 to ${MAX_PRINCIPAL_NAME_LENGTH} characters of text without control characters and without spaces at either end, like Dana Fischer or nightly checker`,
  },
  tag: {
    label: 'tag',
    pattern: TAG_PATTERN,
    maxLength: MAX_TAG_LENGTH,
    rule: `a lowercase keyword, like pii or finance:kpi: a-z, 0-9, _ . : and -, starting with a letter or digit, at most ${MAX_TAG_LENGTH} characters`,
  },
});

const COMPILED = new Map<NameKind, RegExp>();

/** Whether `value` is a valid name of `kind` (pattern and length). */
export function isValidName(kind: NameKind, value: string): boolean {
  const rule = NAME_RULES[kind];
  if (value.length > rule.maxLength) return false;
  let pattern = COMPILED.get(kind);
  if (pattern === undefined) {
    pattern = new RegExp(rule.pattern, 'u');
    COMPILED.set(kind, pattern);
  }
  return pattern.test(value);
}

/**
 * Why `value` is not a valid name of `kind`, as a sentence that quotes the rule; undefined when it
 * is valid. `subject`, when given, names where the value came from (`/name`, `the URL`).
 */
export function nameProblem(kind: NameKind, value: string, subject?: string): string | undefined {
  if (isValidName(kind, value)) return undefined;
  const rule = NAME_RULES[kind];
  const shown = value.length > 80 ? `${JSON.stringify(value.slice(0, 80)).slice(0, -1)}..." (${value.length} characters)` : JSON.stringify(value);
  return `${subject === undefined ? '' : `${subject}: `}${rule.label} ${shown} is not valid: a ${rule.label} is ${rule.rule}`;
}

/**
 * Throws ConcordError `invalid-argument` quoting the rule (see {@link nameProblem}) unless `value`
 * is a valid name of `kind`; `pointer` is where in a request body the name was, when it was in one.
 */
export function requireValidName(kind: NameKind, value: string, subject?: string, pointer?: string): void {
  const problem = nameProblem(kind, value, subject);
  if (problem !== undefined) throw new ConcordError('invalid-argument', problem, pointer === undefined ? {} : { pointer });
}
