import { describe, expect, test } from 'vitest';
import { parseText, type TextFormat } from '../../../contracts/document/parse-text.js';
import { ConcordError } from '../../../contracts/errors.js';

function parseError(text: string, options: { file?: string; format?: TextFormat } = {}): ConcordError {
  try {
    parseText(text, options);
  } catch (error) {
    if (error instanceof ConcordError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('parseText syntax errors', () => {
  test.each([
    ['YAML: unclosed flow sequence', 'a: 1\nb: [1, 2\nc: 3\n', 'x.yaml', 3, 1, /indented|\]/],
    ['YAML: bad indentation', 'a:\n  b: 1\n c: 2\n', 'x.yaml', 3, 1, /./],
    ['YAML: unclosed quote', 'a: "open\n', 'x.yaml', 2, 1, /./],
    ['YAML: tab indentation', 'a:\n\tb: 1\n', 'x.yml', 2, 1, /./],
    ['JSON: missing comma', '{\n  "a": 1\n  "b": 2\n}', 'x.json', 3, 3, /expected ',' or '}' after the value of "a"/],
    ['JSON: trailing comma', '{"a": [1, 2,]}', 'x.json', 1, 13, /trailing comma/],
    ['JSON: unquoted key', '{\n  a: 1\n}', 'x.json', 2, 3, /property name in double quotes/],
    ['JSON: single quotes', "{\"a\": 'b'}", 'x.json', 1, 7, /expected a value/],
    ['JSON: unclosed string', '{"a": "b', 'x.json', 1, 7, /not closed/],
    ['JSON: raw line break in string', '{"a": "b\nc"}', 'x.json', 1, 9, /control character/],
    ['JSON: bad escape', '{"a": "\\x41"}', 'x.json', 1, 8, /not a JSON escape/],
    ['JSON: unclosed object', '{"a": 1', 'x.json', 1, 8, /found the end of the document/],
    ['JSON: text after the end', '{"a": 1} x', 'x.json', 1, 10, /after the end/],
    ['JSON: comment', '{"a": 1 // note\n}', 'x.json', 1, 9, /expected ','/],
  ])('%s: line %#', (_name, text, file, line, column, message) => {
    const error = parseError(text, { file });
    expect(error.code).toBe('unreadable-input');
    expect(error.detail).toMatchObject({ file, line, column });
    expect(error.message).toMatch(message);
  });

  test.each([
    ['YAML', 'owner: a\ntitle: t\nowner: b\n', 'orders.contract.yaml', 3, 1],
    ['JSON', '{\n  "owner": "a",\n  "owner": "b"\n}', 'orders.contract.json', 3, 3],
    ['YAML nested', 'owner:\n  name: a\n  name: b\n', 'x.yaml', 3, 3],
  ])('refuses duplicate keys in %s', (_name, text, file, line, column) => {
    const error = parseError(text, { file });
    expect(error.code).toBe('unreadable-input');
    expect(error.message).toMatch(/duplicate key/);
    expect(error.detail).toMatchObject({ line, column });
  });

  test.each([
    ['an empty text', ''],
    ['only a comment', '# nothing here\n'],
    ['two YAML documents', 'a: 1\n---\nb: 2\n'],
    ['a custom tag', 'a: !secret value\n'],
    ['an alias inside its own anchor', 'a: &loop\n  b: *loop\n'],
    ['an infinite number', 'a: .inf\n'],
    ['a timestamp tag', 'a: !!timestamp 2024-01-31\n'],
  ])('refuses %s', (_name, text) => {
    expect(parseError(text, { file: 'x.yaml' }).code).toBe('unreadable-input');
  });
});

describe('parseText values', () => {
  test('YAML uses the 1.2 core schema: yes/no and dates stay text, octal is 0o', () => {
    const { value } = parseText('a: yes\nb: 2024-01-31\nc: 0o17\nd: 012\ne: ~\n', { file: 'x.yaml' });
    expect(value).toEqual({ a: 'yes', b: '2024-01-31', c: 15, d: 12, e: null });
  });

  test('merge keys are off: << stays an ordinary key', () => {
    const { value } = parseText('base: &b { x: 1 }\nchild:\n  <<: *b\n  y: 2\n', { file: 'x.yaml' });
    expect(value).toEqual({ base: { x: 1 }, child: { '<<': { x: 1 }, y: 2 } });
  });

  test('aliases are copied, so changing one copy leaves the other alone', () => {
    const { value } = parseText('a: &x { n: 1 }\nb: *x\n', { file: 'x.yaml' }) as { value: Record<string, { n: number }> };
    expect(value.a).not.toBe(value.b);
    expect(value.b).toEqual({ n: 1 });
  });

  test.each([
    ['JSON', '{"__proto__": {"polluted": true}}', 'x.json'],
    ['YAML', '__proto__: { polluted: true }\n', 'x.yaml'],
  ])('a "__proto__" key in %s stays a member and pollutes nothing', (_name, text, file) => {
    const { value } = parseText(text, { file });
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    ['by extension .json', '{"a": 1}', { file: 'x.json' }, 'json'],
    ['by extension .yml', 'a: 1', { file: 'x.yml' }, 'yaml'],
    ['by sniffing a brace', ' {"a": 1}', {}, 'json'],
    ['by sniffing YAML flow style', '{a: 1}', {}, 'yaml'],
    ['by sniffing plain YAML', 'a: 1', { file: 'contract.txt' }, 'yaml'],
    ['by the format option', 'a: 1', { file: 'x.json', format: 'yaml' as const }, 'yaml'],
  ])('picks the format %s', (_name, text, options, format) => {
    const parsed = parseText(text, options);
    expect(parsed.format).toBe(format);
    expect(parsed.value).toEqual({ a: 1 });
  });

  test('format json never falls back to YAML', () => {
    expect(parseError('a: 1', { format: 'json' }).code).toBe('unreadable-input');
  });

  test('a byte order mark is skipped', () => {
    expect(parseText('\uFEFF{"a": 1}', { file: 'x.json' }).value).toEqual({ a: 1 });
  });

  test('JSON escapes decode to the same text JSON.parse gives', () => {
    const text = '{"s": "\\u00e9\\n\\t\\"\\\\\\/\\ud83d\\ude00", "n": -1.5e3}';
    expect(parseText(text, { file: 'x.json' }).value).toEqual(JSON.parse(text));
  });
});

describe('locate', () => {
  const yaml = ['contract: commerce.orders', 'owner:', '  name: Dana', 'metrics:', '  - name: net', '    type: simple', '  - name: gross'].join('\n');
  const json = ['{', '  "contract": "commerce.orders",', '  "owner": { "name": "Dana" },', '  "metrics": [', '    { "name": "net" },', '    { "name": "gross" }', '  ]', '}'].join('\n');

  test.each([
    ['yaml', yaml, 'x.yaml', '', 1, 1],
    ['yaml', yaml, 'x.yaml', '/owner', 2, 1],
    ['yaml', yaml, 'x.yaml', '/owner/name', 3, 3],
    ['yaml', yaml, 'x.yaml', '/metrics/1', 7, 5],
    ['yaml', yaml, 'x.yaml', '/metrics/0/type', 6, 5],
    ['yaml, missing key: nearest ancestor', yaml, 'x.yaml', '/owner/email', 2, 1],
    ['yaml, missing index: nearest ancestor', yaml, 'x.yaml', '/metrics/5/name', 4, 1],
    ['json', json, 'x.json', '/contract', 2, 3],
    ['json', json, 'x.json', '/owner/name', 3, 14],
    ['json', json, 'x.json', '/metrics/1', 6, 5],
    ['json', json, 'x.json', '/metrics/1/name', 6, 7],
    ['json, missing key: nearest ancestor', json, 'x.json', '/owner/email', 3, 3],
  ])('%s: position of %#', (_name, text, file, pointer, line, column) => {
    expect(parseText(text, { file }).locate(pointer)).toEqual({ line, column });
  });

  test('a text that is not a pointer has no position', () => {
    expect(parseText('a: 1', { file: 'x.yaml' }).locate('a')).toBeUndefined();
  });

  test('escaped pointer segments find keys with / and ~', () => {
    const parsed = parseText('{"a/b": {"c~d": 1}}', { file: 'x.json' });
    expect(parsed.locate('/a~1b/c~0d')).toEqual({ line: 1, column: 10 });
  });
});
