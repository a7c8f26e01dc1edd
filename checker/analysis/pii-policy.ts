import type { FieldInfo } from '../../contracts/index.js';

/** Which field values may appear in reports, from the contract's `pii: true` / `x-pii: true` marks. */
export interface PiiPolicy {
  /** True when the field, or an object or array holding it, is marked pii: its values never leave the process. */
  isPii(field: string): boolean;
  /**
   * True when a value shown at `field` could carry personal data: the field or an ancestor is pii,
   * or it is an object or array holding a pii field. `undefined` (the whole record) is sensitive
   * when any field is pii.
   */
  isSensitive(field: string | undefined): boolean;
}

/** Dotted-path ancestors of `a.b[].c`: `a`, `a.b`, `a.b[]`. */
function ancestors(field: string): string[] {
  const found: string[] = [];
  for (let i = 1; i < field.length; i += 1) {
    const char = field[i];
    if (char === '.') found.push(field.slice(0, i));
    else if (char === '[' && field[i + 1] === ']') found.push(field.slice(0, i));
  }
  return found;
}

export function createPiiPolicy(fields: ReadonlyMap<string, FieldInfo>): PiiPolicy {
  const marked = [...fields].filter(([, info]) => info.pii === true).map(([field]) => field);
  const markedSet = new Set(marked);
  const piiCache = new Map<string, boolean>();
  const isPii = (field: string): boolean => {
    let known = piiCache.get(field);
    if (known === undefined) {
      known = markedSet.has(field) || ancestors(field).some((ancestor) => markedSet.has(ancestor));
      piiCache.set(field, known);
    }
    return known;
  };
  return {
    isPii,
    isSensitive(field) {
      if (marked.length === 0) return false;
      if (field === undefined || field === '') return true;
      return isPii(field) || marked.some((pii) => pii.startsWith(`${field}.`) || pii.startsWith(`${field}[`));
    },
  };
}
