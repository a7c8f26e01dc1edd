import { valueAtPointer } from '../../contracts/index.js';
import type { JsonSchema } from '../../contracts/index.js';

/**
 * Value keywords an observed schema may take over from the contract where no analyzed record
 * failed them: the records satisfy them, and leaving them out would read as "removed" to the
 * compatibility engine, a false alarm.
 */
export const CARRIED_KEYWORDS = [
  'enum',
  'const',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
] as const;

/** How many `$ref`/`allOf` hops are followed to a field's keywords: definitions rarely chain more than twice. */
const MAX_HOPS = 8;

type SchemaObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The carried keywords that apply at a schema node (the node's own, then those of internal
 * `$ref` targets and `allOf` members; the first one found wins).
 */
export function constraintsAt(root: JsonSchema, pointer: string): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const collect = (node: unknown, hops: number): void => {
    if (!isObject(node) || hops > MAX_HOPS) return;
    for (const keyword of CARRIED_KEYWORDS) {
      if (keyword in node && !found.has(keyword)) found.set(keyword, node[keyword]);
    }
    const ref = node['$ref'];
    if (typeof ref === 'string' && ref.startsWith('#')) collect(valueAtPointer(root, ref), hops + 1);
    const allOf = node['allOf'];
    if (Array.isArray(allOf)) for (const member of allOf) collect(member, hops + 1);
  };
  collect(valueAtPointer(root, pointer), 0);
  return found;
}
