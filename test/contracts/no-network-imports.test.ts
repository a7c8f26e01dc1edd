import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../e2e/registry-process.js';

/** Node modules that open sockets or resolve names: outgoing posts belong in delivery/, never in the pure contract model. */
const NETWORK_MODULES = ['node:net', 'node:http', 'node:https', 'node:dns', 'node:tls', 'node:dgram'];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
}

describe('contracts/ stays pure: no network modules', () => {
  test.each(NETWORK_MODULES)('no file under contracts/ imports %s', (module) => {
    const bare = module.slice('node:'.length);
    const offenders = sourcesUnder(join(REPO_ROOT, 'contracts')).filter((file) => specifiers(readFileSync(file, 'utf8')).some((each) => each === module || each === bare || each.startsWith(`${module}/`)));
    expect(offenders.map((file) => relative(REPO_ROOT, file))).toEqual([]);
  });

  test('the check sees an import it must refuse', () => {
    expect(specifiers(`import { lookup } from 'node:dns';\nconst http = await import('node:http');`)).toEqual(['node:dns', 'node:http']);
  });
});
