import Type from 'typebox';
import type { Wire } from './shared.js';

/** The database kinds a registry runs on. */
export const DATABASE_KINDS = ['sqlite', 'postgres'] as const;

/** `GET /api/health`: 200 with `ok`, 503 with `unavailable` when the database does not answer. */
export const HealthSchema = Type.Object({
  status: Type.Enum(['ok', 'unavailable'] as const),
  database: Type.Enum(DATABASE_KINDS),
  version: Type.String({ description: 'The registry\'s package version' }),
});
export type Health = Wire<typeof HealthSchema>;
