/**
 * Status sync in a cluster: a room created at the same moment on two nodes (two Server API calls,
 * or two users joining through different nodes) is reported to the app server as created once,
 * by the node whose insert won (chatroom-status-sync.test.ts checks it still comes before that
 * node's join). Two `startServer` nodes on one
 * Redis and one SQLite data folder.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createServerApiClient } from '../../server/api-client.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { TestSocket } from '../server/helpers.js';
import { Receiver } from '../server/status-receiver.js';
import { deletePrefix, eventually } from './harness.js';
import { testRedis } from './own-redis.js';

const APP = { appKey: 'status-app', appSecret: 'status-secret-0123456789' };

describe('cluster: status sync reports a room created on two nodes at once once', { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-status-'));
  const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
  const receiver = new Receiver();
  const nodes: RunningServer[] = [];
  const sockets: TestSocket[] = [];
  let engine: { url: string; stop(): Promise<void> };

  before(async () => {
    await receiver.start();
    engine = await testRedis();
    for (const nodeId of ['st1', 'st2']) {
      nodes.push(
        await startServer({
          port: 0,
          dataDir,
          ...APP,
          sendRatePerSecond: 0,
          redisUrl: engine.url,
          redisPrefix: prefix,
          nodeId,
          chatroom: { sweepMs: 0, statusSyncUrl: receiver.url, statusSyncRetries: 2, statusSyncBackoffMs: 10 },
        }),
      );
    }
  });
  after(async () => {
    for (const s of sockets) s.close();
    for (const n of nodes) await n.close();
    const redis = new Redis(engine.url);
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await engine.stop();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const events = (roomId: string, type?: string) =>
    receiver.events.filter((e) => e.chatroomId === roomId && (type === undefined || e.type === type));

  it('two Server API creates at the same moment on two nodes: one create event', async () => {
    const apis = nodes.map((n) => createServerApiClient({ baseUrl: n.url, ...APP }));
    const answers = await Promise.all(
      apis.map((api) => api.call('/chatroom/create.json', { 'chatroom[twice]': 'Twice' })),
    );
    assert.deepEqual(
      answers.map((a) => a.code),
      [200, 200],
    );
    await Promise.all(nodes.map((n) => n.statusSyncIdle()));
    assert.equal(events('twice', 'create').length, 1);
  });

  it('two users joining a new room through different nodes at once: one create', async () => {
    const connect = async (node: RunningServer, userId: string) => {
      const api = createServerApiClient({ baseUrl: node.url, ...APP });
      const token = (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
      const socket = await TestSocket.open(node.url);
      sockets.push(socket);
      assert.equal((await socket.request('connect', { token, appkey: APP.appKey })).code, 0);
      return socket;
    };
    const [a, b] = await Promise.all([connect(nodes[0]!, 'st-a'), connect(nodes[1]!, 'st-b')]);
    const joins = await Promise.all([a, b].map((s) => s.request('joinChatRoom', { chatRoomId: 'both', count: 0 })));
    assert.deepEqual(
      joins.map((j) => j.code),
      [0, 0],
    );
    await eventually(async () => events('both', 'join').length === 2, 'both joins reported');
    await Promise.all(nodes.map((n) => n.statusSyncIdle()));
    assert.equal(events('both', 'create').length, 1);
  });
});
