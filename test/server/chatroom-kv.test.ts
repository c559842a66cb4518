import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomMessages, waitForEvent, waitForRoomMessages } from './chatroom-helpers.js';
import { startTestServer, TestClock, type TestServer, type TestSocket } from './helpers.js';

const set = (
  s: TestSocket,
  chatRoomId: string,
  entries: Array<{ key: string; value: string }>,
  more: Record<string, unknown> = {},
) => s.request('setChatRoomEntries', { chatRoomId, entries, ...more });

describe('chatroom attributes (KV)', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0 } });
  });
  after(async () => t.close());

  async function pair(room: string) {
    const a = await t.connect(`${room}-a`);
    const b = await t.connect(`${room}-b`);
    await a.request('joinChatRoom', { chatRoomId: room, count: -1 });
    await b.request('joinChatRoom', { chatRoomId: room, count: -1 });
    return [a, b] as const;
  }

  it('set, get one, get all; members get updatedEntries; non-members are refused', async () => {
    const [a, b] = await pair('kv1');
    assert.equal((await set(a, 'kv1', [{ key: 'mic-1', value: 'alice' }])).code, 0);
    const ev = await waitForEvent(b, (e) => !!e.updatedEntries);
    assert.deepEqual(
      ev.event.updatedEntries!.map((e) => [e.key, e.value, e.type, e.userId]),
      [['mic-1', 'alice', 1, 'kv1-a']],
    );
    const one = await b.request('getChatRoomEntries', { chatRoomId: 'kv1', key: 'mic-1' });
    assert.equal(one.data.entries[0].value, 'alice');
    assert.equal(
      (await b.request('getChatRoomEntries', { chatRoomId: 'kv1', key: 'nope' })).code,
      ErrorCode.CHATROOM_KEY_NOT_EXIST,
    );
    await set(a, 'kv1', [{ key: 'topic', value: 'cats' }]);
    assert.deepEqual(
      (await b.request('getChatRoomEntries', { chatRoomId: 'kv1' })).data.entries.map((e: { key: string }) => e.key),
      ['mic-1', 'topic'],
    );
    const outsider = await t.connect('kv1-out');
    assert.equal((await set(outsider, 'kv1', [{ key: 'x', value: 'y' }])).code, ErrorCode.NOT_IN_CHATROOM);
  });

  it('validates keys (letters, digits, + = - _; 1–128) and values (≤ 4096)', async () => {
    const [a] = await pair('kv2');
    for (const key of ['', 'has space', 'ü', 'k'.repeat(129)]) {
      assert.equal((await set(a, 'kv2', [{ key, value: 'v' }])).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, key);
    }
    assert.equal((await set(a, 'kv2', [{ key: 'a+b=c-d_e', value: 'v'.repeat(4096) }])).code, 0);
    assert.equal(
      (await set(a, 'kv2', [{ key: 'k', value: 'v'.repeat(4097) }])).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
  });

  it('only the setter overwrites or removes unless forced; missing keys are 23427', async () => {
    const [a, b] = await pair('kv3');
    await set(a, 'kv3', [{ key: 'seat', value: 'a' }]);
    assert.equal((await set(b, 'kv3', [{ key: 'seat', value: 'b' }])).code, ErrorCode.CHATROOM_KV_OVERWRITE_INVALID);
    assert.equal(
      (await b.request('removeChatRoomEntries', { chatRoomId: 'kv3', keys: ['seat'] })).code,
      ErrorCode.CHATROOM_KV_OVERWRITE_INVALID,
    );
    assert.equal((await set(b, 'kv3', [{ key: 'seat', value: 'b' }], { isForce: true })).code, 0);
    assert.equal(
      (await a.request('getChatRoomEntries', { chatRoomId: 'kv3', key: 'seat' })).data.entries[0].userId,
      'kv3-b',
    );
    assert.equal(
      (await a.request('removeChatRoomEntries', { chatRoomId: 'kv3', keys: ['seat'], isForce: true })).code,
      0,
    );
    assert.equal(
      (await a.request('removeChatRoomEntries', { chatRoomId: 'kv3', keys: ['seat'] })).code,
      ErrorCode.CHATROOM_KEY_NOT_EXIST,
    );
  });

  it('at most 100 keys per room (23423); batches of at most 10 report partial failures with 23428', async () => {
    const [a, b] = await pair('kv4');
    for (let i = 0; i < 10; i++) {
      const entries = Array.from({ length: 10 }, (_, j) => ({ key: `k${i * 10 + j}`, value: 'v' }));
      assert.equal((await set(a, 'kv4', entries, { isBatch: true })).code, 0);
      clock.advance(100);
    }
    clock.advance(1000);
    assert.equal((await set(a, 'kv4', [{ key: 'k100', value: 'v' }])).code, ErrorCode.CHATROOM_KV_EXCEED);
    assert.equal(
      (await set(a, 'kv4', [{ key: 'k0', value: 'changed' }])).code,
      0,
      'updating an existing key is fine at the cap',
    );
    const eleven = Array.from({ length: 11 }, (_, j) => ({ key: `z${j}`, value: 'v' }));
    assert.equal((await set(a, 'kv4', eleven)).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    await b.request('removeChatRoomEntries', { chatRoomId: 'kv4', keys: ['k1'], isForce: true });
    const partial = await set(
      b,
      'kv4',
      [
        { key: 'k2', value: 'x' },
        { key: 'k1', value: 'mine' },
      ],
      { isBatch: true },
    );
    assert.equal(partial.code, ErrorCode.CHATROOM_KV_STORE_NOT_ALL_SUCCESS);
    assert.deepEqual(partial.data.failed, { k2: ErrorCode.CHATROOM_KV_OVERWRITE_INVALID });
    assert.equal(
      (await a.request('getChatRoomEntries', { chatRoomId: 'kv4', key: 'k1' })).data.entries[0].value,
      'mine',
    );
  });

  it('isAutoDelete entries go when their setter leaves; isSendNotification sends RC:chrmKVNotiMsg with the extra', async () => {
    const [a, b] = await pair('kv5');
    await set(a, 'kv5', [{ key: 'auto', value: '1' }], { isAutoDelete: true });
    await set(a, 'kv5', [{ key: 'stay', value: '1' }]);
    await set(a, 'kv5', [{ key: 'loud', value: 'hello' }], { isSendNotification: true, notificationExtra: 'ex' });
    const [note] = await waitForRoomMessages(b, 1);
    assert.equal(note!.messageType, 'RC:chrmKVNotiMsg');
    assert.deepEqual(note!.content, { type: 1, key: 'loud', value: 'hello', extra: 'ex' });
    await a.request('quitChatRoom', { chatRoomId: 'kv5' });
    const gone = await waitForEvent(b, (e) => e.updatedEntries?.[0]?.type === 2);
    assert.deepEqual(
      gone.event.updatedEntries!.map((e) => e.key),
      ['auto'],
    );
    assert.deepEqual(
      (await b.request('getChatRoomEntries', { chatRoomId: 'kv5' })).data.entries.map((e: { key: string }) => e.key),
      ['stay', 'loud'],
    );
    assert.equal(roomMessages(b).length, 1);
  });

  it('attributes die with the room; 100 operations per room per second (23425)', async () => {
    const [a] = await pair('kv6');
    await set(a, 'kv6', [{ key: 'x', value: '1' }]);
    await t.api.call('/chatroom/destroy.json', { chatroomId: 'kv6' });
    await a.request('joinChatRoom', { chatRoomId: 'kv6', count: -1 });
    assert.deepEqual((await a.request('getChatRoomEntries', { chatRoomId: 'kv6' })).data.entries, []);
    clock.advance(1000);
    let refused = 0;
    for (let i = 0; i < 11; i++) {
      const entries = Array.from({ length: 10 }, (_, j) => ({ key: `r${i}-${j}`, value: 'v' }));
      if ((await set(a, 'kv6', entries, { isBatch: true })).code === ErrorCode.CHATROOM_SET_PROPERTY_OVER_FREQUENCY)
        refused++;
    }
    assert.equal(refused, 1);
    clock.advance(1000);
    assert.equal((await a.request('removeChatRoomEntries', { chatRoomId: 'kv6', keys: ['r0-0'] })).code, 0);
  });

  it('Server API: entry/set, entry/query, entry/remove', async () => {
    const [a] = await pair('kv7');
    assert.equal(
      (
        await t.api.call('/chatroom/entry/set.json', {
          chatroomId: 'kv7',
          userId: 'admin',
          key: 'notice',
          value: 'v1',
          autoDelete: 0,
        })
      ).code,
      200,
    );
    await waitForEvent(a, (e) => e.updatedEntries?.[0]?.key === 'notice');
    assert.equal(
      (await set(a, 'kv7', [{ key: 'notice', value: 'mine' }])).code,
      ErrorCode.CHATROOM_KV_OVERWRITE_INVALID,
    );
    const q = await t.api.call('/chatroom/entry/query.json', { chatroomId: 'kv7', keys: 'notice' });
    assert.deepEqual(
      q.keys.map((k: { key: string; value: string; userId: string }) => [k.key, k.value, k.userId]),
      [['notice', 'v1', 'admin']],
    );
    assert.equal(
      (await t.api.call('/chatroom/entry/set.json', { chatroomId: 'kv7', userId: 'admin', key: 'bad key', value: 'x' }))
        .code,
      1002,
    );
    assert.equal(
      (await t.api.call('/chatroom/entry/set.json', { chatroomId: 'missing', userId: 'admin', key: 'k', value: 'x' }))
        .code,
      23410,
    );
    assert.equal(
      (await t.api.call('/chatroom/entry/remove.json', { chatroomId: 'kv7', userId: 'admin', key: 'notice' })).code,
      200,
    );
    assert.equal(
      (await t.api.call('/chatroom/entry/remove.json', { chatroomId: 'kv7', userId: 'admin', key: 'notice' })).code,
      23427,
    );
  });
});
