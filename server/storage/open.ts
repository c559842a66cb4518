/** Picks the storage engine: PostgreSQL when a database URL is given, else SQLite under the data folder. */
import { join } from 'node:path';
import { openPostgres } from './pg-connect.js';
import { SqliteStorage } from './sqlite.js';
import type { Storage } from './storage.js';

export interface StorageConfig {
  /** `postgres://...`; absent: SQLite at `<dataDir>/parley.db`. */
  databaseUrl?: string;
  dataDir: string;
  log?: (line: string) => void;
}

export async function openStorage(config: StorageConfig): Promise<Storage> {
  if (!config.databaseUrl) return new SqliteStorage({ file: join(config.dataDir, 'parley.db') });
  if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    throw new Error('database URL must start with postgres:// or postgresql://');
  }
  return (await openPostgres(config.databaseUrl, { log: config.log })).storage;
}
