import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkLayers, violationKey } from '../../scripts/architecture/check-layers.js';
import { renderRulesMarkdown } from '../../scripts/architecture/layer-rules.js';
import { readImportGraph, readImports } from '../../scripts/architecture/read-imports.js';
import type { ImportEdge, ImportKind } from '../../scripts/architecture/read-imports.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Violations the repository has today that other #11 work removes: the address policy and the
 * JSON poster move from contracts/ to delivery/, and the client stops borrowing the publish
 * verdict types from registry/services once they live in vocabulary/. Empty this list when those
 * land; the last test fails while an entry here no longer happens, so it cannot go stale.
 */
/** A synthetic import: `[from, to]` or `[from, to, kind]`; a `to` ending in `.ts` is ours, else a module name. */
type Edge = readonly [string, string, ImportKind?];

function graphOf(edges: readonly Edge[]): { files: string[]; edges: ImportEdge[] } {
  return {
    files: [...new Set(edges.map(([from]) => from))],
    edges: edges.map(([from, to, kind = 'static']) =>
      to.endsWith('.ts') ? { from, specifier: to, target: to, kind, line: 1 } : { from, specifier: to, kind, line: 1 },
    ),
  };
}

describe('checkLayers on synthetic import graphs', () => {
  test.each<{ name: string; edges: Edge[]; expected: string[] }>([
    { name: 'contracts imports nothing of ours', edges: [['contracts/diff.ts', 'registry/index.ts']], expected: ['forbidden-part contracts/diff.ts -> registry/index.ts'] },
    { name: 'contracts imports no node: network module', edges: [['contracts/post.ts', 'node:http']], expected: ['network-module contracts/post.ts -> node:http'] },
    { name: 'contracts imports no bare network module', edges: [['contracts/post.ts', 'https'], ['contracts/dns.ts', 'dns/promises']], expected: ['network-module contracts/post.ts -> https', 'network-module contracts/dns.ts -> dns/promises'] },
    { name: 'contracts may use node:fs and packages', edges: [['contracts/load.ts', 'node:fs'], ['contracts/load.ts', 'yaml']], expected: [] },
    { name: 'vocabulary imports only contracts', edges: [['vocabulary/report.ts', 'contracts/index.ts'], ['vocabulary/report.ts', 'checker/index.ts']], expected: ['forbidden-part vocabulary/report.ts -> checker/index.ts'] },
    { name: 'delivery imports only vocabulary and contracts', edges: [['delivery/outbox.ts', 'vocabulary/index.ts'], ['delivery/outbox.ts', 'registry/index.ts']], expected: ['forbidden-part delivery/outbox.ts -> registry/index.ts'] },
    { name: 'registry never imports checker', edges: [['registry/services/runs.ts', 'checker/index.ts', 'type']], expected: ['forbidden-part registry/services/runs.ts -> checker/index.ts'] },
    { name: 'checker reaches the registry only through the client', edges: [['checker/baseline/store.ts', 'registry/services/runs.ts']], expected: ['forbidden-part checker/baseline/store.ts -> registry/services/runs.ts'] },
    { name: "checker imports the client's face, not its files", edges: [['checker/run.ts', 'registry/client/index.ts'], ['checker/run.ts', 'registry/client/api-types.ts', 'type']], expected: ['past-the-face checker/run.ts -> registry/client/api-types.ts'] },
    { name: 'agent imports contracts, vocabulary and the client only', edges: [['agent/pin.ts', 'registry/client/index.ts'], ['agent/pin.ts', 'checker/index.ts', 'dynamic']], expected: ['forbidden-part agent/pin.ts -> checker/index.ts'] },
    { name: 'migrations import nothing of ours', edges: [['migrations/0009-x.ts', 'contracts/index.ts']], expected: ['forbidden-part migrations/0009-x.ts -> contracts/index.ts'] },
    { name: 'cli may import every part, through faces', edges: [['cli/serve.ts', 'registry/index.ts'], ['cli/serve.ts', 'registry/storage/open-database.ts', 'dynamic']], expected: ['past-the-face cli/serve.ts -> registry/storage/open-database.ts'] },
    { name: 'a re-export past a face counts', edges: [['registry/http/views.ts', 'contracts/diff/schema-diff.ts', 'export']], expected: ['past-the-face registry/http/views.ts -> contracts/diff/schema-diff.ts'] },
    {
      name: "the client's face does not pull in registry services, even through a type",
      edges: [['registry/client/index.ts', 'registry/client/api-types.ts', 'type'], ['registry/client/api-types.ts', 'registry/services/check-impact.ts', 'type']],
      expected: ['forbidden-part registry/client/api-types.ts -> registry/services/check-impact.ts', 'face-reaches registry/client/api-types.ts -> registry/services/check-impact.ts'],
    },
    { name: 'inside a part anything goes, but the client is a part of its own', edges: [['registry/services/publish.ts', 'registry/storage/contract-store.ts'], ['registry/ui/page.ts', 'registry/client/api-types.ts']], expected: ['past-the-face registry/ui/page.ts -> registry/client/api-types.ts'] },
    { name: 'tests and benches may reach in', edges: [['test/registry/x.test.ts', 'registry/storage/paging.ts'], ['bench/run.ts', 'checker/run-check.ts']], expected: [] },
  ])('$name', ({ edges, expected }) => {
    expect(checkLayers(graphOf(edges)).map(violationKey)).toEqual(expected);
  });
});

describe('readImports', () => {
  test('sees every way a file names a module, with the TypeScript parser', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from './c.js';",
      "export type { D } from './d.js';",
      "import * as net from 'node:net';",
      "// import { fake } from './commented.js';",
      "const text = \"import { quoted } from './quoted.js'\";",
      "export async function load(): Promise<import('./e.js').E> { return (await import('./f.js')).f; }",
    ].join('\n');
    const edges = readImports(ROOT, 'contracts/sample.ts', text).map(({ specifier, kind, target }) => `${kind} ${specifier} ${target ?? '-'}`);
    expect(edges).toEqual([
      'static ./a.js contracts/a.ts',
      'type ./b.js contracts/b.ts',
      'export ./c.js contracts/c.ts',
      'type ./d.js contracts/d.ts',
      'static node:net -',
      'type ./e.js contracts/e.ts',
      'dynamic ./f.js contracts/f.ts',
    ]);
  });
});

describe('the repository', () => {
  const violations = checkLayers(readImportGraph(ROOT)).map(violationKey);

  test('keeps every layer rule', () => {
    expect(violations).toEqual([]);
  });

  test('docs/architecture.md shows the table the rules are checked against', () => {
    expect(readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8')).toContain(renderRulesMarkdown());
  });
});
