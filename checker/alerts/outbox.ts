import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConcordError } from '../../contracts/errors.js';
import { writeFileAtomically } from '../baseline/file-baseline-store.js';
import { fingerprint } from '../fingerprint.js';
import type { PayloadFormat } from './webhook-url.js';

/** Where alerts wait for delivery when nothing else is said, relative to the working directory. */
export const DEFAULT_ALERT_DIR = '.concord/alerts';

/**
 * How long a sent delivery's marker is kept. Markers stop a check repeated after a crash from
 * sending an alert twice; such a repeat comes minutes or hours later, so a week is ample while
 * keeping the folder small.
 */
export const SENT_MARKER_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface NewDelivery {
  readonly alertId: string;
  readonly url: string;
  readonly format: PayloadFormat;
  /** `owner` or `consumer <name>`. */
  readonly for: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface QueuedDelivery extends NewDelivery {
  /** One alert to one URL: the same pair is only ever queued once. */
  readonly id: string;
  readonly attempts: number;
  /** ISO 8601; the delivery is due at or after it. */
  readonly nextAttemptAt: string;
  readonly createdAt: string;
  readonly lastError?: string;
}

/**
 * Alerts waiting for delivery, kept on disk so nothing is lost when a receiver is down or the
 * process dies. One JSON file per delivery (`pending/<id>.json`, written atomically) rather than
 * one appended log: a crash can never leave a torn line, retries rewrite one small file, and
 * nothing needs compacting. Delivered ones leave a marker in `sent/`; given-up ones move to `failed/`.
 * One dispatcher per folder at a time.
 */
export interface AlertOutbox {
  readonly dir: string;
  /** Queues deliveries; pairs already pending, sent or failed are left alone. Returns the ones queued now. */
  enqueue(deliveries: readonly NewDelivery[], now: Date): Promise<readonly QueuedDelivery[]>;
  /** Every pending delivery, oldest first. */
  pending(): Promise<readonly QueuedDelivery[]>;
  /** Marks a delivery sent: removes it from pending and leaves a marker. */
  sent(delivery: QueuedDelivery, now: Date): Promise<void>;
  /** Records a failed attempt: retried at `nextAttemptAt`, or moved to `failed/` when that is undefined. */
  attemptFailed(delivery: QueuedDelivery, error: string, nextAttemptAt: Date | undefined): Promise<void>;
  /** Deliveries given up, oldest first. */
  failed(): Promise<readonly QueuedDelivery[]>;
  /** Removes sent markers older than {@link SENT_MARKER_TTL_MS}. */
  prune(now: Date): Promise<void>;
}

export interface OutboxOptions {
  /** Defaults to {@link DEFAULT_ALERT_DIR}. */
  readonly dir?: string;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function readAll(folder: string): Promise<QueuedDelivery[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const items: QueuedDelivery[] = [];
  for (const name of names.filter((each) => each.endsWith('.json'))) {
    const file = join(folder, name);
    try {
      items.push(JSON.parse(await readFile(file, 'utf8')) as QueuedDelivery);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ConcordError('unreadable-input', `alert outbox file ${file} is not JSON: it was not written by Concord; move it away and the rest is still delivered`, { file }, { cause: error });
    }
  }
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The on-disk outbox in `dir`. */
export function createAlertOutbox(options: OutboxOptions = {}): AlertOutbox {
  const dir = resolve(options.dir ?? DEFAULT_ALERT_DIR);
  const folders = { pending: join(dir, 'pending'), sent: join(dir, 'sent'), failed: join(dir, 'failed') };
  const fileOf = (folder: string, id: string): string => join(folder, `${id}.json`);
  const ready = (async () => {
    for (const folder of Object.values(folders)) await mkdir(folder, { recursive: true });
  })();

  return {
    dir,
    async enqueue(deliveries, now) {
      await ready;
      const queued: QueuedDelivery[] = [];
      for (const delivery of deliveries) {
        const id = fingerprint(['delivery', delivery.alertId, delivery.url]);
        const known = await Promise.all(Object.values(folders).map((folder) => exists(fileOf(folder, id))));
        if (known.some(Boolean)) continue;
        const item: QueuedDelivery = { ...delivery, id, attempts: 0, nextAttemptAt: now.toISOString(), createdAt: now.toISOString() };
        await writeFileAtomically(fileOf(folders.pending, id), JSON.stringify(item));
        queued.push(item);
      }
      return queued;
    },

    async pending() {
      await ready;
      return readAll(folders.pending);
    },

    async sent(delivery, now) {
      await ready;
      await writeFileAtomically(fileOf(folders.sent, delivery.id), JSON.stringify({ id: delivery.id, alertId: delivery.alertId, for: delivery.for, sentAt: now.toISOString() }));
      await rm(fileOf(folders.pending, delivery.id), { force: true });
    },

    async attemptFailed(delivery, error, nextAttemptAt) {
      await ready;
      const updated: QueuedDelivery = {
        ...delivery,
        attempts: delivery.attempts + 1,
        nextAttemptAt: (nextAttemptAt ?? new Date(delivery.nextAttemptAt)).toISOString(),
        lastError: error.slice(0, 500),
      };
      if (nextAttemptAt !== undefined) {
        await writeFileAtomically(fileOf(folders.pending, delivery.id), JSON.stringify(updated));
        return;
      }
      await writeFileAtomically(fileOf(folders.failed, delivery.id), JSON.stringify(updated));
      await rm(fileOf(folders.pending, delivery.id), { force: true });
    },

    async failed() {
      await ready;
      return readAll(folders.failed);
    },

    async prune(now) {
      await ready;
      for (const name of await readdir(folders.sent)) {
        const file = join(folders.sent, name);
        const info = await stat(file).catch(() => undefined);
        if (info !== undefined && now.getTime() - info.mtimeMs > SENT_MARKER_TTL_MS) await rm(file, { force: true });
      }
    },
  };
}
