import { ConcordError } from '../../contracts/index.js';
import { MAX_COMBINATOR_BRANCHES, MAX_OBJECT_PROPERTIES, MAX_SCHEMA_NODES } from './evaluation-limits.js';

/** A place in a schema and how wide it is there. */
export interface WidePart {
  /** JSON pointer into the contract document, e.g. `/schema/properties/event/oneOf`. */
  readonly pointer: string;
  /** Branches of a combinator, or properties of an object. */
  readonly count: number;
}

/** How big a record schema is, in the measures evaluation work grows with. */
export interface SchemaExtent {
  /** Objects in the schema: every subschema and keyword object. */
  readonly nodes: number;
  /** The `oneOf` / `anyOf` / `allOf` with the most branches, if there is one. */
  readonly widestCombinator?: WidePart;
  /** The `properties` / `patternProperties` / `$defs` / `definitions` with the most entries, if there is one. */
  readonly widestObject?: WidePart;
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'allOf']);
const KEYED = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

const escape = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Measures `schema`, found at `pointer` in its document. Walks with an explicit stack, so a
 * deep schema cannot overflow the call stack here; linear in the schema's size.
 */
export function measureSchema(schema: unknown, pointer = '/schema'): SchemaExtent {
  let nodes = 0;
  let widestCombinator: WidePart | undefined;
  let widestObject: WidePart | undefined;
  const stack: { readonly value: unknown; readonly pointer: string }[] = [{ value: schema, pointer }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value } = next;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, pointer: `${next.pointer}/${index}` }));
      continue;
    }
    nodes += 1;
    for (const [key, child] of Object.entries(value)) {
      const at = `${next.pointer}/${escape(key)}`;
      if (COMBINATORS.has(key) && Array.isArray(child) && child.length > (widestCombinator?.count ?? 0)) widestCombinator = { pointer: at, count: child.length };
      if (KEYED.has(key) && child !== null && typeof child === 'object' && !Array.isArray(child)) {
        const count = Object.keys(child).length;
        if (count > (widestObject?.count ?? 0)) widestObject = { pointer: at, count };
      }
      stack.push({ value: child, pointer: at });
    }
  }
  return { nodes, ...(widestCombinator === undefined ? {} : { widestCombinator }), ...(widestObject === undefined ? {} : { widestObject }) };
}

/** The widest part of a schema in words, for messages: `/schema/oneOf (2500 branches)`. */
export function describeWidest(extent: SchemaExtent): string | undefined {
  const { widestCombinator: combinator, widestObject: object } = extent;
  if (combinator !== undefined && (object === undefined || combinator.count >= object.count)) return `${combinator.pointer} (${combinator.count} branches)`;
  if (object !== undefined) return `${object.pointer} (${object.count} properties)`;
  return undefined;
}

/**
 * Refuses a schema over {@link MAX_COMBINATOR_BRANCHES}, {@link MAX_OBJECT_PROPERTIES} or
 * {@link MAX_SCHEMA_NODES} with ConcordError `too-complex` naming where; `label` names the
 * contract and version for the message.
 */
export function requireModestSchema(extent: SchemaExtent, label: string): void {
  const { widestCombinator: combinator, widestObject: object } = extent;
  if (combinator !== undefined && combinator.count > MAX_COMBINATOR_BRANCHES) {
    throw new ConcordError(
      'too-complex',
      `${label}: ${combinator.pointer} has ${combinator.count} branches, more than ${MAX_COMBINATOR_BRANCHES}: group the branches under a discriminating property or split the feed into several contracts`,
      { pointer: combinator.pointer },
    );
  }
  if (object !== undefined && object.count > MAX_OBJECT_PROPERTIES) {
    throw new ConcordError(
      'too-complex',
      `${label}: ${object.pointer} has ${object.count} entries, more than ${MAX_OBJECT_PROPERTIES}: nest related properties in objects or split the feed into several contracts`,
      { pointer: object.pointer },
    );
  }
  if (extent.nodes > MAX_SCHEMA_NODES) {
    throw new ConcordError(
      'too-complex',
      `${label}: the record schema has ${extent.nodes} subschemas, more than ${MAX_SCHEMA_NODES}: move repeated parts into $defs and reference them, or split the feed into several contracts`,
      { pointer: '/schema' },
    );
  }
}
