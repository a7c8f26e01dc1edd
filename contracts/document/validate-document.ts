import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import semver from 'semver';
import type { LintProblem } from '../findings.js';
import { problemAt, translateAjvErrors, type MessageHint, type ProblemSite } from './ajv-messages.js';
import { CONTRACT_META_SCHEMA } from './contract-meta-schema.js';
import { NAME_RULES } from './identifiers.js';
import { appendPointer } from './json-pointer.js';

const OWNER_TEXT = 'owner must be one named person with name and email';
const DURATION_TEXT = (label: string, value: string): string => `${label} must be a duration like 15m, 1h or 7d, not ${value}`;

/** Sentences for the mistakes data owners make most; everything else gets a generic sentence. */
const HINTS: readonly MessageHint[] = [
  { path: '/owner', keywords: ['type', 'required'], rule: 'document-missing-owner', text: () => `${OWNER_TEXT}, like owner: { name: Dana Fischer, email: dana.fischer@example.com }` },
  { path: '/owner/*', keywords: ['required'], rule: 'document-missing-owner', text: (label) => `${OWNER_TEXT}: ${label} is missing` },
  { path: '/owner/*', keywords: ['additionalProperties'], rule: 'document-missing-owner', text: (label) => `${OWNER_TEXT}, nothing else: remove ${label}` },
  { path: '/contract', keywords: ['pattern', 'type', 'maxLength'], text: (_label, value) => `contract must be ${NAME_RULES['contract-id'].rule}, not ${value}` },
  ...['/tags/*', '/metrics/*/tags/*', '/features/*/tags/*'].map(
    (path): MessageHint => ({ path, keywords: ['pattern', 'type', 'maxLength'], text: (label, value) => `${label} must be ${NAME_RULES.tag.rule}, not ${value}` }),
  ),
  { path: '/version', keywords: ['format', 'type'], text: (_label, value) => `version must be a semantic version like 2.1.0, not ${value}` },
  {
    path: '/compatibility',
    keywords: ['enum', 'type'],
    text: (_label, value) =>
      `compatibility must be a mode (none, backward, forward or full, optionally with _transitive) or { mode, policy: strict | lenient }, not ${value}`,
  },
  { path: '/metrics/*/name', keywords: ['pattern'], text: (label, value) => `${label} must be lowercase snake_case like net_revenue, not ${value}` },
  { path: '/features/*/name', keywords: ['pattern'], text: (label, value) => `${label} must be lowercase snake_case like customer_order_count_30d, not ${value}` },
  { path: '/metrics/*/aggregation', keywords: ['required'], text: (label) => `${label} is missing: simple and cumulative metrics need an aggregation such as sum or count` },
  { path: '/metrics/*/numerator', keywords: ['required'], text: (label) => `${label} is missing: a ratio metric needs a numerator and a denominator` },
  { path: '/metrics/*/denominator', keywords: ['required'], text: (label) => `${label} is missing: a ratio metric needs a numerator and a denominator` },
  { path: '/metrics/*/expression', keywords: ['required'], text: (label) => `${label} is missing: a derived metric needs an expression` },
  { path: '/metrics/*/references', keywords: ['pattern'], text: (label, value) => `${label} must name a metric as namespace.name#metric, not ${value}` },
  { path: '/metrics/*/window', keywords: ['pattern'], text: DURATION_TEXT },
  { path: '/features/*/freshness', keywords: ['pattern'], text: DURATION_TEXT },
  { path: '/features/*/ttl', keywords: ['pattern'], text: DURATION_TEXT },
  { path: '/features/*/source/window', keywords: ['pattern'], text: DURATION_TEXT },
  { path: '/sla/freshness/max_age', keywords: ['pattern'], text: DURATION_TEXT },
  { path: '/sla/volume/per', text: (label, value) => `${label} must be a period such as day or hour, or a duration like 24h, not ${value}` },
  { path: '/sources/*/url', keywords: ['required', 'pattern'], text: (label) => `${label} must be an http:// or https:// address for an http source` },
  { path: '/sources/*/path', keywords: ['required'], text: (label) => `${label} is missing: a file source needs the path of the file to read` },
  { path: '/sources/*/query', keywords: ['required'], text: (label) => `${label} is missing: a sql source needs the query that selects the records` },
  { path: '/sources/*/subject', keywords: ['required'], text: (label) => `${label} is missing: a nats source needs the subject to read from` },
  { path: '/schema', keywords: ['required'], text: () => 'schema is missing: add the JSON Schema of the records, inline or as { $ref: ./file.schema.json }' },
];

// Names and email local parts that stand for a group, not a person who answers for the data.
const GROUP_WORDS = new Set(['team', 'data', 'ops', 'admin', 'admins', 'support', 'info', 'group', 'all', 'eng', 'engineering', 'platform', 'noreply', 'no-reply']);

let compiled: ValidateFunction | undefined;

/** The meta-schema validator, compiled once: the meta-schema is a constant. */
function metaSchemaValidator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strictSchema: true, strictTypes: true, strictRequired: false, allowUnionTypes: true, logger: false });
    addFormats.default(ajv, ['email', 'date', 'date-time', 'uri']);
    ajv.addFormat('semver', { type: 'string', validate: (text: string) => semver.valid(text) === text });
    compiled = ajv.compile(CONTRACT_META_SCHEMA);
  }
  return compiled;
}

function duplicateNames(document: Record<string, unknown>, site: ProblemSite): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const [list, noun] of [['metrics', 'metric'], ['features', 'feature'], ['sources', 'source']] as const) {
    const items = document[list];
    if (!Array.isArray(items)) continue;
    const first = new Map<string, number>();
    items.forEach((item: unknown, index) => {
      const name = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).name : undefined;
      if (typeof name !== 'string') return;
      const earlier = first.get(name);
      if (earlier === undefined) {
        first.set(name, index);
        return;
      }
      const text = `${noun} name "${name}" is used twice (also ${list}[${earlier}]): names identify a ${noun} across versions, so rename one`;
      problems.push(problemAt('document-duplicate-name', 'breaking', appendPointer('', list, index, 'name'), text, site));
    });
  }
  return problems;
}

function ownerLooksLikeGroup(document: Record<string, unknown>, site: ProblemSite): LintProblem[] {
  const owner = document.owner as { name?: unknown; email?: unknown } | undefined;
  if (typeof owner?.name !== 'string' || typeof owner.email !== 'string') return [];
  const local = owner.email.split('@')[0]?.toLowerCase() ?? '';
  const slug = /^[a-z0-9]+([-_.][a-z0-9]+)+$/.test(owner.name) || GROUP_WORDS.has(owner.name.toLowerCase());
  const groupMail = local.split(/[-_.+]/).some((part) => GROUP_WORDS.has(part)) || owner.name === document.team;
  if (!slug && !groupMail) return [];
  const text = `owner "${owner.name}" <${owner.email}> looks like a team or a mailing list: name one person who answers for this contract, and put the team in team`;
  return [problemAt('document-owner-not-person', 'warning', '/owner', text, site)];
}

const NUL = '\u0000';

/**
 * Problems for every key and text value outside the record schema that holds a NUL character
 * (U+0000). These fields land in text columns, which PostgreSQL cannot store NUL in and SQLite
 * would; refusing it keeps both dialects alike. The record schema is stored as JSON text, where
 * NUL is escaped, so strings inside it (enum values, examples) may keep it.
 */
function nulCharacters(document: Record<string, unknown>, site: ProblemSite): LintProblem[] {
  const problems: LintProblem[] = [];
  const found = (pointer: string, what: string): void => {
    const where = pointer === '' ? 'the document' : pointer;
    problems.push(problemAt('document-nul-character', 'breaking', pointer, `${where} ${what} a NUL character (U+0000), which no contract field may hold: remove it`, site));
  };
  // An explicit stack: documents may nest up to the parser's depth limit.
  const stack: [string, unknown][] = [['', document]];
  while (stack.length > 0) {
    const [pointer, value] = stack.pop() as [string, unknown];
    if (typeof value === 'string') {
      if (value.includes(NUL)) found(pointer, 'is text with');
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([appendPointer(pointer, index), item]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (pointer === '' && key === 'schema') continue;
        if (key.includes(NUL)) found(pointer, 'has a key with');
        stack.push([appendPointer(pointer, key), item]);
      }
    }
  }
  return problems;
}

/**
 * Checks a parsed contract document against the contract meta-schema, plus what a schema cannot
 * say: a canonical semver version, unique metric, feature and source names, and an owner that is
 * a person rather than a team. Problems carry the JSON pointer, file, line and column.
 */
export function validateDocument(document: unknown, site: ProblemSite = {}): LintProblem[] {
  const validate = metaSchemaValidator();
  const isRecord = document !== null && typeof document === 'object' && !Array.isArray(document);
  const nul = isRecord ? nulCharacters(document as Record<string, unknown>, site) : [];
  if (validate(document)) {
    const record = document as Record<string, unknown>;
    return [...nul, ...duplicateNames(record, site), ...ownerLooksLikeGroup(record, site)];
  }
  const problems = translateAjvErrors(validate.errors ?? [], { ...site, rule: 'document-invalid', hints: HINTS });
  return isRecord ? [...problems, ...nul, ...duplicateNames(document as Record<string, unknown>, site)] : problems;
}
