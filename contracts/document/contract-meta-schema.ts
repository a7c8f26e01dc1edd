import { COMPATIBILITY_MODES, COMPATIBILITY_POLICIES } from '../compat-mode.js';
import { TIME_GRAINS } from '../durations.js';
import {
  CONTRACT_ID_PATTERN,
  DURATION_PATTERN,
  MAX_CONTRACT_ID_LENGTH,
  MAX_DEFINITION_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_METRIC_REFERENCE_LENGTH,
  MAX_TAG_LENGTH,
  METRIC_REFERENCE_PATTERN,
  NAME_PATTERN,
  TAG_PATTERN,
} from './identifiers.js';

/** Keys starting with `x-` are extensions: allowed wherever the meta-schema is closed. */
export const EXTENSION_KEY_PATTERN = '^x-';

export const CONTRACT_STATUSES = Object.freeze(['draft', 'active', 'deprecated', 'retired'] as const);
export const METRIC_TYPES = Object.freeze(['simple', 'ratio', 'derived', 'cumulative'] as const);
export const AGGREGATIONS = Object.freeze(['sum', 'count', 'count_distinct', 'avg', 'min', 'max', 'median', 'none'] as const);
export const FEATURE_DTYPES = Object.freeze(['bool', 'int32', 'int64', 'float32', 'float64', 'string', 'timestamp', 'date', 'embedding'] as const);
export const SOURCE_TYPES = Object.freeze(['file', 'http', 'sql', 'nats'] as const);

const text = { type: 'string', minLength: 1 } as const;
const duration = { type: 'string', pattern: DURATION_PATTERN } as const;
const name = { type: 'string', pattern: NAME_PATTERN, maxLength: MAX_DEFINITION_NAME_LENGTH } as const;
const tags = { type: 'array', items: { type: 'string', pattern: TAG_PATTERN, maxLength: MAX_TAG_LENGTH }, uniqueItems: true } as const;
const extensions = { [EXTENSION_KEY_PATTERN]: {} } as const;

/** One named person: a name and an email address, nothing else. */
const person = {
  type: 'object',
  required: ['name', 'email'],
  properties: { name: text, email: { type: 'string', format: 'email', maxLength: MAX_EMAIL_LENGTH } },
  additionalProperties: false,
} as const;

const metric = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    name,
    type: { enum: METRIC_TYPES },
    description: text,
    aggregation: { enum: AGGREGATIONS },
    expression: text,
    numerator: text,
    denominator: text,
    filter: text,
    unit: text,
    grain: text,
    dimensions: { type: 'array', items: text, uniqueItems: true },
    window: duration,
    owner: person,
    tags,
    references: { type: 'string', pattern: METRIC_REFERENCE_PATTERN, maxLength: MAX_METRIC_REFERENCE_LENGTH },
  },
  patternProperties: extensions,
  additionalProperties: false,
  allOf: [
    { if: { required: ['type'], properties: { type: { enum: ['simple', 'cumulative'] } } }, then: { required: ['aggregation'] } },
    { if: { required: ['type'], properties: { type: { const: 'ratio' } } }, then: { required: ['numerator', 'denominator'] } },
    { if: { required: ['type'], properties: { type: { const: 'derived' } } }, then: { required: ['expression'] } },
  ],
} as const;

const feature = {
  type: 'object',
  required: ['name', 'entity', 'dtype', 'source'],
  properties: {
    name,
    entity: text,
    dtype: { enum: FEATURE_DTYPES },
    description: text,
    source: {
      type: 'object',
      required: ['fields'],
      properties: {
        fields: { type: 'array', items: text, minItems: 1, uniqueItems: true },
        aggregation: { enum: [...AGGREGATIONS, 'latest'] },
        window: duration,
        filter: text,
      },
      additionalProperties: false,
    },
    freshness: duration,
    ttl: duration,
    owner: person,
    tags,
  },
  patternProperties: extensions,
  additionalProperties: false,
} as const;

/** Each source type names the one setting it cannot work without. */
const source = {
  type: 'object',
  required: ['name', 'type'],
  properties: { name: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', maxLength: MAX_DEFINITION_NAME_LENGTH }, type: { enum: SOURCE_TYPES } },
  allOf: [
    { if: { required: ['type'], properties: { type: { const: 'file' } } }, then: { required: ['path'] } },
    { if: { required: ['type'], properties: { type: { const: 'http' } } }, then: { required: ['url'], properties: { url: { type: 'string', pattern: '^https?://' } } } },
    { if: { required: ['type'], properties: { type: { const: 'sql' } } }, then: { anyOf: [{ required: ['table'] }, { required: ['query'] }] } },
    { if: { required: ['type'], properties: { type: { const: 'nats' } } }, then: { required: ['subject'] } },
  ],
} as const;

const sla = {
  type: 'object',
  properties: {
    freshness: {
      type: 'object',
      required: ['field', 'max_age'],
      properties: { field: text, max_age: duration },
      additionalProperties: false,
    },
    volume: {
      type: 'object',
      required: ['per'],
      properties: {
        min: { type: 'integer', minimum: 0 },
        max: { type: 'integer', minimum: 0 },
        per: { anyOf: [{ enum: TIME_GRAINS }, duration] },
      },
      additionalProperties: false,
    },
  },
  patternProperties: extensions,
  additionalProperties: false,
} as const;

/**
 * The contract document format (JSON Schema draft-07). A string `compatibility` is a mode; the
 * object form adds a policy. `schema` is the record schema and is checked separately.
 */
export const CONTRACT_META_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['contract', 'version', 'owner', 'schema'],
  properties: {
    contract: { type: 'string', pattern: CONTRACT_ID_PATTERN, maxLength: MAX_CONTRACT_ID_LENGTH },
    version: { type: 'string', format: 'semver' },
    title: text,
    description: text,
    owner: person,
    team: text,
    status: { enum: CONTRACT_STATUSES },
    compatibility: {
      if: { type: 'string' },
      then: { enum: COMPATIBILITY_MODES },
      else: {
        type: 'object',
        properties: { mode: { enum: COMPATIBILITY_MODES }, policy: { enum: COMPATIBILITY_POLICIES } },
        additionalProperties: false,
      },
    },
    schema: { type: ['object', 'boolean'] },
    metrics: { type: 'array', items: metric },
    features: { type: 'array', items: feature },
    sla,
    sources: { type: 'array', items: source },
    tags,
    deprecated: { type: ['boolean', 'string'] },
    sunset: { type: 'string', format: 'date' },
  },
  patternProperties: extensions,
  additionalProperties: false,
} as const;
