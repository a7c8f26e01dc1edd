import { createPrng } from '../../../checker/sampling/prng.js';

/** Drifts a generated orders feed can carry. */
export interface OrdersDrift {
  /** Every nth record sends `amount` as a string. */
  readonly amountAsStringEvery?: number;
  /** Every nth record sends `created_at` as epoch seconds. */
  readonly epochCreatedAtEvery?: number;
}

const STATUSES = ['pending', 'paid', 'shipped', 'cancelled'] as const;
const CHANNELS = ['web', 'app', 'store'] as const;
const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;

function id(prefix: string, n: number): string {
  return `${prefix}_${n.toString(36).padStart(12, '0')}`;
}

/**
 * Record number `n` of a seeded orders feed valid under contracts/examples/orders.contract.yaml
 * (about 200 bytes of JSON), unless `drift` says otherwise.
 */
export function orderRecord(n: number, random: () => number, drift: OrdersDrift = {}): Record<string, unknown> {
  const amount = Math.round(random() * 50_000) / 100;
  const createdMs = 1_790_000_000_000 + n * 1_000;
  const record: Record<string, unknown> = {
    order_id: id('ord', n),
    customer_id: id('cus', Math.floor(random() * 5_000)),
    status: STATUSES[Math.floor(random() * STATUSES.length)],
    amount: drift.amountAsStringEvery !== undefined && n % drift.amountAsStringEvery === 0 ? amount.toFixed(2) : amount,
    currency: CURRENCIES[Math.floor(random() * CURRENCIES.length)],
    channel: CHANNELS[Math.floor(random() * CHANNELS.length)],
    items: [{ sku: `sku-${Math.floor(random() * 300)}`, quantity: 1 + Math.floor(random() * 4) }],
    created_at:
      drift.epochCreatedAtEvery !== undefined && n % drift.epochCreatedAtEvery === 0 ? Math.floor(createdMs / 1000) : new Date(createdMs).toISOString(),
  };
  if (n % 4 === 0) record['refunded_amount'] = Math.round(random() * amount * 100) / 100;
  return record;
}

/** `count` records of the seeded feed. */
export function* ordersFeed(count: number, seed = 1, drift: OrdersDrift = {}): Generator<Record<string, unknown>> {
  const random = createPrng(seed);
  for (let n = 0; n < count; n += 1) yield orderRecord(n, random, drift);
}
