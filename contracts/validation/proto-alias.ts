import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../model.js';

/**
 * ajv skips a property named `__proto__` on purpose (it guards its own generated code), so a
 * record whose `__proto__` member breaks the contract would pass unseen. A schema that names
 * `__proto__` is therefore compiled with the name written as {@link PROTO_ALIAS} (as a member
 * key, in `required`-style name lists and in `$ref` pointers), records are given to it with the
 * same renaming, and the errors it reports are written back with the real name. Schemas that
 * never name `__proto__` are compiled and run as they are, at no cost.
 *
 * Known limit: a `propertyNames` schema sees the alias, not `__proto__`, for such a member.
 */

const PROTO = '__proto__';

/** The name `__proto__` is validated under: no producer sends a key with a NUL and this text. */
export const PROTO_ALIAS = '\u0000concord:__proto__';

/** Keywords whose array members (or whose object's array values) are property names. */
const NAME_LISTS = new Set(['required', 'dependentRequired', 'dependencies']);

/** Whether any object inside `value` has an own `__proto__` member. */
export function namesProto(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    // Loops, not `push(...)`: spreading a huge array overflows the stack.
    if (Array.isArray(node)) for (const item of node as unknown[]) stack.push(item);
    else {
      if (Object.hasOwn(node, PROTO)) return true;
      for (const member of Object.values(node)) stack.push(member);
    }
  }
  return false;
}

const aliasName = (name: unknown): unknown => (name === PROTO ? PROTO_ALIAS : name);

function aliasNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(aliasName);
  if (value !== null && typeof value === 'object') return renameKeys(value, (key, inner) => (Array.isArray(inner) ? inner.map(aliasName) : aliasSchema(inner)));
  return value;
}

function renameKeys(value: object, inner: (key: string, member: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key === PROTO ? PROTO_ALIAS : key, inner(key, member)]));
}

function aliasSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(aliasSchema);
  if (value === null || typeof value !== 'object') return value;
  return renameKeys(value, (key, member) => {
    if (NAME_LISTS.has(key)) return aliasNames(member);
    if (key === '$ref' && typeof member === 'string') return member.replaceAll(`/${PROTO}`, `/${PROTO_ALIAS}`);
    return aliasSchema(member);
  });
}

/** A record with every own `__proto__` member renamed to the alias (the record itself when it has none). */
function aliasRecord(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(aliasRecord);
  if (value === null || typeof value !== 'object') return value;
  return renameKeys(value, (_key, member) => aliasRecord(member));
}

// Schema paths are URI-encoded by ajv, instance paths and messages are not.
const unalias = (text: string): string => text.replaceAll(PROTO_ALIAS, PROTO).replaceAll(encodeURIComponent(PROTO_ALIAS), PROTO);

function unaliasError(error: ErrorObject): ErrorObject {
  const params = Object.fromEntries(Object.entries(error.params as Record<string, unknown>).map(([key, value]) => [key, typeof value === 'string' ? unalias(value) : value]));
  return { ...error, instancePath: unalias(error.instancePath), schemaPath: unalias(error.schemaPath), params, ...(error.message !== undefined ? { message: unalias(error.message) } : {}) };
}

/**
 * Compiles `schema` with `compile`; when it names `__proto__`, through the alias (see above), so
 * the returned validator checks `__proto__` members like any other and reports them by their name.
 */
export function compileWithProtoAlias(schema: JsonSchema, compile: (schema: JsonSchema) => ValidateFunction): ValidateFunction {
  if (!namesProto(schema)) return compile(schema);
  const inner = compile(aliasSchema(schema) as JsonSchema);
  const validate = ((data: unknown) => {
    const valid = inner(aliasRecord(data));
    validate.errors = inner.errors?.map(unaliasError) ?? null;
    return valid;
  }) as ValidateFunction;
  validate.schema = schema;
  validate.schemaEnv = inner.schemaEnv;
  return validate;
}
