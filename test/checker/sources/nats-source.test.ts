import { randomBytes } from 'node:crypto';
import { AckPolicy, connect, type JetStreamManager, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSource } from '../../../checker/sources/index.js';
import { readAll } from './read-all.js';

const SERVER = 'nats://127.0.0.1:4222';
const suffix = randomBytes(4).toString('hex');
const stream = `CONCORD_SRC_${suffix}`;
const subject = `concord.src.${suffix}.orders`;
const otherSubject = `concord.src.${suffix}.payments`;
const durable = `concord_durable_${suffix}`;
const COUNT = 40;

let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  nc = await connect({ servers: SERVER });
  jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: stream, subjects: [`concord.src.${suffix}.>`] });
  const js = nc.jetstream();
  for (let id = 0; id < COUNT; id += 1) {
    await js.publish(subject, id === 5 ? new TextEncoder().encode('{not json') : new TextEncoder().encode(JSON.stringify({ id })));
    await js.publish(otherSubject, new TextEncoder().encode(JSON.stringify({ payment: id })));
  }
  // Somebody else's durable consumer with work pending: reading the feed must not move it.
  await jsm.consumers.add(stream, { durable_name: durable, ack_policy: AckPolicy.Explicit, filter_subject: subject });
});

afterAll(async () => {
  await jsm.streams.delete(stream);
  await nc.close();
});

const nats = (fields: Record<string, unknown> = {}) => createSource({ name: 'orders-stream', type: 'nats', url: SERVER, subject, ...fields } as never);

describe('NATS JetStream', () => {
  test('reads the subject until caught up; a payload that is not JSON is an issue', async () => {
    const { records, issues } = await readAll(nats());
    expect(records).toHaveLength(COUNT - 1);
    expect(records[0]).toEqual({ id: 0 });
    expect(records.some((r) => 'payment' in (r as object))).toBe(false);
    expect(issues).toEqual([expect.objectContaining({ kind: 'malformed', location: `nats ${subject} #11` })]);
  });

  test('stops after limit records, with the stream named', async () => {
    const { records } = await readAll(nats({ stream }), { limit: 7 });
    expect(records.map((r) => (r as { id: number }).id)).toEqual([0, 1, 2, 3, 4, 6, 7]);
  });

  test('stops after maxSeconds however the time is spent', async () => {
    const source = nats({ maxSeconds: 1 });
    const started = Date.now();
    const records: unknown[] = [];
    // A slow reader: 100 ms per record, so 39 records would take about 4 s.
    for await (const record of source.open()) {
      records.push(record);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const elapsed = Date.now() - started;
    expect(records.length).toBeGreaterThan(3);
    expect(records.length).toBeLessThan(20);
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeLessThan(3_000);
  });

  test("a durable consumer's pending and ack-pending counts are unchanged by a read", async () => {
    const before = await jsm.consumers.info(stream, durable);
    await readAll(nats());
    await readAll(nats(), {}, 3);
    const after = await jsm.consumers.info(stream, durable);
    expect(before.num_pending).toBe(COUNT);
    expect(after.num_pending).toBe(before.num_pending);
    expect(after.num_ack_pending).toBe(before.num_ack_pending);
    expect(after.delivered.stream_seq).toBe(before.delivered.stream_seq);
  });

  test('an aborted signal ends the read quietly', async () => {
    const controller = new AbortController();
    const records: unknown[] = [];
    for await (const record of nats().open({ signal: controller.signal })) {
      records.push(record);
      if (records.length === 2) controller.abort();
    }
    expect(records).toHaveLength(2);
  });

  test('an empty subject ends at once', async () => {
    const { records } = await readAll(nats({ subject: `concord.src.${suffix}.empty` }));
    expect(records).toEqual([]);
  });

  test.each([
    ['a subject no stream holds', { subject: `concord.nowhere.${suffix}` }, 'no stream holds'],
    ['an unreachable server', { url: 'nats://127.0.0.1:1' }, 'cannot connect'],
  ])('%s is source-unavailable', async (_name, fields, message) => {
    await expect(readAll(nats(fields))).rejects.toMatchObject({ code: 'source-unavailable', message: expect.stringContaining(message) });
  });
});
