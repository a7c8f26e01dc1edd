import type { ChangeRuleId } from '../rules/catalog.js';
import type { DiffSession } from './diff-session.js';
import { subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import type { Located } from './schema-shape.js';

/** Rule ids for a numeric limit; whether going up narrows or widens is the rules' business. */
export interface LimitRules {
  readonly keyword: string;
  readonly added: ChangeRuleId;
  readonly removed: ChangeRuleId;
  /** Rule when the value went up. */
  readonly increased: ChangeRuleId;
  /** Rule when the value went down. */
  readonly decreased: ChangeRuleId;
}

/** Compares one numeric limit (`minLength`, `maxItems`, ...) of two versions. */
export function diffLimit(
  session: DiffSession,
  before: Located<number> | undefined,
  after: Located<number> | undefined,
  rules: LimitRules,
  field: FieldPath,
): void {
  if (before === undefined && after === undefined) return;
  const who = subject(field);
  if (before === undefined && after !== undefined) {
    session.emit({ rule: rules.added, path: after.at, field, message: `${rules.keyword} ${after.value} was added to ${who}`, after: after.value });
  } else if (after === undefined && before !== undefined) {
    session.emit({ rule: rules.removed, path: before.at, field, message: `${rules.keyword} ${before.value} was removed from ${who}`, before: before.value });
  } else if (before !== undefined && after !== undefined && before.value !== after.value) {
    const up = after.value > before.value;
    session.emit({
      rule: up ? rules.increased : rules.decreased,
      path: after.at,
      field,
      message: `${rules.keyword} of ${who} ${up ? 'increased' : 'decreased'} from ${before.value} to ${after.value}`,
      before: before.value,
      after: after.value,
    });
  }
}

/** Rule ids for a text keyword (`format`, `contentEncoding`, ...). */
export interface TextRules {
  readonly keyword: string;
  readonly added: ChangeRuleId;
  readonly removed: ChangeRuleId;
  readonly changed: ChangeRuleId;
}

/** Compares one text keyword of two versions: added, removed or changed. */
export function diffText(
  session: DiffSession,
  before: Located<string> | undefined,
  after: Located<string> | undefined,
  rules: TextRules,
  field: FieldPath,
): void {
  if (before?.value === after?.value) return;
  const who = subject(field);
  if (before === undefined && after !== undefined) {
    session.emit({ rule: rules.added, path: after.at, field, message: `${rules.keyword} "${after.value}" was added to ${who}`, after: after.value });
  } else if (after === undefined && before !== undefined) {
    session.emit({ rule: rules.removed, path: before.at, field, message: `${rules.keyword} "${before.value}" was removed from ${who}`, before: before.value });
  } else if (before !== undefined && after !== undefined) {
    session.emit({
      rule: rules.changed,
      path: after.at,
      field,
      message: `${rules.keyword} of ${who} changed from "${before.value}" to "${after.value}"`,
      before: before.value,
      after: after.value,
    });
  }
}
