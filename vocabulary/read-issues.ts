import Type, { type Static } from 'typebox';

/*
 * Read issues: problems met while reading a feed that do not stop a check run. They are counted
 * and the first few are carried in the check report, so they cross from checker to registry.
 */

/**
 * Kinds of read issue. `malformed`: a record that is not the format (not JSON, a CSV row with the
 * wrong cells); `oversized`: longer than the line limit; `decode`: not UTF-8 (or a file of unknown
 * format); `truncated`: the input stopped being readable before its end, and the rest was
 * skipped; `retry`: a request that was retried (nothing was lost).
 */
export const READ_ISSUE_KINDS = ['malformed', 'oversized', 'decode', 'truncated', 'retry'] as const;
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
