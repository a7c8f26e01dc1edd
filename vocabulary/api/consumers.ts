import Type from 'typebox';
import { ConsumerUsageSchema } from '../agent.js';
import { ItemsSchema, PageSchema } from './paging.js';
import { Instant, Nullable, PersonSchema } from './shared.js';
import type { Wire } from './shared.js';

/** `GET /api/contracts/{id}/consumers`: one consumer's pin on the contract. */
export const ContractConsumerSchema = Type.Object({
  consumer: Type.String(),
  contact: Nullable(PersonSchema, 'Null when the consumer pinned without registering'),
  range: Type.String(),
  fields: Type.Array(Type.String()),
  usage: Nullable(ConsumerUsageSchema, "What the consumer's agents report; null before their first report"),
});
export type ContractConsumer = Wire<typeof ContractConsumerSchema>;

/** A registered consumer. */
export const ConsumerInfoSchema = Type.Object({
  name: Type.String(),
  contact: PersonSchema,
  webhook: Nullable(Type.String(), 'Where change notices are posted; null when nowhere'),
  createdBy: Type.String({ description: 'Principal id that registered the consumer' }),
  createdByName: Nullable(Type.String()),
  createdAt: Instant(),
  updatedAt: Instant(),
});
export type ConsumerInfo = Wire<typeof ConsumerInfoSchema>;

/** One of a consumer's pins, as the consumer's page lists it. */
export const ConsumerPinSchema = Type.Object({
  contract: Type.String(),
  range: Type.String(),
  fields: Type.Array(Type.String()),
  createdAt: Instant(),
  updatedAt: Instant(),
});
export type ConsumerPin = Wire<typeof ConsumerPinSchema>;

/** `GET /api/consumers/{name}`: the consumer and its pins. */
export const ConsumerDetailSchema = Type.Object({ ...ConsumerInfoSchema.properties, pins: Type.Array(ConsumerPinSchema) });
export type ConsumerDetail = Wire<typeof ConsumerDetailSchema>;

/** `PUT /api/consumers/{name}`: register or update a consumer. */
export const ConsumerUpdateSchema = Type.Object({
  contact: PersonSchema,
  webhook: Type.Optional(
    Type.String({
      format: 'uri',
      description:
        'http(s) URL without credentials. Its host must be a public address unless the registry runs with --webhook-allow-private; link-local and metadata addresses are always refused (400).',
    }),
  ),
});
export type ConsumerUpdate = Wire<typeof ConsumerUpdateSchema>;

/** `PUT /api/consumers/{name}/pins/{id}`. */
export const PinRequestSchema = Type.Object({
  range: Type.String({ description: 'A semver range, e.g. ^2 or >=2.1 <3' }),
  fields: Type.Optional(
    Type.Array(Type.String(), {
      description: 'Fields the consumer reads, as findings name them (customer.id, lines[].sku); each must exist in the version the range resolves to (422 unknown-field otherwise)',
    }),
  ),
});
export type PinRequest = Wire<typeof PinRequestSchema>;

/** The pin and the version it resolves to. */
export const PinResultSchema = Type.Object({
  consumer: Type.String(),
  contract: Type.String(),
  range: Type.String(),
  fields: Type.Array(Type.String()),
  resolved: Nullable(Type.String(), 'The highest published, non-yanked version in the range now; null when none is'),
});
export type PinResult = Wire<typeof PinResultSchema>;

/** `DELETE /api/consumers/{name}`: the contracts whose pins went with it. */
export const RemovedConsumerSchema = Type.Object({ name: Type.String(), deleted: Type.Literal(true), unpinned: Type.Array(Type.String()) });
export type RemovedConsumer = Wire<typeof RemovedConsumerSchema>;

/** `DELETE /api/consumers/{name}/pins/{id}`. */
export const DeletedPinSchema = Type.Object({ consumer: Type.String(), contract: Type.String(), deleted: Type.Literal(true) });
export type DeletedPin = Wire<typeof DeletedPinSchema>;

/** `GET /api/contracts/{id}/consumers`: every pin on the contract. */
export const ContractConsumersSchema = ItemsSchema(ContractConsumerSchema);
export type ContractConsumers = Wire<typeof ContractConsumersSchema>;

/** `GET /api/consumers`: a page of consumers. */
export const ConsumerPageSchema = PageSchema(ConsumerInfoSchema);
export type ConsumerPage = Wire<typeof ConsumerPageSchema>;
