import type { Selectable } from 'kysely';
import type { Person } from '../../contracts/index.js';
import { systemClock, timestamp } from './clock.js';
import type { Clock } from './clock.js';
import { fromJsonText, toJsonText } from './json-text.js';
import { pageOf } from './paging.js';
import type { Page, PageRequest } from './paging.js';
import { mapStorageErrors } from './storage-errors.js';
import type { ConsumersTable, Executor, PinsTable } from './tables.js';

/** Something that reads contracted data, e.g. the agent `agents.support-router`. */
export interface Consumer {
  readonly name: string;
  readonly contact: Person;
  readonly webhookUrl?: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ConsumerInput {
  readonly name: string;
  readonly contact: Person;
  /** Where change notices go; absent means e-mail to the contact only. */
  readonly webhookUrl?: string;
  /** Principal id registering or updating the consumer. */
  readonly by: string;
}

/** A consumer's dependency on a contract: the semver range it accepts and the fields it reads. */
export interface Pin {
  readonly consumer: string;
  readonly contractId: string;
  readonly range: string;
  /** Record fields the consumer reads, as dotted paths; empty means all of them. */
  readonly fields: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PinInput {
  readonly consumer: string;
  readonly contractId: string;
  readonly range: string;
  /** Defaults to none (the consumer reads every field). */
  readonly fields?: readonly string[];
}

export interface ConsumerStore {
  /** Registers a consumer or updates its contact and webhook; creator and creation time stay. */
  upsertConsumer(input: ConsumerInput): Promise<Consumer>;
  getConsumer(name: string): Promise<Consumer | undefined>;
  /** Consumers by name. */
  listConsumers(page?: PageRequest): Promise<Page<Consumer>>;
  /** Creates or replaces the consumer's pin on the contract; ConcordError `not-found` when either is unknown. */
  pin(input: PinInput): Promise<Pin>;
  /** Removes a pin; false when there was none. */
  unpin(consumer: string, contractId: string): Promise<boolean>;
  /** Removes a consumer and its pins; the contracts it pinned, whose pins went with it, or undefined for an unknown consumer. */
  removeConsumer(name: string): Promise<readonly string[] | undefined>;
  /** Pins on a contract, by consumer name. */
  listPinsByContract(contractId: string): Promise<readonly Pin[]>;
  /** A consumer's pins, by contract id. */
  listPinsByConsumer(consumer: string): Promise<readonly Pin[]>;
}

export interface ConsumerStoreOptions {
  /** Defaults to the system clock. */
  readonly clock?: Clock;
}

/** Consumers and their pins over `executor`. */
export function createConsumerStore(executor: Executor, options: ConsumerStoreOptions = {}): ConsumerStore {
  const clock = options.clock ?? systemClock;
  return {
    async upsertConsumer(input) {
      const now = timestamp(clock());
      const row = await executor
        .insertInto('consumers')
        .values({
          name: input.name,
          contact_name: input.contact.name,
          contact_email: input.contact.email,
          webhook_url: input.webhookUrl ?? null,
          created_by: input.by,
          created_at: now,
          updated_at: now,
        })
        .onConflict((conflict) =>
          conflict.column('name').doUpdateSet((eb) => ({
            contact_name: eb.ref('excluded.contact_name'),
            contact_email: eb.ref('excluded.contact_email'),
            webhook_url: eb.ref('excluded.webhook_url'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConsumer(row);
    },

    async getConsumer(name) {
      const row = await executor.selectFrom('consumers').selectAll().where('name', '=', name).executeTakeFirst();
      return row === undefined ? undefined : toConsumer(row);
    },

    async listConsumers(page = {}) {
      const { limit, offset } = pageOf(page);
      const [rows, count] = await Promise.all([
        executor.selectFrom('consumers').selectAll().orderBy('name').limit(limit).offset(offset).execute(),
        executor.selectFrom('consumers').select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toConsumer), total: Number(count.total) };
    },

    async pin(input) {
      const now = timestamp(clock());
      const row = await mapStorageErrors(
        {
          missing:
            `cannot pin ${input.consumer} to ${input.contractId}: ` +
            'register the consumer and make sure the contract is published first',
        },
        () =>
          executor
            .insertInto('pins')
            .values({
              consumer: input.consumer,
              contract_id: input.contractId,
              range: input.range,
              fields: toJsonText(input.fields ?? []),
              created_at: now,
              updated_at: now,
            })
            .onConflict((conflict) =>
              conflict.columns(['consumer', 'contract_id']).doUpdateSet((eb) => ({
                range: eb.ref('excluded.range'),
                fields: eb.ref('excluded.fields'),
                updated_at: eb.ref('excluded.updated_at'),
              })),
            )
            .returningAll()
            .executeTakeFirstOrThrow(),
      );
      return toPin(row);
    },

    async unpin(consumer, contractId) {
      const result = await executor
        .deleteFrom('pins')
        .where('consumer', '=', consumer)
        .where('contract_id', '=', contractId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async removeConsumer(name) {
      const pins = await executor.deleteFrom('pins').where('consumer', '=', name).returning('contract_id').execute();
      const removed = await executor.deleteFrom('consumers').where('name', '=', name).executeTakeFirst();
      return removed.numDeletedRows > 0n ? pins.map((pin) => pin.contract_id).sort() : undefined;
    },

    async listPinsByContract(contractId) {
      const rows = await executor.selectFrom('pins').selectAll().where('contract_id', '=', contractId).orderBy('consumer').execute();
      return rows.map(toPin);
    },

    async listPinsByConsumer(consumer) {
      const rows = await executor.selectFrom('pins').selectAll().where('consumer', '=', consumer).orderBy('contract_id').execute();
      return rows.map(toPin);
    },
  };
}

function toConsumer(row: Selectable<ConsumersTable>): Consumer {
  return Object.freeze({
    name: row.name,
    contact: Object.freeze({ name: row.contact_name, email: row.contact_email }),
    ...(row.webhook_url === null ? {} : { webhookUrl: row.webhook_url }),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

function toPin(row: Selectable<PinsTable>): Pin {
  return Object.freeze({
    consumer: row.consumer,
    contractId: row.contract_id,
    range: row.range,
    fields: Object.freeze(fromJsonText<string[]>(row.fields, 'pins.fields')),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
