import { requireValidName, ConcordError, closestName, listFields } from '../../contracts/index.js';
import type { FieldInfo, JsonSchema, Person } from '../../contracts/index.js';
import { isAdmin, requireRole } from '../auth/permissions.js';
import type { Consumer, Pin } from '../storage/consumer-store.js';
import type { Page, PageRequest } from '../storage/paging.js';
import type { Principal, PrincipalStore } from '../storage/principal-store.js';
import { checkReceiverUrl } from '../webhooks/receiver-url.js';
import { SERVICE_AUDIT_ACTIONS } from './audit-actions.js';
import type { ContractReads } from './contract-reads.js';
import { withTransaction } from './registry-stores.js';
import { checkRange, highestInRange } from './resolve.js';
import type { ServiceContext } from './service-context.js';

/** Declared fields: dotted paths with `[]` for array items, like `customer.id` or `items[].sku`. */
const FIELD_PATH = /^[A-Za-z_$][\w$-]*(\[\])?(\.[A-Za-z_$][\w$-]*(\[\])?)*$/;

/**
 * Most fields one pin may declare. Impact analysis compares every finding with every declared
 * field; 256 covers a consumer reading every column of a wide table.
 */
export const MAX_PIN_FIELDS = 256;

/** Unknown fields named one by one in a refusal; the rest are counted, so the message stays a line or two. */
export const MAX_UNKNOWN_FIELDS_NAMED = 5;

export interface ConsumerSettings {
  readonly contact: Person;
  readonly webhookUrl?: string;
}

export interface PinUpdate {
  readonly range: string;
  readonly fields?: readonly string[];
}

/** A pin as answered over HTTP: with the version its range resolves to today. */
export interface ResolvedPin {
  readonly consumer: string;
  readonly contract: string;
  readonly range: string;
  readonly fields: readonly string[];
  /** Highest published, non-yanked version in the range; null when none is. */
  readonly resolved: string | null;
}

export interface PinService {
  listConsumers(page: PageRequest): Promise<Page<Consumer>>;
  /** Throws ConcordError `not-found` for an unknown consumer. */
  getConsumer(name: string): Promise<Consumer & { readonly pins: readonly Pin[] }>;
  /** Registers or updates a consumer; only its creator or an admin may update it. */
  putConsumer(name: string, update: ConsumerSettings, principal: Principal): Promise<Consumer>;
  /** Pins (or re-pins) a consumer to a contract range. */
  pin(consumer: string, contractId: string, update: PinUpdate, principal: Principal): Promise<ResolvedPin>;
  /** Removes a pin; throws `not-found` when there was none. */
  unpin(consumer: string, contractId: string, principal: Principal): Promise<void>;
  /** Removes a consumer with all its pins (its creator or an admin); answers the contracts it had pinned. */
  removeConsumer(name: string, principal: Principal): Promise<readonly string[]>;
  /** Pins on a contract, each with its consumer's contact. */
  listContractConsumers(contractId: string): Promise<readonly (Pin & { readonly contact?: Person })[]>;
}

function checkFields(fields: readonly string[]): void {
  if (fields.length > MAX_PIN_FIELDS) {
    throw new ConcordError('invalid-argument', `${fields.length} fields declared, more than ${MAX_PIN_FIELDS}: declare the top-level fields the consumer reads instead`);
  }
  const bad = fields.find((field) => !FIELD_PATH.test(field));
  if (bad !== undefined) {
    throw new ConcordError('invalid-argument', `field "${bad.slice(0, 80)}" is not a dotted field path: write it like customer.id or items[].sku`);
  }
}

/** Whether declared field `field` is one of `known` (listFields' paths), or the items of one of its arrays (`lines[]`). */
function declares(known: ReadonlyMap<string, FieldInfo>, field: string): boolean {
  if (known.has(field)) return true;
  return field.endsWith('[]') && known.get(field.slice(0, -2))?.types.has('array') === true;
}

/**
 * Refuses declared fields that `version` of the contract does not have, in the field notation
 * findings use (`customer.id`, `lines[].sku`), each with the closest field it does have. An
 * unknown field would make impact analysis call the consumer unaffected by changes to the field
 * it meant. Throws ConcordError `unknown-field`.
 */
function checkFieldsExist(consumer: string, contractId: string, range: string, version: string, schema: JsonSchema, fields: readonly string[]): void {
  if (fields.length === 0) return;
  const known = listFields(schema);
  const unknown = fields.filter((field) => !declares(known, field));
  const [first] = unknown;
  if (first === undefined) return;
  const described = unknown.slice(0, MAX_UNKNOWN_FIELDS_NAMED).map((field) => {
    const closest = closestName(field, known.keys());
    return closest === undefined ? field : `${field} (did you mean ${closest}?)`;
  });
  const more = unknown.length > MAX_UNKNOWN_FIELDS_NAMED ? ` and ${unknown.length - MAX_UNKNOWN_FIELDS_NAMED} more` : '';
  throw new ConcordError(
    'unknown-field',
    `consumer ${consumer} pins ${contractId} ${range}, which resolves to ${version}, and ${version} has no field ${described.join(', ')}${more}: ` +
      `declare fields of the record schema as dotted paths (customer.id, lines[].sku), or list them with GET /api/contracts/${contractId}/versions/${version}`,
    { pointer: `/fields/${fields.indexOf(first)}` },
  );
}

async function requireConsumerOwner(principals: PrincipalStore, consumer: Consumer, principal: Principal, action: string): Promise<void> {
  if (isAdmin(principal) || consumer.createdBy === principal.id) return;
  const owner = (await principals.getPrincipal(consumer.createdBy))?.name ?? consumer.createdBy;
  throw new ConcordError('forbidden', `${principal.name} may not ${action} consumer ${consumer.name}: it was registered by ${owner}; ask them or an admin`);
}

/** Consumers and pins over the context's stores; every write has an audit entry in its transaction. */
export function createPinService(context: ServiceContext, reads: ContractReads): PinService {
  const { stores, clock } = context;
  const existingConsumer = async (name: string): Promise<Consumer> => {
    const consumer = await stores.consumers.getConsumer(name);
    if (consumer === undefined) throw new ConcordError('not-found', `consumer ${name} is not registered: PUT /api/consumers/${name} first`);
    return consumer;
  };

  return {
    listConsumers: (page) => stores.consumers.listConsumers(page),

    async getConsumer(name) {
      const consumer = await existingConsumer(name);
      return { ...consumer, pins: await stores.consumers.listPinsByConsumer(name) };
    },

    async putConsumer(name, update, principal) {
      requireRole(principal, 'consumer', 'register consumers');
      requireValidName('consumer', name);
      if (update.webhookUrl !== undefined) checkReceiverUrl(update.webhookUrl, context.webhookPolicy);
      const before = await stores.consumers.getConsumer(name);
      if (before !== undefined) await requireConsumerOwner(stores.principals, before, principal, 'update');
      return withTransaction(stores, clock, async (trx) => {
        const consumer = await trx.consumers.upsertConsumer({ name, contact: update.contact, by: principal.id, ...(update.webhookUrl === undefined ? {} : { webhookUrl: update.webhookUrl }) });
        await trx.audit.append({
          actor: principal.id,
          action: SERVICE_AUDIT_ACTIONS.consumerPut,
          detail: { consumer: name, contact: { ...update.contact }, webhook: update.webhookUrl ?? null, created: before === undefined },
        });
        return consumer;
      });
    },

    async pin(consumerName, contractId, update, principal) {
      requireRole(principal, 'consumer', 'pin contracts');
      const consumer = await existingConsumer(consumerName);
      await requireConsumerOwner(stores.principals, consumer, principal, 'pin');
      checkRange(update.range, contractId);
      const fields = update.fields ?? [];
      checkFields(fields);
      const versions = await reads.listVersions(contractId);
      // Fields are checked against the version the range resolves to now; a range that resolves
      // to nothing yet (pinned ahead of a release) has nothing to check them against.
      const current = highestInRange(versions, update.range);
      if (current !== undefined && fields.length > 0) {
        const stored = await reads.getVersion(contractId, current.version);
        checkFieldsExist(consumerName, contractId, update.range, current.version, context.memo.entry(stored).contract.schema, fields);
      }
      const pin = await withTransaction(stores, clock, async (trx) => {
        const saved = await trx.consumers.pin({ consumer: consumerName, contractId, range: update.range, fields });
        await trx.audit.append({
          actor: principal.id,
          action: SERVICE_AUDIT_ACTIONS.pinPut,
          contractId,
          detail: { consumer: consumerName, range: update.range, fields: [...fields] },
        });
        return saved;
      });
      const resolved = highestInRange(versions, pin.range)?.version ?? null;
      return { consumer: pin.consumer, contract: pin.contractId, range: pin.range, fields: pin.fields, resolved };
    },

    async unpin(consumerName, contractId, principal) {
      requireRole(principal, 'consumer', 'unpin contracts');
      await requireConsumerOwner(stores.principals, await existingConsumer(consumerName), principal, 'unpin');
      await withTransaction(stores, clock, async (trx) => {
        if (!(await trx.consumers.unpin(consumerName, contractId))) {
          throw new ConcordError('not-found', `consumer ${consumerName} has no pin on ${contractId}: list its pins with GET /api/consumers/${consumerName}`);
        }
        await trx.audit.append({ actor: principal.id, action: SERVICE_AUDIT_ACTIONS.pinDelete, contractId, detail: { consumer: consumerName } });
      });
    },

    async removeConsumer(name, principal) {
      requireRole(principal, 'consumer', 'remove consumers');
      await requireConsumerOwner(stores.principals, await existingConsumer(name), principal, 'remove');
      return withTransaction(stores, clock, async (trx) => {
        const unpinned = await trx.consumers.removeConsumer(name);
        if (unpinned === undefined) throw new ConcordError('not-found', `consumer ${name} is not registered: list consumers with GET /api/consumers`);
        await trx.audit.append({ actor: principal.id, action: SERVICE_AUDIT_ACTIONS.consumerDelete, detail: { consumer: name, unpinned: [...unpinned] } });
        return unpinned;
      });
    },

    async listContractConsumers(contractId) {
      await reads.getContract(contractId);
      const pins = await stores.consumers.listPinsByContract(contractId);
      const result = [];
      for (const pin of pins) {
        const consumer = await stores.consumers.getConsumer(pin.consumer);
        result.push({ ...pin, ...(consumer === undefined ? {} : { contact: consumer.contact }) });
      }
      return result;
    },
  };
}
