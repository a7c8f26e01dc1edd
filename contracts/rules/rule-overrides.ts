import { Ajv, type ErrorObject } from 'ajv';
import Type, { type Static } from 'typebox';
import { describePointer } from '../document/json-pointer.js';
import { parseText } from '../document/parse-text.js';
import { ConcordError } from '../errors.js';

/**
 * Most rules one overrides file may name. The catalogs hold about 250 rules; a file naming more
 * than that is generated or wrong, and every finding of every run is matched against it.
 */
export const MAX_OVERRIDDEN_RULES = 300;
/** Most acceptances under one rule: each is one known finding, and a longer list is a backlog, not a decision. */
export const MAX_ACCEPTANCES_PER_RULE = 100;
/** Longest reason of an acceptance: a sentence or two; it is shown next to the finding in every report. */
export const MAX_REASON_LENGTH = 500;
/** Largest overrides file read, in bytes: far above any hand-written file, far below what would slow a run. */
export const MAX_RULES_FILE_BYTES = 256 * 1024;

/** The severity a rule is set to; `off` drops its findings. */
export const OverrideSeveritySchema = Type.Union([Type.Literal('breaking'), Type.Literal('warning'), Type.Literal('info'), Type.Literal('off')]);

/** One known finding accepted until a day: matched by its fingerprint (rule, contract, path). */
export const AcceptEntrySchema = Type.Object(
  {
    fingerprint: Type.String({ pattern: '^[0-9a-f]{16}$', description: 'The finding\'s fingerprint, as reports print it.' }),
    reason: Type.String({ minLength: 1, maxLength: MAX_REASON_LENGTH }),
    expires: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Last day the acceptance applies, YYYY-MM-DD.' }),
  },
  { additionalProperties: false },
);
export type AcceptEntry = Readonly<Static<typeof AcceptEntrySchema>>;

export const RuleOverrideSchema = Type.Object(
  {
    severity: Type.Optional(OverrideSeveritySchema),
    accept: Type.Optional(Type.Array(AcceptEntrySchema, { maxItems: MAX_ACCEPTANCES_PER_RULE })),
  },
  { additionalProperties: false },
);
export type RuleOverride = Readonly<Static<typeof RuleOverrideSchema>>;

/** `.concord/rules.yaml`: `rules:` maps a rule id (of any kind) to its override. */
export const RuleOverridesSchema = Type.Object(
  { rules: Type.Record(Type.String(), RuleOverrideSchema, { maxProperties: MAX_OVERRIDDEN_RULES }) },
  { additionalProperties: false },
);
export type RuleOverrides = Readonly<Static<typeof RuleOverridesSchema>>;

let compiled: ReturnType<Ajv['compile']> | undefined;

function validator(): ReturnType<Ajv['compile']> {
  compiled ??= new Ajv({ allErrors: false, strict: false }).compile(RuleOverridesSchema);
  return compiled;
}

function errorText(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `unknown key "${String(error.params.additionalProperty)}": use severity and accept (fingerprint, reason, expires)`;
  if (error.keyword === 'required') return `missing ${String(error.params.missingProperty)}`;
  if (error.instancePath.endsWith('/severity')) return 'severity must be one of breaking, warning, info, off';
  if (error.instancePath.endsWith('/fingerprint')) return 'a fingerprint is 16 lowercase hex characters, as reports print it';
  if (error.instancePath.endsWith('/expires')) return 'expires must be a day, YYYY-MM-DD';
  return error.message ?? 'is invalid';
}

/** What a rule id must be to be named: the caller's catalogs decide, so contracts need not know the checker's. */
export type KnownRule = (id: string) => boolean;

/**
 * Parses and validates an overrides document (YAML or JSON) against `RuleOverridesSchema`. Throws
 * ConcordError `invalid-argument` (exit 2, HTTP 400) naming the file, line and field of the first
 * problem, or the unknown rule id. `file` only names the document in messages.
 */
export function parseRuleOverrides(text: string, file: string, known: KnownRule): RuleOverrides {
  if (Buffer.byteLength(text, 'utf8') > MAX_RULES_FILE_BYTES) {
    throw new ConcordError('invalid-argument', `${file} is larger than ${MAX_RULES_FILE_BYTES} bytes: keep one override per rule`, { file });
  }
  const parsed = parseText(text, { file, format: file.endsWith('.json') ? 'json' : 'yaml' });
  return checkRuleOverrides(parsed.value ?? { rules: {} }, file, known, (pointer) => parsed.locate(pointer)?.line);
}

/**
 * Validates overrides already parsed (a request body's `overrides`); see `parseRuleOverrides`.
 * `lineOf` places a problem in the source text, when there is one.
 */
export function checkRuleOverrides(value: unknown, file: string, known: KnownRule, lineOf: (pointer: string) => number | undefined = () => undefined): RuleOverrides {
  const validate = validator();
  if (!validate(value)) {
    const error = validate.errors?.[0];
    const pointer = error?.instancePath ?? '';
    const line = lineOf(pointer);
    const at = line !== undefined ? `${file}:${line}` : file;
    const text = error !== undefined ? errorText(error) : 'is invalid';
    // The message names file, line and field itself: a request body has no file for a location suffix to name.
    throw new ConcordError('invalid-argument', `${at}: ${describePointer(pointer)}: ${text}`);
  }
  const overrides = value as RuleOverrides;
  for (const id of Object.keys(overrides.rules)) {
    if (!known(id)) {
      const line = lineOf(`/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      throw new ConcordError('invalid-argument', `${line !== undefined ? `${file}:${line}` : file}: unknown rule "${id}": run concord rules to list the rule ids`);
    }
  }
  return overrides;
}
