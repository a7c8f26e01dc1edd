import { connect, type ConsumerMessages, type NatsConnection } from 'nats';
import { isConcordError } from '../../../contracts/index.js';
import type { FeedSource, OpenOptions } from '../../model.js';
import { ReadTracker } from '../read-tracker.js';
import { causeText, sourceUnavailable } from '../source-errors.js';

/** A NATS JetStream source with its credentials resolved (never print them). */
export interface NatsSourceOptions {
  /** Server URL without credentials: `nats://127.0.0.1:4222`. */
  readonly servers: string;
  /** The subject to read (wildcards allowed: `orders.>`). */
  readonly subject: string;
  /** The stream holding the subject; default: the stream the server says holds it. */
  readonly stream?: string;
  /** Seconds a read may take before it stops with what it has. */
  readonly maxSeconds: number;
  readonly token?: string;
  readonly user?: string;
  readonly pass?: string;
  readonly description: string;
}

/** Default for `maxSeconds`: a check reads a sample, not a whole busy stream. */
export const DEFAULT_NATS_MAX_SECONDS = 30;
/** Wait for the server before the read fails: an unreachable server must not hang a check. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Messages requested per pull: bounds what the client buffers ahead of the consumer. */
const PULL_BATCH = 256;

/**
 * Reads a subject of a JetStream stream from its first message with an ephemeral ordered
 * consumer: ordered consumers never ack and are removed when the read ends, so durable consumers
 * of the same stream are never touched. Stops after `limit` records, after `maxSeconds`, or once
 * caught up (the last message delivered had nothing pending behind it). Payloads are JSON; a
 * payload that is not is a `malformed` issue at `nats <subject> #<stream sequence>`.
 */
export function createNatsSource(options: NatsSourceOptions): FeedSource {
  return { description: options.description, open: (open: OpenOptions = {}) => readNats(options, open) };
}

async function openConnection(options: NatsSourceOptions): Promise<NatsConnection> {
  try {
    return await connect({
      servers: options.servers,
      name: 'concord-checker',
      timeout: CONNECT_TIMEOUT_MS,
      reconnect: false,
      ...(options.token === undefined ? {} : { token: options.token }),
      ...(options.user === undefined ? {} : { user: options.user, pass: options.pass }),
    });
  } catch (error) {
    throw sourceUnavailable(options.description, `cannot connect (${causeText(error)})`, 'check the server address, that it is up, and the credentials', error);
  }
}

async function subjectMessages(nc: NatsConnection, options: NatsSourceOptions): Promise<{ stream: string; count: number }> {
  const jsm = await nc.jetstreamManager();
  let stream = options.stream;
  if (stream === undefined) {
    try {
      stream = await jsm.streams.find(options.subject);
    } catch (error) {
      throw sourceUnavailable(options.description, `no stream holds subject ${options.subject} (${causeText(error)})`, 'check the subject, or name the stream', error);
    }
  }
  try {
    const info = await jsm.streams.info(stream, { subjects_filter: options.subject });
    const subjects = info.state.subjects ?? {};
    const count = Object.values(subjects).reduce((sum, n) => sum + n, 0);
    return { stream, count };
  } catch (error) {
    throw sourceUnavailable(options.description, `cannot read stream ${stream} (${causeText(error)})`, 'check the stream name and the permissions', error);
  }
}

async function* readNats(options: NatsSourceOptions, open: OpenOptions): AsyncGenerator<unknown> {
  const tracker = new ReadTracker(open);
  if (tracker.done) return;
  const nc = await openConnection(options);
  let messages: ConsumerMessages | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => messages?.stop();
  try {
    const { stream, count } = await subjectMessages(nc, options);
    if (count === 0) return;
    const consumer = await nc.jetstream().consumers.get(stream, { filterSubjects: options.subject });
    messages = await consumer.consume({ max_messages: Math.min(PULL_BATCH, tracker.remaining) });
    const deadline = Date.now() + options.maxSeconds * 1000;
    // The timer ends a read that waits for messages; the deadline check one that is busy with them.
    timer = setTimeout(stop, options.maxSeconds * 1000);
    open.signal?.addEventListener('abort', stop, { once: true });
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for await (const message of messages) {
      if (tracker.done || Date.now() > deadline) return;
      tracker.addBytes(message.data.length);
      let record: unknown;
      let parsed = true;
      try {
        record = JSON.parse(decoder.decode(message.data));
      } catch (error) {
        parsed = false;
        open.onIssue?.({ kind: 'malformed', location: `nats ${message.subject} #${message.seq}`, message: `payload is not JSON (${(error as Error).message}); skipped` });
      }
      if (parsed) {
        tracker.count();
        yield record;
      }
      if (tracker.done || message.info.pending === 0) return;
    }
  } catch (error) {
    if (isConcordError(error)) throw error;
    throw sourceUnavailable(options.description, `reading failed (${causeText(error)})`, 'check the stream, the subject and the permissions', error);
  } finally {
    clearTimeout(timer);
    open.signal?.removeEventListener('abort', stop);
    stop();
    await nc.close();
    tracker.report();
  }
}
