/** Shapes of the names a contract document uses, shared by the meta-schema and `$ref` parsing. */

/** `namespace.name`, lowercase: `commerce.orders`, `commerce.payments.refunds`. */
export const CONTRACT_ID_PATTERN = '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+$';

/** Metric, feature and source names: lowercase snake_case like `net_revenue`. */
export const NAME_PATTERN = '^[a-z][a-z0-9_]*$';

/** Durations: a positive whole number and a unit, `30s`, `15m`, `1h`, `7d`, `2w`. */
export const DURATION_PATTERN = '^[1-9][0-9]*(s|m|h|d|w)$';

/** `namespace.name#metric`: a canonical metric definition owned by another contract. */
export const METRIC_REFERENCE_PATTERN = '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+#[a-z][a-z0-9_]*$';
