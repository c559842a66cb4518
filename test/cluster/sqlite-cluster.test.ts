/**
 * The embedded engine in a cluster: two nodes (child processes) sharing one SQLite data folder
 * (WAL, several processes) and Redis. Smaller than the PostgreSQL suite (cluster.test.ts): a
 * private message across nodes, moderation written on one node holding on the other at once,
 * chatroom KV across nodes, and an acknowledged KV entry kept through `kill -9`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServerApiClient } from '../../server/api-client.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { InboxItem } from '../../src/protocol/frames.js';
import { textMessage, TestSocket } from '../server/helpers.js';
import { eventually, startCluster, type Cluster } from './harness.js';

describe('cluster: two nodes on one SQLite data folder and Redis', { timeout: 60_000 }, () => {
  let cluster: Cluster;
  const sockets: TestSocket[] = [];

  before(async () => {
    cluster = await startCluster(['s1', 's2'], { database: 'sqlite' });
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

  it('a mute or blacklist written through one node refuses the next send on the other at once', async () => {
    const sender = await connect('s2', 'sq-loud');
    const reader = await connect('s1', 'sq-quiet');
    const api = createServerApiClient({ baseUrl: cluster.node('s1').url, ...cluster.app });
    assert.equal((await sender.request('sendMessage', textMessage(1, 'sq-quiet', 'before', 'm-1'))).code, 0);
    assert.equal((await api.call('/user/ban/add.json', { userId: 'sq-loud' })).code, 200);
    assert.equal(
      (await sender.request('sendMessage', textMessage(1, 'sq-quiet', 'muted', 'm-2'))).code,
      ErrorCode.FORBIDDEN_IN_PRIVATE,
    );
    assert.equal((await api.call('/user/ban/remove.json', { userId: 'sq-loud' })).code, 200);
    assert.equal((await reader.request('addToBlacklist', { userId: 'sq-loud' })).code, 0);
    assert.equal(
      (await sender.request('sendMessage', textMessage(1, 'sq-quiet', 'blocked', 'm-3'))).code,
      ErrorCode.REJECTED_BY_BLACKLIST,
    );
    assert.equal((await reader.request('removeFromBlacklist', { userId: 'sq-loud' })).code, 0);
    assert.equal((await sender.request('sendMessage', textMessage(1, 'sq-quiet', 'after', 'm-4'))).code, 0);
  });

  it('a private message crosses nodes; a KV entry set on one node is read on the other, also after kill -9', async () => {
    assert.equal(cluster.databaseUrl, undefined, 'no PostgreSQL here');
    const alice = await connect('s1', 'sq-alice');
    const bob = await connect('s2', 'sq-bob');
    assert.equal((await alice.request('sendMessage', textMessage(1, 'sq-bob', 'over sqlite', 'sq-1'))).code, 0);
    const items = (await bob.waitForItems(1)) as InboxItem[];
    assert.deepEqual(
      items.map((i) => (i.type === 'message' ? i.message.content.content : i.type)),
      ['over sqlite'],
    );

    assert.equal((await alice.request('joinChatRoom', { chatRoomId: 'sq-room', count: 0 })).code, 0);
    assert.equal(
      (await alice.request('setChatRoomEntries', { chatRoomId: 'sq-room', entries: [{ key: 'k', value: 'v' }] })).code,
      0,
    );
    await cluster.kill('s1');
    await eventually(
      async () => (await bob.request('joinExistChatRoom', { chatRoomId: 'sq-room', count: 0 })).code === 0,
      'the room on s2',
    );
    const entries = (await bob.request('getChatRoomEntries', { chatRoomId: 'sq-room', key: 'k' })).data
      .entries as Array<{ value: string }>;
    assert.deepEqual(
      entries.map((e) => e.value),
      ['v'],
    );
  });
});
