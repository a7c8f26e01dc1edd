import { once } from 'node:events';
import { migrateToLatest } from '../../../registry/storage/migrate.js';
import { openDatabase } from '../../../registry/storage/open-database.js';

/*
 * Child process for migrate.test.ts: opens the SQLite file, prints `ready`, waits for a line on
 * stdin (so two children start migrating together), migrates and prints the migrations it
 * applied as JSON.
 */
const [sqlitePath] = process.argv.slice(2);
const database = await openDatabase({ sqlitePath });
try {
  process.stdout.write('ready\n');
  process.stdin.resume();
  await once(process.stdin, 'data');
  process.stdout.write(JSON.stringify(await migrateToLatest(database.db)));
} finally {
  await database.close();
}
