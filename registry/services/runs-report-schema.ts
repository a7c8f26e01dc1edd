/*
 * The shape of a check report as the registry accepts it (checker/model.ts `CheckReport`; the
 * registry may not import the checker, so the shape is restated here). One schema serves both
 * the body validation of POST /api/contracts/{id}/runs and the OpenAPI document. Unknown members
 * are allowed so a newer checker can add fields without an older registry refusing its reports.
 */

/**
 * Longest source key or description; sources are labels (a name, a URL without secrets), so 1,000
 * characters is far beyond a real one. The key is indexed, and PostgreSQL refuses index rows over
 * about 2,700 bytes, so the recording service also holds both to 1,000 bytes of UTF-8.
 */
export const MAX_RUN_SOURCE_LENGTH = 1_000;

/**
 * Most violation groups, and most drift findings, one report may carry. A check groups violations by
 * field and keyword, so even a 1,000-field feed failing every keyword stays far below; 10,000
 * bounds the rows a history page or an alert has to walk.
 */
export const MAX_RUN_FINDINGS = 10_000;

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const count = { type: 'integer', minimum: 0 } as const;

const finding = {
  type: 'object',
  required: ['rule', 'severity', 'path', 'message', 'fingerprint'],
  properties: {
    rule: { type: 'string', minLength: 1, maxLength: 200 },
    severity: { enum: ['breaking', 'warning', 'info'] },
    path: text(4_000),
    field: text(4_000),
    message: text(10_000),
    fingerprint: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

/** JSON Schema (draft-07) of an accepted check report. */
export const CHECK_REPORT_SCHEMA = {
  type: 'object',
  required: ['verdict', 'contract', 'version', 'source', 'startedAt', 'durationMs', 'read', 'sampled', 'sampler', 'readIssues', 'violations', 'drift', 'profile'],
  properties: {
    verdict: { enum: ['pass', 'warn', 'breaking'] },
    contract: { type: 'string', minLength: 1, maxLength: 200 },
    version: { type: 'string', minLength: 1, maxLength: 200 },
    nextVersion: { type: 'string', minLength: 1, maxLength: 200 },
    source: { type: 'string', minLength: 1, maxLength: MAX_RUN_SOURCE_LENGTH },
    sourceName: { type: 'string', minLength: 1, maxLength: MAX_RUN_SOURCE_LENGTH },
    startedAt: { type: 'string', format: 'date-time' },
    durationMs: { type: 'number', minimum: 0 },
    read: count,
    sampled: count,
    sampler: text(200),
    /** Which records were analyzed (checker/model.ts `SampleSelection`); optional, as older checkers do not send it. */
    selection: {
      type: 'object',
      required: ['kind', 'text', 'stable'],
      properties: { kind: { enum: ['first', 'random', 'window', 'whole'] }, text: text(1_000), orderBy: text(1_000), stable: { type: 'boolean' } },
    },
    readIssues: {
      type: 'object',
      required: ['count', 'examples'],
      properties: { count, examples: { type: 'array', maxItems: 1_000, items: { type: 'object' } } },
    },
    violations: {
      type: 'array',
      maxItems: MAX_RUN_FINDINGS,
      items: { ...finding, required: [...finding.required, 'keyword', 'count', 'rate', 'examples'], properties: { ...finding.properties, keyword: text(200), count, rate: { type: 'number', minimum: 0 }, examples: { type: 'array' } } },
    },
    drift: { type: 'array', maxItems: MAX_RUN_FINDINGS, items: finding },
    profile: {
      type: 'object',
      required: ['records', 'fields', 'observedSchema'],
      properties: {
        records: count,
        fields: { type: 'array', items: { type: 'object', required: ['field'], properties: { field: text(4_000) } } },
        observedSchema: { type: ['object', 'boolean'] },
        newest: { type: 'string' },
      },
    },
  },
} as const;
