import { escapeSegment, fingerprint, type Severity } from '../../contracts/index.js';

import type { CheckFinding } from '../model.js';
import { driftRule, type DriftRuleId } from './drift-rules.js';

/** The contract a run checks, as drift messages and fingerprints name it. */
export interface ContractRef {
  readonly contract: string;
  readonly version: string;
}

export interface DriftFindingInput {
  readonly rule: DriftRuleId;
  /** Defaults to the rule's severity in DRIFT_RULES. */
  readonly severity?: Severity;
  /** Dotted record field (`customer.id`, `items[].sku`); the path is derived from it unless given. */
  readonly field?: string;
  /** JSON pointer; defaults to the schema pointer of `field`, or `/` for findings about the whole feed. */
  readonly path?: string;
  /** The fact, after `<contract> <version>: `; the rule's action is appended unless `action` replaces it. */
  readonly message: string;
  readonly action?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Extra identity for the fingerprint when one rule can fire twice on one field (a metric name, a compatibility rule). */
  readonly key?: string;
}

/**
 * The record-schema JSON pointer of a dotted field path: `customer.id` is
 * `/properties/customer/properties/id`, `items[].sku` is `/properties/items/items/properties/sku`.
 */
export function schemaPointer(field: string): string {
  let pointer = '';
  for (const segment of field.split('.')) {
    let name = segment;
    let arrays = 0;
    while (name.endsWith('[]')) {
      name = name.slice(0, -2);
      arrays += 1;
    }
    pointer += `/properties/${escapeSegment(name)}${'/items'.repeat(arrays)}`;
  }
  return pointer;
}

/**
 * Builds one drift finding. The message reads `<contract> <version>: <fact>: <what to do>`; the
 * fingerprint hashes the rule, contract, field path and `key`, never counts or values, so the same
 * drift in two runs (and on two versions of the contract) has one fingerprint.
 */
export function driftFinding(ref: ContractRef, input: DriftFindingInput): CheckFinding {
  const spec = driftRule(input.rule);
  const path = input.path ?? (input.field !== undefined ? schemaPointer(input.field) : '/');
  const action = input.action ?? spec.action;
  return {
    rule: input.rule,
    severity: input.severity ?? spec.severity,
    path,
    ...(input.field !== undefined ? { field: input.field } : {}),
    message: `${ref.contract} ${ref.version}: ${input.message}: ${action.charAt(0).toLowerCase()}${action.slice(1)}`,
    ...(input.before !== undefined ? { before: input.before } : {}),
    ...(input.after !== undefined ? { after: input.after } : {}),
    fingerprint: fingerprint(['drift', input.rule, ref.contract, path, input.key]),
  };
}

/** A share as people read it: `37%`, `0.4%`, `<0.1%`. */
export function percent(rate: number): string {
  if (rate > 0 && rate < 0.001) return '<0.1%';
  const value = rate * 100;
  return `${value >= 10 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)}%`;
}
