/**
 * A digest of everything the server has stored, read straight from its database (the SQLite file,
 * or the PostgreSQL database of a `*.pg.test.ts` run): tests take one before and after a barrage of
 * refused requests and expect them equal ("changes nothing").
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

/** Tables whose rows a refused request must never touch. `users` is left out only when asked. */
const TABLES = ['users', 'chat_groups', 'group_members', 'messages', 'inbox', 'conversations'];

function digestRows(rows: unknown[][]): string {
  const lines = rows.map((r) => JSON.stringify(r)).sort();
  return `${rows.length} rows ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
}

/** Row count and SHA-256 of every row of every table, in a stable order. */
export async function stateDigest(
  server: { dataDir: string; databaseUrl?: string },
  skip: string[] = [],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const tables = TABLES.filter((t) => !skip.includes(t));
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      for (const table of tables)
        out[table] = digestRows((await client.query({ text: `SELECT * FROM ${table}`, rowMode: 'array' })).rows);
    } finally {
      await client.end();
    }
    return out;
  }
  const db = new Database(join(server.dataDir, 'parley.db'), { readonly: true, fileMustExist: true });
  try {
    for (const table of tables)
      out[table] = digestRows(db.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][]);
    return out;
  } finally {
    db.close();
  }
}
