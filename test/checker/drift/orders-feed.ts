import { loadContractFile, type Contract } from '../../../contracts/index.js';
import { createAnalyzer, type Analysis } from '../../../checker/analysis/index.js';
import { createPrng } from '../../../checker/sampling/prng.js';

/** The example orders contract, loaded the way a check run loads it. */
export async function ordersContract(): Promise<Contract> {
  const loaded = await loadContractFile(new URL('../../../contracts/examples/orders.contract.yaml', import.meta.url).pathname);
  if (loaded.contract === undefined) throw new Error(`orders contract did not load: ${JSON.stringify(loaded.problems)}`);
  return loaded.contract;
}

/** The checker's own seeded PRNG, so every feed is the same for the same seed. */
export const random: (seed: number) => () => number = createPrng;

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

function pick<T>(next: () => number, weighted: readonly (readonly [T, number])[]): T {
  let roll = next() * weighted.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

function id(next: () => number, prefix: string): string {
  let text = prefix;
  for (let i = 0; i < 12; i += 1) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return text;
}

/** The clock the generated feeds are fresh against. */
export const NOW = new Date('2026-11-20T12:00:00.000Z');

export type OrderRecord = Record<string, unknown>;

/**
 * Orders as the contract describes them: every required field, refunds on about a fifth of the
 * orders, one to three items from a catalog of 40 SKUs, created within the ten minutes before NOW
 * (the SLA allows fifteen).
 */
export function cleanOrders(count: number, seed: number): OrderRecord[] {
  const next = random(seed);
  const records: OrderRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const amount = Math.round(Math.exp(3 + next() * 2.5) * 100) / 100;
    const items = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
      sku: `sku-${String(Math.floor(next() * 40)).padStart(3, '0')}`,
      quantity: 1 + Math.floor(next() * next() * 5),
    }));
    const record: OrderRecord = {
      order_id: id(next, 'ord_'),
      customer_id: id(next, 'cus_'),
      status: pick(next, [
        ['pending', 2],
        ['paid', 5],
        ['shipped', 4],
        ['cancelled', 1],
      ]),
      amount,
      currency: pick(next, [
        ['EUR', 6],
        ['USD', 3],
        ['GBP', 1],
      ]),
      channel: pick(next, [
        ['web', 5],
        ['app', 4],
        ['store', 2],
      ]),
      items,
      created_at: new Date(NOW.getTime() - Math.floor(next() * 600_000)).toISOString(),
    };
    if (next() < 0.2) record['refunded_amount'] = Math.round(amount * next() * 100) / 100;
    records.push(record);
  }
  return records;
}

/** Runs records through the real analyzer, as a check run does. */
export function analyze(contract: Contract, records: Iterable<unknown>): Analysis {
  const analyzer = createAnalyzer({ contract });
  for (const record of records) analyzer.add(record);
  return analyzer.finish();
}
