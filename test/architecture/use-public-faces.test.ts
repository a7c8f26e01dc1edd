import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { usePublicFaces } from '../../scripts/use-public-faces.js';

/** A small repository with deep cross-part imports of every shape the codemod meets. */
const FILES: Readonly<Record<string, string>> = {
  'package.json': '{ "type": "module" }\n',
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, verbatimModuleSyntax: true, noEmit: true, types: [] } }),
  'contracts/index.ts': "/** The contracts face. */\nexport { diffSchemas } from './diff/schema-diff.js';\n",
  'contracts/diff/schema-diff.ts': 'export function diffSchemas(): number { return 1; }\nexport interface SchemaChange { readonly path: string }\nexport const SCHEMA_LIMIT = 3;\n',
  'contracts/other-limit.ts': 'export const SCHEMA_LIMIT = 4;\n',
  'contracts/durations.ts': "export function formatDuration(ms: number): string { return `${ms}ms`; }\n",
  // Imports the face for a name the face lacks, as after a merge that dropped a face export.
  'registry/services/reads.ts': "import { formatDuration } from '../../contracts/index.js';\nexport const age = formatDuration(5);\n",
  'registry/services/publish.ts': [
    "import { diffSchemas } from '../../contracts/diff/schema-diff.js';",
    "import type { SchemaChange } from '../../contracts/diff/schema-diff.js';",
    "import { SCHEMA_LIMIT as LIMIT } from '../../contracts/diff/schema-diff.js';",
    'export const change: SchemaChange = { path: String(diffSchemas() + LIMIT) };',
    '',
  ].join('\n'),
  'registry/webhooks/clash.ts': "import { SCHEMA_LIMIT } from '../../contracts/other-limit.js';\nexport const limit = SCHEMA_LIMIT;\n",
  'checker/run-check.ts': "export function runCheck(): string { return 'pass'; }\n",
  'checker/uses-server.ts': "import { change } from '../registry/services/publish.js';\nexport const path = change.path;\n",
  'cli/check.ts': [
    "import { runCheck } from '../checker/run-check.js';",
    'export async function check(): Promise<string> {',
    "  const { diffSchemas } = await import('../contracts/diff/schema-diff.js');",
    '  return `${runCheck()} ${diffSchemas()}`;',
    '}',
    '',
  ].join('\n'),
};

let root = '';
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'concord-faces-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('usePublicFaces', () => {
  test('--check names what it would change and writes nothing', () => {
    const run = usePublicFaces(root, true);
    expect(run.changed).toEqual(['checker/index.ts', 'cli/check.ts', 'contracts/index.ts', 'registry/services/publish.ts']);
    for (const [file, text] of Object.entries(FILES)) expect(read(file)).toBe(text);
  });

  test('rewrites deep imports to faces, merges them, adds value and type exports and restores names a face lost', () => {
    usePublicFaces(root, false);
    expect(read('registry/services/publish.ts')).toBe(
      [
        "import { diffSchemas, SCHEMA_LIMIT as LIMIT } from '../../contracts/index.js';",
        "import type { SchemaChange } from '../../contracts/index.js';",
        'export const change: SchemaChange = { path: String(diffSchemas() + LIMIT) };',
        '',
      ].join('\n'),
    );
    expect(read('contracts/index.ts')).toBe(
      [
        '/** The contracts face. */',
        "export { diffSchemas, SCHEMA_LIMIT } from './diff/schema-diff.js';",
        "export type { SchemaChange } from './diff/schema-diff.js';",
        "export { formatDuration } from './durations.js';",
        '',
      ].join('\n'),
    );
    expect(read('cli/check.ts')).toContain("import { runCheck } from '../checker/index.js';");
    expect(read('cli/check.ts')).toContain("await import('../contracts/index.js')");
    expect(read('checker/index.ts')).toContain("export { runCheck } from './run-check.js';");
  });

  test('leaves name clashes and forbidden imports alone, and says why', () => {
    const run = usePublicFaces(root, false);
    expect(run.leftAlone).toEqual([
      expect.stringMatching(/^checker\/uses-server\.ts:1 .*checker\/ may not import registry\//),
      expect.stringMatching(/^registry\/webhooks\/clash\.ts:1 .*name clash: contracts\/index\.ts already exports a different SCHEMA_LIMIT/),
    ]);
    expect(read('registry/webhooks/clash.ts')).toBe(FILES['registry/webhooks/clash.ts']);
  });

  test('is idempotent: a second run changes nothing', () => {
    usePublicFaces(root, false);
    const again = usePublicFaces(root, true);
    expect(again.changed).toEqual([]);
  });
});
