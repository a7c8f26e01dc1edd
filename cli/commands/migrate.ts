import type { Command } from 'commander';
import { databaseTarget } from '../database-target.js';
import { parseFormat } from '../options.js';

const FORMATS = ['text', 'json'] as const;

interface MigrateOptions {
  readonly db?: string;
  readonly format: string;
}

/** Adds `concord migrate`; the database is --db, else DATABASE_URL, else ./.concord/concord.db. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description("Bring the registry's database up to the newest schema (concord serve also does this on start)")
    .option('--db <path-or-url>', 'SQLite file or postgres:// URL (default: $DATABASE_URL, else ./.concord/concord.db)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text')
    .addHelpText(
      'after',
      `
Safe to run while registries are starting: concurrent migrations wait for each other, and a
failing migration leaves the database as it was.

Examples:
  concord migrate
  concord migrate --db /var/lib/concord/registry.db
  DATABASE_URL=postgres://concord@db:5432/concord concord migrate`,
    )
    .action(async (options: MigrateOptions) => {
      const format = parseFormat(options.format, FORMATS);
      const target = databaseTarget(options.db);
      // Loaded here so other commands do not pay for kysely and the database drivers.
      const [{ chooseDatabase }, { openDatabase }, { migrateToLatest }] = await Promise.all([
        import('../database-options.js'),
        import('../../registry/index.js'),
        import('../../registry/index.js'),
      ]);
      const choice = chooseDatabase(target);
      const database = await openDatabase(choice.options);
      try {
        const applied = await migrateToLatest(database.db);
        if (format === 'json') process.stdout.write(`${JSON.stringify({ database: database.dialect, applied }, null, 2)}\n`);
        else if (applied.length === 0) process.stdout.write(`${choice.description} is up to date\n`);
        else process.stdout.write(`${choice.description}: applied ${applied.join(', ')}\n`);
      } finally {
        await database.close();
      }
    });
}
