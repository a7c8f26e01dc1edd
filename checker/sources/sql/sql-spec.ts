import type { FeedSource } from '../../model.js';
import { redactUrl } from '../redact.js';
import type { SpecReader } from '../spec-reader.js';
import { dialectOfUrl, sqlitePath } from './sql-options.js';
import { createSqlSource } from './sql-source.js';
import { parseOrderBy } from './sql-order.js';
import { statementShape, TABLE_NAME } from './sql-text.js';

function checkSql(reader: SpecReader, field: string, text: string): string {
  const shape = statementShape(text);
  if (shape === 'multiple') reader.fail(field, 'holds more than one statement: give one read-only SELECT');
  if (shape === 'unterminated') reader.fail(field, 'has a string, quoted name or comment that never ends');
  if (shape === 'trailing-semicolon') {
    if (field === 'where') reader.fail(field, 'must be a condition, without ";"');
    return text.slice(0, text.lastIndexOf(';'));
  }
  return text;
}

/**
 * `{ type: sql, url | urlEnv, table | query, where?, orderBy? }` -> an SQL source. `orderBy`
 * (`"created_at, id desc"`) fixes the read order; without it a table is read by its primary key. `url` is `sqlite:path`,
 * `postgres://...` or `mysql://...`; a URL with a password belongs in an environment variable
 * named by `urlEnv` (a literal password is refused unless `allowInlineSecrets`, which only the
 * command line's `--source` sets).
 */
export function sqlSourceFromSpec(reader: SpecReader, allowInlineSecrets: boolean): FeedSource {
  const literal = reader.optionalString('url');
  const fromEnv = reader.envValue('urlEnv');
  if ((literal === undefined) === (fromEnv === undefined)) reader.fail('url', 'or urlEnv is required (exactly one of them)');
  const url = (literal ?? fromEnv) as string;
  const dialect = dialectOfUrl(url) ?? reader.fail(literal !== undefined ? 'url' : 'urlEnv', 'must be a sqlite:, postgres:// or mysql:// URL');
  let shown = `sqlite:${sqlitePath(url)}`;
  if (dialect !== 'sqlite') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return reader.fail(literal !== undefined ? 'url' : 'urlEnv', 'is not a valid URL');
    }
    if (literal !== undefined && parsed.password !== '' && !allowInlineSecrets) {
      reader.fail('url', 'carries a password: put the URL in an environment variable and name it in urlEnv');
    }
    shown = redactUrl(parsed);
  }
  const table = reader.optionalString('table');
  const rawQuery = reader.optionalString('query');
  if ((table === undefined) === (rawQuery === undefined)) reader.fail('table', 'or query is required (exactly one of them)');
  if (table !== undefined && !TABLE_NAME.test(table)) reader.fail('table', 'must be a plain name or schema.name (letters, digits, _)');
  const query = rawQuery === undefined ? undefined : checkSql(reader, 'query', rawQuery);
  const rawWhere = reader.optionalString('where');
  const where = rawWhere === undefined ? undefined : checkSql(reader, 'where', rawWhere);
  const rawOrder = reader.optionalString('orderBy');
  const orderBy = rawOrder === undefined ? undefined : parseOrderBy(rawOrder);
  if (typeof orderBy === 'string') reader.fail('orderBy', orderBy);
  const what = table !== undefined ? `table ${table}` : 'query';
  return createSqlSource({
    dialect,
    url,
    table,
    query,
    where,
    ...(orderBy !== undefined ? { orderBy } : {}),
    description: `sql ${shown} ${what}${where === undefined ? '' : ' where ...'}`,
  });
}
