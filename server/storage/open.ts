/** Picks the storage engine: PostgreSQL when a database URL is given, else SQLite under the data folder. */
import { join } from 'node:path';
import { openPostgres, type OpenedPostgres } from './pg-connect.js';
import { SqliteStorage } from './sqlite.js';
import { redactUrl } from './unavailable.js';
import type { Storage } from './storage.js';

export interface StorageConfig {
  /** `postgres://...`; absent: SQLite at `<dataDir>/parley.db`. */
  databaseUrl?: string;
  /** PostgreSQL: the bound of one statement, ms (`OpenPostgresOptions.queryTimeoutMs`). */
  queryTimeoutMs?: number;
  dataDir: string;
  log?: (line: string) => void;
}

export interface OpenedStorage {
  storage: Storage;
  /**
   * The PostgreSQL handle when the server runs on PostgreSQL: its `pool` (and `db`) are for other
   * durable state of this node (e.g. chatroom state), whose tables are migrated with
   * `migratePostgres(pool, STEPS, 'component')` from `pg-migrations.ts`. Null on SQLite.
   */
  postgres: OpenedPostgres | null;
}

export async function openStorage(config: StorageConfig): Promise<OpenedStorage> {
  if (!config.databaseUrl)
    return { storage: new SqliteStorage({ file: join(config.dataDir, 'parley.db'), log: config.log }), postgres: null };
  if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    throw new Error(
      `database URL must start with postgres:// or postgresql:// (PostgreSQL is the one server database): ${redactUrl(config.databaseUrl)}`,
    );
  }
  const postgres = await openPostgres(config.databaseUrl, { log: config.log, queryTimeoutMs: config.queryTimeoutMs });
  return { storage: postgres.storage, postgres };
}
