import type { Generated, Kysely, Transaction } from 'kysely';

/*
 * Row types of the registry database, as migrations/ create it. Conventions (see
 * migrations/0001-initial.ts for why): timestamps are ISO-8601 UTC text, JSON is text, booleans
 * are 0/1 integers. Stores turn rows into the readonly domain records they export.
 */

export interface PrincipalsTable {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  /** JSON array of namespaces a publisher may publish into. */
  readonly namespaces: string;
  readonly created_at: string;
}

export interface ApiTokensTable {
  readonly id: string;
  readonly principal_id: string;
  /** Hex sha-256 of the plaintext token; the plaintext is never stored. */
  readonly token_hash: string;
  /** The first characters of the token, so people can tell their tokens apart. */
  readonly prefix: string;
  readonly label: string | null;
  readonly created_at: string;
  readonly last_used_at: string | null;
  readonly revoked_at: string | null;
}

export interface ContractsTable {
  /** `namespace.name`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly owner_name: string;
  readonly owner_email: string;
  readonly owner_principal_id: string | null;
  /** The following four mirror the contract's latest version, for listings. */
  readonly team: string | null;
  readonly title: string | null;
  readonly status: string;
  readonly latest_version: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface ContractTagsTable {
  readonly contract_id: string;
  readonly tag: string;
}

export interface ContractVersionsTable {
  readonly contract_id: string;
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: string | null;
  /** Hex sha-256 of the canonical contract (see content-hash.ts). */
  readonly content_hash: string;
  /** The source document as JSON text. */
  readonly document: string;
  readonly bundled_schema: string;
  readonly status: string;
  readonly compatibility_mode: string;
  readonly compatibility_policy: string;
  readonly published_by: string;
  readonly published_at: string;
}

export interface VersionMarksTable {
  readonly contract_id: string;
  readonly version: string;
  readonly mark: string;
  readonly reason: string;
  readonly marked_by: string;
  readonly marked_at: string;
}

export interface MetricDefinitionsTable {
  readonly contract_id: string;
  readonly version: string;
  readonly name: string;
  readonly definition: string;
  readonly meaning_hash: string;
  readonly is_canonical: number;
  /** `namespace.name#metric` when this definition reuses one owned elsewhere. */
  readonly reference: string | null;
}

export interface ConsumersTable {
  /** e.g. `agents.support-router`. */
  readonly name: string;
  readonly contact_name: string;
  readonly contact_email: string;
  readonly webhook_url: string | null;
  readonly created_by: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface PinsTable {
  readonly consumer: string;
  readonly contract_id: string;
  readonly range: string;
  /** JSON array of the record fields the consumer reads. */
  readonly fields: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface AuditLogTable {
  readonly id: Generated<number>;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly contract_id: string | null;
  readonly from_version: string | null;
  readonly to_version: string | null;
  readonly detail: string;
}

export interface WebhookOutboxTable {
  readonly id: Generated<number>;
  readonly event: string;
  readonly url: string;
  readonly payload: string;
  readonly attempts: Generated<number>;
  /** Null once delivery was given up. */
  readonly next_attempt_at: string | null;
  readonly lease_until: string | null;
  readonly lease_token: string | null;
  readonly delivered_at: string | null;
  readonly last_error: string | null;
  readonly created_at: string;
}

export interface DiffCacheTable {
  readonly before_hash: string;
  readonly after_hash: string;
  readonly changes: string;
  readonly created_at: string;
}

/** One recorded checker run (migrations/0003-check-runs.ts); `report` is the CheckReport as JSON text. */
export interface CheckRunsTable {
  readonly id: Generated<number>;
  readonly contract_id: string;
  readonly version: string;
  /** The baseline key: the source's name from the contract, else its description. */
  readonly source: string;
  readonly source_description: string;
  readonly verdict: string;
  readonly started_at: string;
  readonly duration_ms: number;
  readonly records_read: number;
  readonly records_sampled: number;
  readonly violation_count: number;
  readonly drift_count: number;
  readonly report: string;
  readonly recorded_by: string;
  readonly recorded_at: string;
}

/** A web UI session (migrations/0007-ui-sessions.ts); the session id itself is never stored. */
export interface UiSessionsTable {
  /** Hex sha-256 of the session id the cookie carries. */
  readonly id_hash: string;
  readonly principal_id: string;
  /** The token that logged in; null for the configured admin token. */
  readonly token_id: string | null;
  readonly created_at: string;
  readonly expires_at: string;
}

/** The baseline of each (contract, source): the run its next check compares with. */
export interface CheckBaselinesTable {
  readonly contract_id: string;
  readonly source: string;
  readonly run_id: number;
  /** The principal who accepted the run as baseline; null when a passing run became it. */
  readonly accepted_by: string | null;
  readonly set_at: string;
}

/** What a consumer's agents reported validating against one contract version (agent SDK telemetry). */
export interface ConsumerTelemetryTable {
  readonly consumer: string;
  readonly contract_id: string;
  readonly version: string;
  /** bigint: Postgres hands it back as text, SQLite as a number. */
  readonly validated: number | string;
  readonly rejected: number | string;
  /** JSON array of `{ field, count }`, most frequent first, at most MAX_STORED_FIELDS. */
  readonly top_fields: string;
  readonly first_seen: string;
  readonly last_seen: string;
}

export interface Tables {
  readonly principals: PrincipalsTable;
  readonly api_tokens: ApiTokensTable;
  readonly contracts: ContractsTable;
  readonly contract_tags: ContractTagsTable;
  readonly contract_versions: ContractVersionsTable;
  readonly version_marks: VersionMarksTable;
  readonly metric_definitions: MetricDefinitionsTable;
  readonly consumers: ConsumersTable;
  readonly pins: PinsTable;
  readonly audit_log: AuditLogTable;
  readonly webhook_outbox: WebhookOutboxTable;
  readonly diff_cache: DiffCacheTable;
  readonly check_runs: CheckRunsTable;
  readonly ui_sessions: UiSessionsTable;
  readonly check_baselines: CheckBaselinesTable;
  readonly consumer_telemetry: ConsumerTelemetryTable;
}

/** Where a store runs its statements: the database, or an outer transaction it joins. */
export type Executor = Kysely<Tables> | Transaction<Tables>;
