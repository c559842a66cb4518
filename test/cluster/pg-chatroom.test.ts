/**
 * Two nodes whose chatroom state is in PostgreSQL (`startServer({ chatroomState })`), on one Redis:
 * a room, its KV and a gag made through one node hold on the other, and survive restarting both.
 * PostgreSQL is a database of its own from the pg harness, dropped afterwards.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createServerApiClient } from '../../server/api-client.js';
import { PgChatroomState, startServer, type RunningServer } from '../../server/index.js';
import { createTestDatabase } from '../server/pg-harness.js';
import { TestSocket } from '../server/helpers.js';
import { deletePrefix, eventually } from './harness.js';
import { testRedis } from './own-redis.js';

const APP = { appKey: 'pg-room-app', appSecret: 'pg-room-secret-0123456789' };

/** A pool on a database of its own from the pg harness (env URL, else 127.0.0.1:5432, else a throwaway initdb). */
async function openPostgres(): Promise<{ pool: pg.Pool; drop(): Promise<void> }> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  return {
    pool,
    async drop() {
      await pool.end();
      await database.drop();
    },
  };
}

describe('cluster: chatroom state in PostgreSQL', { timeout: 60_000 }, async () => {
  const db = await openPostgres();
  const engine = await testRedis();
  const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
  const dataDirs = [mkdtempSync(join(tmpdir(), 'parley-pg-a-')), mkdtempSync(join(tmpdir(), 'parley-pg-b-'))];
  let nodes: RunningServer[] = [];
  const start = async () => {
    nodes = [];
    for (const [i, nodeId] of ['pa', 'pb'].entries()) {
      // Separate data folders: what the two nodes share is PostgreSQL (and Redis), not a SQLite file.
      const chatroomState = await PgChatroomState.open(db.pool);
      nodes.push(
        await startServer({
          port: 0,
          dataDir: dataDirs[i]!,
          ...APP,
          sendRatePerSecond: 0,
          redisUrl: engine.url,
          redisPrefix: prefix,
          nodeId,
          chatroomState,
        }),
      );
    }
  };
  after(async () => {
    for (const n of nodes) await n.close();
    const redis = new Redis(engine.url);
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await engine.stop();
    await db.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a room, its KV and a gag made through one node hold on the other, and survive a restart of both', async () => {
    await start();
    const [a, b] = nodes as [RunningServer, RunningServer];
    const apiA = createServerApiClient({ baseUrl: a.url, ...APP });
    assert.equal((await apiA.call('/chatroom/create.json', { 'chatroom[pg-room]': 'On Postgres' })).code, 200);
    assert.equal(
      (await apiA.call('/chatroom/entry/set.json', { chatroomId: 'pg-room', userId: 'owner', key: 'k', value: 'v' }))
        .code,
      200,
    );
    assert.equal(
      (await apiA.call('/chatroom/user/gag/add.json', { chatroomId: 'pg-room', userId: 'pg-user', minute: 5 })).code,
      200,
    );
    const connectTo = async (server: RunningServer) => {
      const api = createServerApiClient({ baseUrl: server.url, ...APP });
      const token = (await api.call('/user/getToken.json', { userId: 'pg-user', name: 'pg-user', portraitUri: '' }))
        .token as string;
      const socket = await TestSocket.open(server.url);
      assert.equal((await socket.request('connect', { token, appkey: APP.appKey })).code, 0);
      return socket;
    };
    const check = async (server: RunningServer) => {
      const socket = await connectTo(server);
      try {
        await eventually(
          async () => (await socket.request('joinExistChatRoom', { chatRoomId: 'pg-room', count: 0 })).code === 0,
          'the room exists there',
        );
        assert.equal(
          (await socket.request('getChatRoomEntries', { chatRoomId: 'pg-room', key: 'k' })).data.entries[0].value,
          'v',
        );
        const send = await socket.request('sendChatroomMessage', {
          chatRoomId: 'pg-room',
          messageType: 'RC:TxtMsg',
          content: { content: 'x' },
          clientMessageId: `pg-${Date.now()}`,
        });
        assert.equal(send.code, 23408, 'the gag holds');
      } finally {
        socket.close();
      }
    };
    await check(b);
    for (const n of nodes) await n.close();
    await start();
    await check(nodes[1]!);
  });
});
