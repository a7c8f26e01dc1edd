import Type, { type Static } from 'typebox';
import type { JsonSchema } from '../contracts/index.js';

/*
 * What a check observed of a feed: one profile entry per field path, and the schema the analyzed
 * records satisfy. Carried in every check report and read back as the baseline of the next check.
 */

/** Longest dotted field path a report may name; real paths are a few dozen characters. */
export const MAX_FIELD_PATH_LENGTH = 4_000;

const count = Type.Integer({ minimum: 0 });
const rate = Type.Number({ minimum: 0 });
/** A value with how often it occurred. */
export const CountedValueSchema = Type.Object({ value: Type.Unknown(), count });
export type CountedValue = Readonly<Static<typeof CountedValueSchema>>;

/** A profile figure that may be an estimate. */
export const ApproximateFigureSchema = Type.Enum(['distinct', 'quantiles']);
export type ApproximateFigure = Static<typeof ApproximateFigureSchema>;

export const NumericProfileSchema = Type.Object({
  min: Type.Number(),
  max: Type.Number(),
  mean: Type.Number(),
  quantiles: Type.Record(Type.String(), Type.Number(), { description: 'Approximate quantiles keyed `p01`, `p25`, `p50`, `p75`, `p99`.' }),
});
export type NumericProfile = Readonly<Static<typeof NumericProfileSchema>>;

/** What was observed for one field path across the analyzed records. */
export const FieldProfileSchema = Type.Object({
  field: Type.String({ maxLength: MAX_FIELD_PATH_LENGTH, description: 'Dotted field path as in `Change.field` (`customer.id`, `items[].sku`).' }),
  declared: Type.Boolean({ description: "Whether the contract's schema declares this field." }),
  present: count,
  presenceRate: rate,
  nulls: count,
  nullRate: rate,
  types: Type.Record(Type.String(), count, { description: 'Count per observed JSON type: `string`, `integer`, `number`, `boolean`, `object`, `array`, `null`.' }),
  distinct: Type.Number({ minimum: 0, description: 'Approximate distinct count from a bounded sketch (see `approximate`).' }),
  approximate: Type.Optional(
    Type.Immutable(
      Type.Array(ApproximateFigureSchema, {
        description:
          'Which figures are estimates, so reports can mark them (`≈` in text): `distinct` (a HyperLogLog sketch, about 1.6% standard error) and `quantiles` (from a seeded sample of the values, when there were more than it holds). Absent when every figure is exact.',
      }),
    ),
  ),
  numeric: Type.Optional(NumericProfileSchema),
  stringLength: Type.Optional(Type.Object({ min: count, max: count })),
  formats: Type.Optional(Type.Record(Type.String(), Type.Object({ tested: count, matched: count }), { description: 'Per format the values were tested against: how many matched of how many tested.' })),
  top: Type.Optional(Type.Immutable(Type.Array(CountedValueSchema, { description: 'Most frequent values (strings, numbers, booleans) with counts; empty for pii fields.' }))),
});
export type FieldProfile = Readonly<Static<typeof FieldProfileSchema>>;

export const FeedProfileSchema = Type.Object({
  records: count,
  fields: Type.Immutable(Type.Array(FieldProfileSchema)),
  observedSchema: Type.Unsafe<JsonSchema>({ type: ['object', 'boolean'], description: 'The schema the analyzed records actually satisfy, derived from the profile.' }),
  newest: Type.Optional(Type.String({ description: 'Newest value of the SLA freshness field seen, ISO 8601, when the contract has one.' })),
});
export type FeedProfile = Readonly<Static<typeof FeedProfileSchema>>;
