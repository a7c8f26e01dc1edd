import type { NodeRef } from './schema-document.js';
import type { SubtreeKey } from './subtree-key.js';

/**
 * A sub-schema normalized for comparison: the conjunction of every node that applies at one place
 * (the node itself, its `$ref` target, its `allOf` branches and single-branch `anyOf`/`oneOf`),
 * merged keyword by keyword where the merge is exact, with what cannot be merged kept aside as
 * `extras`. Each keyword keeps `at`, the JSON pointer of the keyword in its document.
 */

export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

export const JSON_TYPES: readonly JsonType[] = Object.freeze(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);

/** A value with the pointer of the keyword that set it. */
export interface Located<T> {
  readonly value: T;
  readonly at: string;
}

/** A sub-schema position (`properties/a`, `items`, ...): the conjunction of the nodes found there. */
export interface Slot {
  /** Empty means `true`: anything is valid there. */
  readonly nodes: readonly NodeRef[];
  readonly at: string;
  /** The subtree key of the slot's one node when it has exactly one, from a frozen document (NodeRef.subtree). */
  readonly subtree?: SubtreeKey;
}

/** A lower or upper bound on numbers, from `minimum`/`maximum` or either form of `exclusive*`. */
export interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
  readonly at: string;
}

export interface Group {
  readonly kind: 'anyOf' | 'oneOf';
  readonly branches: readonly Slot[];
  readonly at: string;
}

export interface Conditional {
  readonly if: Slot;
  readonly then?: Slot;
  readonly else?: Slot;
  readonly at: string;
}

export interface AdditionalSlot extends Slot {
  readonly keyword: 'additionalProperties' | 'unevaluatedProperties';
}

export interface Shape {
  /** Memo identity: the keys of the nodes merged here. */
  readonly key: string;
  /** Pointer of the first node, for changes about the schema as a whole. */
  readonly at: string;
  /** Pointer of a `false` schema (or of keywords no value can satisfy) when nothing is valid here. */
  readonly unsatisfiable?: string;
  readonly types?: Located<ReadonlySet<JsonType>>;
  readonly enumValues?: Located<readonly unknown[]> & { readonly keyword: 'enum' | 'const' };
  readonly minLength?: Located<number>;
  readonly maxLength?: Located<number>;
  readonly patterns: readonly Located<string>[];
  readonly format?: Located<string>;
  readonly contentEncoding?: Located<string>;
  readonly contentMediaType?: Located<string>;
  readonly lower?: Bound;
  readonly upper?: Bound;
  readonly multipleOf?: Located<number>;
  readonly properties: ReadonlyMap<string, Slot>;
  readonly patternProperties: ReadonlyMap<string, Slot>;
  readonly additional?: AdditionalSlot;
  /** Required property names, each with the pointer of its `required` keyword. */
  readonly required: ReadonlyMap<string, string>;
  readonly minProperties?: Located<number>;
  readonly maxProperties?: Located<number>;
  readonly propertyNames?: Slot;
  /** `dependentRequired` and the array form of `dependencies`: key -> required name -> pointer. */
  readonly dependentRequired: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** `dependentSchemas` and the schema form of `dependencies`. */
  readonly dependentSchemas: ReadonlyMap<string, Slot>;
  /** Positional item schemas (`prefixItems`, or the array form of `items`); absent when there are none. */
  readonly prefixItems?: readonly Slot[];
  /** Schema for items past the prefix (`items`, `additionalItems`, `unevaluatedItems`); absent means any. */
  readonly restItems?: Slot;
  readonly minItems?: Located<number>;
  readonly maxItems?: Located<number>;
  readonly uniqueItems?: Located<boolean>;
  readonly contains?: Slot;
  readonly minContains?: Located<number>;
  readonly maxContains?: Located<number>;
  readonly conditional?: Conditional;
  readonly groups: readonly Group[];
  readonly nots: readonly Slot[];
  /** Conjuncts that could not be merged exactly (say two `allOf` branches that both constrain properties). */
  readonly extras: readonly Shape[];
  /** `$ref`s that point outside the document, compared as text. */
  readonly opaqueRefs: readonly Located<string>[];
  /** Annotation keywords (`title`, `description`, `default`, ...): first one wins. */
  readonly annotations: ReadonlyMap<string, Located<unknown>>;
}

export type MutableShape = { -readonly [K in keyof Shape]: Shape[K] };

const NO_SLOTS: ReadonlyMap<string, Slot> = new Map();
const NO_NAMES: ReadonlyMap<string, string> = new Map();
const NO_DEPENDENCIES: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map();
const NO_ANNOTATIONS: ReadonlyMap<string, Located<unknown>> = new Map();

/** A shape with no keywords (`true`). Its empty collections are shared: shapes replace collections, never edit them. */
export function emptyShape(key: string, at: string): MutableShape {
  return {
    key,
    at,
    patterns: [],
    properties: NO_SLOTS,
    patternProperties: NO_SLOTS,
    required: NO_NAMES,
    dependentRequired: NO_DEPENDENCIES,
    dependentSchemas: NO_SLOTS,
    groups: [],
    nots: [],
    extras: [],
    opaqueRefs: [],
    annotations: NO_ANNOTATIONS,
  };
}
