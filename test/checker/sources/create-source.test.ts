import { describe, expect, test } from 'vitest';
import type { SourceSpec } from '../../../contracts/model.js';
import { createSource, parseSourceArgument } from '../../../checker/sources/index.js';

const env = { ORDERS_API_TOKEN: 'tok-secret-1', ORDERS_DB_URL: 'postgres://app:db-secret-2@db.internal:5432/shop', NATS_PASS: 'nats-secret-3', NATS_USER: 'reader' };
const make = (fields: Record<string, unknown>) => createSource({ name: 'prod', ...fields } as SourceSpec, env);

describe('createSource', () => {
  test.each([
    [{ type: 'file', path: 'data/orders.jsonl' }, 'file data/orders.jsonl'],
    [{ type: 'file', path: 'data/*.jsonl.gz' }, 'file data/*.jsonl.gz'],
    [{ type: 'http', url: 'https://api.example.com/orders?page_size=5&api_key=k1', tokenEnv: 'ORDERS_API_TOKEN' }, 'http https://api.example.com/orders?page_size=5&api_key=***'],
    [{ type: 'sql', urlEnv: 'ORDERS_DB_URL', table: 'orders' }, 'sql postgres://app@db.internal:5432/shop table orders'],
    [{ type: 'sql', url: 'sqlite:data/shop.db', query: 'select * from orders', where: "day > '2026-11-01'" }, 'sql sqlite:data/shop.db query where ...'],
    [{ type: 'nats', url: 'nats://127.0.0.1:4222', subject: 'orders.>', stream: 'ORDERS', userEnv: 'NATS_USER', passwordEnv: 'NATS_PASS' }, 'nats nats://127.0.0.1:4222 stream ORDERS subject orders.>'],
  ])('%o is described as %s, without secrets', (fields, description) => {
    const source = make(fields);
    expect(source.description).toBe(description);
    for (const secret of Object.values(env).filter((v) => v.includes('secret'))) expect(source.description).not.toContain(secret);
  });

  test.each([
    [{ type: 'ftp' }, 'type must be one of file, http, sql, nats'],
    [{ type: 'file' }, 'path is required'],
    [{ type: 'file', path: 'data/orders.txt' }, 'format is needed'],
    [{ type: 'file', path: 'a.jsonl', format: 'xml' }, 'format must be one of jsonl, json, csv, parquet'],
    [{ type: 'file', path: 'a.parquet.gz' }, 'gzipped Parquet'],
    [{ type: 'file', path: 'a.json', records: 'data' }, 'records "data" is not a JSON pointer'],
    [{ type: 'http', url: 'ftp://x/y' }, 'url must be an http:// or https:// URL'],
    [{ type: 'http', url: 'https://u:p@x/y' }, 'url must not carry credentials'],
    [{ type: 'http', url: 'https://x/y', headers: { Authorization: 'Bearer abc' } }, 'headers.Authorization is a credential'],
    [{ type: 'http', url: 'https://x/y', tokenEnv: 'MISSING_TOKEN' }, 'tokenEnv names MISSING_TOKEN, which is not set'],
    [{ type: 'http', url: 'https://x/y', tokenEnv: 'not a name' }, 'tokenEnv must name an environment variable'],
    [{ type: 'http', url: 'https://x/y', pagination: { type: 'cursor' } }, 'pagination.next must be a non-empty string'],
    [{ type: 'http', url: 'https://x/y', pagination: { type: 'offset' } }, 'pagination.type must be one of page, cursor, link, none'],
    [{ type: 'http', url: 'https://x/y', pagination: { type: 'page', sizeParam: 'n', size: 0 } }, 'pagination.size must be an integer from 1'],
    [{ type: 'http', url: 'https://x/y', maxBytes: 512 * 1024 * 1024 + 1 }, 'maxBytes must be an integer from 1 to 536870912'],
    [{ type: 'http', url: 'https://x/y', maxPages: 10_001 }, 'maxPages must be an integer from 1 to 10000'],
    [{ type: 'sql', table: 'orders' }, 'url or urlEnv is required'],
    [{ type: 'sql', url: 'postgres://app:pw@db/shop', table: 'orders' }, 'carries a password: put the URL in an environment variable'],
    [{ type: 'sql', url: 'oracle://db/shop', table: 'orders' }, 'url must be a sqlite:, postgres:// or mysql:// URL'],
    [{ type: 'sql', url: 'sqlite:a.db' }, 'table or query is required'],
    [{ type: 'sql', url: 'sqlite:a.db', table: 'a', query: 'select 1' }, 'table or query is required'],
    [{ type: 'nats', url: 'nats://h:4222', subject: 'orders.>.x' }, 'is not a NATS subject'],
    [{ type: 'nats', url: 'nats://u:p@h:4222', subject: 'orders' }, 'url carries credentials'],
    [{ type: 'nats', url: 'http://h', subject: 'orders' }, 'url must be a nats:// URL'],
  ])('%o is refused: %s', (fields, message) => {
    expect(() => make(fields)).toThrow(expect.objectContaining({ code: 'invalid-argument', message: expect.stringContaining(message) }));
    expect(() => make(fields)).toThrow('source "prod"');
  });
});

describe('parseSourceArgument', () => {
  test.each([
    ['data/orders-*.jsonl.gz', { type: 'file', path: 'data/orders-*.jsonl.gz' }],
    ['./exports/orders.parquet', { type: 'file', path: './exports/orders.parquet' }],
    ['https://h/api/orders#/data', { type: 'http', url: 'https://h/api/orders', records: '/data' }],
    ['http://127.0.0.1:8080/list', { type: 'http', url: 'http://127.0.0.1:8080/list' }],
    ['sqlite:shop.db?table=orders', { type: 'sql', url: 'sqlite:shop.db', table: 'orders' }],
    ["sqlite:///var/shop.db?table=orders&where=id%20%3E%205", { type: 'sql', url: 'sqlite:///var/shop.db', table: 'orders', where: 'id > 5' }],
    ['postgres://app:pw@db:5432/shop?sslmode=require&table=orders', { type: 'sql', url: 'postgres://app:pw@db:5432/shop?sslmode=require', table: 'orders' }],
    ['mysql://root@127.0.0.1:3306/test?query=select%20*%20from%20t', { type: 'sql', url: 'mysql://root@127.0.0.1:3306/test', query: 'select * from t' }],
    ['nats://127.0.0.1:4222/orders.created?stream=ORDERS', { type: 'nats', url: 'nats://127.0.0.1:4222', subject: 'orders.created', stream: 'ORDERS' }],
  ])('%s', (text, want) => {
    expect(parseSourceArgument(text)).toEqual({ name: '--source', ...want });
  });

  test('a URL without a fragment reads the body itself as the records array', () => {
    expect(createSource(parseSourceArgument('http://127.0.0.1:8080/list'), {}).description).toBe('http http://127.0.0.1:8080/list');
  });

  test('a password typed on the command line is used but never described', () => {
    const source = createSource(parseSourceArgument('postgres://app:cli-secret@db:5432/shop?table=orders'), {});
    expect(source.description).toBe('sql postgres://app@db:5432/shop table orders');
  });

  test('a contract entry cannot claim to come from the command line', () => {
    const copied = { ...parseSourceArgument('postgres://app:pw@db/shop?table=orders') };
    expect(() => createSource(copied, {})).toThrow('carries a password');
  });

  test.each([
    ['', 'is empty'],
    ['s3://bucket/orders.jsonl', '"s3:" sources are not supported'],
    ['nats://127.0.0.1:4222', 'name the subject'],
  ])('%j is refused', (text, message) => {
    expect(() => parseSourceArgument(text)).toThrow(expect.objectContaining({ code: 'invalid-argument', message: expect.stringContaining(message) }));
  });
});
