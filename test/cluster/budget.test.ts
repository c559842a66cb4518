/**
 * The chatroom delivery budget (load shedding) is per room for the whole cluster: messages a room
 * delivered through one node use up the budget on the others, so a room with members on two nodes
 * delivers at most its budget per second, not twice it. Two `startServer` nodes on one Redis, one
 * clock they share (the window is a second of that clock).
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
import { roomText, roomTexts } from '../server/chatroom-helpers.js';
import { TestClock, TestSocket } from '../server/helpers.js';
import { deletePrefix, eventually } from './harness.js';
import { testRedis } from './own-redis.js';

const APP = { appKey: 'budget-app', appSecret: 'budget-secret-0123456789' };
const BUDGET = 10;

describe('cluster: one delivery budget per room across nodes', { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-budget-'));
  const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
  const clock = new TestClock(Date.now());
  const nodes: RunningServer[] = [];
  const sockets: TestSocket[] = [];
  let engine: { url: string; stop(): Promise<void> };

  before(async () => {
    engine = await testRedis();
    for (const nodeId of ['b1', 'b2']) {
      nodes.push(
        await startServer({
          port: 0, dataDir, ...APP, clock, sendRatePerSecond: 0, redisUrl: engine.url, redisPrefix: prefix, nodeId,
          chatroom: { sweepMs: 0, deliveryBudgetPerSecond: BUDGET },
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

  async function member(node: RunningServer, userId: string): Promise<TestSocket> {
    const api = createServerApiClient({ baseUrl: node.url, ...APP });
    const token = (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    const socket = await TestSocket.open(node.url);
    sockets.push(socket);
    assert.equal((await socket.request('connect', { token, appkey: APP.appKey })).code, 0);
    assert.equal((await socket.request('joinChatRoom', { chatRoomId: 'budget-room', count: 0 })).code, 0);
    return socket;
  }

  it('a second node drops what the first already delivered beyond the budget; a new second delivers again', async () => {
    const one = await member(nodes[0]!, 'bu-1');
    const two = await member(nodes[1]!, 'bu-2');
    const send = async (s: TestSocket, text: string) => assert.equal((await s.request('sendChatroomMessage', roomText('budget-room', text))).code, 0);
    for (let i = 0; i < BUDGET - 2; i++) await send(one, `one-${i}`);
    // Node b2 has heard the first node's deliveries before its own member sends.
    await eventually(async () => roomTexts(two).length === BUDGET - 2, 'b2 hears the first eight');
    for (let i = 0; i < 5; i++) await send(two, `two-${i}`);
    // A sender does not get its own message back: b1's member hears only b2's.
    assert.equal(nodes[1]!.metrics().chatroom.messagesDropped, 3, 'b2 dropped what was over the room budget');
    await eventually(async () => roomTexts(one).length === 2, 'b1 hears the two within the budget');
    assert.deepEqual(roomTexts(one), ['two-0', 'two-1'], 'the room delivered its budget, not more');

    clock.advance(1000);
    await send(two, 'next second');
    await eventually(async () => roomTexts(one).includes('next second'), 'a new window delivers');
  });
});
