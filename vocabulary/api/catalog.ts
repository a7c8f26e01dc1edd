import Type from 'typebox';
import type { MetricDefinition } from '../../contracts/index.js';
import { PageQuerySchema, PageSchema } from './paging.js';
import { PersonSchema } from './shared.js';
import type { Wire } from './shared.js';

/** `GET /api/metrics` query. */
export const MetricFilterSchema = Type.Object({ ...PageQuerySchema.properties, q: Type.Optional(Type.String({ description: 'Prefix of the name, case-insensitive' })) });
export type MetricFilter = Wire<typeof MetricFilterSchema>;

/** A metric name across the registry, counted over each contract's latest version. */
export const MetricSummarySchema = Type.Object({
  name: Type.String(),
  definitions: Type.Integer({ description: 'Contracts that define a metric of this name themselves' }),
  meanings: Type.Integer({ description: 'Distinct meanings among those definitions; more than one means the name is ambiguous' }),
});
export type MetricSummary = Wire<typeof MetricSummarySchema>;

/** `GET /api/metrics/{name}`: who owns a metric's definition and where it is used. */
export const MetricInfoSchema = Type.Object({
  name: Type.String(),
  owner: PersonSchema,
  contract: Type.String(),
  version: Type.String(),
  definition: Type.Unsafe<MetricDefinition>({ type: 'object', description: 'The metric as its contract defines it' }),
  usedBy: Type.Array(Type.Object({ contract: Type.String(), version: Type.String(), metric: Type.String() }), {
    description: 'Contracts whose latest version reuses this definition through references',
  }),
  alsoDefinedBy: Type.Array(Type.Object({ contract: Type.String(), version: Type.String() }), {
    description: 'Other contracts that define a metric of this name themselves, with the same meaning',
  }),
});
export type MetricInfo = Wire<typeof MetricInfoSchema>;

/** `GET /api/metrics`: a page of metric names. */
export const MetricPageSchema = PageSchema(MetricSummarySchema);
export type MetricPage = Wire<typeof MetricPageSchema>;
