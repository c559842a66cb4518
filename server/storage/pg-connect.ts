/**
 * Opening Parley's PostgreSQL storage: one pool per process, the schema migrated on start.
 *
 * For other durable state on the same database (e.g. chatroom state), use the returned `pool` (or
 * `db` for reachability tracking and retrying transactions) and register that component's own
 * step list with `migratePostgres(pool, steps, 'component-name')` from `pg-migrations.ts`.
 */
import type pg from 'pg';
import { PgDb } from './pg-db.js';
import { migratePostgres } from './pg-migrations.js';
import { PgStorage } from './pg-storage.js';
import { redactUrl } from './unavailable.js';

export interface OpenPostgresOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Log lines: lost and regained connectivity. */
  log?: (line: string) => void;
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
  const db = new PgDb(url, { max: options.max, log: options.log });
  try {
    await migratePostgres(db.pool);
  } catch (error) {
    await db.close().catch(() => {});
    throw new Error(`cannot open PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  const storage = new PgStorage(db);
  return { pool: db.pool, db, storage, close: () => db.close() };
}
