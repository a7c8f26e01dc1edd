import { readFileSync } from 'node:fs';

/** The version in package.json, found relative to this file from `registry/http/` (tsx) and `dist/registry/http/`. */
export function registryVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'concord' && typeof parsed.version === 'string') return parsed.version;
    } catch {
      // Not at this level; try the next one up.
    }
  }
  return 'unknown';
}
