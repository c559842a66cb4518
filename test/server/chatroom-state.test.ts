/**
 * The ChatroomState contract, one suite for every implementation: SQLite, and PostgreSQL in a
 * database of its own from the pg harness (`createTestDatabase`), dropped afterwards.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import type { ChatroomState } from '../../server/storage/chatroom-state.js';
import { ConversationType } from '../../src/protocol/enums.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import pg from 'pg';
import { PgChatroomState } from '../../server/storage/pg-chatroom-state.js';
import { SqliteChatroomState } from '../../server/storage/sqlite-chatroom-state.js';
import { tempDir } from './helpers.js';
import { createTestDatabase } from './pg-harness.js';

interface Backend {
  name: string;
  /** Two handles on one database, as two nodes would have; `undefined` when unavailable. */
  open(): Promise<{ a: ChatroomState; b: ChatroomState; close(): Promise<void> } | string>;
}

const sqlite: Backend = {
  name: 'SQLite',
  async open() {
    const dir = tempDir();
    const file = `${dir}/chatroom.db`;
    const a = new SqliteChatroomState(file);
    const b = new SqliteChatroomState(file);
    return {
      a,
      b,
      async close() {
        await a.close();
        await b.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Backend = {
  name: 'PostgreSQL',
  async open() {
    // A database of its own from the pg harness (env URL, else 127.0.0.1:5432, else a throwaway initdb).
    const database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    const [a, b] = await Promise.all([PgChatroomState.open(pool), PgChatroomState.open(pool)]);
    return {
      a,
      b,
      async close() {
        await pool.end();
        await database.drop();
      },
    };
  },
};

for (const backend of [sqlite, postgres]) {
  describe(`ChatroomState on ${backend.name}`, async () => {
    const opened = await backend.open();
    if (typeof opened === 'string') {
      it(`skipped: ${opened}`, { skip: opened }, () => {});
      return;
    }
    const { a, b } = opened;
    after(() => opened.close());
    const definition = { id: 'r1', name: 'Room', sessionId: 's1', createdTime: 1000, destroyAt: 0, creatorId: 'u1' };

    it('the first creator wins; the other node gets the stored definition', async () => {
      assert.deepEqual(await a.createRoom(definition), definition);
      assert.deepEqual(await b.createRoom({ ...definition, sessionId: 's2', creatorId: 'u2' }), definition);
      assert.equal((await b.allRooms()).length, 1);
    });

    it('the app changes a room’s creator and end; the other node reads them', async () => {
      await a.updateRoom('r1', { creatorId: 'app-boss', destroyAt: 9000 });
      const stored = await b.room('r1');
      assert.deepEqual([stored?.creatorId, stored?.destroyAt, stored?.sessionId], ['app-boss', 9000, 's1']);
      await a.updateRoom('r1', { creatorId: 'u1', destroyAt: 0 });
    });

    it('attributes, roles and the queue written by one node are read by the other', async () => {
      await a.putEntries('r1', [
        { key: 'k1', value: 'v1', userId: 'u1', isAutoDelete: true, timestamp: 5 },
        { key: 'k2', value: 'v2', userId: 'u2', isAutoDelete: false, timestamp: 6 },
      ]);
      await a.putEntries('r1', [{ key: 'k1', value: 'v1b', userId: 'u3', isAutoDelete: false, timestamp: 7 }]);
      await a.deleteEntries('r1', ['k2']);
      await a.setRoles('r1', ['adm'], ['perm1', 'perm2']);
      const queue = [
        { key: 'mic2', value: 'x', userId: 'u2', transient: true },
        { key: 'mic1', value: 'y', userId: '', transient: false },
      ];
      await a.setQueue('r1', queue);
      const room = await b.room('r1');
      assert.deepEqual(room?.entries, [{ key: 'k1', value: 'v1b', userId: 'u3', isAutoDelete: false, timestamp: 7 }]);
      assert.deepEqual([room?.admins, room?.permanent.sort()], [['adm'], ['perm1', 'perm2']]);
      assert.deepEqual(room?.queue, queue, 'queue order, owners and transient flags kept');
      await b.setRoles('r1', [], []);
      await b.setQueue('r1', []);
      const cleared = await a.room('r1');
      assert.deepEqual([cleared?.admins, cleared?.permanent, cleared?.queue], [[], [], []]);
    });

    it('moderation lists: put replaces, delete removes, every node reads them', async () => {
      await a.putList({ kind: 'gag', roomId: 'r1', subject: 'u9', expiresAt: 50, createdAt: 10 });
      await a.putList({ kind: 'gag', roomId: 'r1', subject: 'u9', expiresAt: 90, createdAt: 20 });
      await a.putList({ kind: 'keepalive', roomId: '', subject: 'r1', expiresAt: 0, createdAt: 30 });
      assert.deepEqual(
        (await b.allLists()).sort((x, y) => x.createdAt - y.createdAt),
        [
          { kind: 'gag', roomId: 'r1', subject: 'u9', expiresAt: 90, createdAt: 20 },
          { kind: 'keepalive', roomId: '', subject: 'r1', expiresAt: 0, createdAt: 30 },
        ],
      );
      await b.deleteList('gag', 'r1', 'u9');
      assert.deepEqual(
        (await a.allLists()).map((r) => r.kind),
        ['keepalive'],
      );
    });

    it('history: stored once, paged both ways, replaced on recall, pruned by age', async () => {
      const msg = (n: number): WireMessage => ({
        messageUId: `m${n}`,
        clientMessageId: `c${n}`,
        conversationType: ConversationType.CHATROOM,
        targetId: 'r1',
        senderUserId: 'u1',
        messageType: 'RC:TxtMsg',
        content: { content: `t${n}` },
        sentTime: 100 + n,
        isPersisted: true,
        isCounted: false,
        isStatusMessage: false,
        disableNotification: true,
      });
      for (const n of [1, 2, 3, 4]) await a.saveMessage(msg(n));
      await b.saveMessage(msg(2));
      const older = await b.history('r1', 104, 2, 0);
      assert.deepEqual([older.list.map((m) => m.messageUId), older.hasMore], [['m2', 'm3'], true]);
      const newer = await b.history('r1', 101, 5, 1);
      assert.deepEqual([newer.list.map((m) => m.messageUId), newer.hasMore], [['m2', 'm3', 'm4'], false]);
      await a.replaceMessage('m3', { ...msg(3), messageType: 'RC:RcNtf' });
      assert.equal((await b.getMessage('m3'))?.messageType, 'RC:RcNtf');
      assert.equal(await b.getMessage('nope'), null);
      assert.equal(await a.prune(103), 2);
      assert.deepEqual(
        (await b.history('r1', 0, 10, 1)).list.map((m) => m.messageUId),
        ['m3', 'm4'],
      );
    });

    it('deleting a room deletes its attributes, roles and queue; re-creating starts empty', async () => {
      await a.setRoles('r1', ['adm'], []);
      await a.deleteRoom('r1');
      assert.equal(await b.room('r1'), null);
      await b.createRoom({ ...definition, sessionId: 's3' });
      const again = await a.room('r1');
      assert.equal(again?.sessionId, 's3');
      assert.deepEqual([again?.entries, again?.admins, again?.queue], [[], [], []]);
    });
  });
}
