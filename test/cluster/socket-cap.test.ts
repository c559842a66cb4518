/**
 * The socket cap per user holds for the whole cluster: a user who spreads her sockets over two
 * nodes still holds at most the cap; the oldest session ends with 31010 (close 4003) even when it
 * lives on the other node. Two `startServer` nodes on one Redis.
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
import { deletePrefix } from './harness.js';
import { testRedis } from './own-redis.js';

const APP = { appKey: 'cap-app', appSecret: 'cap-secret-0123456789' };

describe('cluster: one socket cap per user across nodes', { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-cap-'));
  const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
  const nodes: RunningServer[] = [];
  const sockets: TestSocket[] = [];
  let engine: { url: string; stop(): Promise<void> };

  before(async () => {
    engine = await testRedis();
    for (const nodeId of ['c1', 'c2']) {
      nodes.push(await startServer({ port: 0, dataDir, ...APP, maxSocketsPerUser: 2, redisUrl: engine.url, redisPrefix: prefix, nodeId, chatroom: { sweepMs: 0 } }));
    }
  });
  after(async () => {
    for (const s of sockets) s.close();
    for (const n of nodes) await n.close();
    const redis = new Redis(engine.url);
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function connect(node: RunningServer, userId: string): Promise<TestSocket> {
    const api = createServerApiClient({ baseUrl: node.url, ...APP });
    const token = (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    const socket = await TestSocket.open(node.url);
    sockets.push(socket);
    assert.equal((await socket.request('connect', { token, appkey: APP.appKey })).code, 0);
    return socket;
  }

  const outcome = (s: TestSocket) => Promise.race([s.closed.then((c) => c.code), new Promise<string>((r) => setTimeout(() => r('open'), 3000))]);

  it('a third socket on node 2 ends the oldest, held by node 1, within seconds', async () => {
    const first = await connect(nodes[0]!, 'roamer');
    const second = await connect(nodes[1]!, 'roamer');
    await connect(nodes[1]!, 'roamer');
    assert.equal(await outcome(first), 4003, 'the oldest session (node 1) ends');
    const last = first.frames.at(-1) as { push?: string; data?: { code?: number } } | undefined;
    assert.equal(JSON.stringify(last).includes('31010'), true, JSON.stringify(last));
    assert.equal(await outcome(second), 'open', 'the two newest stay');
  });

  it("sessions of a dead node (lease lapsed) do not count against the cap", async () => {
    const redis = new Redis(engine.url);
    // What a crashed node leaves behind: two of her sessions, no lease; newer than any live one, so
    // counting them would evict the live sessions first.
    const later = Date.now() + 3_600_000;
    await redis.zadd(`${prefix}socks:ghosted`, later, 'dead-node\ns1', later + 1, 'dead-node\ns2');
    redis.disconnect();
    const a = await connect(nodes[0]!, 'ghosted');
    const b = await connect(nodes[1]!, 'ghosted');
    assert.equal(await outcome(a), 'open');
    assert.equal(await outcome(b), 'open');
  });
});
