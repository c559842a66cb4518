/**
 * The directory storage (subscriptions and hosted profiles) on both engines: limits refuse and change
 * nothing, expired subscriptions neither count nor show, renewals keep their place, profiles merge.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { SubscribeType } from '../../src/protocol/presence.js';
import type { DirectoryStorage } from '../../server/storage/directory.js';
import { PgDirectory } from '../../server/storage/pg-directory.js';
import { SqliteDirectory } from '../../server/storage/sqlite-directory.js';
import { createTestDatabase } from './pg-harness.js';

const { ONLINE_STATUS, USER_PROFILE } = SubscribeType;
const max = { maxSubscriptions: 3, maxSubscribers: 2 };

async function contract(open: () => Promise<{ dir: DirectoryStorage; done(): Promise<void> }>) {
  const { dir, done } = await open();
  try {
    assert.deepEqual(await dir.subscribe('a', ['x', 'y'], ONLINE_STATUS, 1000, 100, max), { ok: true });
    // Over the subscriber's limit: nothing changes.
    assert.deepEqual(await dir.subscribe('a', ['z', 'w'], ONLINE_STATUS, 1000, 100, max), {
      ok: false,
      reason: 'subscriptions',
    });
    assert.deepEqual(
      (await dir.subscriptionsOf('a', ONLINE_STATUS, 100)).map((s) => s.userId),
      ['x', 'y'],
    );
    // Renewing counts nothing new; another type counts apart.
    assert.deepEqual(await dir.subscribe('a', ['x', 'y', 'z'], ONLINE_STATUS, 2000, 150, max), { ok: true });
    assert.deepEqual(await dir.subscribe('a', ['p', 'q', 'r'], USER_PROFILE, 2000, 150, max), { ok: true });
    // x has one follower (a); b makes two; c is refused for x only, and nothing of c's is stored.
    assert.deepEqual(await dir.subscribe('b', ['x'], ONLINE_STATUS, 1000, 100, max), { ok: true });
    assert.deepEqual(await dir.subscribe('c', ['y', 'x'], ONLINE_STATUS, 1000, 100, max), {
      ok: false,
      reason: 'subscribers',
      full: ['x'],
    });
    assert.deepEqual(await dir.subscriptionsOf('c', ONLINE_STATUS, 100), []);
    assert.deepEqual((await dir.subscribersOf('x', ONLINE_STATUS, 100)).sort(), ['a', 'b']);
    // b's subscription expires at 1000: afterwards it neither shows nor counts.
    assert.deepEqual(await dir.subscribersOf('x', ONLINE_STATUS, 1500), ['a']);
    assert.deepEqual(await dir.subscribe('c', ['x'], ONLINE_STATUS, 3000, 1500, max), { ok: true });
    await dir.unsubscribe('a', ['x', 'nope'], ONLINE_STATUS);
    assert.deepEqual(
      (await dir.subscriptionsOf('a', ONLINE_STATUS, 1500)).map((s) => s.userId),
      ['y', 'z'],
    );
    assert.deepEqual(
      (await dir.subscriptionsOf('a', ONLINE_STATUS, 1500, ['z'])).map((s) => s.expiresAt),
      [2000],
    );

    assert.deepEqual(await dir.profiles(['a']), []);
    await dir.updateProfile('a', { name: 'A', level: 2 }, 10);
    const merged = await dir.updateProfile('a', { name: 'Ann', email: 'a@x' }, 20);
    assert.deepEqual(merged, { userId: 'a', fields: { name: 'Ann', level: 2, email: 'a@x' }, updatedTime: 20 });
    assert.deepEqual(await dir.profiles(['b', 'a']), [merged]);
  } finally {
    await done();
  }
}

describe('directory storage', () => {
  it('SQLite keeps the contract', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-directory-'));
    await contract(async () => {
      const dir = new SqliteDirectory(join(dataDir, 'directory.db'));
      const done = async () => {
        await dir.close();
        rmSync(dataDir, { recursive: true, force: true });
      };
      return { dir, done };
    });
  });

  it('PostgreSQL keeps the contract', { timeout: 60_000 }, async () => {
    const database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.url });
    const done = async () => {
      await pool.end();
      await database.drop();
    };
    await contract(async () => ({ dir: await PgDirectory.open(pool), done }));
  });
});
