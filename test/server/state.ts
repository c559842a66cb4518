/**
 * A digest of everything the server has stored, read straight from its SQLite file: tests take one
 * before and after a barrage of refused requests and expect them equal ("changes nothing").
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Tables whose rows a refused request must never touch. `users` is left out only when asked. */
const TABLES = ['users', 'chat_groups', 'group_members', 'messages', 'inbox', 'conversations'];

/** Row count and SHA-256 of every row of every table, in a stable order. */
export function stateDigest(dataDir: string, skip: string[] = []): Record<string, string> {
  const db = new Database(join(dataDir, 'parley.db'), { readonly: true, fileMustExist: true });
  try {
    const out: Record<string, string> = {};
    for (const table of TABLES.filter((t) => !skip.includes(t))) {
      const rows = db.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][];
      const lines = rows.map((r) => JSON.stringify(r)).sort();
      out[table] = `${rows.length} rows ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
    }
    return out;
  } finally {
    db.close();
  }
}
