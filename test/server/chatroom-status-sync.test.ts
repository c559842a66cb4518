import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signRequest } from '../../server/index.js';
import { roomText, waitForRoomMessages } from './chatroom-helpers.js';
import { sleep, startTestServer, type TestServer } from './helpers.js';
import { Receiver } from './status-receiver.js';

describe('chatroom status sync to the app server', () => {
  const receiver = new Receiver();
  let t: TestServer;
  before(async () => {
    await receiver.start();
    t = await startTestServer({
      sendRatePerSecond: 0,
      chatroom: { sweepMs: 0, statusSyncUrl: receiver.url, statusSyncRetries: 3, statusSyncBackoffMs: 10 },
    });
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });

  it('POSTs create, join, kv, quit and destroy, signed like the Server API', async () => {
    await t.api.call('/chatroom/create.json', { 'chatroom[ss]': 'status' });
    const a = await t.connect('ss-a');
    await a.request('joinExistChatRoom', { chatRoomId: 'ss', count: -1 });
    await a.request('setChatRoomEntries', { chatRoomId: 'ss', entries: [{ key: 'k', value: 'v' }] });
    await a.request('quitChatRoom', { chatRoomId: 'ss' });
    await t.api.call('/chatroom/destroy.json', { chatroomId: 'ss' });
    await t.server.statusSyncIdle();
    const mine = receiver.events.filter((e) => e.chatroomId === 'ss');
    assert.deepEqual(
      mine.map((e) => e.type),
      ['create', 'join', 'kv', 'quit', 'destroy'],
    );
    assert.deepEqual(mine[2]!.entries, [{ key: 'k', value: 'v', type: 1, userId: 'ss-a' }]);
    assert.deepEqual(mine[1]!.userIds, ['ss-a']);
    const h = receiver.headers[0]!;
    assert.equal(h['app-key'], t.server.appKey);
    assert.equal(h['signature'], signRequest(t.server.appSecret, String(h['nonce']), String(h['timestamp'])));
  });

  it('retries with backoff after failures', async () => {
    receiver.failNext = 2;
    const before = t.server.metrics().statusSync!;
    await t.api.call('/chatroom/create.json', { 'chatroom[ss-retry]': 'r' });
    await t.server.statusSyncIdle();
    assert.ok(receiver.events.some((e) => e.chatroomId === 'ss-retry' && e.type === 'create'));
    const stats = t.server.metrics().statusSync!;
    assert.equal(stats.failedAttempts - before.failedAttempts, 2);
    assert.equal(stats.dropped, 0);
  });

  it('never blocks message delivery, even when the app server hangs', async () => {
    receiver.hang = true;
    const a = await t.connect('ss-b');
    const b = await t.connect('ss-c');
    const started = Date.now();
    await a.request('joinChatRoom', { chatRoomId: 'ss-live', count: -1 });
    await b.request('joinChatRoom', { chatRoomId: 'ss-live', count: -1 });
    assert.equal((await a.request('sendChatroomMessage', roomText('ss-live', 'fast'))).code, 0);
    await waitForRoomMessages(b, 1);
    assert.ok(Date.now() - started < 1000, 'delivered while the sync waits');
    receiver.hang = false;
    await sleep(10);
  });
});
