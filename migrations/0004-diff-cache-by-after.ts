import type { Kysely } from 'kysely';

/*
 * A publish or dry run asks the diff cache for every cached diff into its candidate, whatever the
 * earlier version. Keyed only by (before_hash, after_hash), that took one lookup per earlier
 * version, hundreds of bound parameters for a long history; with this index it is one range read
 * of the rows for the candidate, which for new content is none at all.
 */

/** Indexes `diff_cache` by `after_hash`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('diff_cache_after').on('diff_cache').column('after_hash').execute();
}

/** Drops the index again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('diff_cache_after').execute();
}
