import Type, { type TSchema } from 'typebox';
import type { Wire } from './shared.js';

/** Which page of a listing to answer: the registry's default page size is 50, its largest 200. */
export const PageQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'Rows to return (1-200, default 50)' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, description: 'Rows to skip' })),
});
export type PageQuery = Wire<typeof PageQuerySchema>;

/** One page of a listing of `item`: `limit` is null when the request named none. */
export const PageSchema = <S extends TSchema>(item: S) =>
  Type.Object({
    items: Type.Array(item),
    limit: Type.Union([Type.Integer(), Type.Null()]),
    offset: Type.Integer(),
    total: Type.Integer({ description: 'Rows across all pages' }),
  });

/** One page of a listing, as the client reads it. */
export interface Paged<T> {
  readonly items: readonly T[];
  readonly limit: number | null;
  readonly offset: number;
  readonly total: number;
}

/** A whole listing without paging: what a contract's consumers and the latest verdicts answer. */
export const ItemsSchema = <S extends TSchema>(item: S) => Type.Object({ items: Type.Array(item) });
