import Type from 'typebox';
import { PageQuerySchema, PageSchema } from './paging.js';
import { Instant, Nullable, RoleSchema } from './shared.js';
import type { Wire } from './shared.js';

/** `GET /api/audit` query. */
export const AuditQuerySchema = Type.Object({
  ...PageQuerySchema.properties,
  contract: Type.Optional(Type.String()),
  actor: Type.Optional(Type.String({ description: "A principal's id or name" })),
});
export type AuditQuery = Wire<typeof AuditQuerySchema>;

/** One audit log entry. */
export const AuditRecordSchema = Type.Object({
  id: Type.Integer(),
  at: Instant(),
  actor: Type.String({ description: 'Principal id' }),
  actorName: Nullable(Type.String(), "That principal's name"),
  action: Type.String({ description: 'Dotted verb, e.g. contract.publish' }),
  contract: Nullable(Type.String()),
  fromVersion: Nullable(Type.String()),
  toVersion: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditRecord = Wire<typeof AuditRecordSchema>;

/** `POST /api/tokens`: the principal to create. */
export const TokenRequestSchema = Type.Object({
  name: Type.String(),
  role: RoleSchema,
  namespaces: Type.Optional(Type.Array(Type.String(), { description: 'Namespaces a publisher may publish into' })),
});
export type TokenRequest = Wire<typeof TokenRequestSchema>;

/** A principal: who a token acts as. */
export const PrincipalInfoSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  namespaces: Type.Array(Type.String(), { description: 'Namespaces a publisher may publish into' }),
  createdAt: Instant(),
});
export type PrincipalInfo = Wire<typeof PrincipalInfoSchema>;

/** The answer to `POST /api/tokens`. */
export const CreatedTokenSchema = Type.Object({
  principal: PrincipalInfoSchema,
  token: Type.String({ description: 'The plaintext token: shown once, never again' }),
  tokenId: Type.String({ description: "The token's id, for revoking it" }),
});
export type CreatedToken = Wire<typeof CreatedTokenSchema>;

/** A token as the admin's list shows it: never the token itself. */
export const TokenInfoSchema = Type.Object({
  id: Type.String(),
  prefix: Type.String({ description: "The token's first characters, to tell tokens apart" }),
  label: Nullable(Type.String()),
  createdAt: Instant(),
  lastUsedAt: Nullable(Instant()),
  revokedAt: Nullable(Instant()),
  principal: PrincipalInfoSchema,
});
export type TokenInfo = Wire<typeof TokenInfoSchema>;

/** `DELETE /api/tokens/{id}`. */
export const RevokedTokenSchema = Type.Object({ id: Type.String(), revoked: Type.Literal(true) });
export type RevokedToken = Wire<typeof RevokedTokenSchema>;

/** `GET /api/audit`: a page of entries, newest first. */
export const AuditPageSchema = PageSchema(AuditRecordSchema);
export type AuditPage = Wire<typeof AuditPageSchema>;

/** `GET /api/tokens`: a page of tokens, newest first. */
export const TokenPageSchema = PageSchema(TokenInfoSchema);
export type TokenPage = Wire<typeof TokenPageSchema>;
