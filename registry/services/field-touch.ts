import type { Finding } from '../../contracts/index.js';

/** Whether dotted field path `inner` is `outer` or lies inside it (`customer.id`, `items[].sku`). */
function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

/**
 * Whether a finding touches a consumer that reads `fields` (dotted paths; empty means every
 * field): its field equals a declared one or is nested under it, or contains a declared one
 * (removing `customer` removes `customer.id` too). A finding with no field (a metric, the SLA)
 * touches only consumers that declared no fields.
 */
export function touches(finding: Finding, fields: readonly string[]): boolean {
  if (fields.length === 0) return true;
  const field = finding.field;
  if (field === undefined) return false;
  return fields.some((declared) => within(field, declared) || within(declared, field));
}
