import type {
  AuditQuery,
  AuditRecord,
  Changelog,
  ConsumerDetail,
  ConsumerInfo,
  ConsumerUpdate,
  ContractConsumer,
  ContractFilter,
  ContractInfo,
  CreatedToken,
  DeletedPin,
  Health,
  MarkedVersion,
  MetricFilter,
  MetricInfo,
  MetricSummary,
  PageQuery,
  Paged,
  PinRequest,
  PinResult,
  PrincipalInfo,
  PrunedRuns,
  PublishReply,
  PublishVerdict,
  RemovedConsumer,
  RevokedToken,
  BaselineAcceptRequest,
  BaselineDetail,
  CheckReport,
  RunDetail,
  RunInfo,
  RunPruneRequest,
  RunQuery,
  TokenInfo,
  TokenRequest,
  TransferRequest,
  VersionDetail,
  VersionList,
  VersionPage,
  VersionSummary,
  VersionSelection,
  Revalidated,
} from './api-types.js';
import type { TelemetryBatch, TelemetryReceipt } from '../../vocabulary/index.js';
import { createTransport } from './http-transport.js';
import type { QueryValue, TransportOptions } from './http-transport.js';

/**
 * A contract document to send: an object goes as JSON; a string goes as YAML text (which also
 * covers JSON text), so a file can be sent as written.
 */
export type ContractBody = object | string;

export type RegistryClientOptions = TransportOptions;

/** One method per route of the registry's HTTP API. Every failure is a ConcordError (see remote-error.ts). */
export interface RegistryClient {
  readonly baseUrl: string;
  health(): Promise<Health>;
  openApi(): Promise<Record<string, unknown>>;
  listContracts(filter?: ContractFilter): Promise<Paged<ContractInfo>>;
  /** Publishes a new version; resolves for 201 and for an identical re-publish (200, `existing: true`). */
  publish(document: ContractBody): Promise<PublishReply>;
  /** The dry run of a publish: findings, the bump it needs and the consumers it affects; stores nothing. */
  check(id: string, document: ContractBody): Promise<PublishVerdict>;
  getContract(id: string): Promise<ContractInfo>;
  /** Every version, oldest first, read page by page. */
  listVersions(id: string): Promise<VersionList>;
  /** One page of versions, oldest first (the registry's default and largest page sizes apply). */
  versionsPage(id: string, page?: PageQuery): Promise<VersionPage>;
  /** `version` may be `latest`. */
  getVersion(id: string, version: string): Promise<VersionDetail>;
  /** The highest published, non-yanked version in `range`; ConcordError `not-found` when none is. */
  resolve(id: string, range: string): Promise<VersionDetail>;
  /**
   * A version (`{ version }`, may be `latest`) or a range's resolution (`{ range }`), asked with
   * `If-None-Match: etag` when an ETag is given: `changed: false` when the registry answered 304.
   */
  revalidate(id: string, selector: VersionSelection, etag?: string): Promise<Revalidated>;
  changelog(id: string, from: string, to: string): Promise<Changelog>;
  /** Marks a version deprecated; it still resolves. Owner or admin. */
  deprecate(id: string, version: string, reason: string): Promise<MarkedVersion>;
  /** Marks a version yanked; ranges no longer resolve to it. Owner or admin. */
  yank(id: string, version: string, reason: string): Promise<MarkedVersion>;
  /** Owner or admin. */
  transfer(id: string, owner: TransferRequest['owner']): Promise<ContractInfo>;
  listContractConsumers(id: string): Promise<{ readonly items: readonly ContractConsumer[] }>;
  /** Reports what a consumer's embedded handle validated (agent SDK telemetry); the consumer's creator or an admin. Never retried. */
  reportTelemetry(id: string, consumer: string, batch: TelemetryBatch): Promise<TelemetryReceipt>;
  listConsumers(page?: PageQuery): Promise<Paged<ConsumerInfo>>;
  getConsumer(name: string): Promise<ConsumerDetail>;
  putConsumer(name: string, update: ConsumerUpdate): Promise<ConsumerInfo>;
  pin(consumer: string, id: string, pin: PinRequest): Promise<PinResult>;
  unpin(consumer: string, id: string): Promise<DeletedPin>;
  /** Removes a consumer and all its pins (its creator or an admin). */
  removeConsumer(name: string): Promise<RemovedConsumer>;
  /** The principal the client's token belongs to. */
  whoami(): Promise<PrincipalInfo>;
  /** Every token with its principal, newest first (admin). */
  listTokens(page?: PageQuery): Promise<Paged<TokenInfo>>;
  listMetrics(filter?: MetricFilter): Promise<Paged<MetricSummary>>;
  getMetric(name: string): Promise<MetricInfo>;
  /** Admins only. */
  listAudit(filter?: AuditQuery): Promise<Paged<AuditRecord>>;
  /** Admins only; the plaintext token is in the answer and nowhere else. */
  createToken(request: TokenRequest): Promise<CreatedToken>;
  /** Admins only. */
  revokeToken(tokenId: string): Promise<RevokedToken>;
  /** Records a check run (a CheckReport); admin, or a publisher scoped to the contract's namespace. Never retried. */
  recordRun(id: string, report: CheckReport): Promise<RunInfo>;
  /** Recorded runs of a contract, newest first. */
  listRuns(id: string, query?: RunQuery): Promise<Paged<RunInfo>>;
  /** The newest run of a source with its report; ConcordError `not-found` when none is recorded (or the contract is unknown). */
  latestRun(id: string, source: string): Promise<RunDetail>;
  /** GET /api/contracts/{id}/runs/baseline?source=: the run the next check of the source compares with; `not-found` when there is none yet. */
  baselineRun(id: string, source: string): Promise<BaselineDetail>;
  /** POST /api/contracts/{id}/baseline: accepts a run (default the newest) as the source's baseline; owner or admin. */
  acceptBaseline(id: string, request: BaselineAcceptRequest): Promise<BaselineDetail>;
  /** One run with its report. */
  getRun(id: string, runId: number): Promise<RunDetail>;
  /** The newest run of every contract and source (one contract's when given). */
  latestVerdicts(contract?: string): Promise<{ readonly items: readonly RunInfo[] }>;
  /** Admins only: deletes old runs, keeping each source's newest; never retried. */
  pruneRuns(request: RunPruneRequest): Promise<PrunedRuns>;
  /** The Prometheus text exposition at `/metrics`. */
  prometheusMetrics(): Promise<string>;
}

const segment = encodeURIComponent;
/** Versions asked for per request when reading them all: the registry's largest page (MAX_PAGE_SIZE). */
const VERSIONS_PER_REQUEST = 200;

const contractPath = (id: string): string => `/api/contracts/${segment(id)}`;

function bodyOf(document: ContractBody): { readonly body: unknown; readonly contentType: string } {
  return typeof document === 'string'
    ? { body: document, contentType: 'application/yaml' }
    : { body: document, contentType: 'application/json' };
}

function queryOf(filter: object | undefined): Readonly<Record<string, QueryValue>> | undefined {
  return filter as Readonly<Record<string, QueryValue>> | undefined;
}

/**
 * A typed client for a Concord registry over Node's fetch. Options: `baseUrl` (required),
 * `token` (default none), `timeoutMs` per request (default 30 s, see http-transport.ts). Reads,
 * PUTs and DELETEs are retried on unreachable or 502/503/504 answers; POSTs never are.
 */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const transport = createTransport(options);
  const get = async <T>(path: string, query?: object): Promise<T> =>
    (await transport.request<T>({ method: 'GET', path, query: queryOf(query) })).body;
  const send = async <T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> =>
    (await transport.request<T>({ method, path, body })).body;

  return {
    baseUrl: transport.baseUrl,
    health: () => get('/api/health'),
    openApi: () => get('/api/openapi.json'),
    listContracts: (filter) => get('/api/contracts', filter),

    async publish(document) {
      const answer = await transport.request<Omit<PublishReply, 'status'>>({ method: 'POST', path: '/api/contracts', ...bodyOf(document) });
      return { ...answer.body, status: answer.status };
    },

    async check(id, document) {
      return (await transport.request<PublishVerdict>({ method: 'POST', path: `${contractPath(id)}/check`, ...bodyOf(document) })).body;
    },

    getContract: (id) => get(contractPath(id)),
    async listVersions(id) {
      const versions: VersionSummary[] = [];
      for (let offset = 0; ; ) {
        const page = await get<VersionPage>(`${contractPath(id)}/versions`, { limit: VERSIONS_PER_REQUEST, offset });
        versions.push(...page.versions);
        offset = page.offset + page.versions.length;
        if (page.next === null || page.versions.length === 0) return { contract: page.contract, versions };
      }
    },
    versionsPage: (id, page) => get(`${contractPath(id)}/versions`, page),
    getVersion: (id, version) => get(`${contractPath(id)}/versions/${segment(version)}`),
    resolve: (id, range) => get(`${contractPath(id)}/resolve`, { range }),
    async revalidate(id, selector, etag) {
      const path = 'range' in selector ? `${contractPath(id)}/resolve` : `${contractPath(id)}/versions/${segment(selector.version)}`;
      const answer = await transport.request<VersionDetail>({
        method: 'GET',
        path,
        ...('range' in selector ? { query: { range: selector.range } } : {}),
        ...(etag === undefined ? {} : { ifNoneMatch: etag }),
      });
      if (answer.status === 304) return { changed: false };
      return { changed: true, detail: answer.body, etag: answer.etag ?? null };
    },
    changelog: (id, from, to) => get(`${contractPath(id)}/changelog`, { from, to }),
    deprecate: (id, version, reason) => send('POST', `${contractPath(id)}/versions/${segment(version)}/deprecate`, { reason }),
    yank: (id, version, reason) => send('POST', `${contractPath(id)}/versions/${segment(version)}/yank`, { reason }),
    transfer: (id, owner) => send('POST', `${contractPath(id)}/transfer`, { owner } satisfies TransferRequest),
    listContractConsumers: (id) => get(`${contractPath(id)}/consumers`),
    reportTelemetry: (id, consumer, batch) => send('POST', `${contractPath(id)}/consumers/${segment(consumer)}/telemetry`, batch),
    listConsumers: (page) => get('/api/consumers', page),
    getConsumer: (name) => get(`/api/consumers/${segment(name)}`),
    putConsumer: (name, update) => send('PUT', `/api/consumers/${segment(name)}`, update),
    pin: (consumer, id, pin) => send('PUT', `/api/consumers/${segment(consumer)}/pins/${segment(id)}`, pin),
    unpin: (consumer, id) => send('DELETE', `/api/consumers/${segment(consumer)}/pins/${segment(id)}`),
    removeConsumer: (name) => send('DELETE', `/api/consumers/${segment(name)}`),
    whoami: () => get('/api/whoami'),
    listTokens: (page) => get('/api/tokens', page),
    listMetrics: (filter) => get('/api/metrics', filter),
    getMetric: (name) => get(`/api/metrics/${segment(name)}`),
    listAudit: (filter) => get('/api/audit', filter),
    createToken: (request) => send('POST', '/api/tokens', request),
    revokeToken: (tokenId) => send('DELETE', `/api/tokens/${segment(tokenId)}`),
    recordRun: (id, report) => send('POST', `${contractPath(id)}/runs`, report),
    listRuns: (id, query) => get(`${contractPath(id)}/runs`, query),
    latestRun: (id, source) => get(`${contractPath(id)}/runs/latest`, { source }),
    baselineRun: (id, source) => get(`${contractPath(id)}/runs/baseline`, { source }),
    acceptBaseline: (id, request) => send('POST', `${contractPath(id)}/baseline`, request),
    getRun: (id, runId) => get(`${contractPath(id)}/runs/${segment(String(runId))}`),
    latestVerdicts: (contract) => get('/api/runs/latest', contract === undefined ? undefined : { contract }),
    pruneRuns: (request) => send('POST', '/api/runs/prune', request),
    async prometheusMetrics() {
      return (await transport.request<string>({ method: 'GET', path: '/metrics', text: true })).body;
    },
  };
}
