import { allowPrivateFromEnv } from '../delivery/index.js';
import { DURATION_HINT, parseDuration, ConcordError } from '../contracts/index.js';
import { databaseTarget } from './database-target.js';
import { DEFAULT_PORT } from './registry-options.js';

/** Where `serve` listens unless told otherwise: this machine only, so nothing is exposed by accident. */
export const DEFAULT_HOST = '127.0.0.1';

/** pino's levels; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The highest TCP port. */
const MAX_PORT = 65_535;

export interface ServeFlags {
  readonly port?: string;
  readonly host?: string;
  readonly db?: string;
  readonly publicRead?: boolean;
  readonly seedExamples?: boolean;
  readonly logLevel?: string;
  readonly webhookAllowPrivate?: boolean;
  readonly runRetention?: string;
  readonly mcp?: boolean;
}

export interface ServeConfig {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host: string;
  /** `--db` or DATABASE_URL as given; undefined for the embedded SQLite default. */
  readonly database: string | undefined;
  readonly publicRead: boolean;
  readonly adminToken?: string;
  readonly seedExamples: boolean;
  /** Requests are logged at `info`, one JSON line each on stdout. */
  readonly logLevel: LogLevel;
  /** Webhooks may also reach loopback, private and shared (CGNAT) addresses; never link-local ones. */
  readonly webhookAllowPrivate: boolean;
  /** Check runs older than this many seconds are pruned at start and hourly; absent: kept forever. */
  readonly runRetentionSeconds?: number;
  /** The MCP server answers Streamable HTTP at /mcp, with the same tokens as the API. */
  readonly mcp: boolean;
}

function parseLogLevel(text: string, source: string): LogLevel {
  const level = LOG_LEVELS.find((each) => each === text);
  if (level === undefined) throw new ConcordError('invalid-argument', `${source} "${text}" is not a log level: use one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > MAX_PORT) {
    throw new ConcordError('invalid-argument', `${source} "${text}" is not a port: use a whole number from 0 (any free port) to ${MAX_PORT}`);
  }
  return port;
}

function parseRetention(text: string, source: string): number {
  const seconds = parseDuration(text);
  if (seconds === undefined) throw new ConcordError('invalid-argument', `${source} "${text.slice(0, 40)}" is not a duration: ${DURATION_HINT}, like 90d to keep 90 days of check runs`);
  return seconds;
}

/** `--run-retention`, else CONCORD_RUN_RETENTION; undefined when neither is given. */
function runRetentionOf(flag: string | undefined, env: NodeJS.ProcessEnv): number | undefined {
  if (flag !== undefined) return parseRetention(flag, '--run-retention');
  const text = env.CONCORD_RUN_RETENTION;
  return text === undefined || text === '' ? undefined : parseRetention(text, 'CONCORD_RUN_RETENTION');
}

/**
 * The server's settings: flags first, then PORT, DATABASE_URL, CONCORD_PUBLIC_READ=true,
 * CONCORD_ADMIN_TOKEN, LOG_LEVEL, CONCORD_WEBHOOK_ALLOW_PRIVATE=true, CONCORD_RUN_RETENTION and CONCORD_MCP=true in
 * `env` (default `process.env`). Defaults: port {@link DEFAULT_PORT}, host {@link DEFAULT_HOST},
 * the SQLite file at ./.concord/concord.db, reads need a token, no configured admin token (one is
 * generated), no seeding, log level `info`, webhooks to public addresses only, check runs kept
 * forever, no MCP endpoint.
 */
export function serveConfig(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const port =
    flags.port !== undefined
      ? parsePort(flags.port, '--port')
      : env.PORT !== undefined && env.PORT !== ''
        ? parsePort(env.PORT, 'PORT')
        : DEFAULT_PORT;
  const adminToken = env.CONCORD_ADMIN_TOKEN === undefined || env.CONCORD_ADMIN_TOKEN === '' ? undefined : env.CONCORD_ADMIN_TOKEN;
  const runRetentionSeconds = runRetentionOf(flags.runRetention, env);
  return Object.freeze({
    port,
    host: flags.host ?? DEFAULT_HOST,
    database: databaseTarget(flags.db, env),
    publicRead: flags.publicRead === true || env.CONCORD_PUBLIC_READ === 'true',
    ...(adminToken !== undefined ? { adminToken } : {}),
    seedExamples: flags.seedExamples === true,
    logLevel:
      flags.logLevel !== undefined
        ? parseLogLevel(flags.logLevel, '--log-level')
        : env.LOG_LEVEL !== undefined && env.LOG_LEVEL !== ''
          ? parseLogLevel(env.LOG_LEVEL, 'LOG_LEVEL')
          : 'info',
    webhookAllowPrivate: flags.webhookAllowPrivate === true || allowPrivateFromEnv(env),
    ...(runRetentionSeconds === undefined ? {} : { runRetentionSeconds }),
    mcp: flags.mcp === true || env.CONCORD_MCP === 'true',
  });
}
