/** The databases the SQL source reads. */
export type SqlDialectName = 'sqlite' | 'postgres' | 'mysql';

/** One column of a read order: `created_at`, `id desc`. */
export interface OrderColumn {
  readonly column: string;
  readonly descending: boolean;
}

/** An SQL source with its connection URL resolved (it may hold a password: never print it). */
export interface SqlSourceOptions {
  readonly dialect: SqlDialectName;
  /** `sqlite:` path, or a `postgres://` / `mysql://` URL. */
  readonly url: string;
  /** Exactly one of `table` and `query`. */
  readonly table?: string;
  /** A single read-only SELECT; Concord wraps it as `SELECT * FROM (query) ... LIMIT n`. */
  readonly query?: string;
  /** Operator-supplied SQL condition for incremental checks (`created_at > now() - interval '1 day'`). */
  readonly where?: string;
  /**
   * Columns to read in: the spec's `orderBy`; when absent a table is read by its primary key and a
   * query in whatever order the database returns (not stable).
   */
  readonly orderBy?: readonly OrderColumn[];
  /** The description with any password removed. */
  readonly description: string;
}

/** The dialect a connection URL names, or undefined. */
export function dialectOfUrl(url: string): SqlDialectName | undefined {
  const scheme = /^([a-z0-9]+):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'sqlite' || scheme === 'file') return 'sqlite';
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  return undefined;
}

/** The file path of a `sqlite:` URL: `sqlite:data/x.db` is relative, `sqlite:///abs/x.db` absolute. */
export function sqlitePath(url: string): string {
  const rest = url.replace(/^(sqlite|file):/i, '');
  return rest.startsWith('//') ? rest.slice(2) : rest;
}
