import Type from 'typebox';
import { COMPATIBILITY_MODES, COMPATIBILITY_POLICIES, FindingSchema, RuleOverridesSchema } from '../../contracts/index.js';
import type { CompatibilityMode, CompatibilityPolicy, ContractStatus } from '../../contracts/index.js';
import { PageQuerySchema, PageSchema } from './paging.js';
import { Instant, Nullable, PersonSchema } from './shared.js';
import type { Wire } from './shared.js';

/** A contract's lifecycle status. */
export const CONTRACT_STATUSES = ['draft', 'active', 'deprecated', 'retired'] as const satisfies readonly ContractStatus[];
export const ContractStatusSchema = Type.Enum(CONTRACT_STATUSES);

export const CompatibilityModeSchema = Type.Unsafe<CompatibilityMode>({ type: 'string', enum: [...COMPATIBILITY_MODES] });
export const CompatibilityPolicySchema = Type.Unsafe<CompatibilityPolicy>({ type: 'string', enum: [...COMPATIBILITY_POLICIES] });
export const CompatibilitySchema = Type.Object({ mode: CompatibilityModeSchema, policy: CompatibilityPolicySchema });

export const BumpSchema = Type.Enum(['major', 'minor', 'patch', 'none'] as const);

/** `GET /api/contracts` query: every filter is optional and they combine. */
export const ContractFilterSchema = Type.Object({
  ...PageQuerySchema.properties,
  q: Type.Optional(Type.String({ description: 'Substring of the id or title' })),
  namespace: Type.Optional(Type.String()),
  owner: Type.Optional(Type.String({ description: 'Owner e-mail or principal id' })),
  tag: Type.Optional(Type.String()),
  status: Type.Optional(ContractStatusSchema),
});
export type ContractFilter = Wire<typeof ContractFilterSchema>;

/** A registered contract as listings and `GET /api/contracts/{id}` answer it. */
export const ContractInfoSchema = Type.Object({
  contract: Type.String({ description: 'The contract id, namespace.name' }),
  namespace: Type.String(),
  name: Type.String(),
  title: Nullable(Type.String()),
  owner: Type.Object(PersonSchema.properties, { description: 'The named person who owns the contract' }),
  ownerPrincipal: Nullable(Type.String(), 'The principal that acts as owner; null leaves the contract to admins'),
  ownerPrincipalName: Nullable(Type.String(), "That principal's name; null when there is none"),
  team: Nullable(Type.String()),
  status: ContractStatusSchema,
  latestVersion: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  createdAt: Instant(),
  updatedAt: Instant(),
});
export type ContractInfo = Wire<typeof ContractInfoSchema>;

/** `POST /api/contracts/{id}/transfer`: the new owner, a principal and the person behind it. */
export const TransferRequestSchema = Type.Object({
  owner: Type.Object({ principal: Type.String(), name: Type.String(), email: Type.String() }),
});
export type TransferRequest = Wire<typeof TransferRequestSchema>;

/** `GET /api/contracts/{id}/changelog`: the changes between two published versions, judged in the newer one's mode. */
export const ChangelogSchema = Type.Object({
  compatible: Type.Boolean(),
  mode: CompatibilityModeSchema,
  policy: CompatibilityPolicySchema,
  requiredBump: BumpSchema,
  contract: Type.String(),
  from: Type.String(),
  to: Type.String(),
  changes: Type.Array(FindingSchema),
});
export type Changelog = Wire<typeof ChangelogSchema>;

/** `GET /api/contracts`: a page of contracts. */
export const ContractPageSchema = PageSchema(ContractInfoSchema);
export type ContractPage = Wire<typeof ContractPageSchema>;

/**
 * The member a publish or dry-run body may carry next to the contract document's own fields: the
 * `.concord/rules.yaml` overrides of change rules the publish evaluation applies (severity per
 * rule, or `off`, and dated acceptances of fingerprinted findings). It is not part of the stored
 * document. Omitted: the contract's rules apply as the catalog says.
 */
export const PublishOverridesSchema = Type.Object({ overrides: Type.Optional(RuleOverridesSchema) });
export type PublishOverrides = Wire<typeof PublishOverridesSchema>;
