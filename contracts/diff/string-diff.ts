import type { DiffSession } from './diff-session.js';
import { subject } from './field-path.js';
import type { FieldPath } from './field-path.js';
import { diffLimit, diffText } from './limit-diff.js';
import type { Shape } from './schema-shape.js';

/** Every `pattern` of each version applies; regular expressions cannot be compared, so any swap breaks both ways. */
function diffPatterns(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  if (before.patterns.length === 0 && after.patterns.length === 0) return;
  const oldTexts = new Set(before.patterns.map((entry) => entry.value));
  const nowTexts = new Set(after.patterns.map((entry) => entry.value));
  const added = after.patterns.filter((entry) => !oldTexts.has(entry.value));
  const removed = before.patterns.filter((entry) => !nowTexts.has(entry.value));
  const who = subject(field);
  const [firstAdded] = added;
  if (firstAdded !== undefined && removed.length > 0) {
    session.emit({
      rule: 'pattern-changed',
      path: firstAdded.at,
      field,
      message: `pattern of ${who} changed from ${removed.map((entry) => `"${entry.value}"`).join(', ')} to ${added.map((entry) => `"${entry.value}"`).join(', ')}`,
      before: removed.length === 1 ? removed[0]?.value : removed.map((entry) => entry.value),
      after: added.length === 1 ? firstAdded.value : added.map((entry) => entry.value),
    });
    return;
  }
  for (const entry of added) {
    session.emit({ rule: 'pattern-added', path: entry.at, field, message: `pattern "${entry.value}" was added to ${who}`, after: entry.value });
  }
  for (const entry of removed) {
    session.emit({ rule: 'pattern-removed', path: entry.at, field, message: `pattern "${entry.value}" was removed from ${who}`, before: entry.value });
  }
}

/** String keywords: length limits, patterns, format and content encoding or media type. */
export function diffStrings(session: DiffSession, before: Shape, after: Shape, field: FieldPath): void {
  diffLimit(session, before.minLength, after.minLength, {
    keyword: 'minLength', added: 'min-length-added', removed: 'min-length-removed', increased: 'min-length-increased', decreased: 'min-length-decreased',
  }, field);
  diffLimit(session, before.maxLength, after.maxLength, {
    keyword: 'maxLength', added: 'max-length-added', removed: 'max-length-removed', increased: 'max-length-increased', decreased: 'max-length-decreased',
  }, field);
  diffPatterns(session, before, after, field);
  diffText(session, before.format, after.format, { keyword: 'format', added: 'format-added', removed: 'format-removed', changed: 'format-changed' }, field);
  diffText(session, before.contentEncoding, after.contentEncoding, {
    keyword: 'contentEncoding', added: 'content-encoding-added', removed: 'content-encoding-removed', changed: 'content-encoding-changed',
  }, field);
  diffText(session, before.contentMediaType, after.contentMediaType, {
    keyword: 'contentMediaType', added: 'content-media-type-added', removed: 'content-media-type-removed', changed: 'content-media-type-changed',
  }, field);
}
