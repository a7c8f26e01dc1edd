import { deepFreeze } from '../deep-freeze.js';
import {
  DEFAULT_COMPATIBILITY,
  type CompatibilityMode,
  type CompatibilityPolicy,
  type Contract,
  type ContractStatus,
  type FeatureDefinition,
  type JsonSchema,
  type MetricDefinition,
  type Person,
  type Sla,
  type SourceSpec,
} from '../model.js';

/** A contract document as written, after it passed the meta-schema: defaults not yet filled. */
export interface ContractDocument {
  readonly contract: string;
  readonly version: string;
  readonly title?: string;
  readonly description?: string;
  readonly owner: Person;
  readonly team?: string;
  readonly status?: ContractStatus;
  readonly compatibility?: CompatibilityMode | { readonly mode?: CompatibilityMode; readonly policy?: CompatibilityPolicy };
  readonly schema: JsonSchema;
  readonly metrics?: readonly MetricDefinition[];
  readonly features?: readonly FeatureDefinition[];
  readonly sla?: Sla;
  readonly sources?: readonly SourceSpec[];
  readonly tags?: readonly string[];
  readonly deprecated?: boolean | string;
  readonly sunset?: string;
  /** `x-` extension keys: allowed in documents, not carried into the model. */
  readonly [extension: `x-${string}`]: unknown;
}

/**
 * Turns a validated contract document into the model: `status` defaults to `active`,
 * `compatibility` to forward/strict (a bare mode string gets the strict policy), `metrics`,
 * `features`, `sources` and `tags` to empty lists. Top-level `x-` extension keys are dropped. The result is
 * a copy, frozen all the way down. Does not validate: run `validateDocument` first.
 */
export function normalizeContract(document: ContractDocument): Contract {
  const copy = structuredClone(document);
  const compatibility =
    typeof copy.compatibility === 'string'
      ? { mode: copy.compatibility, policy: DEFAULT_COMPATIBILITY.policy }
      : { mode: copy.compatibility?.mode ?? DEFAULT_COMPATIBILITY.mode, policy: copy.compatibility?.policy ?? DEFAULT_COMPATIBILITY.policy };
  const contract: Contract = {
    id: copy.contract,
    version: copy.version,
    ...(copy.title !== undefined ? { title: copy.title } : {}),
    ...(copy.description !== undefined ? { description: copy.description } : {}),
    owner: { name: copy.owner.name, email: copy.owner.email },
    ...(copy.team !== undefined ? { team: copy.team } : {}),
    status: copy.status ?? 'active',
    compatibility,
    schema: copy.schema,
    metrics: copy.metrics ?? [],
    features: copy.features ?? [],
    ...(copy.sla !== undefined ? { sla: copy.sla } : {}),
    sources: copy.sources ?? [],
    tags: copy.tags ?? [],
    ...(copy.deprecated !== undefined ? { deprecated: copy.deprecated } : {}),
    ...(copy.sunset !== undefined ? { sunset: copy.sunset } : {}),
  };
  return deepFreeze(contract);
}
