import type { Contract } from '../contracts/model.js';
import type { FeedSource } from './model.js';
import { createSource, parseSourceArgument } from './sources/index.js';

/** The source a check reads, and its name when it is one of the contract's `sources`. */
export interface CheckSource {
  readonly source: FeedSource;
  readonly sourceName?: string;
}

/**
 * `--source` of a check: the name of one of the contract's `sources` wins (so `prod` means the
 * contract's prod feed); anything else is a path, glob, URL or DSN read by `parseSourceArgument`.
 * Environment variables named by the spec are read from `env` (default `process.env`).
 */
export function openCheckSource(contract: Contract, argument: string, env: NodeJS.ProcessEnv = process.env): CheckSource {
  const named = contract.sources.find((spec) => spec.name === argument);
  if (named !== undefined) return { source: createSource(named, env), sourceName: named.name };
  return { source: createSource(parseSourceArgument(argument), env) };
}
