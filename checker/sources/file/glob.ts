import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConcordError } from '../../../contracts/index.js';
import { MAX_GLOB_FILES } from '../limits.js';

/** True when the path has glob characters (`*`, `?`); other characters are literal. */
export function hasGlob(path: string): boolean {
  return /[*?]/.test(path);
}

function segmentMatcher(segment: string): RegExp {
  let source = '';
  for (const char of segment) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Like a shell: `*` and `?` do not match a leading dot unless the pattern segment starts with one. */
function matches(segment: string, name: string): boolean {
  if (name.startsWith('.') && !segment.startsWith('.')) return false;
  return segmentMatcher(segment).test(name);
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

async function isFileEntry(dir: string, entry: Dirent): Promise<boolean> {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(join(dir, entry.name))).isFile();
  } catch {
    return false;
  }
}

/**
 * The files a pattern names, sorted by path (code-unit order, so runs see files in the same order
 * everywhere). `*` matches within one path segment, `?` one character, `**` any number of
 * directories (symlinked directories are not followed, so a link cycle cannot loop). A pattern
 * without glob characters is returned as it is. More than `maxFiles` matches (default
 * MAX_GLOB_FILES) is a `too-large` error: narrow the pattern.
 */
export async function expandGlob(pattern: string, maxFiles = MAX_GLOB_FILES): Promise<string[]> {
  if (!hasGlob(pattern)) return [pattern];
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex(hasGlob);
  const base = segments.slice(0, firstGlob).join('/');
  const rest = segments.slice(firstGlob);
  const found = new Set<string>();
  const prefixOf = (dir: string): string => (dir === '' ? '' : dir.endsWith('/') ? dir : `${dir}/`);
  const walk = async (dir: string, at: number): Promise<void> => {
    const segment = rest[at];
    if (segment === undefined) return;
    const last = at === rest.length - 1;
    if (segment === '**') {
      if (last) throw new ConcordError('invalid-argument', `glob "${pattern}" ends in "**": add a file pattern such as "**/*.jsonl"`);
      await walk(dir, at + 1);
      for (const entry of await entries(dir === '' ? '.' : dir)) {
        if (entry.isDirectory() && !entry.name.startsWith('.')) await walk(`${prefixOf(dir)}${entry.name}`, at);
      }
      return;
    }
    const literal = !hasGlob(segment);
    for (const entry of await entries(dir === '' ? '.' : dir)) {
      if (!(literal ? entry.name === segment : matches(segment, entry.name))) continue;
      const path = `${prefixOf(dir)}${entry.name}`;
      if (last) {
        if (await isFileEntry(dir === '' ? '.' : dir, entry)) found.add(path);
        if (found.size > maxFiles) {
          throw new ConcordError('too-large', `glob "${pattern}" matches more than ${maxFiles} files: narrow the pattern`);
        }
      } else if (entry.isDirectory()) await walk(path, at + 1);
    }
  };
  await walk(firstGlob === 0 ? '' : base === '' ? '/' : base, 0);
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
