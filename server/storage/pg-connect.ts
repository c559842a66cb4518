/**
 * Opening Parley's PostgreSQL storage: one pool per process, the schema migrated on start.
 *
 * For other durable state on the same database (e.g. chatroom state), use the returned `pool` (or
 * `db` for reachability tracking and retrying transactions) and register that component's own
 * step list with `migratePostgres(pool, steps, 'component-name')` from `pg-migrations.ts`.
 */
import pg from 'pg';
import { PgDb, connectionConfig } from './pg-db.js';
import { migratePostgres } from './pg-migrations.js';
import { PgStorage } from './pg-storage.js';
import { redactUrl } from './unavailable.js';

export interface OpenPostgresOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Log lines: lost and regained connectivity. */
  log?: (line: string) => void;
  /** How long one statement may go unanswered before it fails as `storage unavailable`, ms (default 30000). */
  queryTimeoutMs?: number;
}

export interface OpenedPostgres {
  /** The process's pool: share it rather than opening another. */
  pool: pg.Pool;
  /** The pool with reachability tracking and retrying transactions. */
  db: PgDb;
  storage: PgStorage;
  /** Ends the pool (after the storage's pending writes). */
  close(): Promise<void>;
}

/**
 * Connects, migrates the chat storage's schema to the newest step, and returns the storage.
 * Rejects with a message naming the URL (password hidden) when the database cannot be reached.
 */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<OpenedPostgres> {
  const db = new PgDb(url, { max: options.max, log: options.log, queryTimeoutMs: options.queryTimeoutMs });
  // Migrations get a connection of their own without the statement bound: a step on a big table, or
  // the wait for another node's step, may take far longer (keepalive still notices a vanished peer).
  const migrations = new pg.Pool({ ...connectionConfig(url), max: 1 });
  migrations.on('error', () => {}); // an idle client's lost connection: the next step reports it
  try {
    await migratePostgres(migrations);
  } catch (error) {
    await db.close().catch(() => {});
    throw new Error(`cannot open PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  } finally {
    await migrations.end().catch(() => {});
  }
  const storage = new PgStorage(db);
  return { pool: db.pool, db, storage, close: () => db.close() };
}
