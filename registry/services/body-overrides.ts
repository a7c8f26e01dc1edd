import { checkRuleOverrides, ConcordError, hasRule, MAX_RULES_FILE_BYTES } from '../../contracts/index.js';
import type { RuleOverrides } from '../../contracts/index.js';

/** The member of a publish or dry-run body that carries overrides (vocabulary's PublishOverridesSchema). */
export const OVERRIDES_MEMBER = 'overrides';

/** A body's document without its overrides member, and the overrides it carried. */
export interface SplitBody {
  readonly document: unknown;
  /** Undefined when the body carried none. */
  readonly overrides?: RuleOverrides;
}

/**
 * Takes the `overrides` member out of a parsed publish or dry-run body and validates it with the
 * schema and limits `.concord/rules.yaml` has on the CLI. Only change rules may be named: the
 * publish evaluation judges changes alone, and the CLI sends no other kind. Throws ConcordError
 * `invalid-argument` (400) naming the field; a document without the member comes back as it is.
 */
export function splitOverrides(document: unknown): SplitBody {
  if (document === null || typeof document !== 'object' || Array.isArray(document) || !Object.hasOwn(document, OVERRIDES_MEMBER)) return { document };
  const { [OVERRIDES_MEMBER]: value, ...rest } = document as Record<string, unknown>;
  const name = `the body's ${OVERRIDES_MEMBER}`;
  if (Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') > MAX_RULES_FILE_BYTES) {
    throw new ConcordError('invalid-argument', `${name} is larger than ${MAX_RULES_FILE_BYTES} bytes: keep one override per rule`, { pointer: `/${OVERRIDES_MEMBER}` });
  }
  const overrides = checkRuleOverrides(value, name, (id) => hasRule(id));
  return { document: rest, overrides };
}
