import { Ajv, type KeywordCxt, type KeywordDefinition, type Options } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { RE2JS } from 're2js';
import type { LintProblem } from '../findings.js';
import type { JsonSchema } from '../model.js';
import { describeValue, problemAt, translateAjvErrors, type ProblemSite } from './ajv-messages.js';
import { appendPointer } from './json-pointer.js';
import { MAX_ENUM_VALUES } from './limits.js';
import { siteError } from './ref-site.js';
import { forEachSubschema } from './schema-walk.js';

type Dialect = 'draft-07' | '2020-12';

const DIALECTS: Readonly<Record<string, Dialect>> = {
  'json-schema.org/draft-07/schema': 'draft-07',
  'json-schema.org/draft/2020-12/schema': '2020-12',
};

/** Keywords Concord adds to record schemas: `pii: true` marks a field holding personal data. */
const CONCORD_KEYWORDS = ['pii'] as const;

// Unknown keywords are annotations, so strict mode is off; ajv still rejects invalid values of known ones.
const CHECK_OPTIONS: Options = { strict: false, allErrors: true, verbose: true, logger: false };
// Compiling only proves the schema compiles, and the keywords were checked already. allErrors keeps
// the generated code flat: without it every property nests one block deeper, and a schema with
// thousands of properties overflows the stack inside ajv. Loops keep long enums and required lists small.
// The compiled function is thrown away, so ajv's code optimizer is off: it recounts the names of
// every enclosing block for each statement it looks at, quadratic in the size of the generated
// code (most of a 1,000-branch oneOf's load time), and `messages: false` leaves the error texts out.
const COMPILE_OPTIONS: Options = {
  strict: false,
  allErrors: true,
  logger: false,
  validateSchema: false,
  loopEnum: 64,
  loopRequired: 64,
  messages: false,
  code: { optimize: false },
};

/**
 * Stand-ins for `oneOf` and `anyOf` in the compile check only. ajv's own code for them opens each
 * branch inside the previous branch's `else`, so a union of N branches becomes code nested N
 * blocks deep: rendering and parsing it recurses N levels (a 10,000-branch oneOf overflows the
 * stack) and costs far more than N. These compile every branch exactly as ajv does (same
 * subschema, same `$ref` resolution, same errors for a missing ref or a bad keyword value), one
 * after the other at one depth. The function they produce never validates a record.
 */
function flatUnion(keyword: 'oneOf' | 'anyOf'): KeywordDefinition {
  return {
    keyword,
    schemaType: 'array',
    code(cxt: KeywordCxt): void {
      const valid = cxt.gen.name('valid');
      const branches = cxt.schema as unknown[];
      for (let index = 0; index < branches.length; index++) cxt.subschema({ keyword, schemaProp: index, compositeRule: true }, valid);
    },
  };
}

function createCompileChecker(dialect: Dialect): Ajv {
  const ajv = createAjv(dialect, COMPILE_OPTIONS);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    ajv.removeKeyword(keyword);
    ajv.addKeyword(flatUnion(keyword));
  }
  return ajv;
}

function dialectOf(schema: JsonSchema): Dialect | undefined {
  if (typeof schema === 'boolean' || schema.$schema === undefined) return 'draft-07';
  if (typeof schema.$schema !== 'string') return undefined;
  return DIALECTS[schema.$schema.replace(/^https?:\/\//, '').replace(/#$/, '')];
}

function createAjv(dialect: Dialect, options: Options): Ajv {
  const ajv = dialect === '2020-12' ? new Ajv2020(options) : new Ajv(options);
  addFormats.default(ajv);
  for (const keyword of CONCORD_KEYWORDS) ajv.addKeyword(keyword);
  return ajv;
}

const keywordCheckers = new Map<Dialect, Ajv>();

/** One ajv per dialect checks keyword values: `validateSchema` keeps no state, and building an ajv is slow. */
function keywordChecker(dialect: Dialect): Ajv {
  let ajv = keywordCheckers.get(dialect);
  if (ajv === undefined) {
    ajv = createAjv(dialect, CHECK_OPTIONS);
    keywordCheckers.set(dialect, ajv);
  }
  return ajv;
}

/** `pattern`s and `patternProperties` names the linear-time engine refuses, and non-boolean `pii`. */
function keywordProblems(schema: JsonSchema, site: ProblemSite): LintProblem[] {
  const problems: LintProblem[] = [];
  // Large schemas repeat the same few patterns; each is compiled once.
  const refusals = new Map<string, string | undefined>();
  const refusalOf = (pattern: string): string | undefined => {
    if (!refusals.has(pattern)) {
      try {
        RE2JS.compile(RE2JS.translateRegExp(pattern));
        refusals.set(pattern, undefined);
      } catch (error) {
        refusals.set(pattern, error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error));
      }
    }
    return refusals.get(pattern);
  };
  const checkPattern = (pattern: string, pointer: string): void => {
    const why = refusalOf(pattern);
    if (why !== undefined) {
      const text = `pattern ${JSON.stringify(pattern)} needs backtracking or syntax the linear-time regex engine does not accept (${why}): rewrite it without backreferences or lookaround, so checking a record can never hang`;
      problems.push(problemAt('schema-pattern-unsafe', 'breaking', pointer, text, site));
    }
  };
  forEachSubschema(
    schema,
    (node, pointer) => {
      if (typeof node.pattern === 'string') checkPattern(node.pattern, appendPointer(pointer, 'pattern'));
      const patternProperties = node.patternProperties;
      if (patternProperties !== null && typeof patternProperties === 'object' && !Array.isArray(patternProperties)) {
        for (const name of Object.keys(patternProperties)) checkPattern(name, appendPointer(pointer, 'patternProperties', name));
      }
      if ('pii' in node && typeof node.pii !== 'boolean') {
        const where = appendPointer(pointer, 'pii');
        problems.push(problemAt('schema-invalid', 'breaking', where, `pii must be true or false, not ${describeValue(node.pii)}`, site));
      }
    },
    site.pointerPrefix ?? '',
  );
  return problems;
}

/** Refuses enums past `MAX_ENUM_VALUES` before ajv's pairwise uniqueness check ever sees them. */
function checkEnumLengths(schema: JsonSchema, site: ProblemSite): void {
  forEachSubschema(
    schema,
    (node, pointer) => {
      if (Array.isArray(node.enum) && node.enum.length > MAX_ENUM_VALUES) {
        const at = { ...site, pointer: appendPointer(pointer, 'enum') };
        throw siteError('too-large', `the enum at ${at.pointer} lists ${node.enum.length} values, more than ${MAX_ENUM_VALUES}: use a pattern or a shorter list`, at);
      }
    },
    site.pointerPrefix ?? '',
  );
}

function compileProblem(error: unknown, site: ProblemSite): LintProblem {
  const pointer = site.pointerPrefix ?? '';
  const missingRef = (error as { missingRef?: unknown }).missingRef;
  const text =
    typeof missingRef === 'string'
      ? `$ref ${JSON.stringify(missingRef)} points to nothing in the record schema: add the definition or fix the ref`
      : `the record schema does not compile: ${error instanceof Error ? error.message : String(error)}; fix the keyword it names`;
  return problemAt('schema-invalid', 'breaking', pointer, text, site);
}

/**
 * Checks that a bundled record schema is usable: its `$schema` is draft-07 (the default) or
 * 2020-12, every keyword value is valid for that dialect and ajv compiles it (unknown keywords
 * are allowed as annotations), `pii` is a boolean, and every `pattern` and `patternProperties`
 * name is accepted by the linear-time RE2 engine (rule `schema-pattern-unsafe`). Pointers start
 * at `site.pointerPrefix` (default `''`). Throws ConcordError `too-large` for an enum longer than
 * `MAX_ENUM_VALUES`.
 */
export function checkRecordSchema(schema: JsonSchema, site: ProblemSite = {}): LintProblem[] {
  const prefix = site.pointerPrefix ?? '';
  const dialect = dialectOf(schema);
  if (dialect === undefined) {
    const found = typeof schema === 'object' ? describeValue(schema.$schema) : '';
    const text = `$schema ${found} is not supported: use http://json-schema.org/draft-07/schema# or https://json-schema.org/draft/2020-12/schema, or leave it out for draft-07`;
    return [problemAt('schema-unsupported-dialect', 'breaking', appendPointer(prefix, '$schema'), text, site)];
  }
  checkEnumLengths(schema, site);
  const checker = keywordChecker(dialect);
  if (checker.validateSchema(schema) !== true) {
    return translateAjvErrors(checker.errors ?? [], { ...site, rule: 'schema-invalid', pointerPrefix: prefix });
  }
  const problems = keywordProblems(schema, site);
  try {
    // A fresh ajv per schema: compiling registers the schema's $ids, which must not meet another schema's.
    createCompileChecker(dialect).compile(schema);
  } catch (error) {
    problems.push(compileProblem(error, site));
  }
  return problems;
}
