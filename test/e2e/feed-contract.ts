import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** A small orders contract for the check and gate end-to-end tests, written into `dir`; returns its path. */
export async function writeOrdersContract(dir: string, extra = ''): Promise<string> {
  const path = join(dir, 'orders.contract.yaml');
  await fs.writeFile(
    path,
    `contract: shop.orders
version: 2.1.0
owner: { name: Dana Fischer, email: dana.fischer@example.com }
status: active
schema:
  type: object
  required: [order_id, amount, status]
  properties:
    order_id: { type: string }
    amount: { type: number, minimum: 0 }
    status: { type: string, enum: [placed, paid, shipped] }
    note: { type: string }
${extra}`,
  );
  return path;
}
