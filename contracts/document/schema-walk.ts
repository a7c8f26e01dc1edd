import { appendPointer } from './json-pointer.js';

/** Keywords whose value is one subschema. */
const SINGLE = ['additionalItems', 'additionalProperties', 'contains', 'contentSchema', 'else', 'if', 'items', 'not', 'propertyNames', 'then', 'unevaluatedItems', 'unevaluatedProperties'];
/** Keywords whose value is a list of subschemas. */
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Keywords whose value maps names to subschemas. */
const MAPS = ['$defs', 'definitions', 'dependentSchemas', 'dependencies', 'patternProperties', 'properties'];

/**
 * Calls `visit` for every subschema object of a JSON Schema (draft-07 to 2020-12), with its JSON
 * pointer, without recursion. Only keyword positions are visited, so a property that happens to
 * be called `pattern` is not mistaken for the keyword; values of unknown keywords are not entered.
 */
export function forEachSubschema(
  schema: unknown,
  visit: (node: Readonly<Record<string, unknown>>, pointer: string) => void,
  rootPointer = '',
): void {
  const seen = new Set<object>();
  const stack: { node: unknown; pointer: string }[] = [{ node: schema, pointer: rootPointer }];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined) break;
    const { node, pointer } = entry;
    if (node === null || typeof node !== 'object' || Array.isArray(node) || seen.has(node)) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    visit(record, pointer);
    for (const keyword of SINGLE) {
      if (Object.hasOwn(record, keyword) && !Array.isArray(record[keyword])) stack.push({ node: record[keyword], pointer: appendPointer(pointer, keyword) });
    }
    for (const keyword of LISTS) {
      const list = record[keyword];
      if (Array.isArray(list)) list.forEach((item: unknown, index) => stack.push({ node: item, pointer: appendPointer(pointer, keyword, index) }));
    }
    for (const keyword of MAPS) {
      const map = record[keyword];
      if (map === null || typeof map !== 'object' || Array.isArray(map)) continue;
      for (const [name, child] of Object.entries(map)) stack.push({ node: child, pointer: appendPointer(pointer, keyword, name) });
    }
  }
}
