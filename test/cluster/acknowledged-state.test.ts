/**
 * Nothing acknowledged is lost, chatroom state too: a KV entry or a gag whose success a client or
 * the Server API got is in the database before that answer, so `kill -9` of the node right after
 * loses none of it; and while the database holds a write back, no success is sent for it.
 * Two nodes (child processes) on a PostgreSQL database of their own and Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createServerApiClient } from '../../server/api-client.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { sleep, TestSocket } from '../server/helpers.js';
import { eventually, startCluster, type Cluster } from './harness.js';

describe('cluster: acknowledged chatroom state survives kill -9', { timeout: 60_000 }, () => {
  let cluster: Cluster;
  const sockets: TestSocket[] = [];

  before(async () => {
    cluster = await startCluster(['a', 'b']);
  });
  after(async () => {
    for (const s of sockets) s.close();
    await cluster?.dispose();
  });

  async function connect(nodeId: string, userId: string): Promise<TestSocket> {
    const api = createServerApiClient({ baseUrl: cluster.node(nodeId).url, ...cluster.app });
    const token = (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    const socket = await TestSocket.open(cluster.node(nodeId).url);
    sockets.push(socket);
    assert.equal((await socket.request('connect', { token, appkey: cluster.app.appKey })).code, 0);
    return socket;
  }

  it('KV entries and a gag acknowledged just before kill -9 are there on another node and after a restart', async () => {
    const owner = await connect('a', 'ack-owner');
    assert.equal((await owner.request('joinChatRoom', { chatRoomId: 'ack-room', count: 0 })).code, 0);
    // Many writes in flight at once, each answered; the node is killed the moment the last answer is in.
    const keys = Array.from({ length: 30 }, (_, i) => `seat${i}`);
    const apiA = createServerApiClient({ baseUrl: cluster.node('a').url, ...cluster.app });
    const answers = await Promise.all([
      ...keys.map((key) =>
        owner
          .request('setChatRoomEntries', { chatRoomId: 'ack-room', entries: [{ key, value: `v-${key}` }] })
          .then((r) => r.code),
      ),
      apiA
        .call('/chatroom/user/gag/add.json', { chatroomId: 'ack-room', userId: 'ack-owner', minute: 5 })
        .then((r) => (r.code === 200 ? 0 : r.code)),
    ]);
    await cluster.kill('a');
    assert.deepEqual(answers, [...keys.map(() => 0), 0], 'every write was acknowledged');

    const check = async (nodeId: string, userId: string) => {
      const reader = await connect(nodeId, userId);
      await eventually(
        async () => (await reader.request('joinExistChatRoom', { chatRoomId: 'ack-room', count: 0 })).code === 0,
        `the room exists on ${nodeId}`,
      );
      const entries = (await reader.request('getChatRoomEntries', { chatRoomId: 'ack-room' })).data.entries as Array<{
        key: string;
        value: string;
      }>;
      assert.deepEqual(entries.map((e) => e.key).sort(), [...keys].sort(), `every acknowledged entry is on ${nodeId}`);
      const gagged = await connect(nodeId, 'ack-owner');
      assert.equal((await gagged.request('joinExistChatRoom', { chatRoomId: 'ack-room', count: 0 })).code, 0);
      const send = await gagged.request('sendChatroomMessage', {
        chatRoomId: 'ack-room',
        messageType: 'RC:TxtMsg',
        content: { content: 'x' },
        clientMessageId: `ack-${nodeId}`,
      });
      assert.equal(send.code, ErrorCode.FORBIDDEN_IN_CHATROOM, `the acknowledged gag holds on ${nodeId}`);
    };
    await check('b', 'ack-reader-b');
    await cluster.start('a');
    await check('a', 'ack-reader-a');
  });

  it('while the database holds a KV write back, the client gets no success for it', async () => {
    const user = await connect('b', 'held-user');
    assert.equal((await user.request('joinChatRoom', { chatRoomId: 'held-room', count: 0 })).code, 0);
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    try {
      await db.query('BEGIN');
      await db.query('LOCK TABLE chatroom_entries IN ACCESS EXCLUSIVE MODE');
      let answered = false;
      const reply = user
        .request('setChatRoomEntries', { chatRoomId: 'held-room', entries: [{ key: 'held', value: 'v' }] })
        .then((r) => {
          answered = true;
          return r;
        });
      await sleep(500);
      assert.equal(answered, false, 'no acknowledgement before the write commits');
      await db.query('COMMIT');
      assert.equal((await reply).code, 0);
      const stored = await db.query(`SELECT value FROM chatroom_entries WHERE room_id = 'held-room' AND key = 'held'`);
      assert.deepEqual(stored.rows, [{ value: 'v' }]);
    } finally {
      await db.end();
    }
  });
});
