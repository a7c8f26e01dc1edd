import type { FeedSource } from '../../model.js';
import type { SpecReader } from '../spec-reader.js';
import { createNatsSource, DEFAULT_NATS_MAX_SECONDS } from './nats-source.js';

/** NATS subject syntax: dot-separated tokens without spaces; `*` is a whole token, `>` only the last one. */
function isSubject(subject: string): boolean {
  const tokens = subject.split('.');
  return tokens.every(
    (token, i) => token !== '' && !/\s/.test(token) && (!/[*>]/.test(token) || token === '*' || (token === '>' && i === tokens.length - 1)),
  );
}

/**
 * `{ type: nats, url, subject, stream?, maxSeconds?, tokenEnv?, userEnv?, passwordEnv? }` -> a
 * JetStream source. Credentials come from the named environment variables; a password inside
 * `url` is refused unless `allowInlineSecrets` (only `--source` sets it).
 */
export function natsSourceFromSpec(reader: SpecReader, allowInlineSecrets: boolean): FeedSource {
  const parsed = reader.url('url', ['nats:', 'tls:'], 'a nats:// URL');
  if ((parsed.password !== '' || parsed.username !== '') && !allowInlineSecrets) {
    reader.fail('url', 'carries credentials: use tokenEnv, or userEnv and passwordEnv');
  }
  const subject = reader.string('subject');
  if (!isSubject(subject)) reader.fail('subject', `"${subject}" is not a NATS subject`);
  const user = reader.envValue('userEnv') ?? (parsed.username === '' ? undefined : decodeURIComponent(parsed.username));
  const pass = reader.envValue('passwordEnv') ?? (parsed.password === '' ? undefined : decodeURIComponent(parsed.password));
  const servers = `${parsed.protocol}//${parsed.host}`;
  const stream = reader.optionalString('stream');
  return createNatsSource({
    servers,
    subject,
    stream,
    maxSeconds: reader.integer('maxSeconds', DEFAULT_NATS_MAX_SECONDS, 1, 24 * 3600),
    token: reader.envValue('tokenEnv'),
    user,
    pass,
    description: `nats ${servers} ${stream === undefined ? '' : `stream ${stream} `}subject ${subject}`,
  });
}
