import type { DiffSession } from './diff-session.js';
import { subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import type { Located, Shape } from './schema-shape.js';
import { sameJson } from './subtree-key.js';
import type { ChangeRuleId } from '../rules/catalog.js';

/** Annotation keywords and the rule each change is reported under; `deprecated` is handled apart. */
const ANNOTATION_RULES: readonly (readonly [keyword: string, rule: ChangeRuleId])[] = [
  ['title', 'title-changed'],
  ['description', 'description-changed'],
  ['$id', 'id-changed'],
  ['default', 'default-changed'],
  ['readOnly', 'read-only-changed'],
  ['writeOnly', 'write-only-changed'],
  ['examples', 'examples-changed'],
];

function isDeprecated(entry: Located<unknown> | undefined): boolean {
  return entry !== undefined && entry.value !== false;
}

/** Changes to annotations: they never change which records are valid, so they break nothing. */
export function diffAnnotations(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  if (before.annotations.size === 0 && after.annotations.size === 0) return;
  for (const [keyword, rule] of ANNOTATION_RULES) {
    const old = before.annotations.get(keyword);
    const now = after.annotations.get(keyword);
    if (old === undefined && now === undefined) continue;
    if (old !== undefined && now !== undefined && sameJson(old.value, now.value)) continue;
    const what = old === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
    session.emit({
      rule,
      path: (now ?? old)?.at ?? after.at,
      field,
      message: `${keyword} of ${subject(field)} was ${what}`,
      before: old?.value,
      after: now?.value,
    });
  }
  const wasDeprecated = isDeprecated(before.annotations.get('deprecated'));
  const isNowDeprecated = isDeprecated(after.annotations.get('deprecated'));
  if (wasDeprecated === isNowDeprecated) return;
  const entry = after.annotations.get('deprecated') ?? before.annotations.get('deprecated');
  session.emit({
    rule: isNowDeprecated ? 'deprecated-added' : 'deprecated-removed',
    path: entry?.at ?? after.at,
    field,
    message: isNowDeprecated
      ? `${subject(field)} is now deprecated: tell its readers and plan its removal`
      : `${subject(field)} is no longer deprecated`,
    before: wasDeprecated,
    after: isNowDeprecated,
  });
}
