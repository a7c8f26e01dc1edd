import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ConcordError } from '../contracts/index.js';
import type { Contract, SourceSpec } from '../contracts/index.js';
import type { FeedSource } from './model.js';
import { createSource, parseSourceArgument } from './sources/index.js';

/** The source a check reads, and its name when it is one of the contract's `sources`. */
export interface CheckSource {
  readonly source: FeedSource;
  readonly sourceName?: string;
}

/** A `--source` that can only be meant as a source name: no path separator, extension, scheme or glob. */
const BARE_NAME = /^[A-Za-z0-9_-]+$/;

/** `path` relative to `base`, with `/` separators, so the same file has the same name on every machine. */
function stablePath(path: string, base: string): string {
  const text = relative(base, resolve(base, path)).split(sep).join('/');
  return text === '' ? '.' : text;
}

/**
 * The spec with its local path (a file path or glob, a `sqlite:` file) written relative to `base`;
 * undefined when it names no local path. Only the description is built from it, never a read.
 */
function relativeSpec(spec: SourceSpec, base: string): SourceSpec | undefined {
  if (spec.type === 'file' && typeof spec['path'] === 'string') return { ...spec, path: stablePath(spec['path'], base) };
  const url = spec['url'];
  if (spec.type === 'sql' && typeof url === 'string' && /^(sqlite|file):/i.test(url)) {
    const path = url.replace(/^(sqlite|file):/i, '');
    const local = path.startsWith('//') ? path.slice(2) : path;
    return isAbsolute(local) || local.includes('/') || local.includes('\\') ? { ...spec, url: `sqlite:${stablePath(local, base)}` } : undefined;
  }
  return undefined;
}

/**
 * `--source` of a check: the name of one of the contract's `sources` wins (so `prod` means the
 * contract's prod feed); anything else is a path, glob, URL or DSN read by `parseSourceArgument`.
 * A bare word that is none of the contract's source names is refused with the names it could be.
 * Local paths are named relative to `base` in the source's description (the identity runs are
 * recorded and alerted under): the contract's folder or the jobs file's, default the working
 * directory, so the registry never keys a feed by one machine's absolute path. Environment
 * variables named by the spec are read from `env` (default `process.env`).
 */
export function openCheckSource(contract: Contract, argument: string, env: NodeJS.ProcessEnv = process.env, base: string = process.cwd()): CheckSource {
  const named = contract.sources.find((spec) => spec.name === argument);
  if (named !== undefined) return { source: createSource(named, env), sourceName: named.name };
  if (BARE_NAME.test(argument.trim())) {
    const names = contract.sources.map((spec) => spec.name);
    const which = names.length === 0 ? `${contract.id} ${contract.version} names no sources` : `the sources of ${contract.id} ${contract.version} are ${names.join(', ')}`;
    throw new ConcordError('invalid-argument', `--source ${argument.trim()} is not one of the contract's sources: ${which}; pass one of them, or a file path, URL or database DSN`);
  }
  const spec = parseSourceArgument(argument);
  const source = createSource(spec, env);
  const shown = relativeSpec(spec, base);
  return { source: shown === undefined ? source : { ...source, description: createSource(shown, env).description } };
}
