/** Where stores read the time; tests pass a fixed or stepping clock. */
export type Clock = () => Date;

/** The wall clock. */
export const systemClock: Clock = () => new Date();

/** The storage format of a timestamp: ISO-8601 UTC text (see migrations/0001-initial.ts for why). */
export function timestamp(at: Date): string {
  return at.toISOString();
}
