import { isConcordError } from '../contracts/index.js';
import type { Person } from '../contracts/index.js';
import type { RegistryClient } from '../registry/client/index.js';

/**
 * Registers the consumer (with `contact`) when the registry does not know it, and pins it to the
 * range with the declared fields unless the same pin is already there: a handle opened again and
 * again confirms its pin with one read and writes nothing. Needs a consumer-role token (or
 * higher) of the consumer's creator; refusals are thrown as the registry gave them.
 */
export async function confirmPin(client: RegistryClient, consumer: string, contact: Person, contract: string, range: string, fields: readonly string[]): Promise<void> {
  let pins: readonly { readonly contract: string; readonly range: string; readonly fields: readonly string[] }[] = [];
  try {
    pins = (await client.getConsumer(consumer)).pins;
  } catch (error) {
    if (!isConcordError(error) || error.code !== 'not-found') throw error;
    await client.putConsumer(consumer, { contact });
  }
  const pinned = pins.find((pin) => pin.contract === contract);
  const sameFields = pinned !== undefined && pinned.fields.length === fields.length && pinned.fields.every((field, index) => field === fields[index]);
  if (pinned?.range === range && sameFields) return;
  await client.pin(consumer, contract, { range, fields });
}
