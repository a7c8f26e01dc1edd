import { CompiledQuery, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, Driver, QueryCompiler, SqliteDialectConfig, TransactionSettings } from 'kysely';
import type { FileGate } from './file-gate.js';

/**
 * kysely's SQLite driver with two changes Concord relies on:
 * - every read-write transaction starts with `BEGIN IMMEDIATE`, taking SQLite's write lock up
 *   front (waiting up to the busy timeout) instead of failing later when a deferred transaction
 *   that has already read tries to write;
 * - a connection is only handed out while this process's gate for the file is held, so several
 *   handles on one file in one process wait for each other instead of blocking the thread
 *   (see file-gate.ts);
 * - a rollback after SQLite already rolled the transaction back itself (it does on SQLITE_FULL,
 *   SQLITE_IOERR and SQLITE_NOMEM) is skipped, so the error that caused it is the one reported,
 *   not "cannot rollback - no transaction is active".
 */
class GatedSqliteDriver implements Driver {
  readonly #inner: SqliteDriver;
  readonly #config: SqliteDialectConfig;
  readonly #gate: FileGate;
  readonly #leaves: (() => void)[] = [];

  constructor(config: SqliteDialectConfig, gate: FileGate) {
    this.#inner = new SqliteDriver(config);
    this.#config = config;
    this.#gate = gate;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const leave = await this.#gate.enter();
    try {
      const connection = await this.#inner.acquireConnection();
      this.#leaves.push(leave);
      return connection;
    } catch (error) {
      leave();
      throw error;
    }
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const begin = settings.accessMode === 'read only' ? 'begin' : 'begin immediate';
    await connection.executeQuery(CompiledQuery.raw(begin));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.#inner.rollbackTransaction(connection);
    } catch (error) {
      if (!this.#inTransaction()) return;
      throw error;
    }
  }

  /** Whether the file handle is inside a transaction; true when the handle is not known here (a factory). */
  #inTransaction(): boolean {
    const database = this.#config.database;
    return typeof database === 'function' || !('inTransaction' in database) || Boolean((database as { inTransaction?: unknown }).inTransaction);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.savepoint(connection, name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.rollbackToSavepoint(connection, name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.releaseSavepoint(connection, name, compile);
  }

  async releaseConnection(): Promise<void> {
    try {
      await this.#inner.releaseConnection();
    } finally {
      // The inner driver has one connection, so at most one gate entry is outstanding.
      this.#leaves.shift()?.();
    }
  }

  async destroy(): Promise<void> {
    try {
      await this.#inner.destroy();
    } finally {
      this.#gate.detach();
    }
  }
}

/** kysely's SqliteDialect with {@link GatedSqliteDriver} as its driver. */
export class GatedSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #gate: FileGate;

  constructor(config: SqliteDialectConfig, gate: FileGate) {
    super(config);
    this.#config = config;
    this.#gate = gate;
  }

  override createDriver(): Driver {
    return new GatedSqliteDriver(this.#config, this.#gate);
  }
}
