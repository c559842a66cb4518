/**
 * Versioned migrations on both engines: a database left at an older schema version is upgraded on
 * start, its data intact and readable, and the new features work on it; a newer one is refused.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ConversationType } from '../../src/protocol/enums.js';
import type { HistoryReply, SendMessageReply, SyncReply } from '../../src/protocol/frames.js';
import { pendingSteps } from '../../server/storage/migrations.js';
import { PG_STEPS, migratePostgres, pgSchemaVersion } from '../../server/storage/pg-migrations.js';
import { SQLITE_STEPS, migrateSqlite } from '../../server/storage/sqlite-migrations.js';
import { startTestServer, tempDir, textMessage, type TestServer } from './helpers.js';
import { createTestDatabase } from './pg-harness.js';

const { PRIVATE } = ConversationType;

/** A message row and its inbox item as schema 1 stored them (no schema-2 columns). */
const OLD_MESSAGE = `INSERT INTO messages (message_uid, client_message_id, sender_user_id, conversation_type, target_id, channel,
  message_type, content, sent_time, is_persisted, is_counted, disable_notification)
  VALUES ('OLD0000000000000000001', 'c1', 'ma', 1, 'mb', 'p:ma|mb', 'RC:TxtMsg', '{"content":"old"}', 1000, 1, 1, 0)`;
const OLD_ITEM = `INSERT INTO inbox (user_id, seq, kind, message_id, conversation_type, target_id, timestamp)
  VALUES ('mb', 1, 'message', 1, 1, 'ma', 1000)`;

/** What a user of an upgraded database must find: the old message in history and sync, and new features working. */
async function checkUpgraded(t: TestServer): Promise<void> {
  const b = await t.connect('mb');
  const history = await b.request<HistoryReply>('getHistoryMessages', { conversationType: PRIVATE, targetId: 'ma' });
  assert.deepEqual(
    history.data!.list.map((m) => m.content.content),
    ['old'],
  );
  const sync = await b.request<SyncReply>('sync', { since: 0 });
  assert.deepEqual(
    sync.data!.items.map((i) => i.seq),
    [1],
  );
  const sent = await b.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'ma', 'new', 'n1'));
  assert.equal(sent.code, 0);
  const after = await b.request<SyncReply>('sync', { since: 0 });
  assert.deepEqual(
    after.data!.items.map((i) => i.seq),
    [1, 2],
    'the next seq follows the old ones',
  );
  assert.equal((await b.request('addTag', { tagId: 'x', tagName: 'X' })).code, 0, 'a schema-2 feature works');
  assert.equal((await b.request('addToBlacklist', { userId: 'ma' })).code, 0, 'a schema-4 feature works');
  assert.deepEqual((await b.request<{ userIds: string[] }>('getBlacklist', {})).data!.userIds, ['ma']);
}

describe('schema migrations', () => {
  it('refuses a database newer than the code, and a list with gaps', () => {
    assert.throws(() => pendingSteps(SQLITE_STEPS, SQLITE_STEPS.length + 1), /newer than this server knows/);
    assert.throws(() => pendingSteps([{ version: 2, name: 'x', sql: '' }], 0), /step 1 is numbered 2/);
    assert.deepEqual(
      pendingSteps(PG_STEPS, 1).map((s) => s.version),
      PG_STEPS.slice(1).map((s) => s.version),
    );
  });

  it('SQLite: a schema-1 file is upgraded in place, its data intact', async () => {
    const dataDir = tempDir('parley-migrate-');
    const db = new Database(join(dataDir, 'parley.db'));
    migrateSqlite(db, SQLITE_STEPS, 1);
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    db.exec(OLD_MESSAGE);
    db.exec(OLD_ITEM);
    db.close();
    const t = await startTestServer({ dataDir, sendRatePerSecond: 0 });
    try {
      await checkUpgraded(t);
      const check = new Database(join(dataDir, 'parley.db'), { readonly: true });
      assert.equal(check.pragma('user_version', { simple: true }), SQLITE_STEPS.length);
      check.close();
    } finally {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: a schema-1 database is upgraded on start, its data intact', async () => {
    const database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.url });
    let t: TestServer | undefined;
    try {
      await migratePostgres(pool, PG_STEPS, 'storage', 1);
      assert.equal(await pgSchemaVersion(pool), 1);
      await pool.query(OLD_MESSAGE);
      await pool.query(OLD_ITEM);
      await pool.query(`INSERT INTO inbox_heads (user_id, last_seq) VALUES ('mb', 1)`);
      t = await startTestServer({ databaseUrl: database.url, sendRatePerSecond: 0 });
      await checkUpgraded(t);
      assert.equal(await pgSchemaVersion(pool), PG_STEPS.length);
      const versions = await pool.query('SELECT version FROM schema_migrations WHERE component = $1 ORDER BY version', [
        'storage',
      ]);
      assert.deepEqual(
        versions.rows.map((r) => r.version),
        PG_STEPS.map((s) => s.version),
      );
    } finally {
      await t?.close();
      await pool.end();
      await database.drop();
    }
  });
});
