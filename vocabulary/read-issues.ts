import Type, { type Static } from 'typebox';
import type { RuleRow } from '../contracts/index.js';

/*
 * Read issues: problems met while reading a feed that do not stop a check run. They are counted
 * and the first few are carried in the check report, so they cross from checker to registry.
 */

/** One read rule row: a kind of problem met while reading a feed (a `ReadIssue` carries its id as `kind`). */
export interface ReadRuleSpec<Id extends string = string> extends RuleRow<Id> {
  readonly kind: 'read';
}

/** `const Id` keeps the id's literal type, so `ReadIssueKind` is read off the table. */
function rule<const Id extends string>(id: Id, severity: ReadRuleSpec['severity'], explanation: string): ReadRuleSpec<Id> {
  return Object.freeze({ id, kind: 'read' as const, severity, explanation });
}

/**
 * The read rule catalog. Read issues are counted, not judged one by one: the severity is that of
 * the drift finding their share leads to (`feed-unreadable`, `feed-truncated`); `retry` loses nothing.
 */
export const READ_RULES = Object.freeze([
  rule('malformed', 'warning', 'A record is not the format the source declares: not JSON, or a CSV row with the wrong cells. It was skipped.'),
  rule('oversized', 'warning', 'A record is longer than the line limit. It was skipped.'),
  rule('decode', 'warning', 'Input is not UTF-8 (or a file of unknown format). It was skipped.'),
  rule('truncated', 'breaking', 'The input stopped being readable before its end, and the rest was skipped.'),
  rule('retry', 'info', 'A request was retried; nothing was lost.'),
]);

/** Every read rule id, which is also every `ReadIssue.kind`. */
export type ReadRuleId = (typeof READ_RULES)[number]['id'];

/** Kinds of read issue: the ids of the read rule catalog above, which says what each means. */
export const READ_ISSUE_KINDS: readonly ReadRuleId[] = Object.freeze(READ_RULES.map((spec) => spec.id));
export const ReadIssueKindSchema = Type.Enum(READ_ISSUE_KINDS);
export type ReadIssueKind = Static<typeof ReadIssueKindSchema>;

/**
 * Most read issue examples one report may carry. The checker keeps far fewer (its
 * MAX_READ_ISSUE_EXAMPLES); 1,000 bounds what a recorded report makes the registry store.
 */
export const MAX_READ_ISSUE_EXAMPLES_IN_REPORT = 1_000;

/** A problem met while reading a feed that does not stop the run: it is counted and reported. */
export const ReadIssueSchema = Type.Object({
  kind: ReadIssueKindSchema,
  location: Type.String({ description: 'Where in the feed: `orders-2026-11-01.jsonl:17`, `GET https://host/api?page=3`, `nats orders.created #1042`.' }),
  message: Type.String(),
});
export type ReadIssue = Readonly<Static<typeof ReadIssueSchema>>;

/** Read issues per kind; kinds that did not occur are absent. */
export const ReadIssueCountsSchema = Type.Partial(Type.Record(ReadIssueKindSchema, Type.Integer({ minimum: 0 })));

/** What a report says of read issues: every one counted, by kind, and the first few of them. */
export const ReadHealthSchema = Type.Object({
  count: Type.Integer({ minimum: 0 }),
  byKind: Type.Optional(ReadIssueCountsSchema),
  examples: Type.Immutable(Type.Array(ReadIssueSchema, { maxItems: MAX_READ_ISSUE_EXAMPLES_IN_REPORT })),
});
export type ReadHealth = Readonly<Static<typeof ReadHealthSchema>>;
