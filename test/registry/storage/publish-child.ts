import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createContractStore } from '../../../registry/storage/contract-store.js';
import { openDatabase } from '../../../registry/storage/open-database.js';
import { publishInput, sampleContract } from './storage-targets.js';

/*
 * Child process for publish-race.test.ts: opens the SQLite file, prints `ready`, waits for a
 * line on stdin, publishes commerce.orders 1.0.0 titled by its argument (holding the write lock
 * a moment inside decide) and prints the outcome's kind.
 */
const [sqlitePath, title] = process.argv.slice(2);
const database = await openDatabase({ sqlitePath });
try {
  process.stdout.write('ready\n');
  process.stdin.resume();
  await once(process.stdin, 'data');
  const outcome = await createContractStore(database.db).publish(publishInput(sampleContract('1.0.0', { title })), async () => {
    await sleep(50);
    return { accept: true };
  });
  process.stdout.write(outcome.kind);
} finally {
  await database.close();
}
