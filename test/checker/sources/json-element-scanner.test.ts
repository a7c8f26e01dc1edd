import { describe, expect, test } from 'vitest';
import { MAX_CAPTURE_CHARS } from '../../../checker/sources/limits.js';
import { JsonElementScanner, JsonStructureError, type ScannedElement } from '../../../checker/sources/json-element-scanner.js';

/** Scans `text` cut into pieces of `size` characters, as a network or file stream would deliver it. */
function scan(text: string, pointer: string, size: number, captures: string[] = [], max = 1_000): { elements: ScannedElement[]; scanner: JsonElementScanner } {
  const scanner = new JsonElementScanner(pointer, captures, max);
  const elements: ScannedElement[] = [];
  for (let i = 0; i < text.length; i += size) elements.push(...scanner.push(text.slice(i, i + size)));
  elements.push(...scanner.end());
  return { elements, scanner };
}

const values = (elements: ScannedElement[]): unknown[] => elements.flatMap((e) => ('value' in e ? [e.value] : []));

describe('JsonElementScanner', () => {
  const document = JSON.stringify({
    meta: { note: 'a "quoted" ] } string', data: [9] },
    data: [{ id: 1, s: 'x\\"]}' }, [1, [2]], 'str', 3.5e2, true, null, { nested: { data: [1] } }],
    next: 'c-2',
  });
  const expected = [{ id: 1, s: 'x\\"]}' }, [1, [2]], 'str', 350, true, null, { nested: { data: [1] } }];

  test.each([1, 2, 3, 7, 64, 100_000])('splits the records array in chunks of %i characters', (size) => {
    const { elements, scanner } = scan(document, '/data', size, ['/next']);
    expect(values(elements)).toEqual(expected);
    expect(elements.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(scanner.capturedValue('/next')).toBe('c-2');
  });

  test.each([
    ['root array', '[1,2,3]', '', [1, 2, 3]],
    ['empty root array', ' [ ] ', '', []],
    ['pointer into an array', '{"pages":[{"rows":[1]},{"rows":[2,3]}]}', '/pages/1/rows', [2, 3]],
    ['escaped pointer tokens', '{"a/b":{"c~d":[true]}}', '/a~1b/c~0d', [true]],
    ['key with escapes', '{"d\\u0061ta":[1]}', '/data', [1]],
    ['whitespace everywhere', ' {\n "data" :\t[ 1 ,\r\n 2 ] } ', '/data', [1, 2]],
  ])('%s', (_name, text, pointer, want) => {
    expect(values(scan(text, pointer, 2).elements)).toEqual(want);
  });

  test('a cursor that comes before the records array is captured too', () => {
    const { scanner } = scan('{"cursor":{"next":42},"items":[1]}', '/items', 3, ['/cursor/next']);
    expect(scanner.capturedValue('/cursor/next')).toBe(42);
  });

  test('a broken element is reported as malformed and the next ones still arrive', () => {
    const { elements } = scan('[1, tru, 3]', '', 4);
    expect(elements[0]).toEqual({ index: 0, value: 1 });
    expect(elements[1]).toMatchObject({ index: 1, malformed: expect.any(String) });
    expect(elements[2]).toEqual({ index: 2, value: 3 });
  });

  test('an element of exactly the cap is kept and one character more is oversized', () => {
    const atCap = JSON.stringify('x'.repeat(8)); // 10 characters with the quotes
    expect(values(scan(`[${atCap}]`, '', 3, [], 10).elements)).toEqual(['x'.repeat(8)]);
    const over = JSON.stringify('x'.repeat(9));
    expect(scan(`[${over},1]`, '', 3, [], 10).elements).toEqual([{ index: 0, oversized: 11 }, { index: 1, value: 1 }]);
  });

  test('a cursor of exactly MAX_CAPTURE_CHARS is kept; one character more is dropped', () => {
    const cursor = (chars: number): string => JSON.stringify('c'.repeat(chars - 2));
    expect(scan(`{"next":${cursor(MAX_CAPTURE_CHARS)},"data":[]}`, '/data', 4_096, ['/next']).scanner.capturedValue('/next')).toHaveLength(MAX_CAPTURE_CHARS - 2);
    expect(scan(`{"next":${cursor(MAX_CAPTURE_CHARS + 1)},"data":[]}`, '/data', 4_096, ['/next']).scanner.capturedValue('/next')).toBeUndefined();
  });

  test.each([
    ['truncated', '[1, 2', '', /ended early/],
    ['no array at the pointer', '{"items":[1]}', '/data', /no array at \/data/],
    ['the pointer names an object', '{"data":{"a":1}}', '/data', /not an array/],
    ['not JSON', 'hello', '', /./],
    ['trailing data', '[1] [2]', '', /after the end/],
  ])('structure errors: %s', (_name, text, pointer, message) => {
    expect(() => scan(text, pointer, 2)).toThrow(JsonStructureError);
    expect(() => scan(text, pointer, 2)).toThrow(message);
  });
});
