import { readFileSync } from 'node:fs';

/** The version in package.json, found relative to this file in both `cli/` (tsx) and `dist/cli/`. */
export function packageVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const text = readFileSync(new URL(relative, import.meta.url), 'utf8');
      const parsed = JSON.parse(text) as { name?: string; version?: string };
      if (parsed.name === 'concord' && typeof parsed.version === 'string') return parsed.version;
    } catch {
      // Not at this level; try the next one up.
    }
  }
  return 'unknown';
}
