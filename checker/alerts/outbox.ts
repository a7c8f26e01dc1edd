import { fingerprint, ConcordError } from '../../contracts/index.js';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DeliveryFailure } from '../../delivery/index.js';
import { writeFileAtomically } from '../baseline/file-baseline-store.js';

import type { PayloadFormat } from './webhook-url.js';

/** Where alerts wait for delivery when nothing else is said, relative to the working directory. */
export const DEFAULT_ALERT_DIR = '.concord/alerts';

/**
 * How long a sent delivery's marker is kept. Markers stop a check repeated after a crash from
 * sending an alert twice; such a repeat comes minutes or hours later, so a week is ample while
 * keeping the folder small.
 */
export const SENT_MARKER_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * How long a claimed delivery belongs to the dispatcher that claimed it. One attempt takes at
 * most the delivery timeout (10 s) and a few file writes, so a live dispatcher's claim is never
 * this old; a claim left by a dispatcher that died mid-send goes back to `pending/` after it,
 * delaying that alert by five minutes at most instead of losing it.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

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

/** A delivery one outbox holds for sending: nobody else sends it until it is settled or released. */
export interface ClaimedDelivery {
  readonly delivery: QueuedDelivery;
  /** The in-flight file: `inflight/<id>.<claimer>.json`. */
  readonly file: string;
}

/**
 * Alerts waiting for delivery, kept on disk so nothing is lost when a receiver is down or the
 * process dies. One JSON file per delivery (`pending/<id>.json`, written atomically) rather than
 * one appended log: a crash can never leave a torn line, retries rewrite one small file, and
 * nothing needs compacting. Delivered ones leave a marker in `sent/`; given-up ones move to `failed/`.
 *
 * Several dispatchers may share one folder (a `jobs run` daemon and a `jobs run-once`): a
 * delivery is sent only by the one that claimed it, by renaming `pending/<id>.json` to
 * `inflight/<id>.<claimer>.json`. A rename is atomic on one file system and only one rename of the
 * same file succeeds, so two claimers never both win. A claim older than {@link CLAIM_LEASE_MS}
 * (judged by the in-flight file's mtime, set when claiming) was left by a process that died and
 * goes back to `pending/`.
 */
export interface AlertOutbox {
  readonly dir: string;
  /** Queues deliveries; pairs already pending, in flight, sent or failed are left alone. Returns the ones queued now. */
  enqueue(deliveries: readonly NewDelivery[], now: Date): Promise<readonly QueuedDelivery[]>;
  /** Every pending delivery (not claimed by anyone), oldest first. */
  pending(): Promise<readonly QueuedDelivery[]>;
  /**
   * Claims the pending delivery `id` for this outbox; undefined when another claimer took it
   * first, or it was sent meanwhile. The claim holds the file's current content, which may be
   * newer than what `pending()` returned: check that it is still due.
   */
  claim(id: string, now: Date): Promise<ClaimedDelivery | undefined>;
  /** Gives a claim back to `pending/` unchanged, for a delivery that turned out not to be due. */
  release(claim: ClaimedDelivery): Promise<void>;
  /** Marks a claimed delivery sent: leaves a marker in `sent/` and removes the claim. */
  markDelivered(claim: ClaimedDelivery, now: Date): Promise<void>;
  /** Records a failed attempt: back to `pending/`, due at `failure.nextAttemptAt`, or moved to `failed/` when that is null. */
  markFailed(claim: ClaimedDelivery, failure: DeliveryFailure): Promise<void>;
  /** Puts claims whose in-flight file is older than `leaseMs` (default {@link CLAIM_LEASE_MS}) back to `pending/`; resolves with how many. */
  reclaimExpired(now: Date, leaseMs?: number): Promise<number>;
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

/** The delivery id an in-flight file name starts with: `<id>.<claimer>.json`. */
function claimedId(name: string): string | undefined {
  return name.endsWith('.json') ? name.split('.')[0] : undefined;
}

/** Renames `from` to `to`; false when `from` is gone (another claimer moved it first). */
async function moveIfThere(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** The on-disk outbox in `dir`. */
export function createAlertOutbox(options: OutboxOptions = {}): AlertOutbox {
  const dir = resolve(options.dir ?? DEFAULT_ALERT_DIR);
  const folders = { pending: join(dir, 'pending'), inflight: join(dir, 'inflight'), sent: join(dir, 'sent'), failed: join(dir, 'failed') };
  // Unique to this outbox object: two dispatchers in one process must not take each other's claims for their own.
  const claimer = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const fileOf = (folder: string, id: string): string => join(folder, `${id}.json`);
  const ready = (async () => {
    for (const folder of Object.values(folders)) await mkdir(folder, { recursive: true });
  })();

  const inFlight = async (id: string): Promise<boolean> => (await readdir(folders.inflight)).some((name) => claimedId(name) === id);

  /** Writes the claim's new content and moves it to `folder` in one rename, so a crash leaves either the claim or the result. */
  const settle = async (claim: ClaimedDelivery, content: QueuedDelivery, folder: string): Promise<void> => {
    await writeFileAtomically(claim.file, JSON.stringify(content));
    await rename(claim.file, fileOf(folder, content.id));
  };

  return {
    dir,
    async enqueue(deliveries, now) {
      await ready;
      const queued: QueuedDelivery[] = [];
      for (const delivery of deliveries) {
        const id = fingerprint(['delivery', delivery.alertId, delivery.url]);
        const known = await Promise.all([folders.pending, folders.sent, folders.failed].map((folder) => exists(fileOf(folder, id))));
        if (known.some(Boolean) || (await inFlight(id))) continue;
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

    async claim(id, now) {
      await ready;
      const from = fileOf(folders.pending, id);
      const file = join(folders.inflight, `${id}.${claimer}.json`);
      // The lease runs from the claim, not from when the alert was queued: stamp the file before the rename carries it over.
      try {
        await utimes(from, now, now);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      if (!(await moveIfThere(from, file))) return undefined;
      // A dispatcher that died after sending but before settling leaves a claim that comes back after the lease: its marker says it went out.
      if (await exists(fileOf(folders.sent, id))) {
        await rm(file, { force: true });
        return undefined;
      }
      try {
        return { delivery: JSON.parse(await readFile(file, 'utf8')) as QueuedDelivery, file };
      } catch (error) {
        throw new ConcordError('unreadable-input', `alert outbox file ${file} is not JSON: it was not written by Concord; move it away and the rest is still delivered`, { file }, { cause: error });
      }
    },

    async release(claim) {
      await moveIfThere(claim.file, fileOf(folders.pending, claim.delivery.id));
    },

    async markDelivered(claim, now) {
      await ready;
      const { delivery } = claim;
      await writeFileAtomically(fileOf(folders.sent, delivery.id), JSON.stringify({ id: delivery.id, alertId: delivery.alertId, for: delivery.for, sentAt: now.toISOString() }));
      await rm(claim.file, { force: true });
    },

    async markFailed(claim, { error, nextAttemptAt }) {
      await ready;
      const { delivery } = claim;
      const updated: QueuedDelivery = {
        ...delivery,
        attempts: delivery.attempts + 1,
        nextAttemptAt: (nextAttemptAt ?? new Date(delivery.nextAttemptAt)).toISOString(),
        lastError: error.slice(0, 500),
      };
      await settle(claim, updated, nextAttemptAt === null ? folders.failed : folders.pending);
    },

    async reclaimExpired(now, leaseMs = CLAIM_LEASE_MS) {
      await ready;
      let reclaimed = 0;
      for (const name of await readdir(folders.inflight)) {
        const id = claimedId(name);
        if (id === undefined) continue;
        const file = join(folders.inflight, name);
        const info = await stat(file).catch(() => undefined);
        if (info === undefined || now.getTime() - info.mtimeMs <= leaseMs) continue;
        if (await moveIfThere(file, fileOf(folders.pending, id))) reclaimed += 1;
      }
      return reclaimed;
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
