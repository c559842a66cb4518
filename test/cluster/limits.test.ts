/**
 * Abuse limits are per user for the whole cluster: a user who spreads her requests over two nodes
 * gets one budget, not one per node (drafts and the send rate here; every budget goes through the
 * same Redis limiter). Two `startServer` nodes on one Redis, one shared frozen clock.
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
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { TestClock, TestSocket, textMessage } from '../server/helpers.js';
import { deletePrefix } from './harness.js';
import { testRedis } from './own-redis.js';

const APP = { appKey: 'limits-app', appSecret: 'limits-secret-0123456789' };
const { PRIVATE } = ConversationType;

describe('cluster: one budget per user across nodes', { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-limits-'));
  const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
  const clock = new TestClock(Date.now());
  const nodes: RunningServer[] = [];
  const sockets: TestSocket[] = [];
  let engine: { url: string; stop(): Promise<void> };

  before(async () => {
    engine = await testRedis();
    for (const nodeId of ['l1', 'l2']) {
      nodes.push(
        await startServer({
          port: 0, dataDir, ...APP, clock, sendRatePerSecond: 5, limits: { draftsPerMinute: 6 }, redisUrl: engine.url, redisPrefix: prefix, nodeId,
          chatroom: { sweepMs: 0 },
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
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function connect(node: RunningServer, userId: string): Promise<TestSocket> {
    const api = createServerApiClient({ baseUrl: node.url, ...APP, now: () => clock.now() });
    const token = (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    const socket = await TestSocket.open(node.url);
    sockets.push(socket);
    assert.equal((await socket.request('connect', { token, appkey: APP.appKey })).code, 0);
    return socket;
  }

  it('drafts saved through two nodes share one per-minute budget', async () => {
    const [a, b] = [await connect(nodes[0]!, 'dana'), await connect(nodes[1]!, 'dana')];
    await connect(nodes[0]!, 'friend');
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = i % 2 === 0 ? a : b;
      codes.push((await s.request('saveTextMessageDraft', { conversationType: PRIVATE, targetId: 'friend', draft: `d${i}` })).code);
    }
    assert.deepEqual(codes, [0, 0, 0, 0, 0, 0, ...Array(4).fill(ErrorCode.REQUEST_OVER_FREQUENCY)]);
  });

  it('sends through sockets on both nodes share the 5 per second', async () => {
    const [a, b] = [await connect(nodes[0]!, 'sam'), await connect(nodes[1]!, 'sam')];
    const all = [...Array(5)].flatMap((_, i) => [a, b].map((s, j) => s.request('sendMessage', textMessage(PRIVATE, 'friend', `s${i}${j}`, `s-${i}-${j}`))));
    const codes = (await Promise.all(all)).map((r) => r.code);
    assert.equal(codes.filter((c) => c === 0).length, 5, JSON.stringify(codes));
    assert.equal(codes.filter((c) => c === ErrorCode.SEND_FREQUENCY_TOO_FAST).length, 5);
    clock.advance(1000);
    assert.equal((await b.request('sendMessage', textMessage(PRIVATE, 'friend', 'later', 's-later'))).code, 0);
  });
});
