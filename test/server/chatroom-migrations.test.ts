/**
 * The chatroom state's schema on the shared migration framework: a database whose chatroom tables
 * were made by the old per-component runner (`chatroom_schema_steps`) is adopted without losing a
 * row, on SQLite and PostgreSQL; and processes opening a fresh SQLite file at the same moment run
 * each step once (the version is read under the write lock).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { CHATROOM_PG_STEPS } from '../../server/storage/pg-chatroom-migrations.js';
import { PgChatroomState } from '../../server/storage/pg-chatroom-state.js';
import { CHATROOM_SQLITE_STEPS } from '../../server/storage/sqlite-chatroom-state-migrations.js';
import { SqliteChatroomState } from '../../server/storage/sqlite-chatroom-state.js';
import { SQLITE_STEPS } from '../../server/storage/sqlite-migrations.js';
import { tempDir } from './helpers.js';
import { createTestDatabase } from './pg-harness.js';

/** What the old runner left: both steps applied and recorded by name, and a room with a KV entry. */
const LEGACY_TABLE = 'CREATE TABLE chatroom_schema_steps (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)';
const ROOM = `INSERT INTO chatroom_rooms (id, name, session_id, created_time, destroy_at, creator_id) VALUES ('old-room', 'Old', 's1', 1000, 0, 'owner')`;
const ENTRY = `INSERT INTO chatroom_entries (room_id, key, value, user_id, is_auto_delete, timestamp) VALUES ('old-room', 'mic', 'on', 'owner', FALSE, 1000)`;

function assertKept(room: Awaited<ReturnType<SqliteChatroomState['room']>>): void {
  assert.equal(room?.name, 'Old');
  assert.equal(room?.sessionId, 's1');
  assert.deepEqual(
    room?.entries.map((e) => [e.key, e.value, e.userId]),
    [['mic', 'on', 'owner']],
  );
}

describe('chatroom state migrations', () => {
  it('SQLite: a file made by the old chatroom steps is adopted, its rooms and KV intact', async () => {
    const dir = tempDir('parley-chatroom-migrate-');
    const file = join(dir, 'chatroom.db');
    const old = new Database(file);
    old.exec(LEGACY_TABLE);
    for (const step of CHATROOM_SQLITE_STEPS) {
      old.exec(step.sql);
      old.prepare('INSERT INTO chatroom_schema_steps (name, applied_at) VALUES (?, ?)').run(step.name, 1);
    }
    old.exec(ROOM.replace('FALSE', '0'));
    old.exec(ENTRY.replace('FALSE', '0'));
    old.close();
    try {
      const state = new SqliteChatroomState(file);
      assertKept(await state.room('old-room'));
      await state.putEntries('old-room', [
        { key: 'new', value: 'v', userId: 'u', isAutoDelete: false, timestamp: 2000 },
      ]);
      assert.deepEqual(
        (await state.room('old-room'))!.entries.map((e) => e.key),
        ['mic', 'new'],
      );
      await state.close();
      const check = new Database(file, { readonly: true });
      assert.equal(check.pragma('user_version', { simple: true }), CHATROOM_SQLITE_STEPS.length);
      assert.equal(check.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'chatroom_schema_steps'`).get(), undefined);
      check.close();
      // Opening again is a no-op.
      const again = new SqliteChatroomState(file);
      assert.deepEqual(
        (await again.room('old-room'))!.entries.map((e) => e.key),
        ['mic', 'new'],
      );
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: a database made by the old chatroom steps is adopted, its rooms and KV intact', async () => {
    const database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    try {
      await pool.query(LEGACY_TABLE);
      for (const step of CHATROOM_PG_STEPS) {
        await pool.query(step.sql);
        await pool.query('INSERT INTO chatroom_schema_steps (name, applied_at) VALUES ($1, 1)', [step.name]);
      }
      await pool.query(ROOM);
      await pool.query(ENTRY);
      // Three nodes start at once on the old database.
      const [state] = await Promise.all([
        PgChatroomState.open(pool),
        PgChatroomState.open(pool),
        PgChatroomState.open(pool),
      ]);
      assertKept(await state.room('old-room'));
      const versions = await pool.query(
        `SELECT version FROM schema_migrations WHERE component = 'chatroom' ORDER BY version`,
      );
      assert.deepEqual(
        versions.rows.map((r) => r.version),
        CHATROOM_PG_STEPS.map((s) => s.version),
      );
      assert.equal((await pool.query(`SELECT to_regclass('chatroom_schema_steps') AS t`)).rows[0].t, null);
    } finally {
      await pool.end();
      await database.drop();
    }
  });

  it('PostgreSQL: nodes opening a fresh database at once create the chatroom tables once', async () => {
    const database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 6 });
    try {
      await Promise.all([1, 2, 3].map(() => PgChatroomState.open(pool)));
      const versions = await pool.query(
        `SELECT version FROM schema_migrations WHERE component = 'chatroom' ORDER BY version`,
      );
      assert.deepEqual(
        versions.rows.map((r) => r.version),
        CHATROOM_PG_STEPS.map((s) => s.version),
      );
    } finally {
      await pool.end();
      await database.drop();
    }
  });

  it('SQLite: processes opening a fresh data folder at the same moment all start, each step run once', async () => {
    const dir = tempDir('parley-sqlite-race-');
    // Each process waits for the same instant, then opens both files (chat storage and chatroom state).
    const at = Date.now() + 2500;
    const script = `
      import { SqliteStorage } from ${JSON.stringify(new URL('../../server/storage/sqlite.ts', import.meta.url).href)};
      import { SqliteChatroomState } from ${JSON.stringify(new URL('../../server/storage/sqlite-chatroom-state.ts', import.meta.url).href)};
      while (Date.now() < ${at}) await new Promise((r) => setTimeout(r, 1));
      const storage = new SqliteStorage({ file: ${JSON.stringify(join(dir, 'parley.db'))} });
      const state = new SqliteChatroomState(${JSON.stringify(join(dir, 'chatroom.db'))});
      await storage.close(); await state.close();
    `;
    try {
      const runs = Array.from({ length: 4 }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.on('data', (c: Buffer) => (err += String(c)));
        return new Promise<string>((resolve) =>
          child.once('exit', (code) => resolve(code === 0 ? '' : `exit ${code}: ${err}`)),
        );
      });
      assert.deepEqual(await Promise.all(runs), ['', '', '', ''], 'every process opened the fresh files');
      const check = new Database(join(dir, 'parley.db'), { readonly: true });
      assert.equal(check.pragma('user_version', { simple: true }), SQLITE_STEPS.length);
      check.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
