/**
 * What a chatroom costs in memory is bounded and freed: big messages do not pile up in the recent
 * list (the join reply stays small), resend records keep no content, and an emptied or abandoned
 * room lets go of both. A long mic queue is read in pages, never as one huge frame.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { RECENT_BYTES_MAX, SENT_IDS_MAX } from '../../server/chatroom/room.js';
import { roomText } from './chatroom-helpers.js';
import { startTestServer, TestClock, type TestServer, type TestSocket } from './helpers.js';

const BIG = 'x'.repeat(100_000);

describe('chatroom memory', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({
      clock,
      sendRatePerSecond: 0,
      chatroom: { sweepMs: 0, sheddingCeiling: 0, limits: { joinsPerMinute: 0, queuePerMinute: 0, readsPerMinute: 0 } },
    });
  });
  after(async () => t.close());

  const room = (id: string) => t.server.chatrooms.rooms.get(id)!;
  async function join(roomId: string, userId: string, count = -1): Promise<{ s: TestSocket; messages: unknown[] }> {
    const s = await t.connect(userId);
    const res = await s.request('joinChatRoom', { chatRoomId: roomId, count });
    assert.equal(res.code, 0);
    return { s, messages: res.data.messages };
  }
  async function sendBig(s: TestSocket, roomId: string, n: number) {
    for (let i = 0; i < n; i++)
      assert.equal((await s.request('sendChatroomMessage', roomText(roomId, `${i}${BIG}`))).code, 0);
  }

  it('recent messages are bounded by bytes: after 50 messages of 100 KB a join pulls at most 512 KB of them', async () => {
    const { s } = await join('big', 'big-a');
    await sendBig(s, 'big', 50);
    const { messages } = await join('big', 'big-b', 50);
    const bytes = Buffer.byteLength(JSON.stringify(messages));
    assert.ok(messages.length >= 4 && messages.length <= 6, `${messages.length} messages`);
    assert.ok(bytes <= RECENT_BYTES_MAX + 10_000, `${bytes} bytes`);
    assert.match(
      String((messages.at(-1) as { content: { content: string } }).content.content),
      /^49x/,
      'the newest are kept',
    );
  });

  it('resend records hold no content, at most 1000 of them, and still answer a resend with the first send', async () => {
    const { s } = await join('dedup', 'dd-a');
    const body = roomText('dedup', `first${BIG}`);
    const first = await s.request('sendChatroomMessage', body);
    const again = await s.request('sendChatroomMessage', body);
    assert.equal(again.data.message.messageUId, first.data.message.messageUId);
    assert.equal(again.data.message.content.content, body.content.content);
    for (let i = 0; i < SENT_IDS_MAX + 50; i++)
      await s.request('sendChatroomMessage', roomText('dedup', `${i}`, 'App:Ping'));
    assert.equal(room('dedup').sentIdCount, SENT_IDS_MAX);
    const record = room('dedup').sentBefore('dd-a', body.clientMessageId);
    assert.equal(record, undefined, 'the oldest record went first');
  });

  it('resend records expire after 10 minutes', async () => {
    const { s } = await join('ttl', 'ttl-a');
    const body = roomText('ttl', 'hello');
    await s.request('sendChatroomMessage', body);
    clock.advance(10 * 60_000 + 1);
    await s.request('sendChatroomMessage', roomText('ttl', 'later'));
    assert.equal(room('ttl').sentBefore('ttl-a', body.clientMessageId), undefined);
    assert.equal(room('ttl').sentIdCount, 1);
  });

  it('a room whose last member quits lets go of its messages and resend records', async () => {
    const { s } = await join('quit', 'q-a');
    await sendBig(s, 'quit', 3);
    assert.equal(room('quit').recent.length, 3);
    assert.equal((await s.request('quitChatRoom', { chatRoomId: 'quit' })).code, 0);
    assert.equal(room('quit').recent.length, 0);
    assert.equal(room('quit').sentIdCount, 0);
  });

  it('an abandoned room (every device gone without quitting) lets go of them after 30 s, on the sweep', async () => {
    const { s } = await join('gone', 'g-a');
    await sendBig(s, 'gone', 3);
    s.close();
    await s.closed;
    const deadline = Date.now() + 3000;
    while (!room('gone').offline.has('g-a') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    t.server.chatrooms.tick();
    assert.equal(room('gone').recent.length, 3, 'kept while the member may come back');
    clock.advance(30_000);
    t.server.chatrooms.tick();
    assert.equal(room('gone').recent.length, 0);
    assert.equal(room('gone').sentIdCount, 0);
  });

  it('the mic queue is listed in pages of at most 100 entries', async () => {
    const { s } = await join('queue', 'qu-a');
    const value = 'v'.repeat(4000);
    for (let i = 0; i < 150; i++)
      assert.equal((await s.request('chatroomQueueOffer', { chatRoomId: 'queue', key: `k${i}`, value })).code, 0);
    const first = await s.request('chatroomQueueList', { chatRoomId: 'queue' });
    assert.equal(first.data.entries.length, 100);
    assert.equal(first.data.hasMore, true);
    assert.ok(Buffer.byteLength(JSON.stringify(first)) < 500_000);
    const second = await s.request('chatroomQueueList', { chatRoomId: 'queue', offset: 100, count: 100 });
    assert.deepEqual(
      second.data.entries.map((e: { key: string }) => e.key),
      [...Array(50)].map((_, i) => `k${i + 100}`),
    );
    assert.equal(second.data.hasMore, false);
    assert.equal(
      (await s.request('chatroomQueueList', { chatRoomId: 'queue', count: 1000 })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      'a page over 100 is refused',
    );
  });
});
