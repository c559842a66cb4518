/**
 * Rooms across three `startServer` nodes in this process on one Redis: an inactive room is destroyed
 * once (by the leader) and every member hears it whatever node they are on; a kept-alive room stays;
 * Server API destroy, mute-all and block on one node act on members of the others; a resend that
 * reaches another node is answered with the first send and delivered once; auto-delete KV goes;
 * join-pull and recall work across nodes; a user is in one room at a time whatever node they use.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createServerApiClient, type ServerApiClient } from '../../server/api-client.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { Events, ParleyClient, type IChatroomListenerData } from '../../src/services/client/index.js';
import { sleep, waitFor } from '../client/helpers.js';
import { roomTexts } from '../server/chatroom-helpers.js';
import { TestSocket } from '../server/helpers.js';
import { deletePrefix, eventually } from './harness.js';
import { testRedis } from './own-redis.js';

const APP = { appKey: 'sweep-app', appSecret: 'sweep-secret-0123456789' };
const DESTROY_WAIT_MS = 600;

describe('cluster: rooms across in-process nodes', { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-sweep-'));
  const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
  const nodes: RunningServer[] = [];
  const clients: ParleyClient[] = [];
  let api: ServerApiClient;
  let engine: { url: string; stop(): Promise<void> };

  before(async () => {
    engine = await testRedis();
    for (const nodeId of ['s1', 's2', 's3']) {
      nodes.push(
        await startServer({
          port: 0,
          dataDir,
          ...APP,
          sendRatePerSecond: 0,
          redisUrl: engine.url,
          redisPrefix: prefix,
          nodeId,
          presenceLeaseMs: 2000,
          chatroom: { destroyWaitMs: DESTROY_WAIT_MS, sweepMs: 100 },
        }),
      );
    }
    api = createServerApiClient({ baseUrl: nodes[0]!.url, ...APP });
  });
  after(async () => {
    for (const c of clients) await c.disconnect();
    for (const n of nodes) await n.close();
    const redis = new Redis(engine.url);
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function member(node: RunningServer, userId: string, roomId: string) {
    const token = (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    const client = new ParleyClient({ appkey: APP.appKey, navi: node.url, timeout: 3000 });
    const events: IChatroomListenerData[] = [];
    client.addEventListener(Events.CHATROOM, (e) => events.push(e));
    assert.equal((await client.connect(token)).code, 0);
    clients.push(client);
    assert.equal((await client.joinChatRoom(roomId, { count: 0 })).code, 0);
    return { client, destroyed: () => events.some((e) => e.chatroomDestroyed === roomId) };
  }

  const destroyedTotal = () => nodes.reduce((n, s) => n + s.metrics().chatroom.roomsDestroyed, 0);

  it('an inactive room is destroyed once, and members on every node hear it; a kept-alive one stays', async () => {
    await api.call('/chatroom/create.json', { 'chatroom[kept]': 'kept' });
    assert.equal((await api.call('/chatroom/keepalive/add.json', { chatroomId: 'kept' })).code, 200);
    const kept = await member(nodes[2]!, 'sw-k', 'kept');
    const before = destroyedTotal();
    const a = await member(nodes[1]!, 'sw-a', 'idle');
    const b = await member(nodes[2]!, 'sw-b', 'idle');
    await waitFor(() => a.destroyed() && b.destroyed(), 'both members hear the destroy', 10_000);
    await sleep(DESTROY_WAIT_MS);
    assert.equal(destroyedTotal() - before, 1, 'one node destroyed it');
    assert.equal(kept.destroyed(), false);
    const rooms = await createServerApiClient({ baseUrl: nodes[2]!.url, ...APP }).call('/chatroom/query.json', {
      chatroomId: ['idle', 'kept'],
    });
    assert.deepEqual(
      rooms.chatRooms.map((r: { chrmId: string }) => r.chrmId),
      ['kept'],
    );
  });

  it('a Server API destroy on one node reaches members on the others', async () => {
    await api.call('/chatroom/create.json', { 'chatroom[doomed]': 'doomed' });
    assert.equal((await api.call('/chatroom/keepalive/add.json', { chatroomId: 'doomed' })).code, 200);
    const x = await member(nodes[1]!, 'sw-x', 'doomed');
    const y = await member(nodes[2]!, 'sw-y', 'doomed');
    assert.equal((await api.call('/chatroom/destroy.json', { chatroomId: 'doomed' })).code, 200);
    await waitFor(() => x.destroyed() && y.destroyed(), 'members on nodes 2 and 3 hear it');
    assert.equal((await y.client.joinExistChatRoom('doomed')).code, 23410);
  });

  it('a resend to another node (same client message id) is answered with the first send and delivered once', async () => {
    const token = async (userId: string) =>
      (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    const open = async (node: RunningServer, userId: string) => {
      const socket = await TestSocket.open(node.url);
      assert.equal((await socket.request('connect', { token: await token(userId), appkey: APP.appKey })).code, 0);
      assert.equal((await socket.request('joinChatRoom', { chatRoomId: 'resend', count: 0 })).code, 0);
      return socket;
    };
    const first = await open(nodes[0]!, 'rs-sender');
    const second = await open(nodes[1]!, 'rs-sender');
    const listener = await open(nodes[2]!, 'rs-listener');
    try {
      const body = {
        chatRoomId: 'resend',
        messageType: 'RC:TxtMsg',
        content: { content: 'once' },
        clientMessageId: 'resend-1',
      };
      const a = await first.request('sendChatroomMessage', body);
      const b = await second.request('sendChatroomMessage', body);
      assert.deepEqual([a.code, b.code], [0, 0]);
      assert.equal(b.data.message.messageUId, a.data.message.messageUId);
      await listener.waitFor(() => roomTexts(listener).length >= 1);
      await sleep(300);
      assert.deepEqual(roomTexts(listener), ['once']);
    } finally {
      for (const s of [first, second, listener]) s.close();
    }
  });

  it('Server API block and mute-all on one node act on members connected to the others; auto-delete KV goes on quit', async () => {
    await api.call('/chatroom/create.json', { 'chatroom[mod]': 'mod' });
    assert.equal((await api.call('/chatroom/keepalive/add.json', { chatroomId: 'mod' })).code, 200);
    const token = async (userId: string) =>
      (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    const open = async (node: RunningServer, userId: string) => {
      const socket = await TestSocket.open(node.url);
      assert.equal((await socket.request('connect', { token: await token(userId), appkey: APP.appKey })).code, 0);
      assert.equal((await socket.request('joinChatRoom', { chatRoomId: 'mod', count: 0 })).code, 0);
      return socket;
    };
    const owner = await open(nodes[0]!, 'mod-owner');
    const target = await open(nodes[1]!, 'mod-target');
    const talker = await open(nodes[2]!, 'mod-talker');
    try {
      let n = 0;
      const text = (t: string) => ({
        chatRoomId: 'mod',
        messageType: 'RC:TxtMsg',
        content: { content: t },
        clientMessageId: `mod-${++n}`,
      });
      // Mute-all set through node 1 stops a member on node 3.
      await api.call('/chatroom/ban/add.json', { chatroomId: 'mod' });
      await eventually(
        async () => (await talker.request('sendChatroomMessage', text('muted?'))).code === 23408,
        'mute-all reaches node 3',
      );
      await api.call('/chatroom/ban/rollback.json', { chatroomId: 'mod' });
      await eventually(
        async () => (await talker.request('sendChatroomMessage', text('free'))).code === 0,
        'and its rollback',
      );

      // An auto-delete attribute set on node 3 goes when its setter quits there; node 1 sees it.
      const set = {
        chatRoomId: 'mod',
        entries: [{ key: 'seat', value: 'talker' }],
        isAutoDelete: true,
        isForce: false,
        isSendNotification: false,
        notificationExtra: '',
        isBatch: false,
      };
      assert.equal((await talker.request('setChatRoomEntries', set)).code, 0);
      await eventually(
        async () => (await owner.request('getChatRoomEntries', { chatRoomId: 'mod', key: 'seat' })).code === 0,
        'node 1 sees the attribute',
      );
      assert.equal((await talker.request('quitChatRoom', { chatRoomId: 'mod' })).code, 0);
      await eventually(
        async () => (await owner.request('getChatRoomEntries', { chatRoomId: 'mod', key: 'seat' })).code === 23427,
        'and its removal',
      );

      // A block through node 1 removes the member connected to node 2, who cannot come back on node 3.
      assert.equal(
        (await api.call('/chatroom/user/block/add.json', { chatroomId: 'mod', userId: 'mod-target', minute: 10 })).code,
        200,
      );
      await target.waitFor(
        (f) => 'push' in f && f.push === 'chatroom' && f.data.type === 'event' && f.data.left === 'mod',
      );
      assert.equal((await target.request('sendChatroomMessage', text('still here?'))).code, 23406);
      const elsewhere = await TestSocket.open(nodes[2]!.url);
      assert.equal(
        (await elsewhere.request('connect', { token: await token('mod-target'), appkey: APP.appKey })).code,
        0,
      );
      assert.equal((await elsewhere.request('joinChatRoom', { chatRoomId: 'mod', count: 0 })).code, 23409);
      elsewhere.close();
    } finally {
      for (const socket of [owner, target, talker]) socket.close();
    }
  });

  it('a member joining on another node gets the newest messages of the room, in its order, without a recalled one', async () => {
    const token = async (userId: string) =>
      (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    const sender = await TestSocket.open(nodes[0]!.url);
    const late = await TestSocket.open(nodes[2]!.url);
    const recaller = await TestSocket.open(nodes[1]!.url);
    try {
      assert.equal((await sender.request('connect', { token: await token('jp-sender'), appkey: APP.appKey })).code, 0);
      assert.equal((await sender.request('joinChatRoom', { chatRoomId: 'pull', count: 0 })).code, 0);
      for (const n of [1, 2, 3]) {
        const body = {
          chatRoomId: 'pull',
          messageType: 'RC:TxtMsg',
          content: { content: `p${n}` },
          clientMessageId: `pull-${n}`,
        };
        assert.equal((await sender.request('sendChatroomMessage', body)).code, 0);
      }
      // The sender recalls p3 from another device on another node.
      assert.equal(
        (await recaller.request('connect', { token: await token('jp-sender'), appkey: APP.appKey })).code,
        0,
      );
      assert.equal((await recaller.request('joinChatRoom', { chatRoomId: 'pull', count: 0 })).code, 0);
      const newest = await recaller.request('joinChatRoom', { chatRoomId: 'pull', count: 1 });
      const p3 = (newest.data.messages as Array<{ messageUId: string }>)[0]!.messageUId;
      assert.equal((await recaller.request('recallChatroomMessage', { chatRoomId: 'pull', messageUId: p3 })).code, 0);
      assert.equal((await late.request('connect', { token: await token('jp-late'), appkey: APP.appKey })).code, 0);
      let joinedTexts: string[] = [];
      await eventually(async () => {
        const joined = await late.request('joinChatRoom', { chatRoomId: 'pull', count: 2 });
        joinedTexts = (joined.data.messages as Array<{ content: { content: string } }>).map((m) => m.content.content);
        return joinedTexts.join() === 'p1,p2';
      }, 'the recalled message is left out');
      assert.deepEqual(joinedTexts, ['p1', 'p2']);
    } finally {
      sender.close();
      late.close();
      recaller.close();
    }
  });

  it('joining a room through one node leaves the room the user is in through another (one room at a time)', async () => {
    const token = async (userId: string) =>
      (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    await api.call('/chatroom/create.json', { 'chatroom[one-a]': 'one-a', 'chatroom[one-b]': 'one-b' });
    assert.equal((await api.call('/chatroom/keepalive/add.json', { chatroomId: ['one-a', 'one-b'] })).code, 200);
    const first = await TestSocket.open(nodes[0]!.url);
    const second = await TestSocket.open(nodes[1]!.url);
    const watcher = await TestSocket.open(nodes[2]!.url);
    try {
      for (const [socket, userId] of [
        [first, 'one-user'],
        [second, 'one-user'],
        [watcher, 'one-watcher'],
      ] as const) {
        assert.equal((await socket.request('connect', { token: await token(userId), appkey: APP.appKey })).code, 0);
      }
      assert.equal((await watcher.request('joinChatRoom', { chatRoomId: 'one-a', count: 0 })).code, 0);
      assert.equal((await first.request('joinChatRoom', { chatRoomId: 'one-a', count: 0 })).code, 0);
      assert.equal(
        (await watcher.request('getChatRoomInfo', { chatRoomId: 'one-a', count: 0, order: 0 })).data.userCount,
        2,
      );
      assert.equal((await second.request('joinChatRoom', { chatRoomId: 'one-b', count: 0 })).code, 0);
      // The socket on node 1 is told it left one-a; the room counts one member again.
      await first.waitFor(
        (f) => 'push' in f && f.push === 'chatroom' && f.data.type === 'event' && f.data.left === 'one-a',
      );
      await sleep(1100); // getChatRoomInfo: once per second per device
      const info = await watcher.request('getChatRoomInfo', { chatRoomId: 'one-a', count: 0, order: 0 });
      assert.equal(info.code, 0, JSON.stringify(info));
      assert.equal(info.data.userCount, 1);
    } finally {
      for (const socket of [first, second, watcher]) socket.close();
    }
  });
});
