import type { SourceSpec } from '../../contracts/index.js';
import type { FeedSource } from '../model.js';
import { fileSourceFromSpec } from './file/file-spec.js';
import { httpSourceFromSpec } from './http/http-spec.js';
import { natsSourceFromSpec } from './nats/nats-spec.js';
import { SpecReader } from './spec-reader.js';
import { sqlSourceFromSpec } from './sql/sql-spec.js';

/** The source types a contract's `sources[]` entry may have. */
export const SOURCE_TYPES = ['file', 'http', 'sql', 'nats'] as const;

/**
 * Marks specs built from a command-line `--source`: only those may carry a password inside a
 * URL (the operator typed it); contracts must name environment variables instead. A symbol, so
 * no YAML or JSON document can set it.
 */
export const FROM_ARGUMENT: unique symbol = Symbol('concord.source-from-argument');

/**
 * A FeedSource for one `sources[]` entry of a contract (or a `--source` argument, see
 * `parseSourceArgument`). Fields are checked here, with `invalid-argument` errors naming the
 * source and field; environment variables named by `tokenEnv`, `headersEnv`, `urlEnv`,
 * `userEnv`, `passwordEnv` are read from `env` (default `process.env`) now, so a missing one is
 * reported before any read. Field reference: docs/sources.md.
 */
export function createSource(spec: SourceSpec, env: NodeJS.ProcessEnv = process.env): FeedSource {
  const reader = new SpecReader(spec, env);
  const fromArgument = (spec as { [FROM_ARGUMENT]?: boolean })[FROM_ARGUMENT] === true;
  switch (spec.type) {
    case 'file':
      return fileSourceFromSpec(reader);
    case 'http':
      return httpSourceFromSpec(reader);
    case 'sql':
      return sqlSourceFromSpec(reader, fromArgument);
    case 'nats':
      return natsSourceFromSpec(reader, fromArgument);
    default:
      return reader.fail('type', `must be one of ${SOURCE_TYPES.join(', ')}`);
  }
}
