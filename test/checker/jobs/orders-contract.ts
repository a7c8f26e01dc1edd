/**
 * The orders contract the jobs tests check feeds against, as YAML, with `sources` appended when
 * given (one YAML flow mapping per source). One text, so the CLI, registry and incident tests
 * agree on what a valid order is.
 */
export function ordersContractText(sources: readonly string[] = []): string {
  const text = `contract: commerce.orders
version: 1.0.0
title: Orders feed
owner: { name: Dana Fischer, email: dana.fischer@example.com }
team: commerce-data
status: active
compatibility: forward
schema:
  type: object
  properties:
    order_id: { type: string }
    amount: { type: number }
  required: [order_id, amount]
`;
  return sources.length === 0 ? text : `${text}sources:\n${sources.map((source) => `  - ${source}\n`).join('')}`;
}
