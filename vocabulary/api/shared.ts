import Type, { type Static, type TSchema } from 'typebox';

/*
 * Building blocks of the API's wire shapes. Every shape is a TypeBox schema (itself a JSON
 * Schema, so the OpenAPI document and ajv use it as is) with its type derived from it.
 */

/**
 * A wire shape as code sees it: read-only all the way down, since an answer is built once and
 * never edited in place (and so readonly arrays of the model fit into it).
 */
export type Frozen<T> = T extends readonly (infer U)[] ? readonly Frozen<U>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;

/** The type a wire schema describes, read-only. */
export type Wire<S extends TSchema> = Frozen<Static<S>>;

/** `schema` or null: the API sends null for an absent mark or name rather than leaving the member out. */
export const Nullable = <S extends TSchema>(schema: S, description?: string) =>
  Type.Union([schema, Type.Null()], description === undefined ? {} : { description });

/** A named person (the contract model's Person): a contract's owner, a consumer's contact. */
export const PersonSchema = Type.Object({ name: Type.String(), email: Type.String() });

/** The roles a principal can have, most powerful first. */
export const ROLES = ['admin', 'publisher', 'consumer', 'reader'] as const;
export const RoleSchema = Type.Enum(ROLES);
export type Role = Static<typeof RoleSchema>;

/** An instant as ISO 8601 text. */
export const Instant = (description?: string) => Type.String(description === undefined ? {} : { description });
