/** The contract document model after parsing, validation and `$ref` bundling. All readonly. */

export type JsonSchema = boolean | { readonly [key: string]: unknown };

export type CompatibilityDirection = 'none' | 'backward' | 'forward' | 'full';
export type CompatibilityMode =
  | 'none'
  | 'backward'
  | 'forward'
  | 'full'
  | 'backward_transitive'
  | 'forward_transitive'
  | 'full_transitive';
export type CompatibilityPolicy = 'strict' | 'lenient';

export interface Compatibility {
  readonly mode: CompatibilityMode;
  readonly policy: CompatibilityPolicy;
}

export type ContractStatus = 'draft' | 'active' | 'deprecated' | 'retired';

export interface Person {
  readonly name: string;
  readonly email: string;
}

export type MetricType = 'simple' | 'ratio' | 'derived' | 'cumulative';
export type Aggregation = 'sum' | 'count' | 'count_distinct' | 'avg' | 'min' | 'max' | 'median' | 'none';

export interface MetricDefinition {
  readonly name: string;
  readonly type: MetricType;
  readonly description?: string;
  /** Required for simple and cumulative metrics. */
  readonly aggregation?: Aggregation;
  /** Expression over record fields (see contracts/expressions). */
  readonly expression?: string;
  /** For ratio metrics: names of other metrics of this contract, or expressions. */
  readonly numerator?: string;
  readonly denominator?: string;
  readonly filter?: string;
  readonly unit?: string;
  readonly grain?: string;
  readonly dimensions?: readonly string[];
  /** For cumulative metrics, e.g. `30d`; absent means all time. */
  readonly window?: string;
  /** Defaults to the contract's owner. */
  readonly owner?: Person;
  readonly tags?: readonly string[];
  /** `namespace.name#metric`: this metric reuses a canonical definition owned elsewhere. */
  readonly references?: string;
}

export type FeatureDtype =
  | 'bool'
  | 'int32'
  | 'int64'
  | 'float32'
  | 'float64'
  | 'string'
  | 'timestamp'
  | 'date'
  | 'embedding';

export interface FeatureSource {
  readonly fields: readonly string[];
  readonly aggregation?: Aggregation | 'latest';
  readonly window?: string;
  readonly filter?: string;
}

export interface FeatureDefinition {
  readonly name: string;
  readonly entity: string;
  readonly dtype: FeatureDtype;
  readonly description?: string;
  readonly source: FeatureSource;
  /** Durations like `15m`, `1h`, `7d`. */
  readonly freshness?: string;
  readonly ttl?: string;
  readonly owner?: Person;
  readonly tags?: readonly string[];
}

export interface Sla {
  readonly freshness?: { readonly field: string; readonly max_age: string };
  readonly volume?: { readonly min?: number; readonly max?: number; readonly per: string };
  readonly [key: string]: unknown;
}

export interface SourceSpec {
  readonly name: string;
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface Contract {
  /** `namespace.name`; the namespace decides ownership scope. */
  readonly id: string;
  readonly version: string;
  readonly title?: string;
  readonly description?: string;
  readonly owner: Person;
  readonly team?: string;
  readonly status: ContractStatus;
  readonly compatibility: Compatibility;
  /** The record schema with every file `$ref` bundled in; internal refs stay as `#/...`. */
  readonly schema: JsonSchema;
  readonly metrics: readonly MetricDefinition[];
  readonly features: readonly FeatureDefinition[];
  readonly sla?: Sla;
  readonly sources: readonly SourceSpec[];
  readonly tags: readonly string[];
  readonly deprecated?: boolean | string;
  readonly sunset?: string;
}

/** Default compatibility for Concord contracts: consumer-safe forward, strict. */
export const DEFAULT_COMPATIBILITY: Compatibility = Object.freeze({ mode: 'forward', policy: 'strict' });
