/** The component schemas of the OpenAPI document: the JSON shapes of views.ts and the services. */
import { REASON_ERROR_CODES } from '../services/publish-verdict.js';
import { ROLES } from '../storage/principal-store.js';
import { MAX_KEEP_LATEST_PER_SOURCE } from '../storage/run-store.js';
import { BaselineAcceptRequestSchema, BaselineDetailSchema, CheckReportSchema, RunDetailSchema, RunInfoSchema, RunPruneRequestSchema, ConsumerUsageSchema, TelemetryBatchSchema, TelemetryReceiptSchema } from '../../vocabulary/index.js';

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const stringList = { type: 'array', items: string } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` }) as const;

const person = { type: 'object', required: ['name', 'email'], properties: { name: string, email: string } };
const mark = { type: ['object', 'null'], properties: { reason: string, by: string, byName: nullableString, at: string } };
const page = (item: string) => ({
  type: 'object',
  required: ['items', 'total'],
  properties: { items: { type: 'array', items: ref(item) }, limit: { type: ['integer', 'null'] }, offset: { type: 'integer' }, total: { type: 'integer' } },
});

export const OPENAPI_SCHEMAS = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { ...string, description: 'ConcordError code, e.g. invalid-contract, breaking-change, conflict, forbidden' },
          message: { ...string, description: 'What went wrong, naming the contract, version and field, and what to do next' },
          findings: { type: 'array', items: { oneOf: [ref('Finding'), ref('LintProblem')] } },
          reasons: { type: 'array', description: 'Every reason a publish was refused, the first being the one code and message tell', items: ref('Reason') },
          pointer: string,
          line: { type: 'integer' },
          column: { type: 'integer' },
        },
      },
    },
  },
  Person: person,
  Finding: {
    type: 'object',
    required: ['rule', 'severity', 'path', 'message'],
    properties: {
      rule: string,
      severity: { enum: ['breaking', 'warning', 'info'] },
      path: { ...string, description: 'JSON pointer' },
      field: { ...string, description: 'Dotted record field path' },
      message: string,
      before: {},
      after: {},
    },
  },
  LintProblem: {
    type: 'object',
    required: ['rule', 'severity', 'path', 'message'],
    properties: { rule: string, severity: { enum: ['error', 'warning'] }, path: string, message: string, file: string, line: { type: 'integer' }, column: { type: 'integer' } },
  },
  VersionCheck: {
    type: ['object', 'null'],
    properties: { ok: { type: 'boolean' }, required: string, declared: string, suggested: string, message: string },
  },
  Contract: {
    type: 'object',
    required: ['contract', 'owner', 'status', 'latestVersion', 'tags', 'createdAt'],
    properties: {
      contract: string,
      namespace: string,
      name: string,
      title: nullableString,
      owner: ref('Person'),
      ownerPrincipal: nullableString,
      ownerPrincipalName: nullableString,
      team: nullableString,
      status: { enum: ['draft', 'active', 'deprecated', 'retired'] },
      latestVersion: nullableString,
      tags: stringList,
      createdAt: string,
      updatedAt: string,
    },
  },
  ContractPage: page('Contract'),
  VersionHeader: {
    type: 'object',
    required: ['version', 'contentHash', 'publishedAt', 'publishedBy', 'status', 'deprecated', 'yanked'],
    properties: {
      version: string,
      contentHash: string,
      publishedAt: string,
      publishedBy: string,
      publishedByName: nullableString,
      status: string,
      compatibility: { type: 'object', properties: { mode: string, policy: string } },
      deprecated: mark,
      yanked: mark,
    },
  },
  Version: {
    allOf: [
      ref('VersionHeader'),
      { type: 'object', required: ['contract', 'document', 'schema'], properties: { contract: string, document: {}, schema: {} } },
    ],
  },
  PublishResult: {
    type: 'object',
    required: ['contract', 'version', 'changes'],
    properties: {
      contract: string,
      version: string,
      contentHash: string,
      publishedAt: string,
      publishedBy: string,
      publishedByName: nullableString,
      line: string,
      previousVersion: nullableString,
      compatible: { type: 'boolean' },
      requiredBump: { enum: ['major', 'minor', 'patch', 'none'] },
      versionCheck: ref('VersionCheck'),
      changes: { type: 'array', items: ref('Finding') },
      warnings: { type: 'array', items: ref('LintProblem') },
      existing: { type: 'boolean', description: 'Present (true) when the same content was already published under this version' },
    },
  },
  Reason: {
    type: 'object',
    required: ['code', 'message'],
    properties: {
      code: {
        enum: Object.keys(REASON_ERROR_CODES),
        description: 'Why a publish would be refused: a stable code; see the README section on publishing',
      },
      message: string,
      findings: { type: 'array', items: ref('Finding') },
    },
  },
  ImpactReport: {
    type: 'object',
    description: 'What publishing the document as the caller would do; the publish itself answers the same evaluation',
    required: ['contract', 'version', 'outcome', 'reasons', 'firstVersion', 'line', 'compatible', 'requiredBump', 'changes', 'consumers', 'breakingUntouched'],
    properties: {
      contract: string,
      version: string,
      outcome: { enum: ['accepted', 'refused', 'existing'] },
      reasons: { type: 'array', items: ref('Reason') },
      refusal: { type: 'object', description: 'The first reason as the publish would answer it (its error code and message)', properties: { code: string, message: string } },
      firstVersion: { type: 'boolean' },
      line: { ...string, description: 'The line of the version (1.x, 0.3.x): a version must be the newest of its line' },
      lineLatest: string,
      previousVersion: string,
      compatible: { type: 'boolean' },
      requiredBump: string,
      versionCheck: ref('VersionCheck'),
      changes: { type: 'array', items: ref('Finding') },
      consumers: {
        type: 'array',
        items: {
          type: 'object',
          required: ['consumer', 'contact', 'range', 'fields', 'affected', 'findings'],
          properties: {
            consumer: string,
            contact: ref('Person'),
            range: string,
            fields: stringList,
            resolvedVersion: string,
            receives: { type: 'boolean' },
            affected: { type: 'boolean' },
            findings: { type: 'array', items: ref('Finding') },
          },
        },
      },
      breakingUntouched: { type: 'boolean' },
      warnings: { type: 'array', items: ref('LintProblem') },
    },
  },
  Changelog: {
    type: 'object',
    required: ['compatible', 'mode', 'policy', 'requiredBump', 'contract', 'from', 'to', 'changes'],
    properties: { compatible: { type: 'boolean' }, mode: string, policy: string, requiredBump: string, contract: string, from: string, to: string, changes: { type: 'array', items: ref('Finding') } },
  },
  Consumer: {
    type: 'object',
    required: ['name', 'contact', 'webhook'],
    properties: { name: string, contact: ref('Person'), webhook: nullableString, createdBy: string, createdByName: nullableString, createdAt: string, updatedAt: string },
  },
  ConsumerPage: page('Consumer'),
  Pin: {
    type: 'object',
    required: ['consumer', 'contract', 'range', 'fields', 'resolved'],
    properties: { consumer: string, contract: string, range: string, fields: stringList, resolved: nullableString },
  },
  MetricName: { type: 'object', properties: { name: string, definitions: { type: 'integer' }, meanings: { type: 'integer' } } },
  MetricPage: page('MetricName'),
  Metric: {
    type: 'object',
    required: ['name', 'owner', 'contract', 'definition', 'usedBy'],
    properties: {
      name: string,
      owner: ref('Person'),
      contract: string,
      version: string,
      definition: { type: 'object' },
      usedBy: { type: 'array', items: { type: 'object', properties: { contract: string, version: string, metric: string } } },
      alsoDefinedBy: { type: 'array', items: { type: 'object', properties: { contract: string, version: string } } },
    },
  },
  AuditEntry: {
    type: 'object',
    properties: { id: { type: 'integer' }, at: string, actor: string, actorName: nullableString, action: string, contract: nullableString, fromVersion: nullableString, toVersion: nullableString, detail: { type: 'object' } },
  },
  AuditPage: page('AuditEntry'),
  Principal: { type: 'object', properties: { id: string, name: string, role: { enum: [...ROLES] }, namespaces: stringList, createdAt: string } },
  Token: {
    type: 'object',
    properties: { id: string, prefix: string, label: nullableString, createdAt: string, lastUsedAt: nullableString, revokedAt: nullableString, principal: ref('Principal') },
  },
  TokenPage: page('Token'),
  CheckReport: { ...CheckReportSchema, description: 'The JSON report of one check run, as `concord check --format json` writes it' },
  RunSummary: RunInfoSchema,
  Run: RunDetailSchema,
  BaselineRun: BaselineDetailSchema,
  BaselineAcceptRequest: BaselineAcceptRequestSchema,
  RunPage: page('RunSummary'),
  RunPruneRequest: {
    ...RunPruneRequestSchema,
    properties: { ...RunPruneRequestSchema.properties, keepLatestPerSource: { ...RunPruneRequestSchema.properties.keepLatestPerSource, maximum: MAX_KEEP_LATEST_PER_SOURCE } },
  },
  // The agent SDK's shapes, from the shared vocabulary: one definition for the route, the SDK and this document.
  TelemetryBatch: TelemetryBatchSchema,
  TelemetryReceipt: TelemetryReceiptSchema,
  ConsumerUsage: ConsumerUsageSchema,
} as const;
