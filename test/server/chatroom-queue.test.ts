/**
 * The mic queue (CommsEase's chatroom queue): entries have an owner, only the owner or a moderator
 * changes or removes one, the queue has a size cap, a transient entry leaves with its owner, the
 * list is paged, and the app drives it through the Server API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { waitForEvent } from './chatroom-helpers.js';
import { startTestServer, TestClock, type TestServer, type TestSocket } from './helpers.js';

describe('chatroom mic queue: owners, cap, transient entries, paging, Server API', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0, queueMaxEntries: 4 } });
  });
  after(async () => t.close());

  async function room(roomId: string, ...users: string[]): Promise<TestSocket[]> {
    await t.api.call('/chatroom/create_new.json', { chatroomId: roomId, creatorId: `${roomId}-${users[0]}` });
    const out: TestSocket[] = [];
    for (const u of users) {
      const s = await t.connect(`${roomId}-${u}`);
      assert.equal((await s.request('joinChatRoom', { chatRoomId: roomId, count: -1 })).code, 0);
      out.push(s);
    }
    return out;
  }

  it('a viewer cannot overwrite or remove the streamer’s entry; the owner and moderators can', async () => {
    const [boss, streamer, viewer] = await room('qo', 'boss', 'streamer', 'viewer');
    assert.equal(
      (await streamer.request('chatroomQueueOffer', { chatRoomId: 'qo', key: 'mic1', value: 'streamer' })).code,
      0,
    );
    assert.equal(
      (await viewer.request('chatroomQueueOffer', { chatRoomId: 'qo', key: 'mic1', value: 'viewer' })).code,
      ErrorCode.CHATROOM_KV_OVERWRITE_INVALID,
    );
    assert.equal(
      (await viewer.request('chatroomQueuePoll', { chatRoomId: 'qo', key: 'mic1' })).code,
      ErrorCode.CHATROOM_KV_OVERWRITE_INVALID,
    );
    assert.equal(
      (await viewer.request('chatroomQueuePoll', { chatRoomId: 'qo' })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
      'taking the first is for moderators',
    );
    assert.deepEqual((await viewer.request('chatroomQueueList', { chatRoomId: 'qo' })).data.entries, [
      { key: 'mic1', value: 'streamer', userId: 'qo-streamer' },
    ]);
    assert.equal(
      (await streamer.request('chatroomQueueOffer', { chatRoomId: 'qo', key: 'mic1', value: 'streamer again' })).code,
      0,
      'the owner changes it',
    );
    assert.equal(
      (await boss.request('chatroomQueueOffer', { chatRoomId: 'qo', key: 'mic1', value: 'boss says' })).code,
      0,
      'a moderator changes it',
    );
    assert.equal((await viewer.request('chatroomQueueOffer', { chatRoomId: 'qo', key: 'mic2', value: 'me' })).code, 0);
    assert.deepEqual(
      (await viewer.request('chatroomQueuePoll', { chatRoomId: 'qo', key: 'mic2' })).data.entry,
      { key: 'mic2', value: 'me', userId: 'qo-viewer' },
      'the owner removes its own',
    );
    assert.deepEqual((await boss.request('chatroomQueuePoll', { chatRoomId: 'qo' })).data.entry, {
      key: 'mic1',
      value: 'boss says',
      userId: 'qo-streamer',
    });
  });

  it('the queue has a size cap per room (23423 beyond it)', async () => {
    const [, a] = await room('qc', 'boss', 'a');
    for (let i = 0; i < 4; i++)
      assert.equal((await a.request('chatroomQueueOffer', { chatRoomId: 'qc', key: `k${i}` })).code, 0);
    assert.equal(
      (await a.request('chatroomQueueOffer', { chatRoomId: 'qc', key: 'k4' })).code,
      ErrorCode.CHATROOM_KV_EXCEED,
    );
    assert.equal(
      (await a.request('chatroomQueueOffer', { chatRoomId: 'qc', key: 'k0', value: 'changed' })).code,
      0,
      'changing an entry needs no room',
    );
    assert.equal(
      (await t.api.call('/chatroom/queue/offer.json', { chatroomId: 'qc', key: 'k9' })).code,
      ErrorCode.CHATROOM_KV_EXCEED,
    );
  });

  it('a transient entry leaves with its owner; others stay; everyone sees the removal', async () => {
    const [boss, a, b] = await room('qt', 'boss', 'a', 'b');
    await a.request('chatroomQueueOffer', { chatRoomId: 'qt', key: 'a-mic', value: 'a', transient: true });
    await b.request('chatroomQueueOffer', { chatRoomId: 'qt', key: 'b-mic', value: 'b' });
    await a.request('quitChatRoom', { chatRoomId: 'qt' });
    const gone = await waitForEvent(boss, (e) => e.chatroomQueueChange?.type === 'remove');
    assert.deepEqual(gone.event.chatroomQueueChange, {
      chatroomId: 'qt',
      type: 'remove',
      key: 'a-mic',
      value: 'a',
      userId: 'qt-a',
    });
    await b.request('quitChatRoom', { chatRoomId: 'qt' });
    assert.deepEqual(
      (await boss.request('chatroomQueueList', { chatRoomId: 'qt' })).data.entries.map((e: { key: string }) => e.key),
      ['b-mic'],
    );
  });

  it('the list is paged (offset, count ≤ 100) with the total', async () => {
    const other = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0 } });
    try {
      await other.api.call('/chatroom/create_new.json', { chatroomId: 'qp' });
      const s = await other.connect('qp-a');
      await s.request('joinChatRoom', { chatRoomId: 'qp', count: -1 });
      for (let i = 0; i < 130; i++)
        await other.api.call('/chatroom/queue/offer.json', { chatroomId: 'qp', key: `k${i}`, value: 'x'.repeat(10) });
      const first = await s.request('chatroomQueueList', { chatRoomId: 'qp' });
      assert.equal(first.data.entries.length, 100, 'one page by default');
      assert.equal(first.data.total, 130);
      const next = await s.request('chatroomQueueList', { chatRoomId: 'qp', offset: 100, count: 50 });
      assert.deepEqual([next.data.entries.length, next.data.entries[0].key], [30, 'k100']);
      assert.equal(
        (await s.request('chatroomQueueList', { chatRoomId: 'qp', count: 101 })).code,
        ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      );
      const api = await other.api.call('/chatroom/queue/list.json', { chatroomId: 'qp', offset: 120 });
      assert.deepEqual([api.total, api.entries.length], [130, 10]);
    } finally {
      await other.close();
    }
  });

  it('Server API: offer (for a member, or the app), poll, list and clear; a missing room is 23410', async () => {
    const [boss, a] = await room('qa', 'boss', 'a');
    assert.equal(
      (await t.api.call('/chatroom/queue/offer.json', { chatroomId: 'qa', key: 'seat1', value: 'a', userId: 'qa-a' }))
        .code,
      200,
    );
    assert.equal(
      (await t.api.call('/chatroom/queue/offer.json', { chatroomId: 'qa', key: 'seat2', value: 'app' })).code,
      200,
    );
    await waitForEvent(boss, (e) => e.chatroomQueueChange?.key === 'seat2');
    const listed = await t.api.call('/chatroom/queue/list.json', { chatroomId: 'qa' });
    assert.deepEqual(listed.entries, [
      { key: 'seat1', value: 'a', userId: 'qa-a' },
      { key: 'seat2', value: 'app', userId: '' },
    ]);
    assert.equal(
      (await a.request('chatroomQueuePoll', { chatRoomId: 'qa', key: 'seat2' })).code,
      ErrorCode.CHATROOM_KV_OVERWRITE_INVALID,
      'the app’s entry is not a member’s',
    );
    assert.deepEqual((await t.api.call('/chatroom/queue/poll.json', { chatroomId: 'qa' })).entry, {
      key: 'seat1',
      value: 'a',
      userId: 'qa-a',
    });
    assert.equal((await t.api.call('/chatroom/queue/clear.json', { chatroomId: 'qa' })).code, 200);
    assert.deepEqual((await t.api.call('/chatroom/queue/list.json', { chatroomId: 'qa' })).entries, []);
    assert.equal(
      (await t.api.call('/chatroom/queue/list.json', { chatroomId: 'qa-missing' })).code,
      ErrorCode.RC_CHATROOM_NOT_EXIST,
    );
  });
});
