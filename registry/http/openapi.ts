import { NAME_RULES } from '../../contracts/index.js';
import type { NameKind } from '../../contracts/index.js';
import { OPENAPI_SCHEMAS } from './openapi-schemas.js';

/*
 * The OpenAPI 3.1 document of the registry's HTTP API, served at /api/openapi.json. A test walks
 * express's routes and these paths and checks that they match both ways.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` }) as const;
const json = (schema: object) => ({ 'application/json': { schema } });
const ok = (description: string, schema: object) => ({ description, content: json(schema) });
const errors = (...statuses: readonly number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { $ref: `#/components/responses/E${status}` }]));
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const queryParam = (name: string, description: string, type = 'string') => ({ name, in: 'query', required: false, schema: { type }, description });

/** A path parameter that must follow a name rule (NAME_RULES); a name that breaks it is a 400. */
const namedParam = (name: string, kind: NameKind) => {
  const rule = NAME_RULES[kind];
  return { name, in: 'path', required: true, schema: { type: 'string', pattern: rule.pattern, maxLength: rule.maxLength }, description: `${rule.label}: ${rule.rule}` };
};

const id = namedParam('id', 'contract-id');
const version = pathParam('version', 'A published version, or `latest`');
const consumerName = namedParam('name', 'consumer');
const paging = [queryParam('limit', 'Rows to return (1-200, default 50)', 'integer'), queryParam('offset', 'Rows to skip', 'integer')];
const read = { security: [{ bearer: [] }, {}] };
const write = { security: [{ bearer: [] }] };

const contractBody = {
  required: true,
  description:
    'A contract document with its schema bundled: file $refs are refused, registry: refs are resolved from the registry. ' +
    'An optional top-level `overrides` member (PublishOverrides, the change rules of .concord/rules.yaml) is applied by the evaluation and not stored with the document; a malformed one is a 400 naming the field',
  content: { 'application/json': { schema: ref('PublishOverrides') }, 'application/yaml': { schema: ref('PublishOverrides') }, 'text/yaml': { schema: ref('PublishOverrides') } },
};
const objectBody = (schema: object) => ({ required: true, content: json(schema) });
const reasonBody = objectBody(ref('MarkRequest'));

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Unreadable body or bad parameter',
  401: 'No token, or a wrong one',
  403: 'The token may not do this',
  404: 'No such contract, version, consumer, run or route',
  409: 'Conflict (different content under a published version, metric meaning, a principal name already taken) or breaking change',
  413: 'Body, nesting or schema over its limit',
  422: 'Invalid contract: every lint problem is in error.findings',
};

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Concord registry',
    version: '1',
    description: 'Publish, pin and resolve data contracts; see who a change breaks before it ships. Errors are { error: { code, message, findings? } }.',
  },
  paths: {
    '/api/health': { get: { summary: 'Liveness and database kind', responses: { 200: ok('Healthy', ref('Health')), 503: ok('The database does not answer', ref('Health')) } } },
    '/api/openapi.json': { get: { summary: 'This document', responses: { 200: ok('The OpenAPI document', { type: 'object' }) } } },
    '/api/contracts': {
      get: {
        summary: 'List and search contracts',
        ...read,
        parameters: [queryParam('q', 'Substring of id or title'), queryParam('namespace', 'Namespace'), queryParam('owner', 'Owner e-mail or principal'), queryParam('tag', 'Tag'), queryParam('status', 'draft, active, deprecated or retired'), ...paging],
        responses: { 200: ok('A page of contracts', ref('ContractPage')), ...errors(400, 401) },
      },
      post: {
        summary: 'Publish a contract version',
        ...write,
        requestBody: contractBody,
        responses: { 201: ok('Published', ref('PublishResult')), 200: ok('Already published with the same content (existing: true)', ref('PublishResult')), ...errors(400, 401, 403, 409, 413, 422) },
      },
    },
    '/api/contracts/{id}': { get: { summary: 'A contract', ...read, parameters: [id], responses: { 200: ok('The contract', ref('Contract')), ...errors(400, 401, 404) } } },
    '/api/contracts/{id}/check': {
      post: {
        summary: 'Dry run: what publishing the body with the caller\'s token would do (the same evaluation as the publish), with every reason, findings and affected consumers; nothing is stored',
        ...read,
        parameters: [id],
        requestBody: contractBody,
        responses: { 200: ok('What publishing would do', ref('ImpactReport')), ...errors(400, 401, 413, 422) },
      },
    },
    '/api/contracts/{id}/versions': {
      get: {
        summary: 'Published versions, oldest first, one page at a time (follow `next` for the rest)',
        ...read,
        parameters: [id, ...paging],
        responses: {
          200: ok('One page of versions', ref('VersionPage')),
          ...errors(400, 401, 404),
        },
      },
    },
    '/api/contracts/{id}/versions/{version}': { get: { summary: 'One version, or the latest; answers 304 when If-None-Match names its ETag', ...read, parameters: [id, version], responses: { 200: ok('The version', ref('Version')), ...errors(400, 401, 404) } } },
    '/api/contracts/{id}/resolve': {
      get: { summary: 'Highest published, non-yanked version in a range; answers 304 when If-None-Match names its ETag', ...read, parameters: [id, { ...queryParam('range', 'Semver range, e.g. ^2'), required: true }], responses: { 200: ok('The version', ref('Version')), ...errors(400, 401, 404) } },
    },
    '/api/contracts/{id}/changelog': {
      get: {
        summary: 'Changes between two published versions',
        ...read,
        parameters: [id, { ...queryParam('from', 'Older version'), required: true }, queryParam('to', 'Newer version (default latest)')],
        responses: { 200: ok('The changelog', ref('Changelog')), ...errors(400, 401, 404) },
      },
    },
    '/api/contracts/{id}/versions/{version}/deprecate': { post: { summary: 'Deprecate a version (owner or admin)', ...write, parameters: [id, version], requestBody: reasonBody, responses: { 200: ok('Marked', ref('MarkedVersion')), ...errors(400, 401, 403, 404, 413) } } },
    '/api/contracts/{id}/versions/{version}/yank': { post: { summary: 'Yank a version: never resolved again (owner or admin)', ...write, parameters: [id, version], requestBody: reasonBody, responses: { 200: ok('Marked', ref('MarkedVersion')), ...errors(400, 401, 403, 404, 413) } } },
    '/api/contracts/{id}/transfer': {
      post: {
        summary: 'Transfer ownership (owner or admin)',
        ...write,
        parameters: [id],
        requestBody: objectBody(ref('TransferRequest')),
        responses: { 200: ok('The contract with its new owner', ref('Contract')), ...errors(400, 401, 403, 404, 413) },
      },
    },
    '/api/contracts/{id}/consumers': {
      get: {
        summary: 'Consumers pinned to a contract, each with what its agents report (last seen, version in use, reject rate)',
        ...read,
        parameters: [id],
        responses: {
          200: ok('Pins', ref('ContractConsumers')),
          ...errors(400, 401, 404),
        },
      },
    },
    '/api/contracts/{id}/consumers/{name}/telemetry': {
      post: {
        summary: 'Report what a consumer\'s agents validated (the agent SDK sends this in batches): counts per version and failing field names, never values. The consumer\'s creator or an admin',
        ...write,
        parameters: [id, consumerName],
        requestBody: objectBody(ref('TelemetryBatch')),
        responses: { 200: ok('Taken', ref('TelemetryReceipt')), ...errors(400, 401, 403, 404, 413) },
      },
    },
    '/api/contracts/{id}/runs': {
      get: { summary: 'Recorded check runs, newest first', ...read, parameters: [id, queryParam('source', 'Only runs of this source (its name in the contract, or its description)'), ...paging], responses: { 200: ok('A page of runs', ref('RunPage')), ...errors(400, 401, 404) } },
      post: {
        summary: 'Record a check run (admin, or a publisher scoped to the namespace: give checkers a principal of their own)',
        ...write,
        parameters: [id],
        requestBody: { required: true, description: 'The check report, at most 2 MiB', content: json(ref('CheckReport')) },
        responses: { 201: ok('Recorded', ref('RunSummary')), ...errors(400, 401, 403, 404, 413) },
      },
    },
    '/api/contracts/{id}/runs/latest': {
      get: { summary: 'The newest run of a source with its report: the previous verdict', ...read, parameters: [id, { ...queryParam('source', 'The source (its name in the contract, or its description)'), required: true }], responses: { 200: ok('The run', ref('Run')), ...errors(400, 401, 404) } },
    },
    '/api/contracts/{id}/runs/baseline': {
      get: {
        summary: "A source's baseline, the run the next check compares with: its newest passing run, or the run its owner accepted since",
        ...read,
        parameters: [id, { ...queryParam('source', 'The source (its name in the contract, or its description)'), required: true }],
        responses: { 200: ok('The baseline run', ref('BaselineRun')), ...errors(400, 401, 404) },
      },
    },
    '/api/contracts/{id}/baseline': {
      post: {
        summary: "Accept a run (default the source's newest) as the source's baseline, whatever its verdict (owner or admin; audited as baseline.accept)",
        ...write,
        parameters: [id],
        requestBody: objectBody(ref('BaselineAcceptRequest')),
        responses: { 200: ok('The new baseline', ref('BaselineRun')), ...errors(400, 401, 403, 404, 413) },
      },
    },
    '/api/contracts/{id}/runs/{run}': {
      get: { summary: 'One recorded run with its report', ...read, parameters: [id, pathParam('run', 'Run id')], responses: { 200: ok('The run', ref('Run')), ...errors(400, 401, 404) } },
    },
    '/api/runs/latest': {
      get: { summary: 'The newest run of every contract and source: the current verdicts', ...read, parameters: [queryParam('contract', 'Only this contract')], responses: { 200: ok('Runs', { type: 'object', properties: { items: { type: 'array', items: ref('RunSummary') } } }), ...errors(401) } },
    },
    '/api/runs/prune': {
      post: {
        summary: 'Delete runs recorded before a cutoff, keeping the newest runs of every contract and source (admin)',
        ...write,
        requestBody: objectBody(ref('RunPruneRequest')),
        responses: { 200: ok('How many runs were deleted', { type: 'object', required: ['deleted'], properties: { deleted: { type: 'integer' } } }), ...errors(400, 401, 403, 404, 413) },
      },
    },
    '/api/consumers': { get: { summary: 'Consumers', ...read, parameters: paging, responses: { 200: ok('A page of consumers', ref('ConsumerPage')), ...errors(400, 401) } } },
    '/api/consumers/{name}': {
      get: { summary: 'A consumer and its pins', ...read, parameters: [consumerName], responses: { 200: ok('The consumer and its pins', ref('ConsumerDetail')), ...errors(400, 401, 404) } },
      put: {
        summary: 'Register or update a consumer',
        ...write,
        parameters: [consumerName],
        requestBody: objectBody(ref('ConsumerUpdate')),
        responses: { 200: ok('The consumer', ref('Consumer')), ...errors(400, 401, 403, 413) },
      },
      delete: {
        summary: 'Remove a consumer and all its pins (its creator or an admin)',
        ...write,
        parameters: [consumerName],
        responses: { 200: ok('Removed, with the contracts it had pinned', ref('RemovedConsumer')), ...errors(400, 401, 403, 404) },
      },
    },
    '/api/consumers/{name}/pins/{id}': {
      put: {
        summary: 'Pin a consumer to a contract range',
        ...write,
        parameters: [consumerName, id],
        requestBody: objectBody(ref('PinRequest')),
        responses: { 200: ok('The pin and the version it resolves to', ref('Pin')), ...errors(400, 401, 403, 404, 413, 422) },
      },
      delete: { summary: 'Remove a pin', ...write, parameters: [consumerName, id], responses: { 200: ok('Removed', ref('DeletedPin')), ...errors(400, 401, 403, 404) } },
    },
    '/api/metrics': { get: { summary: 'Metric names across the registry', ...read, parameters: [queryParam('q', 'Name prefix'), ...paging], responses: { 200: ok('A page of metric names', ref('MetricPage')), ...errors(400, 401) } } },
    '/api/metrics/{name}': { get: { summary: 'Who owns a metric definition and where it is used', ...read, parameters: [pathParam('name', 'Metric name')], responses: { 200: ok('The metric', ref('Metric')), ...errors(401, 404) } } },
    '/api/audit': {
      get: { summary: 'The audit log, newest first (admin)', ...write, parameters: [queryParam('contract', 'Contract id'), queryParam('actor', 'Principal id or name'), ...paging], responses: { 200: ok('A page of entries', ref('AuditPage')), ...errors(400, 401, 403) } },
    },
    '/api/whoami': { get: { summary: 'The principal the presented token belongs to', ...write, responses: { 200: ok('The principal', ref('Principal')), ...errors(401) } } },
    '/api/tokens': {
      get: { summary: 'Every token with its principal, newest first (admin)', ...write, parameters: paging, responses: { 200: ok('A page of tokens', ref('TokenPage')), ...errors(400, 401, 403) } },
      post: {
        summary: 'Create a principal and its token (admin); the token is shown once',
        ...write,
        requestBody: objectBody(ref('TokenRequest')),
        responses: { 201: ok('The principal and its token', ref('CreatedToken')), ...errors(400, 401, 403, 409, 413) },
      },
    },
    '/api/tokens/{id}': { delete: { summary: 'Revoke a token (admin)', ...write, parameters: [pathParam('id', 'Token id')], responses: { 200: ok('Revoked', ref('RevokedToken')), ...errors(401, 403, 404) } } },
    '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (cnc_...) or the configured admin token' } },
    schemas: OPENAPI_SCHEMAS,
    responses: Object.fromEntries(Object.entries(ERROR_DESCRIPTIONS).map(([status, description]) => [`E${status}`, { description, content: json(ref('Error')) }])),
  },
} as const;
