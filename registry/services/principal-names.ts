import type { PrincipalStore } from '../storage/principal-store.js';

/**
 * Most principal names kept in memory. A registry has one principal per person, team or job, so
 * a few thousand is far beyond a real one; the bound only keeps a registry fed millions of
 * tokens from growing without limit (the oldest names are dropped and read again when needed).
 */
export const MAX_CACHED_PRINCIPAL_NAMES = 10_000;

/** Principal names by id, as the views that show who did something beside the id take them. */
export type PrincipalNames = ReadonlyMap<string, string>;

export interface PrincipalNameBook {
  /** The names of these principal ids; ids of no principal are left out. */
  of(ids: readonly (string | undefined)[]): Promise<PrincipalNames>;
}

/**
 * Names of principals, read once and then kept: a principal's name is fixed when it is created
 * and principals are never removed, so a kept name is never stale, in this process or any other.
 */
export function createPrincipalNameBook(principals: Pick<PrincipalStore, 'namesOf'>, limit: number = MAX_CACHED_PRINCIPAL_NAMES): PrincipalNameBook {
  const known = new Map<string, string>();
  return {
    async of(ids) {
      const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
      const missing = wanted.filter((id) => !known.has(id));
      if (missing.length > 0) {
        for (const [id, name] of await principals.namesOf(missing)) {
          known.set(id, name);
          if (known.size > limit) known.delete(known.keys().next().value as string);
        }
      }
      const answer = new Map<string, string>();
      for (const id of wanted) {
        const name = known.get(id);
        if (name !== undefined) answer.set(id, name);
      }
      return answer;
    },
  };
}
