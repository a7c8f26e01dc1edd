import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JsonSchema } from '../../../contracts/index.js';
import { typeCell } from '../../../checker/sources/file/csv-typing.js';
import { createSource } from '../../../checker/sources/index.js';
import { MAX_LINE_BYTES } from '../../../checker/sources/limits.js';
import { readAll } from './read-all.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-csv-source-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const schema: JsonSchema = {
  type: 'object',
  definitions: { Money: { type: 'number' } },
  properties: {
    id: { type: 'integer' },
    amount: { $ref: '#/definitions/Money' },
    paid: { type: 'boolean' },
    note: { type: ['string', 'null'] },
    code: { type: 'string' },
    tags: { type: 'array' },
    score: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
  },
};

async function readCsvText(name: string, text: string, options: Record<string, unknown> = {}) {
  const path = join(dir, name);
  await writeFile(path, text);
  return readAll(createSource({ name: 'test', type: 'file', path, ...options }), { schema });
}

describe('CSV typed by the contract schema', () => {
  test('cells take the declared types; empty cells are null where null is allowed, else absent', async () => {
    const { records, issues } = await readCsvText(
      'typed.csv',
      'id,amount,paid,note,code,tags,score,extra\n1,12.50,true,hello,007,"[""a""]",,x\n2,-3e2,FALSE,,,[],5,\n',
    );
    expect(issues).toEqual([]);
    expect(records).toEqual([
      { id: 1, amount: 12.5, paid: true, note: 'hello', code: '007', tags: ['a'], score: null, extra: 'x' },
      { id: 2, amount: -300, paid: false, note: null, tags: [], score: 5 },
    ]);
  });

  test.each([
    ['integer that is not one stays text', 'abc', new Set(['integer']), 'abc'],
    ['integer beyond 2^53 stays text', '9007199254740993', new Set(['integer']), '9007199254740993'],
    ['number with a decimal point', '1.', new Set(['number']), 1],
    ['boolean that is not one stays text', 'yes', new Set(['boolean']), 'yes'],
    ['integer or string prefers the integer', '42', new Set(['integer', 'string']), 42],
    ['null type reads "null"', 'null', new Set(['null', 'integer']), null],
    ['undeclared column stays text', '42', undefined, '42'],
    ['empty undeclared cell is absent', '', undefined, undefined],
  ])('%s', (_name, text, types, want) => {
    expect(typeCell(text, types)).toEqual(want);
  });

  test('rows with the wrong number of cells are malformed issues at file:line and skipped', async () => {
    const { records, issues } = await readCsvText('ragged.csv', 'id,code\n1,a\n2\n3,c,extra\n4,"multi\nline"\n5,e\n');
    expect(records.map((r) => (r as { id: number }).id)).toEqual([1, 4, 5]);
    expect(records[1]).toEqual({ id: 4, code: 'multi\nline' });
    const path = join(dir, 'ragged.csv');
    expect(issues.map((i) => [i.kind, i.location])).toEqual([
      ['malformed', `${path}:3`],
      ['malformed', `${path}:4`],
    ]);
  });

  test('a row of exactly MAX_LINE_BYTES is read; one byte more is oversized and later rows keep their line numbers', async () => {
    const row = (size: number): string => `1,${'x'.repeat(size - 2)}`;
    const { records, issues } = await readCsvText('huge.csv', `id,code\n${row(MAX_LINE_BYTES)}\n${row(MAX_LINE_BYTES + 1)}\n3,"a\nb"\n4,,\n`);
    const path = join(dir, 'huge.csv');
    expect(records.map((r) => (r as { id: number }).id)).toEqual([1, 3]);
    expect(issues.map((i) => [i.kind, i.location])).toEqual([
      ['oversized', `${path}:3`],
      ['malformed', `${path}:6`],
    ]);
  });

  test('.tsv files split on tabs', async () => {
    const { records } = await readCsvText('tabs.tsv', 'id\tcode\n7\ta,b\n');
    expect(records).toEqual([{ id: 7, code: 'a,b' }]);
  });
});
